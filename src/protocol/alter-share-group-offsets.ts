import type {KafkaEncoder} from './kafkajs-internals.js'
import {type ApiSpec, type Reader, buildRequest, flex, int64} from './wire.js'

/**
 * AlterShareGroupOffsets (API 91, KIP-932): set a share group's start offset per partition. The
 * group coordinator answers; the group must be empty (NON_EMPTY_GROUP otherwise). Only v0, flexible.
 */
export const AlterShareGroupOffsetsApi: ApiSpec = {
  apiKey: 91,
  apiName: 'AlterShareGroupOffsets',
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
}

export interface AlterShareGroupOffsetsRequest {
  groupId: string
  topics: {topicName: string; partitions: {partitionIndex: number; startOffset: bigint}[]}[]
}

export interface AlterShareGroupOffsetsResponse {
  throttleTimeMs: number
  errorCode: number
  errorMessage: string | null
  responses: {
    topicName: string
    topicId: string
    partitions: {partitionIndex: number; errorCode: number; errorMessage: string | null}[]
  }[]
}

export function encodeAlterShareGroupOffsets(e: KafkaEncoder, req: AlterShareGroupOffsetsRequest): void {
  flex.string(e, req.groupId)
  flex.array(e, req.topics, (e, t) => {
    flex.string(e, t.topicName)
    flex.array(e, t.partitions, (e, p) => {
      e.writeInt32(p.partitionIndex)
      int64(e, p.startOffset)
      flex.tags(e)
    })
    flex.tags(e)
  })
  flex.tags(e)
}

export function decodeAlterShareGroupOffsets(r: Reader): AlterShareGroupOffsetsResponse {
  const throttleTimeMs = r.int32()
  const errorCode = r.int16()
  const errorMessage = r.compactNullableString()
  const responses = r.compactArray((t) => {
    const topicName = t.compactString()
    const topicId = t.uuid()
    const partitions = t.compactArray((p) => {
      const partition = {partitionIndex: p.int32(), errorCode: p.int16(), errorMessage: p.compactNullableString()}
      p.taggedFields()
      return partition
    })
    t.taggedFields()
    return {topicName, topicId, partitions}
  })
  r.taggedFields()
  return {throttleTimeMs, errorCode, errorMessage, responses}
}

export function alterShareGroupOffsetsRequest(
  version: number,
  req: AlterShareGroupOffsetsRequest,
  Encoder: new () => KafkaEncoder,
) {
  return buildRequest({
    api: AlterShareGroupOffsetsApi,
    version,
    Encoder,
    encode: (e) => encodeAlterShareGroupOffsets(e, req),
    decode: decodeAlterShareGroupOffsets,
  })
}
