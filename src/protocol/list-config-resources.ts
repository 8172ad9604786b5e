import type {KafkaEncoder} from './kafkajs-internals.js'
import {type ApiSpec, type Reader, buildRequest, flex} from './wire.js'

/**
 * ListConfigResources (API 74): v0 was ListClientMetricsResources (KIP-714, Kafka 3.7+: the names
 * of client-metrics subscriptions); v1 (KIP-1142, Kafka 4.1+) lists resources of any config type.
 * Every version is flexible.
 */
export const ListConfigResourcesApi: ApiSpec = {
  apiKey: 74,
  apiName: 'ListConfigResources',
  minVersion: 0,
  maxVersion: 1,
  flexibleVersion: 0,
}

export interface ListedConfigResource {
  name: string
  /** v1+; v0 lists only client-metrics (16). */
  type: number
}

/** v1: the resource types to list (empty = every type); v0 has no fields. */
export function encodeListConfigResources(e: KafkaEncoder, version: number, resourceTypes: number[]): void {
  if (version >= 1) flex.array(e, resourceTypes, (e, t) => e.writeInt8(t))
  flex.tags(e)
}

export function decodeListConfigResources(
  r: Reader,
  version: number,
): {throttleTimeMs: number; errorCode: number; resources: ListedConfigResource[]} {
  const throttleTimeMs = r.int32()
  const errorCode = r.int16()
  const resources = r.compactArray((c) => {
    const resource = {name: c.compactString(), type: version >= 1 ? c.int8() : 16}
    c.taggedFields()
    return resource
  })
  r.taggedFields()
  return {throttleTimeMs, errorCode, resources}
}

export function listConfigResourcesRequest(version: number, resourceTypes: number[], Encoder: new () => KafkaEncoder) {
  return buildRequest({
    api: ListConfigResourcesApi,
    version,
    Encoder,
    encode: (e) => encodeListConfigResources(e, version, resourceTypes),
    decode: (r) => decodeListConfigResources(r, version),
  })
}
