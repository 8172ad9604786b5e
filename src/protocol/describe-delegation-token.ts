import type {TokenFields, TokenPrincipal} from './create-delegation-token.js'
import type {KafkaEncoder} from './kafkajs-internals.js'
import {versionedReader, versionedWriter} from './versioned.js'
import {type ApiSpec, type Reader, buildRequest, isFlexible} from './wire.js'

/** DescribeDelegationToken (API 41, KIP-48): v2 is the first flexible version, v3 adds the requester. */
export const DescribeDelegationTokenApi: ApiSpec = {
  apiKey: 41,
  apiName: 'DescribeDelegationToken',
  minVersion: 1,
  maxVersion: 3,
  flexibleVersion: 2,
}

/** `hmac` is kept only to find a token by it: kctl never shows a described token's HMAC. */
export interface DescribedToken extends TokenFields {
  renewers: TokenPrincipal[]
}

export interface DescribeDelegationTokenResponse {
  errorCode: number
  tokens: DescribedToken[]
  throttleTimeMs: number
}

/** `owners` null describes every token the principal may describe. */
export function encodeDescribeDelegationToken(e: KafkaEncoder, version: number, owners: TokenPrincipal[] | null): void {
  const w = versionedWriter(e, isFlexible(DescribeDelegationTokenApi, version))
  w.array(owners, (p) => {
    w.string(p.principalType)
    w.string(p.principalName)
    w.tags()
  })
  w.tags()
}

export function decodeDescribeDelegationToken(r: Reader, version: number): DescribeDelegationTokenResponse {
  const flexible = isFlexible(DescribeDelegationTokenApi, version)
  const v = versionedReader(flexible)
  const principal = (x: Reader): TokenPrincipal => ({principalType: v.string(x), principalName: v.string(x)})
  const errorCode = r.int16()
  const tokens = v.array(r, (t) => {
    const owner = principal(t)
    const requester = version >= 3 ? principal(t) : owner
    const issueTimestampMs = t.int64()
    const expiryTimestampMs = t.int64()
    const maxTimestampMs = t.int64()
    const tokenId = v.string(t)
    const hmac = Buffer.from(flexible ? (t.compactNullableBytes() ?? Buffer.alloc(0)) : t.bytes(t.int32()))
    const renewers = v.array(t, (p) => {
      const renewer = principal(p)
      v.tags(p)
      return renewer
    })
    v.tags(t)
    return {owner, requester, issueTimestampMs, expiryTimestampMs, maxTimestampMs, tokenId, hmac, renewers}
  })
  const throttleTimeMs = r.int32()
  v.tags(r)
  return {errorCode, tokens, throttleTimeMs}
}

export function describeDelegationTokenRequest(
  version: number,
  owners: TokenPrincipal[] | null,
  Encoder: new () => KafkaEncoder,
) {
  return buildRequest({
    api: DescribeDelegationTokenApi,
    version,
    Encoder,
    encode: (e) => encodeDescribeDelegationToken(e, version, owners),
    decode: (r) => decodeDescribeDelegationToken(r, version),
  })
}
