import {readFileSync} from 'node:fs'
import {dirname, resolve} from 'node:path'

import {usageError} from '../errors.js'
import type {AwsSettings} from './auth/aws/credentials.js'
import {type OAuthSettings, describeSource, oauthSettings} from './auth/oauth.js'
import {
  StoreError,
  checkPkcs12Keystore,
  detectFormat,
  jksKey,
  readJks,
  readPkcs12Certificates,
} from './auth/keystore.js'

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
    throw usageError(
      `Cannot read the client properties file ${path}: ${(error as Error).message}`,
      'Pass an existing file to --command-config.',
      'CONFIG_FILE_UNREADABLE',
    )
  }
  return parseProperties(text)
}

export type SecurityProtocol = 'PLAINTEXT' | 'SSL' | 'SASL_PLAINTEXT' | 'SASL_SSL'
export type SaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512' | 'oauthbearer' | 'aws_msk_iam'

export interface TlsSettings {
  ca?: string[]
  cert?: string
  key?: string
  /** A PKCS#12 keystore, given to Node's TLS as is. */
  pfx?: Buffer
  passphrase?: string
  /** false when ssl.endpoint.identification.algorithm is empty: the chain is still verified. */
  checkHostname: boolean
}

export interface SaslSettings {
  mechanism: SaslMechanism
  /** The user (PLAIN, SCRAM) or who logs in, for messages (OAUTHBEARER: the client id or token source). */
  username: string
  password: string
  /** SCRAM with a delegation token: username is the token id, password its HMAC (`tokenauth="true"`). */
  tokenAuth?: boolean
  oauth?: OAuthSettings
  aws?: AwsSettings
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
  'sasl.login.callback.handler.class',
  'sasl.login.refresh.window.factor',
  'sasl.login.refresh.window.jitter',
  'sasl.login.refresh.buffer.seconds',
  'sasl.login.refresh.min.period.seconds',
  'sasl.login.connect.timeout.ms',
  'sasl.login.read.timeout.ms',
  'sasl.login.retry.backoff.ms',
  'sasl.login.retry.backoff.max.ms',
  'sasl.oauthbearer.token.endpoint.url',
  'sasl.oauthbearer.scope',
  'sasl.oauthbearer.client.credentials.client.id',
  'sasl.oauthbearer.client.credentials.client.secret',
  'sasl.oauthbearer.jwt.retriever.class',
  'sasl.oauthbearer.header.urlencode',
  'sasl.oauthbearer.sub.claim.name',
  'sasl.oauthbearer.scope.claim.name',
  'sasl.client.callback.handler.class',
  'kctl.oauthbearer.token.env',
  'kctl.oauthbearer.token.command',
])

/** Keys whose values are secrets: never printed. */
export const SECRET_KEYS = new Set([
  'sasl.jaas.config',
  'ssl.keystore.key',
  'ssl.keystore.password',
  'ssl.key.password',
  'ssl.truststore.password',
  'sasl.oauthbearer.client.credentials.client.secret',
])

export function redactProperties(props: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, SECRET_KEYS.has(k) ? redactJaas(k, v) : v]))
}

function redactJaas(key: string, value: string): string {
  if (key !== 'sasl.jaas.config') return '[redacted]'
  return value.replace(
    /((?:password|clientSecret|awsRoleSecretAccessKey|awsRoleSessionToken)\s*=\s*)("[^"]*"|'[^']*'|\S+?)(?=\s|;|$)/gi,
    '$1"[redacted]"',
  )
}

/** Expand `${env:NAME}` and `${file:/path}` references so secrets can live outside the file. */
export function expandReferences(value: string, env: NodeJS.ProcessEnv = process.env): string {
  return value.replace(/\$\{(env|file):([^}]+)\}/g, (_, kind: string, ref: string) => {
    if (kind === 'env') {
      const v = env[ref]
      if (v === undefined)
        throw usageError(
          `Environment variable ${ref} (referenced as \${env:${ref}}) is not set`,
          `Export ${ref} or change the reference.`,
          'CONFIG_INVALID',
        )
      return v
    }
    try {
      return readFileSync(ref, 'utf8').trim()
    } catch (error) {
      throw usageError(
        `Cannot read ${ref} (referenced as \${file:${ref}}): ${(error as Error).message}`,
        undefined,
        'CONFIG_INVALID',
      )
    }
  })
}

