import type {KafkaEncoder} from './kafkajs-internals.js'
import {type ApiSpec, type Reader, buildRequest, flex} from './wire.js'

/**
 * AlterPartitionReassignments (API 45). kafkajs has it, but refuses `replicas: null` (which
 * cancels a move) and throws on the first partition error; kctl needs both per partition.
 * All versions are flexible; v1 adds allow_replication_factor_change.
 */
export const AlterPartitionReassignmentsApi: ApiSpec = {
  apiKey: 45,
  apiName: 'AlterPartitionReassignments',
  minVersion: 0,
  maxVersion: 1,
  flexibleVersion: 0,
}

export interface AlterPartitionReassignmentsRequest {
  timeoutMs: number
  allowReplicationFactorChange?: boolean
  /** replicas null cancels the partition's pending reassignment. */
  topics: {name: string; partitions: {partitionIndex: number; replicas: number[] | null}[]}[]
}

export interface AlterPartitionReassignmentsResponse {
  throttleTimeMs: number
  errorCode: number
  errorMessage: string | null
  responses: {name: string; partitions: {partitionIndex: number; errorCode: number; errorMessage: string | null}[]}[]
}

export function encodeAlterPartitionReassignments(
  e: KafkaEncoder,
  version: number,
  req: AlterPartitionReassignmentsRequest,
): void {
  e.writeInt32(req.timeoutMs)
  if (version >= 1) e.writeBoolean(req.allowReplicationFactorChange ?? true)
  flex.array(e, req.topics, (e, t) => {
    e.writeUVarIntString(t.name)
    flex.array(e, t.partitions, (e, p) => {
      e.writeInt32(p.partitionIndex)
      flex.array(e, p.replicas, (e, r) => e.writeInt32(r))
      flex.tags(e)
    })
    flex.tags(e)
  })
  flex.tags(e)
}

export function decodeAlterPartitionReassignments(r: Reader, version: number): AlterPartitionReassignmentsResponse {
  const throttleTimeMs = r.int32()
  if (version >= 1) r.bool()
  const errorCode = r.int16()
  const errorMessage = r.compactNullableString()
  const responses = r.compactArray((t) => {
    const name = t.compactString()
    const partitions = t.compactArray((p) => {
      const res = {partitionIndex: p.int32(), errorCode: p.int16(), errorMessage: p.compactNullableString()}
      p.taggedFields()
      return res
    })
    t.taggedFields()
    return {name, partitions}
  })
  r.taggedFields()
  return {throttleTimeMs, errorCode, errorMessage, responses}
}

export function alterPartitionReassignmentsRequest(
  version: number,
  req: AlterPartitionReassignmentsRequest,
  Encoder: new () => KafkaEncoder,
) {
  return buildRequest({
    api: AlterPartitionReassignmentsApi,
    version,
    Encoder,
    encode: (e) => encodeAlterPartitionReassignments(e, version, req),
    decode: (r) => decodeAlterPartitionReassignments(r, version),
  })
}
