/**
 * SASL/OAUTHBEARER tokens as Kafka's Java client gets them: OIDC client credentials (KIP-768,
 * JAAS options or the Kafka 4.1+ top-level keys) or a token file (a `file:` token endpoint URL),
 * plus kctl's own sources: an environment variable or a command (for SSO helpers). Tokens are
 * cached and fetched again before they expire, following Java's refresh settings.
 */
import {execFile} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

import {KctlError, type KctlErrorCode, connectionError, usageError} from '../../errors.js'

export type OAuthSource = 'client_credentials' | 'file' | 'env' | 'command'

export interface OAuthSettings {
  source: OAuthSource
  tokenEndpoint?: string
  clientId?: string
  clientSecret?: string
  scope?: string
  /** SASL extensions (JAAS `extension_NAME=value`). */
  extensions: Record<string, string>
  /** sasl.oauthbearer.header.urlencode (KIP-1025): URL-encode the client id and secret in the Basic header. */
  headerUrlencode: boolean
  /** The token file, the environment variable or the command (by source). */
  location?: string
  refreshWindowFactor: number
  refreshBufferSeconds: number
  refreshMinPeriodSeconds: number
  connectTimeoutMs?: number
  readTimeoutMs?: number
  subClaimName: string
}

export interface OAuthToken {
  value: string
  /** ms since the epoch. */
  expiresAt: number
  refreshAt: number
  principal: string
}

const LOGIN_MODULE = 'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule'

