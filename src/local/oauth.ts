/**
 * The local secure cluster's OIDC identity provider: an RSA signing key, its JWKS and a token
 * endpoint (client credentials) on 127.0.0.1. Kafka's own OAuthBearerValidatorCallbackHandler
 * checks the tokens against the JWKS. For local testing only.
 */
import {createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, sign} from 'node:crypto'
import {readFileSync, writeFileSync} from 'node:fs'
import {type IncomingMessage, type Server, type ServerResponse, createServer} from 'node:http'
import {join} from 'node:path'

export const OAUTH_AUDIENCE = 'kafka'
/** Token lifetime unless the scope asks for another with `lifetime:SECONDS` (to try refreshes). */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600

export interface LocalOAuth {
  port: number
  pid: number | null
}

export const issuerUrl = (port: number) => `http://127.0.0.1:${port}`
export const tokenEndpointUrl = (port: number) => `${issuerUrl(port)}/oauth2/token`
export const jwksUrl = (port: number) => `${issuerUrl(port)}/oauth2/jwks`
const keyFile = (dir: string) => join(dir, 'oauth-signing-key.pem')

/** Make the signing key (mode 0600) once per cluster. */
export function createSigningKey(dir: string): void {
  const {privateKey} = generateKeyPairSync('rsa', {modulusLength: 2048})
  writeFileSync(keyFile(dir), privateKey.export({format: 'pem', type: 'pkcs8'}), {mode: 0o600})
}

export function signJwt(privateKeyPem: string, kid: string, claims: Record<string, unknown>): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')
  const input = `${enc({alg: 'RS256', typ: 'JWT', kid})}.${enc(claims)}`
  return `${input}.${sign('sha256', Buffer.from(input), createPrivateKey(privateKeyPem)).toString('base64url')}`
}

export function jwks(privateKeyPem: string, kid: string): {keys: Record<string, unknown>[]} {
  const jwk = createPublicKey(privateKeyPem).export({format: 'jwk'})
  return {keys: [{...jwk, kid, use: 'sig', alg: 'RS256'}]}
}

interface TokenServerOptions {
  port: number
  privateKeyPem: string
  /** client id -> secret. */
  clients: Record<string, string>
  now?: () => number
}

/** The HTTP server: POST /oauth2/token (client_credentials), GET /oauth2/jwks and OIDC discovery. */
export function tokenServer(options: TokenServerOptions): Server {
  const kid = 'kctl-local-1'
  const issuer = issuerUrl(options.port)
  const keys = jwks(options.privateKeyPem, kid)
  const reply = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, {'Content-Type': 'application/json', 'Cache-Control': 'no-store'})
    res.end(JSON.stringify(body))
  }
  const handle = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const path = (req.url ?? '').split('?')[0]
    if (req.method === 'GET' && path === '/oauth2/jwks') return reply(res, 200, keys)
    if (req.method === 'GET' && path === '/.well-known/openid-configuration') {
      return reply(res, 200, {
        issuer,
        token_endpoint: tokenEndpointUrl(options.port),
        jwks_uri: jwksUrl(options.port),
        grant_types_supported: ['client_credentials'],
      })
    }
    if (path !== '/oauth2/token') return reply(res, 404, {error: 'not_found'})
    if (req.method !== 'POST') return reply(res, 405, {error: 'invalid_request', error_description: 'POST only'})
    const form = new URLSearchParams(body)
    let clientId = form.get('client_id') ?? undefined
    let secret = form.get('client_secret') ?? undefined
    const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '')
    if (basic) {
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8')
      const colon = decoded.indexOf(':')
      clientId = decodeURIComponent(decoded.slice(0, colon))
      secret = decodeURIComponent(decoded.slice(colon + 1))
    }
    if (form.get('grant_type') !== 'client_credentials')
      return reply(res, 400, {
        error: 'unsupported_grant_type',
        error_description: 'Only client_credentials is supported',
      })
    if (!clientId || options.clients[clientId] === undefined || options.clients[clientId] !== secret) {
      return reply(res, 401, {error: 'invalid_client', error_description: 'Client authentication failed'})
    }
    const scope = form.get('scope') ?? OAUTH_AUDIENCE
    const asked = /(?:^|\s)lifetime:(\d+)(?:\s|$)/.exec(scope)
    const lifetime = asked ? Math.max(5, Number(asked[1])) : DEFAULT_TOKEN_LIFETIME_SECONDS
    const iat = Math.floor((options.now?.() ?? Date.now()) / 1000)
    const claims = {
      iss: issuer,
      sub: clientId,
      aud: OAUTH_AUDIENCE,
      scope,
      iat,
      nbf: iat,
      exp: iat + lifetime,
      jti: randomUUID(),
    }
    return reply(res, 200, {
      access_token: signJwt(options.privateKeyPem, kid, claims),
      token_type: 'Bearer',
      expires_in: lifetime,
      scope,
    })
  }
  return createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (d: string) => {
      body += d
      if (body.length > 65_536) req.destroy()
    })
    req.on('end', () => handle(req, res, body))
  })
}

/** Entry point of the detached token-server process: serve until killed. */
export function serveLocalTokens(dir: string, port: number): Server {
  const state = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as {users?: Record<string, string>}
  const server = tokenServer({port, privateKeyPem: readFileSync(keyFile(dir), 'utf8'), clients: state.users ?? {}})
  server.listen(port, '127.0.0.1')
  return server
}
