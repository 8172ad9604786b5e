import type {KafkaEncoder} from './kafkajs-internals.js'
import {type ApiSpec, type Reader, buildRequest, flex} from './wire.js'

/**
 * DescribeConfigs (API 32), v1-v4 (v4 flexible). kctl's own because kafkajs's cannot name the
 * cluster-wide broker default (resource name '') nor broker loggers (type 8), and stops at v2
 * (no config types). v1 is the lowest Kafka 4.x accepts and the first with sources and synonyms.
 */
export const DescribeConfigsApi: ApiSpec = {apiKey: 32, apiName: 'DescribeConfigs', minVersion: 1, maxVersion: 4}

/** Where a config value comes from (DescribeConfigsResponse config_source). */
export const CONFIG_SOURCES: Record<number, string> = {
  0: 'unknown',
  1: 'topic',
  2: 'dynamic-broker',
  3: 'dynamic-default',
  4: 'static-broker',
  5: 'default',
  6: 'dynamic-broker-logger',
  7: 'client-metrics',
  8: 'group',
}

export const CONFIG_TYPES: Record<number, string> = {
  0: 'unknown', 1: 'boolean', 2: 'string', 3: 'int', 4: 'short', 5: 'long', 6: 'double', 7: 'list', 8: 'class', 9: 'password',
}

export interface DescribeConfigsResource {
  resourceType: number
  resourceName: string
  /** null = every key. */
  configurationKeys: string[] | null
}

export interface DescribeConfigsRequest {
  resources: DescribeConfigsResource[]
  includeSynonyms: boolean
  includeDocumentation: boolean
}

export interface ConfigSynonym {
  name: string
  value: string | null
  source: number
}

export interface DescribedConfig {
  name: string
  value: string | null
  readOnly: boolean
  configSource: number
  isSensitive: boolean
  synonyms: ConfigSynonym[]
  /** v3+, 0 (unknown) before. */
  configType: number
  documentation: string | null
}

export interface DescribeConfigsResult {
  errorCode: number
  errorMessage: string | null
  resourceType: number
  resourceName: string
  configs: DescribedConfig[]
}

export interface DescribeConfigsResponse {
  throttleTimeMs: number
  results: DescribeConfigsResult[]
}

export function encodeDescribeConfigs(e: KafkaEncoder, version: number, req: DescribeConfigsRequest): void {
  const flexible = version >= 4
  const str = (s: string | null) => (flexible ? e.writeUVarIntString(s) : e.writeString(s))
  const array = <T>(items: T[] | null, write: (item: T) => void) => {
    if (flexible) flex.array(e, items, (_e, item) => write(item))
    else if (items === null) e.writeInt32(-1)
    else {
      e.writeInt32(items.length)
      for (const item of items) write(item)
    }
  }
  array(req.resources, (resource) => {
    e.writeInt8(resource.resourceType)
    str(resource.resourceName)
    array(resource.configurationKeys, (key) => str(key))
    if (flexible) flex.tags(e)
  })
  e.writeBoolean(req.includeSynonyms)
  if (version >= 3) e.writeBoolean(req.includeDocumentation)
  if (flexible) flex.tags(e)
}

export function decodeDescribeConfigs(r: Reader, version: number): DescribeConfigsResponse {
  const flexible = version >= 4
  const str = (x: Reader) => (flexible ? x.compactString() : x.string())
  const nstr = (x: Reader) => (flexible ? x.compactNullableString() : x.nullableString())
  const array = <T>(x: Reader, read: (y: Reader) => T) => (flexible ? x.compactArray(read) : x.array(read))
  const throttleTimeMs = r.int32()
  const results = array(r, (x) => {
    const errorCode = x.int16()
    const errorMessage = nstr(x)
    const resourceType = x.int8()
    const resourceName = str(x)
    const configs = array(x, (c) => {
      const name = str(c)
      const value = nstr(c)
      const readOnly = c.bool()
      const configSource = c.int8()
      const isSensitive = c.bool()
      const synonyms = array(c, (s) => {
        const synonym = {name: str(s), value: nstr(s), source: s.int8()}
        if (flexible) s.taggedFields()
        return synonym
      })
      const configType = version >= 3 ? c.int8() : 0
      const documentation = version >= 3 ? nstr(c) : null
      if (flexible) c.taggedFields()
      return {name, value, readOnly, configSource, isSensitive, synonyms, configType, documentation}
    })
    if (flexible) x.taggedFields()
    return {errorCode, errorMessage, resourceType, resourceName, configs}
  })
  if (flexible) r.taggedFields()
  return {throttleTimeMs, results}
}

export function describeConfigsRequest(version: number, req: DescribeConfigsRequest, Encoder: new () => KafkaEncoder) {
  return buildRequest({
    api: DescribeConfigsApi,
    version,
    flexible: version >= 4,
    Encoder,
    encode: (e) => encodeDescribeConfigs(e, version, req),
    decode: (r) => decodeDescribeConfigs(r, version),
  })
}