const PROTOCOLS: SecurityProtocol[] = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL']

/**
 * Turn Kafka Java client properties into the settings kctl connects with.
 * `baseDir` resolves relative store paths (relative to the properties file, as operators expect).
 */
export function toClientSettings(
  rawProps: Record<string, string>,
  baseDir = process.cwd(),
  env: NodeJS.ProcessEnv = process.env,
): ClientSettings {
  const props = Object.fromEntries(Object.entries(rawProps).map(([k, v]) => [k, expandReferences(v, env)]))
  const warnings = Object.keys(props)
    .filter((k) => !KNOWN_KEYS.has(k))
    .sort()
    .map((k) => `Ignoring client property ${k}: kctl does not use it`)

  const protocol = (props['security.protocol'] ?? 'PLAINTEXT').trim().toUpperCase() as SecurityProtocol
  if (!PROTOCOLS.includes(protocol)) {
    throw usageError(
      `Unknown security.protocol "${props['security.protocol']}"`,
      `Use one of ${PROTOCOLS.join(', ')}.`,
      'CONFIG_INVALID',
    )
  }
  const settings: ClientSettings = {securityProtocol: protocol, warnings}
  if (props['client.id']) settings.clientId = props['client.id']
  if (props['bootstrap.servers']) settings.bootstrapServers = splitServers(props['bootstrap.servers'])
  if (props['request.timeout.ms']) {
    const n = Number(props['request.timeout.ms'])
    if (!Number.isInteger(n) || n <= 0)
      throw usageError(
        `request.timeout.ms must be a positive integer, got "${props['request.timeout.ms']}"`,
        undefined,
        'CONFIG_INVALID',
      )
    settings.requestTimeoutMs = n
  }
  if (protocol === 'SSL' || protocol === 'SASL_SSL') settings.tls = tlsSettings(props, baseDir, warnings)
  if (protocol === 'SASL_PLAINTEXT' || protocol === 'SASL_SSL') settings.sasl = saslSettings(props)
  return settings
}

export function splitServers(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
}

