import type {KafkaEncoder} from './kafkajs-internals.js'
import {type ApiSpec, type Reader, buildRequest} from './wire.js'

/** SaslHandshake (API 17): which mechanism the connection will log in with; v1 frames the exchange as SaslAuthenticate requests. */
export const SaslHandshakeApi: ApiSpec = {
  apiKey: 17,
  apiName: 'SaslHandshake',
  minVersion: 0,
  maxVersion: 1,
  flexibleVersion: null,
}

export interface SaslHandshakeResponse {
  errorCode: number
  mechanisms: string[]
}

export function encodeSaslHandshake(e: KafkaEncoder, mechanism: string): void {
  e.writeString(mechanism)
}

export function decodeSaslHandshake(r: Reader): SaslHandshakeResponse {
  return {errorCode: r.int16(), mechanisms: r.array((a) => a.string())}
}

export function saslHandshakeRequest(version: number, mechanism: string, Encoder: new () => KafkaEncoder) {
  return buildRequest({
    api: SaslHandshakeApi,
    version,
    Encoder,
    encode: (e) => encodeSaslHandshake(e, mechanism),
    decode: decodeSaslHandshake,
  })
}
