/**
 * The one error model. Every failure kctl reports is a KctlError with a stable `code`
 * (part of the JSON contract), an exit code from commands.md and an optional hint.
 * Foreign errors (kafkajs, Node, oclif parse errors) are translated once, in toKctlError.
 */

import {type KctlErrorCode, kafkaErrorCode} from './error-codes.js'

export {ERROR_CODES, type KctlErrorCode, kafkaErrorCode} from './error-codes.js'

export const ExitCode = {
  ok: 0,
  failed: 1,
  usage: 2,
  checkFailed: 3,
  connection: 4,
  cancelled: 130,
} as const
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode]

export interface KctlErrorOptions {
  hint?: string
  /** Safe to retry as-is (a transient broker condition). */
  retriable?: boolean
  /** Extra machine-readable details for the JSON error object. */
  details?: Record<string, unknown>
  cause?: unknown
}

export class KctlError extends Error {
  readonly code: KctlErrorCode
  readonly exitCode: ExitCodeValue
  readonly hint?: string
  readonly retriable: boolean
  readonly details?: Record<string, unknown>

  constructor(code: KctlErrorCode, exitCode: ExitCodeValue, message: string, options: KctlErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : {cause: options.cause})
    this.name = 'KctlError'
    this.code = code
    this.exitCode = exitCode
    this.hint = options.hint
    this.retriable = options.retriable ?? false
    this.details = options.details
  }

  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      exitCode: this.exitCode,
      message: this.message,
      ...(this.hint ? {hint: this.hint} : {}),
      ...(this.details ? {details: this.details} : {}),
    }
  }
}

/** Bad input detected before anything was sent: exit 2. */
export const usageError = (
  message: string,
  hint?: string,
  code: KctlErrorCode = 'INVALID_INPUT',
  details?: Record<string, unknown>,
) => new KctlError(code, ExitCode.usage, message, {hint, details})

/** The operation failed on the cluster: exit 1. */
export const operationError = (message: string, options: KctlErrorOptions & {code?: KctlErrorCode} = {}) =>
  new KctlError(options.code ?? 'OPERATION_FAILED', ExitCode.failed, message, options)

/** A check (lag threshold, health) did not pass: exit 3. */
export const checkFailedError = (message: string, details?: Record<string, unknown>) =>
  new KctlError('CHECK_FAILED', ExitCode.checkFailed, message, {details})

export const cancelledError = (message = 'Cancelled') => new KctlError('CANCELLED', ExitCode.cancelled, message)

export const connectionError = (message: string, options: KctlErrorOptions & {code?: KctlErrorCode} = {}) =>
  new KctlError(options.code ?? 'CONNECTION_FAILED', ExitCode.connection, message, options)

/** Kafka error types that mean "you are not allowed to", mapped to the operation they deny. */
const AUTHORIZATION_TYPES: Record<string, string> = {
  TOPIC_AUTHORIZATION_FAILED: 'topic',
  GROUP_AUTHORIZATION_FAILED: 'group',
  CLUSTER_AUTHORIZATION_FAILED: 'cluster',
  TRANSACTIONAL_ID_AUTHORIZATION_FAILED: 'transactional id',
  DELEGATION_TOKEN_AUTHORIZATION_FAILED: 'delegation token',
  SECURITY_DISABLED: 'security',
}

interface ForeignError {
  name?: string
  message?: string
  type?: string
  hint?: string
  code?: number | string
  retriable?: boolean
  cause?: unknown
  originalError?: unknown
  broker?: string
  host?: string
  port?: number
}

const isObject = (v: unknown): v is ForeignError => typeof v === 'object' && v !== null

/** Walk kafkajs's retry wrappers down to the error that really happened. */
export function rootCause(err: unknown): unknown {
  let current = err
  for (let i = 0; i < 10 && isObject(current); i++) {
    const next =
      current.originalError ??
      (current.name === 'KafkaJSNumberOfRetriesExceeded' || current.name === 'KafkaJSNonRetriableError'
        ? current.cause
        : undefined)
    if (!next) break
    current = next
  }
  return current
}

/**
 * Describe the request a kafkajs error came from, if the caller knows (e.g. "read topic orders").
 * Used to say which operation was denied.
 */
