import type {KafkaEncoder} from './kafkajs-internals.js'
import {versionedReader, versionedWriter} from './versioned.js'
import {type ApiSpec, type Reader, buildRequest, isFlexible, int64} from './wire.js'

/** CreateDelegationToken (API 38, KIP-48): v2 is the first flexible version, v3 adds an owner (KIP-373). */
export const CreateDelegationTokenApi: ApiSpec = {
  apiKey: 38,
  apiName: 'CreateDelegationToken',
  minVersion: 1,
  maxVersion: 3,
  flexibleVersion: 2,
}

export interface TokenPrincipal {
  principalType: string
  principalName: string
}

export interface CreateDelegationTokenRequest {
  /** v3+: create the token for this principal (needs CREATE_TOKENS on the user resource). */
  owner: TokenPrincipal | null
  renewers: TokenPrincipal[]
  /** -1: the broker's delegation.token.max.lifetime.ms. */
  maxLifetimeMs: bigint
}

/** A token's fields as Create and Describe answer them. */
export interface TokenFields {
  owner: TokenPrincipal
  /** v3+; the owner before v3. */
  requester: TokenPrincipal
  issueTimestampMs: bigint
  expiryTimestampMs: bigint
  maxTimestampMs: bigint
  tokenId: string
  hmac: Buffer
}

export interface CreateDelegationTokenResponse extends TokenFields {
  errorCode: number
  throttleTimeMs: number
}

export function encodeCreateDelegationToken(e: KafkaEncoder, version: number, req: CreateDelegationTokenRequest): void {
  const w = versionedWriter(e, isFlexible(CreateDelegationTokenApi, version))
  if (version >= 3) {
    w.string(req.owner?.principalType ?? null)
    w.string(req.owner?.principalName ?? null)
  }
  w.array(req.renewers, (p) => {
    w.string(p.principalType)
    w.string(p.principalName)
    w.tags()
  })
  int64(e, req.maxLifetimeMs)
  w.tags()
}

export function decodeCreateDelegationToken(r: Reader, version: number): CreateDelegationTokenResponse {
  const flexible = isFlexible(CreateDelegationTokenApi, version)
  const v = versionedReader(flexible)
  const errorCode = r.int16()
  const owner = {principalType: v.string(r), principalName: v.string(r)}
  const requester = version >= 3 ? {principalType: v.string(r), principalName: v.string(r)} : owner
  const issueTimestampMs = r.int64()
  const expiryTimestampMs = r.int64()
  const maxTimestampMs = r.int64()
  const tokenId = v.string(r)
  const hmac = flexible ? (r.compactNullableBytes() ?? Buffer.alloc(0)) : r.bytes(r.int32())
  const throttleTimeMs = r.int32()
  v.tags(r)
  return {
    errorCode,
    owner,
    requester,
    issueTimestampMs,
    expiryTimestampMs,
    maxTimestampMs,
    tokenId,
    hmac: Buffer.from(hmac),
    throttleTimeMs,
  }
}

export function createDelegationTokenRequest(
  version: number,
  req: CreateDelegationTokenRequest,
  Encoder: new () => KafkaEncoder,
) {
  return buildRequest({
    api: CreateDelegationTokenApi,
    version,
    Encoder,
    encode: (e) => encodeCreateDelegationToken(e, version, req),
    decode: (r) => decodeCreateDelegationToken(r, version),
  })
}
