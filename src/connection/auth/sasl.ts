import {randomBytes, createHash, createHmac, pbkdf2} from 'node:crypto'

import {connectionError} from '../../errors.js'
import type {SaslSettings} from '../properties.js'
import {type AwsSettings, defaultRegion, resolveCredentials} from './aws/credentials.js'
import {mskAuthPayload, regionFromHost} from './aws/msk-iam.js'
import type {AwsCredentials} from './aws/sigv4.js'
import {OAuthTokenProvider, describeSource} from './oauth.js'
import {type SaslMechanism, SaslAuthenticationError} from '../broker-connection.js'

export interface SaslOptionsContext {
  /** Deadline for one token request, ms. */
  timeoutMs: number
  env?: NodeJS.ProcessEnv
  debug?: (line: string) => void
}

const USER_AGENT = 'kctl'

/** A rejection by the broker, named so toKctlError reports it as an authentication failure. */
function brokerRejected(mechanism: string, what: string, reason: string): Error {
  return new SaslAuthenticationError(`SASL ${mechanism} authentication failed: the broker rejected ${what}: ${reason}`)
}

/** RFC 7628 client initial response: GS2 header, the bearer token, SASL extensions. */
export function oauthBearerMessage(token: string, extensions: Record<string, string> = {}): Buffer {
  const ext = Object.entries(extensions)
    .map(([k, v]) => `\u0001${k}=${v}`)
    .join('')
  return Buffer.from(`n,,\u0001auth=Bearer ${token}${ext}\u0001\u0001`, 'utf8')
}

/** The mechanism for the resolved settings; one per connection spec (tokens and credentials are shared). */
export function saslMechanism(sasl: SaslSettings, context: SaslOptionsContext): SaslMechanism {
  if (sasl.mechanism === 'oauthbearer') return oauthBearerMechanism(sasl, context)
  if (sasl.mechanism === 'aws_msk_iam') return mskIamMechanism(sasl.aws!, context)
  if (sasl.mechanism === 'plain') return plainMechanism(sasl)
  return scramMechanism(sasl)
}

/** RFC 4616: authorization identity (empty), NUL, user, NUL, password. */
function plainMechanism(sasl: SaslSettings): SaslMechanism {
  return {
    name: 'PLAIN',
    async authenticate({exchange}) {
      if (sasl.username == null || sasl.password == null)
        throw new SaslAuthenticationError('SASL Plain: Invalid username or password')
      try {
        await exchange(Buffer.from(`\u0000${sasl.username}\u0000${sasl.password}`, 'utf8'))
      } catch (error) {
        throw new SaslAuthenticationError(`SASL PLAIN authentication failed: ${(error as Error).message}`)
      }
    },
  }
}

function oauthBearerMechanism(sasl: SaslSettings, context: SaslOptionsContext): SaslMechanism {
  const provider = new OAuthTokenProvider(sasl.oauth!, {timeoutMs: context.timeoutMs, debug: context.debug})
  return {
    name: 'OAUTHBEARER',
    async authenticate({exchange}) {
      // Token-source failures are KctlErrors naming their step; they pass through as they are.
      const token = await provider.token()
      const what = `the token for ${token.principal} from ${describeSource(sasl.oauth!)}`
      let challenge: Buffer
      try {
        challenge = await exchange(oauthBearerMessage(token.value, sasl.oauth!.extensions))
      } catch (error) {
        throw brokerRejected('OAUTHBEARER', what, (error as Error).message)
      }
      if (challenge.length === 0) return
      // RFC 7628 3.2.2: an error challenge (JSON status) is answered with a single %x01, after
      // which the broker ends the exchange with its error.
      const status = challenge.toString('utf8')
      try {
        await exchange(Buffer.from([1]))
      } catch {
        // The expected failure; its message is the generic one, the status says why.
      }
      throw brokerRejected(
        'OAUTHBEARER',
        what,
        `${status} (the broker's validator checks the signature against its JWKS, the expiry, the audience and the issuer)`,
      )
    },
  }
}

/** AWS_MSK_IAM; credentials resolved once and renewed before expiry. */
function mskIamMechanism(aws: AwsSettings, context: SaslOptionsContext): SaslMechanism {
  const env = context.env ?? process.env
  let cached: {region: string; credentials: Promise<AwsCredentials>} | undefined
  const credentialsFor = (region: string) => {
    const expiring = async () => {
      const c = await cached!.credentials
      return c.expiresAt !== undefined && c.expiresAt - Date.now() < 5 * 60_000
    }
    return (async () => {
      if (cached && cached.region === region && !(await expiring())) return cached.credentials
      cached = {
        region,
        credentials: resolveCredentials(aws, {env, timeoutMs: context.timeoutMs, debug: context.debug}, region),
      }
      cached.credentials.catch(() => (cached = undefined))
      return cached.credentials
    })()
  }
  return {
    name: 'AWS_MSK_IAM',
    async authenticate({host, exchange}) {
      const region = aws.region ?? regionFromHost(host) ?? defaultRegion(aws, env)
      if (!region) {
        throw connectionError(`AWS_MSK_IAM: the region of ${host} is unknown`, {
          code: 'AWS_REGION_UNKNOWN',
          hint: "Use the brokers' MSK host names (…kafka.REGION.amazonaws.com) or export AWS_REGION.",
        })
      }
      const credentials = await credentialsFor(region)
      const payload = Buffer.from(JSON.stringify(mskAuthPayload(host, region, credentials, new Date(), USER_AGENT)))
      let response: Buffer
      try {
        response = await exchange(payload)
      } catch (error) {
        throw brokerRejected(
          'AWS_MSK_IAM',
          `the signature of ${credentials.accessKeyId} (from ${credentials.source ?? 'AWS credentials'}) for region ${region}`,
          `${(error as Error).message}; check the IAM policy (kafka-cluster:Connect) and the clock`,
        )
      }
      if (response.length === 0) throw brokerRejected('AWS_MSK_IAM', 'the signed payload', 'an empty answer')
    },
  }
}

