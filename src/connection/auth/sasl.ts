import {connectionError} from '../../errors.js'
import type {SaslSettings} from '../properties.js'
import {type AwsSettings, defaultRegion, resolveCredentials} from './aws/credentials.js'
import {mskAuthPayload, regionFromHost} from './aws/msk-iam.js'
import type {AwsCredentials} from './aws/sigv4.js'
import {OAuthTokenProvider, describeSource} from './oauth.js'

/** What kafkajs's SASL authenticators hand a custom mechanism. */
interface AuthArgs {
  host: string
  port: number
  saslAuthenticate: (args: {request: {encode: () => Promise<Buffer>}; response?: unknown}) => Promise<unknown>
}

export interface SaslOptionsContext {
  /** Deadline for one token request, ms. */
  timeoutMs: number
  env?: NodeJS.ProcessEnv
  debug?: (line: string) => void
}

/** A SASL payload as kafkajs sends it: the mechanism's bytes behind an int32 length. */

function prefix(payload: Buffer): Buffer {
  const out = Buffer.alloc(4 + payload.length)
  out.writeInt32BE(payload.length, 0)
  payload.copy(out, 4)
  return out
}

const USER_AGENT = 'kctl'

/** kafkajs hands the response bytes (behind an int32 length) to `decode`, then `parse`. */
const RAW_RESPONSE = {decode: async (raw: Buffer) => raw, parse: async (raw: Buffer) => raw}

/** A rejection by the broker, named so toKctlError reports it as an authentication failure. */
function brokerRejected(mechanism: string, what: string, reason: string): Error {
  const e = new Error(`SASL ${mechanism} authentication failed: the broker rejected ${what}: ${reason}`)
  e.name = 'KafkaJSSASLAuthenticationError'
  return e
}

/** RFC 7628 client initial response: GS2 header, the bearer token, SASL extensions. */
export function oauthBearerMessage(token: string, extensions: Record<string, string> = {}): Buffer {
  const ext = Object.entries(extensions)
    .map(([k, v]) => `\u0001${k}=${v}`)
    .join('')
  return Buffer.from(`n,,\u0001auth=Bearer ${token}${ext}\u0001\u0001`, 'utf8')
}

/** kafkajs's `sasl` option for the resolved settings. */
export function saslOptions(sasl: SaslSettings, context: SaslOptionsContext): Record<string, unknown> {
  if (sasl.mechanism === 'oauthbearer') {
    const provider = new OAuthTokenProvider(sasl.oauth!, {timeoutMs: context.timeoutMs, debug: context.debug})
    return {
      mechanism: 'oauthbearer',
      authenticationProvider: ({saslAuthenticate}: AuthArgs) => ({
        async authenticate() {
          // Token-source failures are KctlErrors naming their step; they pass through as they are.
          const token = await provider.token()
          const what = `the token for ${token.principal} from ${describeSource(sasl.oauth!)}`
          let challenge: Buffer
          try {
            challenge = (await saslAuthenticate({
              request: {encode: async () => prefix(oauthBearerMessage(token.value, sasl.oauth!.extensions))},
              response: RAW_RESPONSE,
            })) as Buffer
          } catch (error) {
            throw brokerRejected('OAUTHBEARER', what, (error as Error).message)
          }
          if (challenge.length <= 4) return
          // RFC 7628 3.2.2: an error challenge (JSON status) is answered with a single %x01, after
          // which the broker ends the exchange with its error.
          const status = challenge.subarray(4).toString('utf8')
          try {
            await saslAuthenticate({request: {encode: async () => prefix(Buffer.from([1]))}})
          } catch {
            // The expected failure; its message is the generic one, the status says why.
          }
          throw brokerRejected(
            'OAUTHBEARER',
            what,
            `${status} (the broker's validator checks the signature against its JWKS, the expiry, the audience and the issuer)`,
          )
        },
      }),
    }
  }
  if (sasl.mechanism === 'aws_msk_iam') return mskIamOptions(sasl.aws!, context)
  if (sasl.tokenAuth) return delegationTokenOptions(sasl)
  return {mechanism: sasl.mechanism, username: sasl.username, password: sasl.password}
}

/** AWS_MSK_IAM as a custom kafkajs mechanism; credentials resolved once and renewed before expiry. */
function mskIamOptions(aws: AwsSettings, context: SaslOptionsContext): Record<string, unknown> {
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
    mechanism: 'AWS_MSK_IAM',
    authenticationProvider: ({host, saslAuthenticate}: AuthArgs) => ({
      async authenticate() {
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
          response = (await saslAuthenticate({
            request: {encode: async () => prefix(payload)},
            response: RAW_RESPONSE,
          })) as Buffer
        } catch (error) {
          throw brokerRejected(
            'AWS_MSK_IAM',
            `the signature of ${credentials.accessKeyId} (from ${credentials.source ?? 'AWS credentials'}) for region ${region}`,
            `${(error as Error).message}; check the IAM policy (kafka-cluster:Connect) and the clock`,
          )
        }
        if (response.length <= 4) throw brokerRejected('AWS_MSK_IAM', 'the signed payload', 'an empty answer')
      },
    }),
  }
}

/** kafkajs's SCRAM client (2.2.4, src/broker/saslAuthenticator/scram.js): the part kctl extends. */
interface KafkajsScram {
  authenticate(): Promise<void>
  firstMessageBare(): string
}
type KafkajsScramClass = new (
  sasl: {username: string; password: string},
  host: string,
  port: number,
  logger: unknown,
  saslAuthenticate: AuthArgs['saslAuthenticate'],
  digest: unknown,
) => KafkajsScram

/**
 * RFC 5802 client-first-message-bare with Kafka's token extension (KIP-48, ScramExtensions):
 * `n=TOKENID,r=NONCE,tokenauth=true`. The broker then checks the proof against the token's
 * credential (derived from its HMAC) and the session's principal is the token's owner.
 */
export const withTokenAuthExtension = (bare: string) => `${bare},tokenauth=true`

/**
 * SCRAM with a delegation token: kafkajs's SCRAM sends no extensions, so its client is extended to
 * add `tokenauth=true` to the first message (which the final proof signs, so both stay consistent).
 */
function delegationTokenOptions(sasl: SaslSettings): Record<string, unknown> {
  const sha512 = sasl.mechanism === 'scram-sha-512'
  return {
    mechanism: sasl.mechanism,
    username: sasl.username,
    password: sasl.password,
    authenticationProvider: ({host, port, saslAuthenticate, logger}: AuthArgs & {logger: unknown}) => ({
      async authenticate() {
        const {SCRAM, DIGESTS} = (await import('kafkajs/src/broker/saslAuthenticator/scram.js' as string)) as {
          SCRAM: KafkajsScramClass
          DIGESTS: Record<'SHA256' | 'SHA512', unknown>
        }
        class TokenScram extends SCRAM {
          firstMessageBare(): string {
            return withTokenAuthExtension(super.firstMessageBare())
          }
        }
        const digest = sha512 ? DIGESTS.SHA512 : DIGESTS.SHA256
        const client = new TokenScram(sasl, host, port, logger, saslAuthenticate, digest)
        try {
          await client.authenticate()
        } catch (error) {
          throw brokerRejected(
            sha512 ? 'SCRAM-SHA-512' : 'SCRAM-SHA-256',
            `delegation token ${sasl.username}`,
            `${(error as Error).message.replace(/^.*authentication failed: /, '')} (the token may be expired, unknown or its HMAC wrong)`,
          )
        }
      },
    }),
  }
}