export function toKctlError(err: unknown, context: {operation?: string; address?: string} = {}): KctlError {
  if (err instanceof KctlError) return err
  const root = rootCause(err)
  // A KctlError thrown inside kafkajs (e.g. by a SASL token provider) keeps its own message and code.
  if (root instanceof KctlError) return root
  const e = isObject(root) ? root : {message: String(root)}
  const outer = isObject(err) ? err : e
  const name = e.name ?? ''
  const message = e.message ?? String(root)

  if (name === 'SaslAuthenticationError' || /SASL .*authentication failed|Authentication failed/i.test(message)) {
    return connectionError(
      `Authentication failed${context.address ? ` at ${context.address}` : ''}: ${cleanSaslMessage(message)}`,
      {
        code: 'AUTHENTICATION_FAILED',
        hint: /OAUTHBEARER/.test(message)
          ? "Check the token's issuer, audience, subject and expiry against the broker's OAuth settings (sasl.oauthbearer.expected.*, its JWKS)."
          : 'Check the username, password and SASL mechanism (sasl.mechanism, sasl.jaas.config) of the context or --command-config file.',
        cause: err,
      },
    )
  }

  if (typeof e.type === 'string' && AUTHORIZATION_TYPES[e.type]) {
    const what = context.operation ?? `a ${AUTHORIZATION_TYPES[e.type]} operation`
    return connectionError(`Not authorized: the cluster denied ${what} (${e.type})`, {
      code: 'AUTHORIZATION_FAILED',
      hint: 'Ask an administrator for an ACL that allows it, e.g. `kctl acls create --allow-principal User:<you> --operation <op> ...`.',
      details: {kafkaError: e.type},
      cause: err,
    })
  }

  const tlsHint = tlsProblemHint(message)
  if (tlsHint) {
    const where = context.address ?? (e.broker || (e.host ? `${e.host}:${e.port}` : undefined))
    return connectionError(
      `TLS handshake failed${where ? ` with ${where}` : ''}: ${message
        .replace(/^Connection error: /, '')
        .replace(/^[0-9A-F]+:error:[0-9A-F]+:SSL routines:[^:]*:/, '')
        .split(':../deps/')[0]
        .trim()}`,
      {
        code: 'TLS_FAILED',
        hint: tlsHint,
        cause: err,
      },
    )
  }

  const notKafka = /not a Kafka broker: (.*)$/.exec(message)
  if (notKafka) {
    const where = context.address ?? (e.broker || (e.host ? `${e.host}:${e.port}` : undefined))
    return connectionError(
      `${where ?? 'The server'} is not a Kafka broker: it answered ${notKafka[1].replace(/^it answered /, '')}`,
      {
        code: 'NOT_KAFKA',
        hint: "Check the port: --bootstrap-server needs a Kafka listener (see the brokers' listeners / advertised.listeners), not an HTTP or other service.",
        cause: err,
      },
    )
  }

  if (
    name === 'KafkaConnectionError' ||
    name === 'KafkaConnectionClosedError' ||
    name === 'KafkaRequestTimeoutError' ||
    /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|Connection timeout|Closed connection/i.test(message)
  ) {
    const where = context.address ?? (e.broker || (e.host ? `${e.host}:${e.port}` : undefined))
    return connectionError(`Cannot connect to Kafka${where ? ` at ${where}` : ''}: ${message}`, {
      hint: "Check --bootstrap-server (or the context), that the brokers are up and reachable, and the listener's security protocol.",
      retriable: true,
      cause: err,
    })
  }

  if (
    /self[- ]signed certificate|unable to verify|certificate|Hostname\/IP does not match|SSL|TLS|wrong version number/i.test(
      message,
    ) &&
    /cert|ssl|tls|hostname|version number/i.test(message)
  ) {
    return connectionError(`TLS handshake failed${context.address ? ` with ${context.address}` : ''}: ${message}`, {
      code: 'TLS_FAILED',
      hint: 'Check ssl.truststore.location (the CA that signed the broker certificate), the client certificate, and ssl.endpoint.identification.algorithm.',
      cause: err,
    })
  }

  if (typeof e.type === 'string') {
    // A protocol error's hint (e.g. "needs Kafka 3.8") is kept: it may sit on the root or on a wrapper.
    const hint = e.hint ?? (isObject(err) ? err.hint : undefined)
    return operationError(`${message} (${e.type})`, {
      code: kafkaErrorCode(e.type),
      hint,
      retriable: Boolean(e.retriable),
      cause: err,
    })
  }

  const msg = outer === e ? message : `${outer.message ?? message}`
  return operationError(msg, {code: 'UNEXPECTED', cause: err})
}

