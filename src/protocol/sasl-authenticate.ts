import type {KafkaEncoder} from './kafkajs-internals.js'
import {type ApiSpec, type Reader, buildRequest, isFlexible} from './wire.js'

/** SaslAuthenticate (API 36): one message of a SASL exchange; v1 adds the session lifetime, v2 is flexible. */
export const SaslAuthenticateApi: ApiSpec = {
  apiKey: 36,
  apiName: 'SaslAuthenticate',
  minVersion: 0,
  maxVersion: 2,
  flexibleVersion: 2,
}

export interface SaslAuthenticateResponse {
  errorCode: number
  errorMessage: string | null
  authBytes: Buffer
  /** v1+: 0 when the broker does not end sessions (connections.max.reauth.ms unset). */
  sessionLifetimeMs: bigint
}

export function encodeSaslAuthenticate(e: KafkaEncoder, version: number, authBytes: Buffer): void {
  if (isFlexible(SaslAuthenticateApi, version)) {
    e.writeUVarIntBytes(authBytes)
    e.writeInt8(0)
  } else e.writeBytes(authBytes)
}

export function decodeSaslAuthenticate(r: Reader, version: number): SaslAuthenticateResponse {
  const flexible = isFlexible(SaslAuthenticateApi, version)
  const errorCode = r.int16()
  const errorMessage = flexible ? r.compactNullableString() : r.nullableString()
  let authBytes: Buffer
  if (flexible) authBytes = Buffer.from(r.compactNullableBytes() ?? Buffer.alloc(0))
  else {
    const n = r.int32()
    authBytes = n < 0 ? Buffer.alloc(0) : Buffer.from(r.bytes(n))
  }
  const sessionLifetimeMs = version >= 1 ? r.int64() : 0n
  if (flexible) r.taggedFields()
  return {errorCode, errorMessage, authBytes, sessionLifetimeMs}
}

export function saslAuthenticateRequest(version: number, authBytes: Buffer, Encoder: new () => KafkaEncoder) {
  return buildRequest({
    api: SaslAuthenticateApi,
    version,
    Encoder,
    encode: (e) => encodeSaslAuthenticate(e, version, authBytes),
    decode: (r) => decodeSaslAuthenticate(r, version),
  })
}
