import {type QuotaEntityPart, readQuotaEntity} from './describe-client-quotas.js'
import type {KafkaEncoder} from './kafkajs-internals.js'
import {type ApiSpec, type Reader, buildRequest, flex} from './wire.js'

/** AlterClientQuotas (API 49). v1 (flexible, Kafka 2.8+). */
export const AlterClientQuotasApi: ApiSpec = {
  apiKey: 49,
  apiName: 'AlterClientQuotas',
  minVersion: 1,
  maxVersion: 1,
  flexibleVersion: 1,
}

export interface QuotaAlteration {
  entity: QuotaEntityPart[]
  /** `remove` true deletes the key (value ignored). */
  ops: {key: string; value: number; remove: boolean}[]
}

export interface AlterClientQuotasResponse {
  throttleTimeMs: number
  entries: {errorCode: number; errorMessage: string | null; entity: QuotaEntityPart[]}[]
}

export function encodeAlterClientQuotas(
  e: KafkaEncoder,
  req: {entries: QuotaAlteration[]; validateOnly: boolean},
): void {
  flex.array(e, req.entries, (e, entry) => {
    flex.array(e, entry.entity, (e, p) => {
      e.writeUVarIntString(p.entityType)
      e.writeUVarIntString(p.entityName)
      flex.tags(e)
    })
    flex.array(e, entry.ops, (e, op) => {
      e.writeUVarIntString(op.key)
      e.writeDouble(op.value)
      e.writeBoolean(op.remove)
      flex.tags(e)
    })
    flex.tags(e)
  })
  e.writeBoolean(req.validateOnly)
  flex.tags(e)
}

export function decodeAlterClientQuotas(r: Reader): AlterClientQuotasResponse {
  const throttleTimeMs = r.int32()
  const entries = r.compactArray((x) => {
    const errorCode = x.int16()
    const errorMessage = x.compactNullableString()
    const entity = readQuotaEntity(x)
    x.taggedFields()
    return {errorCode, errorMessage, entity}
  })
  r.taggedFields()
  return {throttleTimeMs, entries}
}

export function alterClientQuotasRequest(
  version: number,
  req: {entries: QuotaAlteration[]; validateOnly: boolean},
  Encoder: new () => KafkaEncoder,
) {
  return buildRequest({
    api: AlterClientQuotasApi,
    version,
    Encoder,
    encode: (e) => encodeAlterClientQuotas(e, req),
    decode: (r) => decodeAlterClientQuotas(r),
  })
}
