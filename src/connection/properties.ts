import {readFileSync} from 'node:fs'
import {dirname, resolve} from 'node:path'

import {usageError} from '../errors.js'

/**
 * Parse a Java `.properties` file: `key=value`, `key: value` or `key value`, `#`/`!` comments,
 * backslash line continuations and the escapes Java understands (\t \n \r \f \\ \uXXXX).
 */
export function parseProperties(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const rawLines = text.split(/\r\n|\r|\n/)
  for (let i = 0; i < rawLines.length; i++) {
    let line = rawLines[i].replace(/^[ \t\f]+/, '')
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue
    // An odd number of trailing backslashes continues the logical line.
    while (endsWithContinuation(line) && i + 1 < rawLines.length) {
      line = line.slice(0, -1) + rawLines[++i].replace(/^[ \t\f]+/, '')
    }
    if (endsWithContinuation(line)) line = line.slice(0, -1)
    let k = 0
    let key = ''
    while (k < line.length) {
      const c = line[k]
      if (c === '\\' && k + 1 < line.length) {
        key += line.slice(k, k + 2)
        k += 2
        continue
      }
      if (c === '=' || c === ':' || c === ' ' || c === '\t' || c === '\f') break
      key += c
      k++
    }
    let rest = line.slice(k).replace(/^[ \t\f]*/, '')
    if (rest.startsWith('=') || rest.startsWith(':')) rest = rest.slice(1).replace(/^[ \t\f]*/, '')
    out[unescape(key)] = unescape(rest)
  }
  return out
}

function endsWithContinuation(line: string): boolean {
  const m = /\\+$/.exec(line)
  return m !== null && m[0].length % 2 === 1
}

function unescape(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, e: string) => {
    if (e.length === 5) return String.fromCharCode(Number.parseInt(e.slice(1), 16))
    return ({t: '\t', n: '\n', r: '\r', f: '\f'} as Record<string, string>)[e] ?? e
  })
}

export function readPropertiesFile(path: string): Record<string, string> {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw usageError(`Cannot read the client properties file ${path}: ${(error as Error).message}`, 'Pass an existing file to --command-config.', 'CONFIG_FILE_UNREADABLE')
  }
  return parseProperties(text)
}

export type SecurityProtocol = 'PLAINTEXT' | 'SSL' | 'SASL_PLAINTEXT' | 'SASL_SSL'
export type SaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512'

export interface TlsSettings {
  ca?: string[]
  cert?: string
  key?: string
  passphrase?: string
  /** false when ssl.endpoint.identification.algorithm is empty: the chain is still verified. */
  checkHostname: boolean
}

export interface SaslSettings {
  mechanism: SaslMechanism
  username: string
  password: string
}

export interface ClientSettings {
  securityProtocol: SecurityProtocol
  tls?: TlsSettings
  sasl?: SaslSettings
  clientId?: string
  requestTimeoutMs?: number
  bootstrapServers?: string[]
  warnings: string[]
}

/** Keys kctl understands; anything else is reported, never silently misread. */
const KNOWN_KEYS = new Set([
  'bootstrap.servers',
  'security.protocol',
  'sasl.mechanism',
  'sasl.jaas.config',
  'ssl.truststore.location',
  'ssl.truststore.type',
  'ssl.truststore.certificates',
  'ssl.truststore.password',
  'ssl.keystore.location',
  'ssl.keystore.type',
  'ssl.keystore.key',
  'ssl.keystore.certificate.chain',
  'ssl.keystore.password',
  'ssl.key.password',
  'ssl.endpoint.identification.algorithm',
  'client.id',
  'request.timeout.ms',
])

/** Keys whose values are secrets: never printed. */
export const SECRET_KEYS = new Set(['sasl.jaas.config', 'ssl.keystore.key', 'ssl.keystore.password', 'ssl.key.password', 'ssl.truststore.password'])

export function redactProperties(props: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, SECRET_KEYS.has(k) ? redactJaas(k, v) : v]))
}

