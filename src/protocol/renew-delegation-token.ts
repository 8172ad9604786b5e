import type {KafkaEncoder} from './kafkajs-internals.js'
import {type ApiSpec, type Reader, buildRequest, isFlexible, flex, int64, uvarint} from './wire.js'

/** RenewDelegationToken (API 39, KIP-48): v2 is the first flexible version. */
export const RenewDelegationTokenApi: ApiSpec = {
  apiKey: 39,
  apiName: 'RenewDelegationToken',
  minVersion: 1,
  maxVersion: 2,
  flexibleVersion: 2,
}

/** The answer of Renew and Expire (the same fields). */
export interface DelegationTokenExpiryResponse {
  errorCode: number
  expiryTimestampMs: bigint
  throttleTimeMs: number
}

/** The request of Renew and Expire (`api`, the same versions): the token's HMAC and a period in ms. */
export function encodeTokenHmacPeriod(
  e: KafkaEncoder,
  version: number,
  hmac: Buffer,
  periodMs: bigint,
  api: ApiSpec = RenewDelegationTokenApi,
): void {
  const flexible = isFlexible(api, version)
  if (flexible) {
    uvarint(e, hmac.length + 1)
    e.writeBuffer(hmac)
  } else e.writeBytes(hmac)
  int64(e, periodMs)
  if (flexible) flex.tags(e)
}

export function decodeDelegationTokenExpiry(
  r: Reader,
  version: number,
  api: ApiSpec = RenewDelegationTokenApi,
): DelegationTokenExpiryResponse {
  const res = {errorCode: r.int16(), expiryTimestampMs: r.int64(), throttleTimeMs: r.int32()}
  if (isFlexible(api, version)) r.taggedFields()
  return res
}

/** `renewPeriodMs` -1: the broker's delegation.token.expiry.time.ms. */
export function renewDelegationTokenRequest(
  version: number,
  req: {hmac: Buffer; renewPeriodMs: bigint},
  Encoder: new () => KafkaEncoder,
) {
  return buildRequest({
    api: RenewDelegationTokenApi,
    version,
    Encoder,
    encode: (e) => encodeTokenHmacPeriod(e, version, req.hmac, req.renewPeriodMs),
    decode: (r) => decodeDelegationTokenExpiry(r, version),
  })
}
