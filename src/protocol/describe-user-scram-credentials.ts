import type {KafkaEncoder} from './kafkajs-internals.js'
import {type ApiSpec, type Reader, buildRequest, flex} from './wire.js'

/** DescribeUserScramCredentials (API 50, KIP-554): mechanisms and iterations, never secrets. */
export const DescribeUserScramCredentialsApi: ApiSpec = {
  apiKey: 50,
  apiName: 'DescribeUserScramCredentials',
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
}

/** Kafka's ScramMechanism codes. */
export const SCRAM_MECHANISMS = {1: 'SCRAM-SHA-256', 2: 'SCRAM-SHA-512'} as const
export type ScramMechanism = (typeof SCRAM_MECHANISMS)[keyof typeof SCRAM_MECHANISMS]
export const scramMechanismCode = (m: ScramMechanism): number => (m === 'SCRAM-SHA-256' ? 1 : 2)
export const scramMechanismName = (code: number): string => SCRAM_MECHANISMS[code as 1 | 2] ?? `UNKNOWN_${code}`

export interface DescribeUserScramCredentialsResponse {
  throttleTimeMs: number
  errorCode: number
  errorMessage: string | null
  results: {
    user: string
    errorCode: number
    errorMessage: string | null
    credentialInfos: {mechanism: number; iterations: number}[]
  }[]
}

/** `users` null describes every user with credentials. */
export function encodeDescribeUserScramCredentials(e: KafkaEncoder, users: string[] | null): void {
  flex.array(e, users, (e, name) => {
    e.writeUVarIntString(name)
    flex.tags(e)
  })
  flex.tags(e)
}

export function decodeDescribeUserScramCredentials(r: Reader): DescribeUserScramCredentialsResponse {
  const throttleTimeMs = r.int32()
  const errorCode = r.int16()
  const errorMessage = r.compactNullableString()
  const results = r.compactArray((u) => {
    const user = u.compactString()
    const errorCode = u.int16()
    const errorMessage = u.compactNullableString()
    const credentialInfos = u.compactArray((c) => {
      const info = {mechanism: c.int8(), iterations: c.int32()}
      c.taggedFields()
      return info
    })
    u.taggedFields()
    return {user, errorCode, errorMessage, credentialInfos}
  })
  r.taggedFields()
  return {throttleTimeMs, errorCode, errorMessage, results}
}

export function describeUserScramCredentialsRequest(
  version: number,
  users: string[] | null,
  Encoder: new () => KafkaEncoder,
) {
  return buildRequest({
    api: DescribeUserScramCredentialsApi,
    version,
    Encoder,
    encode: (e) => encodeDescribeUserScramCredentials(e, users),
    decode: (r) => decodeDescribeUserScramCredentials(r),
  })
}