function tlsSettings(props: Record<string, string>, baseDir: string, warnings: string[]): TlsSettings {
  const storePath = (key: string) => resolve(baseDir, props[key])
  const readStore = (key: string) => {
    try {
      return readFileSync(storePath(key))
    } catch (error) {
      throw usageError(`Cannot read ${key} ${storePath(key)}: ${(error as Error).message}`, undefined, 'CONFIG_INVALID')
    }
  }
  const tls: TlsSettings = {checkHostname: (props['ssl.endpoint.identification.algorithm'] ?? 'https').trim() !== ''}
  if (props['ssl.truststore.certificates']) tls.ca = [props['ssl.truststore.certificates']]
  else if (props['ssl.truststore.location']) {
    const location = 'ssl.truststore.location'
    const buf = readStore(location)
    const format = detectFormat(buf)
    if (format !== 'PEM' && format !== 'PKCS12' && format !== 'JKS')
      unsupportedStore(location, storePath(location), format)
    tls.ca = withStore(location, storePath(location), () => trustedCertificates(buf, props['ssl.truststore.password']))
    if (tls.ca.length === 0)
      throw usageError(
        `${location} ${storePath(location)} holds no certificate`,
        'Import the CA: keytool -importcert -alias ca -file ca.pem -keystore <store>.',
        'CONFIG_INVALID',
      )
  }

  const keyPassword = props['ssl.key.password'] ?? props['ssl.keystore.password']
  if (props['ssl.keystore.key']) {
    tls.key = props['ssl.keystore.key']
    tls.cert = props['ssl.keystore.certificate.chain']
    if (!tls.cert)
      throw usageError(
        'ssl.keystore.key is set but ssl.keystore.certificate.chain is not',
        'Set both, or put key and chain in one PEM file at ssl.keystore.location.',
        'CONFIG_INVALID',
      )
  } else if (props['ssl.keystore.location']) {
    const location = 'ssl.keystore.location'
    const buf = readStore(location)
    const format = detectFormat(buf)
    if (format === 'PEM') {
      const pem = buf.toString('utf8')
      const key =
        /-----BEGIN (?:ENCRYPTED |RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:ENCRYPTED |RSA |EC )?PRIVATE KEY-----/.exec(
          pem,
        )
      const certs = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)
      if (!key || !certs) {
        throw usageError(
          `ssl.keystore.location ${props['ssl.keystore.location']} must hold a private key and its certificate chain in PEM`,
          'Concatenate the PKCS#8 key and the certificate chain into one file.',
          'CONFIG_INVALID',
        )
      }
      tls.key = key[0]
      tls.cert = certs.join('\n')
      if (keyPassword) tls.passphrase = keyPassword
    } else if (format === 'PKCS12') {
      // Node's TLS reads PKCS#12 itself; one password opens both the store and its key.
      const password = props['ssl.keystore.password'] ?? props['ssl.key.password']
      withStore(location, storePath(location), () => checkPkcs12Keystore(buf, password))
      tls.pfx = buf
      if (password !== undefined) tls.passphrase = password
    } else if (format === 'JKS') {
      withStore(location, storePath(location), () => {
        const store = readJks(buf, props['ssl.keystore.password'])
        if (store.keys.length === 0)
          throw new StoreError(
            'the JKS keystore has no private key entry',
            'Import the client key and its signed certificate chain (keytool -importcert -alias <key alias>).',
          )
        if (keyPassword === undefined)
          throw new StoreError(
            'the key password is not set',
            'Set ssl.key.password (or ssl.keystore.password when both are the same).',
          )
        if (store.keys.length > 1)
          warnings.push(
            `ssl.keystore.location holds ${store.keys.length} private keys; kctl uses the first, ${store.keys[0].alias}`,
          )
        tls.key = jksKey(store.keys[0], keyPassword)
        tls.cert = store.keys[0].chain.join('')
      })
    } else unsupportedStore(location, storePath(location), format)
  }
  return tls
}

function unsupportedStore(key: string, path: string, format: string): never {
  throw usageError(
    `${key} ${path} is a ${format} store; kctl reads JKS, PKCS12 and PEM`,
    `Convert it: keytool -importkeystore -srckeystore ${path} -srcstoretype ${format === 'JCEKS' ? 'JCEKS' : '<type>'} -destkeystore store.p12 -deststoretype PKCS12, then set ${key.replace('.location', '.type')}=PKCS12.`,
    'UNSUPPORTED_STORE_TYPE',
  )
}

function withStore<T>(key: string, path: string, read: () => T): T {
  try {
    return read()
  } catch (error) {
    if (error instanceof StoreError) throw usageError(`${key} ${path}: ${error.message}`, error.hint, 'CONFIG_INVALID')
    throw error
  }
}

/** The CA certificates of a truststore in any of the formats Java clients use. */
function trustedCertificates(buf: Buffer, password: string | undefined): string[] {
  const format = detectFormat(buf)
  if (format === 'PEM') return [buf.toString('utf8')]
  if (format === 'PKCS12') return readPkcs12Certificates(buf, password)
  if (format === 'JKS') {
    // As Java's trust manager: trusted-certificate entries and the certificates of key entries.
    const store = readJks(buf, password)
    return [...store.trusted.map((t) => t.pem), ...store.keys.flatMap((k) => k.chain.slice(0, 1))]
  }
  throw new StoreError(`it is a ${format} store`)
}

const MECHANISMS: Record<string, SaslMechanism> = {
  PLAIN: 'plain',
  'SCRAM-SHA-256': 'scram-sha-256',
  'SCRAM-SHA-512': 'scram-sha-512',
  OAUTHBEARER: 'oauthbearer',
  AWS_MSK_IAM: 'aws_msk_iam',
}

