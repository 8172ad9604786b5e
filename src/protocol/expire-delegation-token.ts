import type {KafkaEncoder} from './kafkajs-internals.js'
import {decodeDelegationTokenExpiry, encodeTokenHmacPeriod} from './renew-delegation-token.js'
import {type ApiSpec, buildRequest} from './wire.js'

/** ExpireDelegationToken (API 40, KIP-48): v2 is the first flexible version. Same fields as Renew. */
export const ExpireDelegationTokenApi: ApiSpec = {
  apiKey: 40,
  apiName: 'ExpireDelegationToken',
  minVersion: 1,
  maxVersion: 2,
  flexibleVersion: 2,
}

/** `expiryTimePeriodMs` negative expires the token now; positive moves its expiry to now + period. */
export function expireDelegationTokenRequest(
  version: number,
  req: {hmac: Buffer; expiryTimePeriodMs: bigint},
  Encoder: new () => KafkaEncoder,
) {
  return buildRequest({
    api: ExpireDelegationTokenApi,
    version,
    Encoder,
    encode: (e) => encodeTokenHmacPeriod(e, version, req.hmac, req.expiryTimePeriodMs, ExpireDelegationTokenApi),
    decode: (r) => decodeDelegationTokenExpiry(r, version, ExpireDelegationTokenApi),
  })
}
