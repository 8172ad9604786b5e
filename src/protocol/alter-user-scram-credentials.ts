import type {KafkaEncoder} from './kafkajs-internals.js'
import {type ApiSpec, type Reader, buildRequest, flex} from './wire.js'

/** AlterUserScramCredentials (API 51, KIP-554): the client sends the salted password, never the password. */
export const AlterUserScramCredentialsApi: ApiSpec = {
  apiKey: 51,
  apiName: 'AlterUserScramCredentials',
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
}

export interface ScramDeletion {
  name: string
  mechanism: number
}

export interface ScramUpsertion {
  name: string
  mechanism: number
  iterations: number
  salt: Buffer
  saltedPassword: Buffer
}

export interface AlterUserScramCredentialsResponse {
  throttleTimeMs: number
  results: {user: string; errorCode: number; errorMessage: string | null}[]
}

export function encodeAlterUserScramCredentials(
  e: KafkaEncoder,
  req: {deletions: ScramDeletion[]; upsertions: ScramUpsertion[]},
): void {
  flex.array(e, req.deletions, (e, d) => {
    e.writeUVarIntString(d.name)
    e.writeInt8(d.mechanism)
    flex.tags(e)
  })
  flex.array(e, req.upsertions, (e, u) => {
    e.writeUVarIntString(u.name)
    e.writeInt8(u.mechanism)
    e.writeInt32(u.iterations)
    e.writeUVarIntBytes(u.salt)
    e.writeUVarIntBytes(u.saltedPassword)
    flex.tags(e)
  })
  flex.tags(e)
}

export function decodeAlterUserScramCredentials(r: Reader): AlterUserScramCredentialsResponse {
  const throttleTimeMs = r.int32()
  const results = r.compactArray((u) => {
    const result = {user: u.compactString(), errorCode: u.int16(), errorMessage: u.compactNullableString()}
    u.taggedFields()
    return result
  })
  r.taggedFields()
  return {throttleTimeMs, results}
}

export function alterUserScramCredentialsRequest(
  version: number,
  req: {deletions: ScramDeletion[]; upsertions: ScramUpsertion[]},
  Encoder: new () => KafkaEncoder,
) {
  return buildRequest({
    api: AlterUserScramCredentialsApi,
    version,
    Encoder,
    encode: (e) => encodeAlterUserScramCredentials(e, req),
    decode: (r) => decodeAlterUserScramCredentials(r),
  })
}
