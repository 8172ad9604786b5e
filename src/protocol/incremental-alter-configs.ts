import type {KafkaEncoder} from './kafkajs-internals.js'
import {type ApiSpec, type Reader, buildRequest, flex} from './wire.js'

/**
 * IncrementalAlterConfigs (API 44): change single config keys without touching the others
 * (kafkajs only has the legacy AlterConfigs, which replaces every override). v1 is flexible.
 */
export const IncrementalAlterConfigsApi: ApiSpec = {apiKey: 44, apiName: 'IncrementalAlterConfigs', minVersion: 0, maxVersion: 1}

export const ConfigResourceType = {topic: 2, broker: 4, brokerLogger: 8} as const
export const AlterConfigOp = {set: 0, delete: 1, append: 2, subtract: 3} as const

export interface AlterConfigsResource {
  resourceType: number
  resourceName: string
  configs: {name: string; configOperation: number; value: string | null}[]
}

export interface AlterConfigsResourceResult {
  errorCode: number
  errorMessage: string | null
  resourceType: number
  resourceName: string
}

export interface IncrementalAlterConfigsResponse {
  throttleTimeMs: number
  responses: AlterConfigsResourceResult[]
}

export function encodeIncrementalAlterConfigs(e: KafkaEncoder, version: number, resources: AlterConfigsResource[], validateOnly: boolean): void {
  if (version >= 1) {
    flex.array(e, resources, (e, r) => {
      e.writeInt8(r.resourceType)
      e.writeUVarIntString(r.resourceName)
      flex.array(e, r.configs, (e, c) => {
        e.writeUVarIntString(c.name)
        e.writeInt8(c.configOperation)
        e.writeUVarIntString(c.value)
        flex.tags(e)
      })
      flex.tags(e)
    })
    e.writeBoolean(validateOnly)
    flex.tags(e)
    return
  }
  e.writeInt32(resources.length)
  for (const r of resources) {
    e.writeInt8(r.resourceType)
    e.writeString(r.resourceName)
    e.writeInt32(r.configs.length)
    for (const c of r.configs) {
      e.writeString(c.name)
      e.writeInt8(c.configOperation)
      e.writeString(c.value)
    }
  }
  e.writeBoolean(validateOnly)
}

export function decodeIncrementalAlterConfigs(r: Reader, version: number): IncrementalAlterConfigsResponse {
  const flexible = version >= 1
  const throttleTimeMs = r.int32()
  const read = () => {
    const res = {
      errorCode: r.int16(),
      errorMessage: flexible ? r.compactNullableString() : r.nullableString(),
      resourceType: r.int8(),
      resourceName: flexible ? r.compactString() : r.string(),
    }
    if (flexible) r.taggedFields()
    return res
  }
  const responses = flexible ? r.compactArray(read) : r.array(read)
  if (flexible) r.taggedFields()
  return {throttleTimeMs, responses}
}

export function incrementalAlterConfigsRequest(version: number, resources: AlterConfigsResource[], validateOnly: boolean, Encoder: new () => KafkaEncoder) {
  return buildRequest({
    api: IncrementalAlterConfigsApi,
    version,
    flexible: version >= 1,
    Encoder,
    encode: (e) => encodeIncrementalAlterConfigs(e, version, resources, validateOnly),
    decode: (r) => decodeIncrementalAlterConfigs(r, version),
  })
}
