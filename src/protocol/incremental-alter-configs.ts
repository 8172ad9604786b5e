import type {KafkaEncoder} from './kafkajs-internals.js'
import {type ApiSpec, type Reader, buildRequest, flex} from './wire.js'

/**
 * IncrementalAlterConfigs (API 44): changes only the named keys of a resource. kctl never uses
 * the legacy AlterConfigs (33), which replaces every dynamic override of the resource.
 * v0 is non-flexible (Kafka 2.3+), v1 is flexible.
 */
export const IncrementalAlterConfigsApi: ApiSpec = {apiKey: 44, apiName: 'IncrementalAlterConfigs', minVersion: 0, maxVersion: 1}

export const ConfigOperation = {set: 0, delete: 1, append: 2, subtract: 3} as const
export type ConfigOperationName = keyof typeof ConfigOperation

export interface AlterableConfig {
  name: string
  operation: ConfigOperationName
  /** null for delete. */
  value: string | null
}

export interface AlterConfigsResource {
  resourceType: number
  resourceName: string
  configs: AlterableConfig[]
}

export interface IncrementalAlterConfigsRequest {
  resources: AlterConfigsResource[]
  validateOnly: boolean
}

export interface AlterConfigsResourceResponse {
  errorCode: number
  errorMessage: string | null
  resourceType: number
  resourceName: string
}

export interface IncrementalAlterConfigsResponse {
  throttleTimeMs: number
  responses: AlterConfigsResourceResponse[]
}

export function encodeIncrementalAlterConfigs(e: KafkaEncoder, version: number, req: IncrementalAlterConfigsRequest): void {
  const flexible = version >= 1
  const str = (s: string | null) => (flexible ? e.writeUVarIntString(s) : e.writeString(s))
  const array = <T>(items: T[], write: (item: T) => void) => {
    if (flexible) flex.array(e, items, (_e, item) => write(item))
    else {
      e.writeInt32(items.length)
      for (const item of items) write(item)
    }
  }
  array(req.resources, (resource) => {
    e.writeInt8(resource.resourceType)
    str(resource.resourceName)
    array(resource.configs, (config) => {
      str(config.name)
      e.writeInt8(ConfigOperation[config.operation])
      str(config.value)
      if (flexible) flex.tags(e)
    })
    if (flexible) flex.tags(e)
  })
  e.writeBoolean(req.validateOnly)
  if (flexible) flex.tags(e)
}

export function decodeIncrementalAlterConfigs(r: Reader, version: number): IncrementalAlterConfigsResponse {
  const flexible = version >= 1
  const throttleTimeMs = r.int32()
  const readResponse = (x: Reader): AlterConfigsResourceResponse => {
    const errorCode = x.int16()
    const errorMessage = flexible ? x.compactNullableString() : x.nullableString()
    const resourceType = x.int8()
    const resourceName = flexible ? x.compactString() : x.string()
    if (flexible) x.taggedFields()
    return {errorCode, errorMessage, resourceType, resourceName}
  }
  const responses = flexible ? r.compactArray(readResponse) : r.array(readResponse)
  if (flexible) r.taggedFields()
  return {throttleTimeMs, responses}
}

export function incrementalAlterConfigsRequest(version: number, req: IncrementalAlterConfigsRequest, Encoder: new () => KafkaEncoder) {
  return buildRequest({
    api: IncrementalAlterConfigsApi,
    version,
    flexible: version >= 1,
    Encoder,
    encode: (e) => encodeIncrementalAlterConfigs(e, version, req),
    decode: (r) => decodeIncrementalAlterConfigs(r, version),
  })
}
