import type {KafkaConnection} from '../../connection/client.js'
import {KctlError, operationError} from '../../errors.js'
import {
  CreateDelegationTokenApi,
  type TokenPrincipal,
  createDelegationTokenRequest,
} from '../../protocol/create-delegation-token.js'
import {DescribeDelegationTokenApi, describeDelegationTokenRequest} from '../../protocol/describe-delegation-token.js'
import {errorName} from '../../protocol/error-codes.js'
import {ExpireDelegationTokenApi, expireDelegationTokenRequest} from '../../protocol/expire-delegation-token.js'
import {protocolErrorToKctl} from '../../protocol/protocol-error.js'
import {
  type DelegationTokenExpiryResponse,
  RenewDelegationTokenApi,
  renewDelegationTokenRequest,
} from '../../protocol/renew-delegation-token.js'

/** A delegation token as kctl shows it: never its HMAC (only `createToken` returns that, once). */
export interface DelegationToken {
  tokenId: string
  /** `Type:name`: whose identity the token carries. */
  owner: string
  /** Who created it (Kafka 3.3+; the owner on older brokers). */
  requester: string
  renewers: string[]
  issueTimestampMs: number
  /** When it expires unless renewed. */
  expiryTimestampMs: number
  /** No renewal reaches past this. */
  maxTimestampMs: number
}

export interface CreatedDelegationToken extends DelegationToken {
  /** Base64, what a client gives as the SCRAM password: a secret, returned only here. */
  hmac: string
}

const principalText = (p: TokenPrincipal) => `${p.principalType}:${p.principalName}`
const toPrincipal = (text: string): TokenPrincipal => {
  const i = text.indexOf(':')
  return {principalType: text.slice(0, i), principalName: text.slice(i + 1)}
}

/** What each token error means for the person who hit it. */
const HINTS: Record<string, string> = {
  DELEGATION_TOKEN_AUTH_DISABLED:
    'The cluster has no delegation.token.secret.key: set it (the same on every broker and controller) to enable tokens.',
  DELEGATION_TOKEN_REQUEST_NOT_ALLOWED:
    'Tokens are created, renewed and expired only over SASL (SCRAM, PLAIN, OAUTHBEARER) or mTLS, never over PLAINTEXT or with a token login: use a context such as one with security.protocol=SASL_SSL.',
  DELEGATION_TOKEN_NOT_FOUND: 'No token has this HMAC: check the file, or list tokens with `kctl tokens describe`.',
  DELEGATION_TOKEN_EXPIRED: 'The token has expired; create a new one with `kctl tokens create`.',
  DELEGATION_TOKEN_OWNER_MISMATCH: 'Only the owner or a renewer of the token may renew or expire it.',
  INVALID_PRINCIPAL_TYPE: 'Kafka accepts only User principals as token owners and renewers.',
}

function throwTokenError(errorCode: number, what: string): void {
  if (errorCode === 0) return
  const error = protocolErrorToKctl(errorCode, null, what)
  const hint = error.hint ?? HINTS[errorName(errorCode)]
  throw new KctlError(error.code, error.exitCode, error.message, {hint, details: error.details})
}

const toNumber = (ms: bigint) => Number(ms)

/** CreateDelegationToken on any broker (a KRaft broker forwards it to the active controller). */
export async function createToken(
  conn: KafkaConnection,
  options: {owner?: string; renewers: string[]; maxLifetimeMs?: number},
): Promise<CreatedDelegationToken> {
  const broker = await conn.anyBroker()
  const res = await conn.request(broker, CreateDelegationTokenApi, (v, Encoder) => {
    if (options.owner !== undefined && v < 3)
      throw operationError(`--owner-principal needs CreateDelegationToken v3 (Kafka 3.3+); the broker offers v${v}`, {
        code: 'UNSUPPORTED_VERSION',
        hint: 'Create the token as its owner instead.',
      })
    return createDelegationTokenRequest(
      v,
      {
        owner: options.owner === undefined ? null : toPrincipal(options.owner),
        renewers: options.renewers.map(toPrincipal),
        maxLifetimeMs: BigInt(options.maxLifetimeMs ?? -1),
      },
      Encoder,
    )
  })
  throwTokenError(res.errorCode, 'creating a delegation token')
  return {
    tokenId: res.tokenId,
    owner: principalText(res.owner),
    requester: principalText(res.requester),
    renewers: [...options.renewers].sort(),
    issueTimestampMs: toNumber(res.issueTimestampMs),
    expiryTimestampMs: toNumber(res.expiryTimestampMs),
    maxTimestampMs: toNumber(res.maxTimestampMs),
    hmac: res.hmac.toString('base64'),
  }
}