/**
 * RFC 5802 client-first-message-bare with Kafka's token extension (KIP-48, ScramExtensions):
 * `n=TOKENID,r=NONCE,tokenauth=true`. The broker then checks the proof against the token's
 * credential (derived from its HMAC) and the session's principal is the token's owner.
 */
export const withTokenAuthExtension = (bare: string) => `${bare},tokenauth=true`

const SCRAM_DIGESTS = {
  'scram-sha-256': {hash: 'sha256', length: 32, label: 'SHA256'},
  'scram-sha-512': {hash: 'sha512', length: 64, label: 'SHA512'},
} as const
const SCRAM_MIN_ITERATIONS = 4096
const GS2_HEADER = 'n,,'

/** A SCRAM message's attributes (`r=…,s=…,i=…` or `v=…` / `e=…`). */
function scramAttributes(message: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const part of message.split(',')) {
    const m = /^([a-z])=(.*)$/.exec(part)
    if (m) out[m[1]] = m[2]
  }
  return out
}

/** SCRAM-SHA-256/512 (RFC 5802); with a delegation token, the `tokenauth=true` extension. */
function scramMechanism(sasl: SaslSettings): SaslMechanism {
  const digest = SCRAM_DIGESTS[sasl.mechanism as keyof typeof SCRAM_DIGESTS]
  const name = sasl.mechanism.toUpperCase()
  const prefix = `SASL SCRAM ${digest.label} authentication`
  return {
    name,
    async authenticate({exchange}) {
      if (sasl.username == null || sasl.password == null)
        throw new SaslAuthenticationError(`${prefix}: Invalid username or password`)
      try {
        await scramExchange(sasl.username, sasl.password, digest, Boolean(sasl.tokenAuth), exchange)
      } catch (error) {
        const reason = (error as Error).message
        if (sasl.tokenAuth) {
          throw brokerRejected(
            name,
            `delegation token ${sasl.username}`,
            `${reason} (the token may be expired, unknown or its HMAC wrong)`,
          )
        }
        throw new SaslAuthenticationError(`${prefix} failed: ${reason}`)
      }
    },
  }
}

async function scramExchange(
  username: string,
  password: string,
  digest: (typeof SCRAM_DIGESTS)[keyof typeof SCRAM_DIGESTS],
  tokenAuth: boolean,
  exchange: (bytes: Buffer) => Promise<Buffer>,
): Promise<void> {
  const nonce = randomBytes(16).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
  const user = username.replace(/=/g, '=3D').replace(/,/g, '=2C')
  const bare = `n=${user},r=${nonce}`
  const firstBare = tokenAuth ? withTokenAuthExtension(bare) : bare
  const serverFirst = (await exchange(Buffer.from(`${GS2_HEADER}${firstBare}`, 'utf8'))).toString('utf8')
  const first = scramAttributes(serverFirst)
  if (first.e) throw new Error(first.e)
  if (!first.r?.startsWith(nonce)) throw new Error('Invalid server nonce, it does not start with the client nonce')
  const iterations = Number.parseInt(first.i ?? '', 10)
  if (!(iterations >= SCRAM_MIN_ITERATIONS))
    throw new Error(`Requested iterations ${iterations} is less than the minimum ${SCRAM_MIN_ITERATIONS}`)
  const salted = await new Promise<Buffer>((resolve, reject) =>
    pbkdf2(password, Buffer.from(first.s ?? '', 'base64'), iterations, digest.length, digest.hash, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  )
  const hmac = (key: Buffer, data: string) => createHmac(digest.hash, key).update(data).digest()
  const withoutProof = `c=${Buffer.from(GS2_HEADER).toString('base64')},r=${first.r}`
  const authMessage = `${firstBare},${serverFirst},${withoutProof}`
  const clientKey = hmac(salted, 'Client Key')
  const storedKey = createHash(digest.hash).update(clientKey).digest()
  const signature = hmac(storedKey, authMessage)
  const proof = Buffer.from(clientKey.map((b, i) => b ^ signature[i])).toString('base64')
  const serverFinal = scramAttributes(
    (await exchange(Buffer.from(`${withoutProof},p=${proof}`, 'utf8'))).toString('utf8'),
  )
  if (serverFinal.e) throw new Error(serverFinal.e)
  if (serverFinal.v !== hmac(hmac(salted, 'Server Key'), authMessage).toString('base64'))
    throw new Error('Invalid server signature in server final message')
}