/** What to set for each TLS failure Node reports, naming the Java client property. */
export function tlsProblemHint(message: string): string | undefined {
  if (/alert bad certificate|certificate required|alert number (42|116)|alert unknown ca/i.test(message)) {
    return 'The listener requires a client certificate it trusts: set ssl.keystore.location (PEM: the key and its certificate chain), or ssl.keystore.key and ssl.keystore.certificate.chain.'
  }
  if (/Hostname\/IP does not match|altnames/i.test(message)) {
    return 'The broker certificate does not name this host: use a bootstrap address the certificate lists, or set ssl.endpoint.identification.algorithm= (empty) to skip the hostname check (the chain is still verified).'
  }
  if (
    /unable to verify|self[- ]signed certificate|unable to get local issuer|certificate has expired|certificate is not yet valid|UNABLE_TO_VERIFY|DEPTH_ZERO_SELF_SIGNED/i.test(
      message,
    )
  ) {
    return 'The broker certificate is not signed by a CA kctl trusts: set ssl.truststore.location (with ssl.truststore.type=PEM) to the CA that signed it.'
  }
  if (/wrong version number|packet length too long|unknown protocol|record layer failure/i.test(message)) {
    return 'The listener does not speak TLS: check security.protocol (PLAINTEXT or SASL_PLAINTEXT for a plain listener) and the port.'
  }
  return undefined
}

function cleanSaslMessage(message: string): string {
  // kafkajs repeats "SASL PLAIN authentication failed: " before the broker's own reason.
  return message.replace(/^SASL \S+ authentication failed: /i, '')
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001B\[[0-9;]*m/g

/**
 * An oclif parse error (unknown flag, missing or unexpected argument, bad option value, flag
 * constraints) as a usage error: one line with the reason, the missing arguments named, the
 * nearest flag for an unknown one, and where to look.
 */
export function parseErrorToKctl(
  err: Error & {args?: {name?: string}[]; flags?: string[]},
  context: {
    command: string
    flagNames?: readonly string[]
    closest?: (word: string, candidates: readonly string[]) => string | undefined
  },
): KctlError {
  const help = `See \`${context.command} --help\`.`
  const lines = (err.message ?? '')
    .replace(ANSI, '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^The following errors? occurred:?$/.test(l) && !/^See more help with --help$/.test(l))
  const first = lines[0] ?? ''
  if (/^Missing \d+ required args?/.test(first)) {
    const names = (err.args ?? []).map((a) => a.name).filter((n): n is string => Boolean(n))
    const named =
      names.length > 0
        ? names.map((n) => n.toUpperCase()).join(', ')
        : lines
            .slice(1)
            .map((l) => l.split(/\s+/)[0].toUpperCase())
            .join(', ')
    return usageError(`Missing required argument${names.length === 1 ? '' : 's'}: ${named}`, help, 'INVALID_ARGUMENTS')
  }
  if (/^Nonexistent flags?:/.test(first) && context.flagNames && context.closest) {
    const unknown = (err.flags ?? first.replace(/^Nonexistent flags?:\s*/, '').split(/,\s*/)).map((f) =>
      f.replace(/^-+/, '').replace(/=.*$/, ''),
    )
    const near = unknown.map((f) => context.closest!(f, context.flagNames!)).filter((f): f is string => f !== undefined)
    if (near.length > 0)
      return usageError(first, `Did you mean ${near.map((f) => `--${f}`).join(', ')}? ${help}`, 'INVALID_ARGUMENTS')
  }
  // oclif says "Parsing --flag" and gives the reason on the next line: keep both on one line.
  const reason =
    /^Parsing --/.test(first) && lines[1]
      ? `${first}: ${lines[1]}`
      : lines.length > 1 && !/^Missing/.test(first)
        ? lines.join('; ')
        : first
  return usageError((reason || 'Invalid arguments').replace(/^\s*Error:\s*/, '').trim(), help, 'INVALID_ARGUMENTS')
}