function redactJaas(key: string, value: string): string {
  if (key !== 'sasl.jaas.config') return '[redacted]'
  return value.replace(/(password\s*=\s*)("[^"]*"|\S+?)(?=\s|;|$)/gi, '$1"[redacted]"')
}

/** Expand `${env:NAME}` and `${file:/path}` references so secrets can live outside the file. */
export function expandReferences(value: string, env: NodeJS.ProcessEnv = process.env): string {
  return value.replace(/\$\{(env|file):([^}]+)\}/g, (_, kind: string, ref: string) => {
    if (kind === 'env') {
      const v = env[ref]
      if (v === undefined) throw usageError(`Environment variable ${ref} (referenced as \${env:${ref}}) is not set`, `Export ${ref} or change the reference.`, 'CONFIG_INVALID')
      return v
    }
    try {
      return readFileSync(ref, 'utf8').trim()
    } catch (error) {
      throw usageError(`Cannot read ${ref} (referenced as \${file:${ref}}): ${(error as Error).message}`, undefined, 'CONFIG_INVALID')
    }
  })
}

const PROTOCOLS: SecurityProtocol[] = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL']

/**
 * Turn Kafka Java client properties into the settings kctl connects with.
 * `baseDir` resolves relative store paths (relative to the properties file, as operators expect).
 */
export function toClientSettings(rawProps: Record<string, string>, baseDir = process.cwd()): ClientSettings {
  const props = Object.fromEntries(Object.entries(rawProps).map(([k, v]) => [k, expandReferences(v)]))
  const warnings = Object.keys(props)
    .filter((k) => !KNOWN_KEYS.has(k))
    .sort()
    .map((k) => `Ignoring client property ${k}: kctl does not use it`)

  const protocol = (props['security.protocol'] ?? 'PLAINTEXT').trim().toUpperCase() as SecurityProtocol
  if (!PROTOCOLS.includes(protocol)) {
    throw usageError(`Unknown security.protocol "${props['security.protocol']}"`, `Use one of ${PROTOCOLS.join(', ')}.`, 'CONFIG_INVALID')
  }
  const settings: ClientSettings = {securityProtocol: protocol, warnings}
  if (props['client.id']) settings.clientId = props['client.id']
  if (props['bootstrap.servers']) settings.bootstrapServers = splitServers(props['bootstrap.servers'])
  if (props['request.timeout.ms']) {
    const n = Number(props['request.timeout.ms'])
    if (!Number.isInteger(n) || n <= 0) throw usageError(`request.timeout.ms must be a positive integer, got "${props['request.timeout.ms']}"`, undefined, 'CONFIG_INVALID')
    settings.requestTimeoutMs = n
  }
  if (protocol === 'SSL' || protocol === 'SASL_SSL') settings.tls = tlsSettings(props, baseDir)
  if (protocol === 'SASL_PLAINTEXT' || protocol === 'SASL_SSL') settings.sasl = saslSettings(props)
  return settings
}

export function splitServers(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
}