/** Build OAuth settings from client properties (references already expanded). */
export function oauthSettings(
  props: Record<string, string>,
  jaasOptions: Record<string, string>,
  jaas: string | undefined,
): OAuthSettings {
  if (jaas !== undefined && !jaas.includes('OAuthBearerLoginModule')) {
    throw usageError(
      'sasl.mechanism is OAUTHBEARER but sasl.jaas.config does not use the OAuthBearerLoginModule',
      `Use sasl.jaas.config=${LOGIN_MODULE} required clientId="…" clientSecret="…";`,
      'CONFIG_INVALID',
    )
  }
  const num = (key: string, fallback: number) => {
    if (props[key] === undefined) return fallback
    const n = Number(props[key])
    if (!Number.isFinite(n) || n < 0)
      throw usageError(`${key} must be a non-negative number, got "${props[key]}"`, undefined, 'CONFIG_INVALID')
    return n
  }
  const extensions = Object.fromEntries(
    Object.entries(jaasOptions)
      .filter(([k]) => k.startsWith('extension_'))
      .map(([k, v]) => [k.slice('extension_'.length), v]),
  )
  const base = {
    extensions,
    headerUrlencode: (props['sasl.oauthbearer.header.urlencode'] ?? 'false').trim().toLowerCase() === 'true',
    refreshWindowFactor: num('sasl.login.refresh.window.factor', 0.8),
    refreshBufferSeconds: num('sasl.login.refresh.buffer.seconds', 300),
    refreshMinPeriodSeconds: num('sasl.login.refresh.min.period.seconds', 60),
    connectTimeoutMs: props['sasl.login.connect.timeout.ms'] ? num('sasl.login.connect.timeout.ms', 10_000) : undefined,
    readTimeoutMs: props['sasl.login.read.timeout.ms'] ? num('sasl.login.read.timeout.ms', 10_000) : undefined,
    subClaimName: props['sasl.oauthbearer.sub.claim.name'] ?? 'sub',
  }
  if (props['kctl.oauthbearer.token.env'])
    return {...base, source: 'env', location: props['kctl.oauthbearer.token.env']}
  if (props['kctl.oauthbearer.token.command'])
    return {...base, source: 'command', location: props['kctl.oauthbearer.token.command']}
  const retriever = (props['sasl.oauthbearer.jwt.retriever.class'] ?? '').trim()
  const endpoint = props['sasl.oauthbearer.token.endpoint.url']?.trim()
  if (retriever.endsWith('.FileJwtRetriever') || endpoint?.startsWith('file:')) {
    if (!endpoint?.startsWith('file:'))
      throw usageError(
        'FileJwtRetriever needs sasl.oauthbearer.token.endpoint.url=file:///path/to/token',
        undefined,
        'CONFIG_INVALID',
      )
    return {...base, source: 'file', tokenEndpoint: endpoint, location: fileURLToPath(endpoint)}
  }
  if (
    retriever !== '' &&
    !retriever.endsWith('.ClientCredentialsJwtRetriever') &&
    !retriever.endsWith('.DefaultJwtRetriever')
  ) {
    throw usageError(
      `sasl.oauthbearer.jwt.retriever.class ${retriever} is not supported`,
      'kctl supports client credentials (ClientCredentialsJwtRetriever), a token file (FileJwtRetriever), kctl.oauthbearer.token.env and kctl.oauthbearer.token.command.',
      'CONFIG_INVALID',
    )
  }
  if (!endpoint) {
    throw usageError(
      'sasl.mechanism is OAUTHBEARER but no token source is configured',
      "Set sasl.oauthbearer.token.endpoint.url (an OIDC token endpoint, or file:///path for a token file), or kctl.oauthbearer.token.env / kctl.oauthbearer.token.command. (Kafka's unsecured test tokens are not supported.)",
      'CONFIG_INVALID',
    )
  }
  if (!/^https?:\/\//i.test(endpoint))
    throw usageError(
      `sasl.oauthbearer.token.endpoint.url must be an http(s) or file URL, got "${endpoint}"`,
      undefined,
      'CONFIG_INVALID',
    )
  const clientId = props['sasl.oauthbearer.client.credentials.client.id'] ?? jaasOptions.clientId
  const clientSecret = props['sasl.oauthbearer.client.credentials.client.secret'] ?? jaasOptions.clientSecret
  if (!clientId || clientSecret === undefined) {
    throw usageError(
      'OAUTHBEARER client credentials need a client id and a client secret',
      `Give them in sasl.jaas.config=${LOGIN_MODULE} required clientId="…" clientSecret="…" scope="…"; or as sasl.oauthbearer.client.credentials.client.id / .client.secret (Kafka 4.1+).`,
      'CONFIG_INVALID',
    )
  }
  const scope = props['sasl.oauthbearer.scope'] ?? jaasOptions.scope
  return {
    ...base,
    source: 'client_credentials',
    tokenEndpoint: endpoint,
    clientId,
    clientSecret,
    ...(scope ? {scope} : {}),
  }
}

/** Where a token comes from, for messages (never a secret). */
export function describeSource(s: OAuthSettings): string {
  switch (s.source) {
    case 'client_credentials':
      return `the token endpoint ${s.tokenEndpoint} (client ${s.clientId})`
    case 'file':
      return `the token file ${s.location}`
    case 'env':
      return `the environment variable ${s.location}`
    case 'command':
      return `the token command (kctl.oauthbearer.token.command)`
  }
}

const tokenError = (step: string, message: string, hint?: string, code: KctlErrorCode = 'OAUTH_TOKEN_FAILED') =>
  connectionError(`OAUTHBEARER ${step}: ${message}`, {code, hint})

/** Decode a JWT's claims without verifying it (the broker verifies). */
export function jwtClaims(token: string): Record<string, unknown> {
  const parts = token.split('.')
  if (parts.length !== 3) throw new Error(`a JWT has three dot-separated parts; this token has ${parts.length}`)
  let claims: unknown
  try {
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'))
  } catch {
    throw new Error('the JWT payload is not base64url JSON')
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims))
    throw new Error('the JWT payload is not a JSON object')
  return claims as Record<string, unknown>
}

/** When to fetch again, as Java's login refresh: window factor, buffer and minimum period. */
export function refreshTime(
  now: number,
  issuedAt: number,
  expiresAt: number,
  s: Pick<OAuthSettings, 'refreshWindowFactor' | 'refreshBufferSeconds' | 'refreshMinPeriodSeconds'>,
): number {
  const lifetime = Math.max(0, expiresAt - issuedAt)
  let at = issuedAt + lifetime * s.refreshWindowFactor
  // Keep the buffer before expiry, unless that leaves less than the minimum period (or half the lifetime).
  if (expiresAt - at < s.refreshBufferSeconds * 1000)
    at = Math.max(
      expiresAt - s.refreshBufferSeconds * 1000,
      now + Math.min(s.refreshMinPeriodSeconds * 1000, lifetime / 2),
    )
  return Math.min(at, expiresAt)
}