function saslSettings(props: Record<string, string>): SaslSettings {
  const name = (props['sasl.mechanism'] ?? 'GSSAPI').trim().toUpperCase()
  if (name === 'GSSAPI') {
    throw usageError(
      `sasl.mechanism ${props['sasl.mechanism'] ? 'GSSAPI' : 'is not set, so GSSAPI (Kerberos, the Java default)'} is not supported: Kerberos needs native libraries Node.js does not have`,
      "Use another listener of the cluster: OAUTHBEARER (OIDC), SCRAM-SHA-512/256, PLAIN over TLS, AWS_MSK_IAM, or mTLS (security.protocol=SSL); or run Kafka's own tools for Kerberos-only clusters.",
      'UNSUPPORTED_SASL_MECHANISM',
    )
  }
  const mechanism = MECHANISMS[name]
  if (!mechanism) {
    throw usageError(
      `sasl.mechanism ${name} is not supported`,
      `Use one of ${Object.keys(MECHANISMS).join(', ')}.`,
      'UNSUPPORTED_SASL_MECHANISM',
    )
  }
  const jaas = props['sasl.jaas.config']
  if (mechanism === 'oauthbearer') {
    const oauth = oauthSettings(props, jaas ? parseJaas(jaas) : {}, jaas)
    return {mechanism, username: oauth.clientId ?? describeSource(oauth), password: '', oauth}
  }
  if (mechanism === 'aws_msk_iam') {
    const aws = awsSettings(jaas)
    return {
      mechanism,
      username: aws.roleArn ?? (aws.profile ? `profile ${aws.profile}` : 'the default AWS credentials'),
      password: '',
      aws,
    }
  }
  if (!jaas)
    throw usageError(
      'sasl.jaas.config is missing',
      'Add e.g. sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="alice" password="…";',
      'CONFIG_INVALID',
    )
  const {username, password, tokenauth} = parseJaas(jaas)
  if (username === undefined || password === undefined) {
    throw usageError(
      'sasl.jaas.config has no username and password',
      'Give both: … required username="alice" password="…";',
      'CONFIG_INVALID',
    )
  }
  const tokenAuth = tokenauth?.toLowerCase() === 'true'
  if (tokenAuth && !mechanism.startsWith('scram'))
    throw usageError(
      `tokenauth="true" needs a SCRAM mechanism, not ${name}`,
      'Delegation tokens log in with sasl.mechanism=SCRAM-SHA-512 (or SCRAM-SHA-256): username="TOKEN-ID" password="HMAC" tokenauth="true".',
      'CONFIG_INVALID',
    )
  return {mechanism, username, password, ...(tokenAuth ? {tokenAuth} : {})}
}

/** IAMLoginModule options (aws-msk-iam-auth): a profile, a role to assume, explicit role credentials. */
function awsSettings(jaas: string | undefined): AwsSettings {
  if (jaas !== undefined && !jaas.includes('IAMLoginModule')) {
    throw usageError(
      'sasl.mechanism is AWS_MSK_IAM but sasl.jaas.config does not use the IAMLoginModule',
      'Use sasl.jaas.config=software.amazon.msk.auth.iam.IAMLoginModule required; (options: awsProfileName, awsRoleArn, awsRoleSessionName, awsStsRegion).',
      'CONFIG_INVALID',
    )
  }
  const o = jaas ? parseJaas(jaas) : {}
  const settings: AwsSettings = {}
  if (o.awsProfileName) settings.profile = o.awsProfileName
  if (o.awsRoleArn) settings.roleArn = o.awsRoleArn
  if (o.awsRoleSessionName) settings.roleSessionName = o.awsRoleSessionName
  if (o.awsRoleExternalId) settings.roleExternalId = o.awsRoleExternalId
  if (o.awsStsRegion) settings.stsRegion = o.awsStsRegion
  if (o.awsRoleAccessKeyId && o.awsRoleSecretAccessKey) {
    settings.roleCredentials = {
      accessKeyId: o.awsRoleAccessKeyId,
      secretAccessKey: o.awsRoleSecretAccessKey,
      sessionToken: o.awsRoleSessionToken,
      source: 'awsRoleAccessKeyId in sasl.jaas.config',
    }
  }
  return settings
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
