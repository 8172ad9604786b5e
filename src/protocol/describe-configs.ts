import type {KafkaEncoder} from './kafkajs-internals.js'
import {versionedReader, versionedWriter} from './versioned.js'
import {type ApiSpec, type Reader, buildRequest, isFlexible} from './wire.js'

/**
 * DescribeConfigs (API 32), v1-v4 (v4 flexible). kctl's own because kafkajs's cannot name the
 * cluster-wide broker default (resource name '') nor broker loggers (type 8), and stops at v2
 * (no config types). v1 is the lowest Kafka 4.x accepts and the first with sources and synonyms.
 */
export const DescribeConfigsApi: ApiSpec = {
  apiKey: 32,
  apiName: 'DescribeConfigs',
  minVersion: 1,
  maxVersion: 4,
  flexibleVersion: 4,
}

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
  0: 'unknown',
  1: 'boolean',
  2: 'string',
  3: 'int',
  4: 'short',
  5: 'long',
  6: 'double',
  7: 'list',
  8: 'class',
  9: 'password',
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
  const w = versionedWriter(e, isFlexible(DescribeConfigsApi, version))
  w.array(req.resources, (resource) => {
    e.writeInt8(resource.resourceType)
    w.string(resource.resourceName)
    w.array(resource.configurationKeys, (key) => w.string(key))
    w.tags()
  })
  e.writeBoolean(req.includeSynonyms)
  if (version >= 3) e.writeBoolean(req.includeDocumentation)
  w.tags()
}

export function decodeDescribeConfigs(r: Reader, version: number): DescribeConfigsResponse {
  const v = versionedReader(isFlexible(DescribeConfigsApi, version))
  const throttleTimeMs = r.int32()
  const results = v.array(r, (x) => {
    const errorCode = x.int16()
    const errorMessage = v.nullableString(x)
    const resourceType = x.int8()
    const resourceName = v.string(x)
    const configs = v.array(x, (c) => {
      const name = v.string(c)
      const value = v.nullableString(c)
      const readOnly = c.bool()
      const configSource = c.int8()
      const isSensitive = c.bool()
      const synonyms = v.array(c, (s) => {
        const synonym = {name: v.string(s), value: v.nullableString(s), source: s.int8()}
        v.tags(s)
        return synonym
      })
      const configType = version >= 3 ? c.int8() : 0
      const documentation = version >= 3 ? v.nullableString(c) : null
      v.tags(c)
      return {name, value, readOnly, configSource, isSensitive, synonyms, configType, documentation}
    })
    v.tags(x)
    return {errorCode, errorMessage, resourceType, resourceName, configs}
  })
  v.tags(r)
  return {throttleTimeMs, results}
}

export function describeConfigsRequest(version: number, req: DescribeConfigsRequest, Encoder: new () => KafkaEncoder) {
  return buildRequest({
    api: DescribeConfigsApi,
    version,
    Encoder,
    encode: (e) => encodeDescribeConfigs(e, version, req),
    decode: (r) => decodeDescribeConfigs(r, version),
  })
}
