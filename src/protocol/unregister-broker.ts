import type {KafkaEncoder} from './kafkajs-internals.js'
import {type ApiSpec, type Reader, buildRequest, flex} from './wire.js'

/**
 * UnregisterBroker (API 64, KIP-500/KIP-631): removes a broker's registration from the KRaft
 * metadata. Any broker forwards it to the active controller (Kafka's Admin sends it to the least
 * loaded broker). A broker that is still running registers itself again.
 */
export const UnregisterBrokerApi: ApiSpec = {
  apiKey: 64,
  apiName: 'UnregisterBroker',
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
}

/** The response of UnregisterBroker, UnregisterController, AddRaftVoter and RemoveRaftVoter: an error and its message. */
export interface ErrorOnlyResponse {
  throttleTimeMs: number
  errorCode: number
  errorMessage: string | null
}

/** ThrottleTimeMs, ErrorCode, ErrorMessage (compact, nullable), tags: the same in all four APIs. */
export function decodeErrorOnlyResponse(r: Reader): ErrorOnlyResponse {
  const throttleTimeMs = r.int32()
  const errorCode = r.int16()
  const errorMessage = r.compactNullableString()
  r.taggedFields()
  return {throttleTimeMs, errorCode, errorMessage}
}

export function encodeUnregisterBroker(e: KafkaEncoder, brokerId: number): void {
  e.writeInt32(brokerId)
  flex.tags(e)
}

export function unregisterBrokerRequest(version: number, brokerId: number, Encoder: new () => KafkaEncoder) {
  return buildRequest({
    api: UnregisterBrokerApi,
    version,
    Encoder,
    encode: (e) => encodeUnregisterBroker(e, brokerId),
    decode: decodeErrorOnlyResponse,
  })
}