interface DescribedWithHmac extends DelegationToken {
  hmac: Buffer
}

async function describeWithHmac(conn: KafkaConnection, owners?: string[]): Promise<DescribedWithHmac[]> {
  const res = await conn.request(await conn.anyBroker(), DescribeDelegationTokenApi, (v, Encoder) =>
    describeDelegationTokenRequest(v, owners?.length ? owners.map(toPrincipal) : null, Encoder),
  )
  throwTokenError(res.errorCode, 'describing delegation tokens')
  return res.tokens
    .map((t) => ({
      tokenId: t.tokenId,
      owner: principalText(t.owner),
      requester: principalText(t.requester),
      renewers: t.renewers.map(principalText).sort(),
      issueTimestampMs: toNumber(t.issueTimestampMs),
      expiryTimestampMs: toNumber(t.expiryTimestampMs),
      maxTimestampMs: toNumber(t.maxTimestampMs),
      hmac: t.hmac,
    }))
    .sort((a, b) => a.owner.localeCompare(b.owner) || a.tokenId.localeCompare(b.tokenId))
}

/** Tokens the principal may see (its own, those it renews, all with DESCRIBE_TOKENS); never HMACs. */
export async function describeTokens(conn: KafkaConnection, owners?: string[]): Promise<DelegationToken[]> {
  return (await describeWithHmac(conn, owners)).map(({hmac: _hmac, ...token}) => token)
}

/** The token with this HMAC among those the principal may describe, or null. */
export async function findTokenByHmac(conn: KafkaConnection, hmac: Buffer): Promise<DelegationToken | null> {
  const found = (await describeWithHmac(conn)).find((t) => t.hmac.equals(hmac))
  if (!found) return null
  const {hmac: _hmac, ...token} = found
  return token
}

const expiry = (res: DelegationTokenExpiryResponse) => ({expiryTimestampMs: toNumber(res.expiryTimestampMs)})

/** RenewDelegationToken: `periodMs` undefined uses the broker's delegation.token.expiry.time.ms. */
export async function renewToken(
  conn: KafkaConnection,
  hmac: Buffer,
  periodMs?: number,
): Promise<{expiryTimestampMs: number}> {
  const res = await conn.request(await conn.anyBroker(), RenewDelegationTokenApi, (v, Encoder) =>
    renewDelegationTokenRequest(v, {hmac, renewPeriodMs: BigInt(periodMs ?? -1)}, Encoder),
  )
  throwTokenError(res.errorCode, 'renewing the delegation token')
  return expiry(res)
}

/** ExpireDelegationToken: `periodMs` undefined expires it now; else its expiry moves to now + period. */
export async function expireToken(
  conn: KafkaConnection,
  hmac: Buffer,
  periodMs?: number,
): Promise<{expiryTimestampMs: number}> {
  const res = await conn.request(await conn.anyBroker(), ExpireDelegationTokenApi, (v, Encoder) =>
    expireDelegationTokenRequest(v, {hmac, expiryTimePeriodMs: BigInt(periodMs ?? -1)}, Encoder),
  )
  throwTokenError(res.errorCode, 'expiring the delegation token')
  return expiry(res)
}

export const tokensService = {createToken, describeTokens, findTokenByHmac, renewToken, expireToken}
