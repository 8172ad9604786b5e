import type {KafkaEncoder} from './kafkajs-internals.js'
import {type ApiSpec, Reader, buildRequest, flex} from './wire.js'

/**
 * ApiVersions (API 18) v3+, sent by kctl itself for the feature tagged fields kafkajs drops:
 * SupportedFeatures (tag 0), FinalizedFeaturesEpoch (1), FinalizedFeatures (2).
 * The request header is flexible (v2), but the response header stays v0 (no tag buffer): Kafka
 * answers ApiVersions before it knows whether the client can read flexible headers (buildRequest
 * knows).
 */
export const ApiVersionsApi: ApiSpec = {
  apiKey: 18,
  apiName: 'ApiVersions',
  minVersion: 3,
  maxVersion: 4,
  flexibleVersion: 3,
}

export interface SupportedFeature {
  name: string
  minVersion: number
  maxVersion: number
}

export interface FinalizedFeature {
  name: string
  maxVersionLevel: number
  minVersionLevel: number
}

export interface ApiVersionsResponse {
  errorCode: number
  apiKeys: {apiKey: number; minVersion: number; maxVersion: number}[]
  throttleTimeMs: number
  supportedFeatures: SupportedFeature[]
  /** -1 when the broker has not seen finalized features. */
  finalizedFeaturesEpoch: bigint
  finalizedFeatures: FinalizedFeature[]
  zkMigrationReady: boolean
}

export function encodeApiVersions(e: KafkaEncoder, client: {name: string; version: string}): void {
  e.writeUVarIntString(client.name)
  e.writeUVarIntString(client.version)
  flex.tags(e)
}

export function decodeApiVersions(r: Reader): ApiVersionsResponse {
  const errorCode = r.int16()
  const apiKeys = r.compactArray((a) => {
    const k = {apiKey: a.int16(), minVersion: a.int16(), maxVersion: a.int16()}
    a.taggedFields()
    return k
  })
  const throttleTimeMs = r.int32()
  const tags = r.taggedFields()
  const res: ApiVersionsResponse = {
    errorCode,
    apiKeys,
    throttleTimeMs,
    supportedFeatures: [],
    finalizedFeaturesEpoch: -1n,
    finalizedFeatures: [],
    zkMigrationReady: false,
  }
  const supported = tags.get(0)
  if (supported) {
    res.supportedFeatures = new Reader(supported).compactArray((f) => {
      const feature = {name: f.compactString(), minVersion: f.int16(), maxVersion: f.int16()}
      f.taggedFields()
      return feature
    })
  }
  const epoch = tags.get(1)
  if (epoch) res.finalizedFeaturesEpoch = new Reader(epoch).int64()
  const finalized = tags.get(2)
  if (finalized) {
    res.finalizedFeatures = new Reader(finalized).compactArray((f) => {
      const feature = {name: f.compactString(), maxVersionLevel: f.int16(), minVersionLevel: f.int16()}
      f.taggedFields()
      return feature
    })
  }
  const zk = tags.get(3)
  if (zk) res.zkMigrationReady = new Reader(zk).bool()
  return res
}

export function apiVersionsRequest(
  version: number,
  client: {name: string; version: string},
  Encoder: new () => KafkaEncoder,
) {
  return buildRequest({
    api: ApiVersionsApi,
    version,
    Encoder,
    encode: (e) => encodeApiVersions(e, client),
    decode: (r) => decodeApiVersions(r),
  })
}

/**
 * The ApiVersions a connection sends first, at `version` (v3+ with the client software fields,
 * v0-v2 with an empty body), and its answer's API ranges. A broker that does not know the version
 * answers UNSUPPORTED_VERSION in v0's layout, with its own ApiVersions range to retry at.
 */
export function connectApiVersionsRequest(
  version: number,
  client: {name: string; version: string},
  Encoder: new () => KafkaEncoder,
) {
  return buildRequest({
    api: {...ApiVersionsApi, minVersion: 0},
    version,
    Encoder,
    encode: (e) => {
      if (version >= 3) encodeApiVersions(e, client)
    },
    decode: (r) => decodeConnectApiVersions(r, version),
  })
}

export function decodeConnectApiVersions(
  r: Reader,
  version: number,
): {errorCode: number; apiKeys: {apiKey: number; minVersion: number; maxVersion: number}[]} {
  const errorCode = r.int16()
  if (version >= 3 && errorCode !== UNSUPPORTED_VERSION) {
    r.offset -= 2
    const res = decodeApiVersions(r)
    return {errorCode: res.errorCode, apiKeys: res.apiKeys}
  }
  const apiKeys = r.array((a) => ({apiKey: a.int16(), minVersion: a.int16(), maxVersion: a.int16()}))
  return {errorCode, apiKeys}
}

const UNSUPPORTED_VERSION = 35