/** Check a token the way Java's client validator does (JWT, sub and exp claims) and time its refresh. */
export function acceptToken(value: string, s: OAuthSettings, now = Date.now()): OAuthToken {
  const from = describeSource(s)
  let claims: Record<string, unknown>
  try {
    claims = jwtClaims(value.trim())
  } catch (error) {
    throw tokenError(
      'token check',
      `the token from ${from} is not a JWT: ${(error as Error).message}`,
      'The broker validates JWTs (RFC 7519); check the token source.',
      'OAUTH_TOKEN_INVALID',
    )
  }
  const exp = claims.exp
  if (typeof exp !== 'number')
    throw tokenError('token check', `the token from ${from} has no numeric exp claim`, undefined, 'OAUTH_TOKEN_INVALID')
  const sub = claims[s.subClaimName]
  if (typeof sub !== 'string' || sub === '')
    throw tokenError(
      'token check',
      `the token from ${from} has no ${s.subClaimName} claim`,
      'Set sasl.oauthbearer.sub.claim.name when the identity provider names the subject otherwise.',
      'OAUTH_TOKEN_INVALID',
    )
  const expiresAt = exp * 1000
  if (expiresAt <= now)
    throw tokenError(
      'token check',
      `the token from ${from} expired at ${new Date(expiresAt).toISOString()}`,
      undefined,
      'OAUTH_TOKEN_EXPIRED',
    )
  const issuedAt = typeof claims.iat === 'number' ? Math.min(claims.iat * 1000, now) : now
  return {value: value.trim(), expiresAt, refreshAt: refreshTime(now, issuedAt, expiresAt, s), principal: sub}
}

export interface TokenFetchOptions {
  /** Deadline for one token request, ms. */
  timeoutMs: number
  env?: NodeJS.ProcessEnv
  fetch?: typeof fetch
  debug?: (line: string) => void
}

const REAUTH_MARGIN_MS = 15_000

/** A cached token source: `token()` answers from the cache until the refresh time. */
export class OAuthTokenProvider {
  private current?: OAuthToken
  private pending?: Promise<OAuthToken>
  /** How many tokens were obtained (for --debug and tests). */
  fetched = 0

  constructor(
    readonly settings: OAuthSettings,
    private readonly options: TokenFetchOptions,
  ) {}

  async token(now = Date.now()): Promise<OAuthToken> {
    // kafkajs re-authenticates when less than 10 s of the broker session are left, and the broker
    // refuses re-authentications less than 1 s apart: a re-used token must outlive that margin.
    if (this.current && now < this.current.refreshAt && this.current.expiresAt - now > REAUTH_MARGIN_MS)
      return this.current
    this.pending ??= this.obtain().finally(() => (this.pending = undefined))
    this.current = await this.pending
    return this.current
  }

  private async obtain(): Promise<OAuthToken> {
    const raw = await this.raw()
    const token = acceptToken(raw, this.settings)
    this.fetched++
    this.options.debug?.(
      `oauthbearer: token #${this.fetched} for ${token.principal} from ${describeSource(this.settings)}, expires ${new Date(token.expiresAt).toISOString()}, refresh after ${new Date(token.refreshAt).toISOString()}`,
    )
    return token
  }

  private async raw(): Promise<string> {
    const s = this.settings
    switch (s.source) {
      case 'env': {
        const v = (this.options.env ?? process.env)[s.location!]
        if (!v)
          throw tokenError(
            'token from the environment',
            `${s.location} is not set or empty`,
            `Export ${s.location} with the access token.`,
            'OAUTH_TOKEN_MISSING',
          )
        return v
      }
      case 'file': {
        try {
          return readFileSync(s.location!, 'utf8')
        } catch (error) {
          throw tokenError(
            'token file',
            `cannot read ${s.location}: ${(error as Error).message}`,
            undefined,
            'OAUTH_TOKEN_MISSING',
          )
        }
      }
      case 'command':
        return this.runCommand(s.location!)
      case 'client_credentials':
        return this.clientCredentials()
    }
  }