function tlsSettings(props: Record<string, string>, baseDir: string): TlsSettings {
  const readPem = (key: string) => {
    const path = resolve(baseDir, props[key])
    try {
      return readFileSync(path, 'utf8')
    } catch (error) {
      throw usageError(`Cannot read ${key} ${path}: ${(error as Error).message}`, undefined, 'CONFIG_INVALID')
    }
  }
  const checkType = (key: 'ssl.truststore' | 'ssl.keystore') => {
    const type = (props[`${key}.type`] ?? '').toUpperCase()
    const location = props[`${key}.location`]
    const looksBinary = location !== undefined && /\.(jks|p12|pfx|keystore|truststore)$/i.test(location)
    if (type === 'JKS' || type === 'PKCS12' || (type === '' && looksBinary)) {
      const store = key.split('.')[1]
      throw usageError(
        `${key}.location ${location ?? ''} is a ${type || 'JKS/PKCS12'} store; kctl reads PEM only`,
        store === 'truststore'
          ? `Convert it: keytool -exportcert -rfc -keystore ${location} -alias <ca-alias> > ca.pem, then set ${key}.location=ca.pem and ${key}.type=PEM.`
          : `Convert it: keytool -importkeystore -srckeystore ${location} -destkeystore client.p12 -deststoretype PKCS12, then openssl pkcs12 -in client.p12 -nodes > client.pem (key + chain), and set ${key}.location=client.pem and ${key}.type=PEM.`,
        'UNSUPPORTED_STORE_TYPE',
      )
    }
  }
  checkType('ssl.truststore')
  checkType('ssl.keystore')

  const tls: TlsSettings = {checkHostname: (props['ssl.endpoint.identification.algorithm'] ?? 'https').trim() !== ''}
  if (props['ssl.truststore.certificates']) tls.ca = [props['ssl.truststore.certificates']]
  else if (props['ssl.truststore.location']) tls.ca = [readPem('ssl.truststore.location')]

  if (props['ssl.keystore.key']) {
    tls.key = props['ssl.keystore.key']
    tls.cert = props['ssl.keystore.certificate.chain']
    if (!tls.cert) throw usageError('ssl.keystore.key is set but ssl.keystore.certificate.chain is not', 'Set both, or put key and chain in one PEM file at ssl.keystore.location.', 'CONFIG_INVALID')
  } else if (props['ssl.keystore.location']) {
    const pem = readPem('ssl.keystore.location')
    const key = /-----BEGIN (?:ENCRYPTED |RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:ENCRYPTED |RSA |EC )?PRIVATE KEY-----/.exec(pem)
    const certs = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)
    if (!key || !certs) {
      throw usageError(`ssl.keystore.location ${props['ssl.keystore.location']} must hold a private key and its certificate chain in PEM`, 'Concatenate the PKCS#8 key and the certificate chain into one file.', 'CONFIG_INVALID')
    }
    tls.key = key[0]
    tls.cert = certs.join('\n')
  }
  const passphrase = props['ssl.key.password'] ?? props['ssl.keystore.password']
  if (passphrase && tls.key) tls.passphrase = passphrase
  return tls
}

const MECHANISMS: Record<string, SaslMechanism> = {PLAIN: 'plain', 'SCRAM-SHA-256': 'scram-sha-256', 'SCRAM-SHA-512': 'scram-sha-512'}

function saslSettings(props: Record<string, string>): SaslSettings {
  const name = (props['sasl.mechanism'] ?? 'GSSAPI').trim().toUpperCase()
  const mechanism = MECHANISMS[name]
  if (!mechanism) {
    throw usageError(`sasl.mechanism ${name} is not supported`, `Use one of ${Object.keys(MECHANISMS).join(', ')} (GSSAPI and OAUTHBEARER are not supported yet).`, 'CONFIG_INVALID')
  }
  const jaas = props['sasl.jaas.config']
  if (!jaas) throw usageError('sasl.jaas.config is missing', 'Add e.g. sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="alice" password="…";', 'CONFIG_INVALID')
  const {username, password} = parseJaas(jaas)
  if (username === undefined || password === undefined) {
    throw usageError('sasl.jaas.config has no username and password', 'Give both: … required username="alice" password="…";', 'CONFIG_INVALID')
  }
  return {mechanism, username, password}
}

/** Read `username` and `password` options out of a JAAS login module line. */
export function parseJaas(jaas: string): Record<string, string> {
  const out: Record<string, string> = {}
  const re = /([A-Za-z_][\w.]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s;]+))/g
  for (let m = re.exec(jaas); m; m = re.exec(jaas)) out[m[1]] = m[2] === undefined ? m[3] : m[2].replace(/\\(.)/g, '$1')
  return out
}

export function propertiesBaseDir(path: string): string {
  return dirname(resolve(path))
}
