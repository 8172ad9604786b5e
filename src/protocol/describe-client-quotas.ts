import type {KafkaEncoder} from './kafkajs-internals.js'
import {type ApiSpec, type Reader, buildRequest, flex} from './wire.js'

/** DescribeClientQuotas (API 48). v1 (flexible, Kafka 2.8+) is the one kctl speaks. */
export const DescribeClientQuotasApi: ApiSpec = {
  apiKey: 48,
  apiName: 'DescribeClientQuotas',
  minVersion: 1,
  maxVersion: 1,
  flexibleVersion: 1,
}

/** match_type: 0 = this name, 1 = the default entity, 2 = any entity of the type. */
export const QUOTA_MATCH = {exact: 0, default: 1, specified: 2} as const

export interface QuotaFilterComponent {
  entityType: string
  matchType: number
  match: string | null
}

/** An entity: `name` null is the default entity of that type. */
export interface QuotaEntityPart {
  entityType: string
  entityName: string | null
}

export interface DescribeClientQuotasResponse {
  throttleTimeMs: number
  errorCode: number
  errorMessage: string | null
  entries: {entity: QuotaEntityPart[]; values: {key: string; value: number}[]}[] | null
}

export function encodeDescribeClientQuotas(
  e: KafkaEncoder,
  req: {components: QuotaFilterComponent[]; strict: boolean},
): void {
  flex.array(e, req.components, (e, c) => {
    e.writeUVarIntString(c.entityType)
    e.writeInt8(c.matchType)
    e.writeUVarIntString(c.match)
    flex.tags(e)
  })
  e.writeBoolean(req.strict)
  flex.tags(e)
}

export function readQuotaEntity(r: Reader): QuotaEntityPart[] {
  return r.compactArray((p) => {
    const part = {entityType: p.compactString(), entityName: p.compactNullableString()}
    p.taggedFields()
    return part
  })
}

export function decodeDescribeClientQuotas(r: Reader): DescribeClientQuotasResponse {
  const throttleTimeMs = r.int32()
  const errorCode = r.int16()
  const errorMessage = r.compactNullableString()
  const n = r.uvarint()
  let entries: DescribeClientQuotasResponse['entries'] = null
  if (n > 0) {
    entries = []
    for (let i = 1; i < n; i++) {
      const entity = readQuotaEntity(r)
      const values = r.compactArray((v) => {
        const value = {key: v.compactString(), value: v.float64()}
        v.taggedFields()
        return value
      })
      r.taggedFields()
      entries.push({entity, values})
    }
  }
  r.taggedFields()
  return {throttleTimeMs, errorCode, errorMessage, entries}
}

export function describeClientQuotasRequest(
  version: number,
  req: {components: QuotaFilterComponent[]; strict: boolean},
  Encoder: new () => KafkaEncoder,
) {
  return buildRequest({
    api: DescribeClientQuotasApi,
    version,
    Encoder,
    encode: (e) => encodeDescribeClientQuotas(e, req),
    decode: (r) => decodeDescribeClientQuotas(r),
  })
}
