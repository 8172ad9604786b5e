import type {KafkaEncoder} from './kafkajs-internals.js'
import {versionedReader, versionedWriter} from './versioned.js'
import {type ApiSpec, type Reader, buildRequest, isFlexible} from './wire.js'

/**
 * IncrementalAlterConfigs (API 44): changes only the named keys of a resource. kctl never uses
 * the legacy AlterConfigs (33), which replaces every dynamic override of the resource.
 * v0 is non-flexible (Kafka 2.3+), v1 is flexible.
 */
export const IncrementalAlterConfigsApi: ApiSpec = {
  apiKey: 44,
  apiName: 'IncrementalAlterConfigs',
  minVersion: 0,
  maxVersion: 1,
  flexibleVersion: 1,
}

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

export function encodeIncrementalAlterConfigs(
  e: KafkaEncoder,
  version: number,
  req: IncrementalAlterConfigsRequest,
): void {
  const w = versionedWriter(e, isFlexible(IncrementalAlterConfigsApi, version))
  w.array(req.resources, (resource) => {
    e.writeInt8(resource.resourceType)
    w.string(resource.resourceName)
    w.array(resource.configs, (config) => {
      w.string(config.name)
      e.writeInt8(ConfigOperation[config.operation])
      w.string(config.value)
      w.tags()
    })
    w.tags()
  })
  e.writeBoolean(req.validateOnly)
  w.tags()
}

export function decodeIncrementalAlterConfigs(r: Reader, version: number): IncrementalAlterConfigsResponse {
  const v = versionedReader(isFlexible(IncrementalAlterConfigsApi, version))
  const throttleTimeMs = r.int32()
  const responses = v.array(r, (x) => {
    const response = {
      errorCode: x.int16(),
      errorMessage: v.nullableString(x),
      resourceType: x.int8(),
      resourceName: v.string(x),
    }
    v.tags(x)
    return response
  })
  v.tags(r)
  return {throttleTimeMs, responses}
}

export function incrementalAlterConfigsRequest(
  version: number,
  req: IncrementalAlterConfigsRequest,
  Encoder: new () => KafkaEncoder,
) {
  return buildRequest({
    api: IncrementalAlterConfigsApi,
    version,
    Encoder,
    encode: (e) => encodeIncrementalAlterConfigs(e, version, req),
    decode: (r) => decodeIncrementalAlterConfigs(r, version),
  })
}