  private runCommand(command: string): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile(
        '/bin/sh',
        ['-c', command],
        {timeout: this.options.timeoutMs, maxBuffer: 1 << 20, env: this.options.env ?? process.env},
        (error, stdout, stderr) => {
          if (error) {
            const why = (error as NodeJS.ErrnoException & {killed?: boolean}).killed
              ? `did not finish within ${this.options.timeoutMs}ms`
              : `failed (${error.code === undefined ? error.message : `exit ${error.code}`})`
            const detail = String(stderr).trim().split('\n').slice(-1)[0]
            reject(
              tokenError(
                'token command',
                `\`${command}\` ${why}${detail ? `: ${detail}` : ''}`,
                'Run the command yourself to see why; it must print the access token on stdout.',
                'OAUTH_TOKEN_COMMAND_FAILED',
              ),
            )
            return
          }
          const token = String(stdout).trim()
          if (!token)
            reject(
              tokenError(
                'token command',
                `\`${command}\` printed nothing`,
                'It must print the access token on stdout.',
                'OAUTH_TOKEN_COMMAND_FAILED',
              ),
            )
          else resolve(token)
        },
      )
    })
  }

  private async clientCredentials(): Promise<string> {
    const s = this.settings
    const url = s.tokenEndpoint!
    const enc = (v: string) => (s.headerUrlencode ? encodeURIComponent(v) : v)
    const body = new URLSearchParams({grant_type: 'client_credentials', ...(s.scope ? {scope: s.scope} : {})})
    const headers = {
      Authorization: `Basic ${Buffer.from(`${enc(s.clientId!)}:${enc(s.clientSecret!)}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
    }
    const timeoutMs = Math.min(this.options.timeoutMs, (s.connectTimeoutMs ?? 10_000) + (s.readTimeoutMs ?? 10_000))
    const doFetch = this.options.fetch ?? fetch
    const step = 'token request'
    let lastError: KctlError | undefined
    // Java retries I/O errors and 5xx answers with a short backoff; so does kctl, within the deadline.
    const deadline = Date.now() + timeoutMs
    for (let attempt = 0; attempt < 3; attempt++) {
      if (attempt > 0) {
        const wait = 100 * 2 ** attempt
        if (Date.now() + wait >= deadline) break
        await new Promise((r) => setTimeout(r, wait))
      }
      let response: Response
      try {
        response = await doFetch(url, {
          method: 'POST',
          headers,
          body: body.toString(),
          signal: AbortSignal.timeout(Math.max(100, deadline - Date.now())),
        })
      } catch (error) {
        const e = error as Error & {cause?: {code?: string; message?: string}}
        const why =
          e.name === 'TimeoutError'
            ? `no answer within ${timeoutMs}ms`
            : (e.cause?.code ?? e.cause?.message ?? e.message)
        lastError = tokenError(
          step,
          `cannot reach the token endpoint ${url}: ${why}`,
          'Check sasl.oauthbearer.token.endpoint.url and that the identity provider is reachable.',
          'OAUTH_TOKEN_ENDPOINT_UNREACHABLE',
        )
        continue
      }
      const text = await response.text().catch(() => '')
      let json: Record<string, unknown> | undefined
      try {
        json = JSON.parse(text) as Record<string, unknown>
      } catch {
        json = undefined
      }
      if (!response.ok) {
        const oauthError =
          typeof json?.error === 'string'
            ? ` ${json.error}${typeof json.error_description === 'string' ? ` (${json.error_description})` : ''}`
            : ''
        const err = tokenError(
          step,
          `the token endpoint ${url} answered HTTP ${response.status}${oauthError} for client ${s.clientId}`,
          response.status === 401 || json?.error === 'invalid_client'
            ? 'Check clientId and clientSecret (sasl.jaas.config, or sasl.oauthbearer.client.credentials.*).'
            : json?.error === 'invalid_scope'
              ? 'Check the scope (sasl.jaas.config scope=… or sasl.oauthbearer.scope).'
              : undefined,
          'OAUTH_TOKEN_REQUEST_FAILED',
        )
        if (response.status >= 500) {
          lastError = err
          continue
        }
        throw err
      }
      const token = json?.access_token
      if (typeof token !== 'string' || token === '')
        throw tokenError(
          step,
          `the token endpoint ${url} answered HTTP ${response.status} without an access_token`,
          undefined,
          'OAUTH_TOKEN_REQUEST_FAILED',
        )
      return token
    }
    throw (
      lastError ??
      tokenError(step, `no answer from ${url} within ${timeoutMs}ms`, undefined, 'OAUTH_TOKEN_ENDPOINT_UNREACHABLE')
    )
  }
}
