import type {KafkaEncoder} from './kafkajs-internals.js'
import {type ApiSpec, type Reader, buildRequest, isFlexible, flex} from './wire.js'

/**
 * DeleteRecords (API 21), sent to each partition leader with all its partitions in one request.
 * kafkajs has it per topic and stops at the first error; kctl reports each partition's new low
 * watermark or error. v2 is flexible.
 */
export const DeleteRecordsApi: ApiSpec = {
  apiKey: 21,
  apiName: 'DeleteRecords',
  minVersion: 0,
  maxVersion: 2,
  flexibleVersion: 2,
}

export interface DeleteRecordsRequest {
  topics: {name: string; partitions: {partitionIndex: number; offset: bigint}[]}[]
  timeoutMs: number
}

export interface DeleteRecordsResponse {
  throttleTimeMs: number
  topics: {name: string; partitions: {partitionIndex: number; lowWatermark: bigint; errorCode: number}[]}[]
}

export function encodeDeleteRecords(e: KafkaEncoder, version: number, req: DeleteRecordsRequest): void {
  if (isFlexible(DeleteRecordsApi, version)) {
    flex.array(e, req.topics, (e, t) => {
      e.writeUVarIntString(t.name)
      flex.array(e, t.partitions, (e, p) => {
        e.writeInt32(p.partitionIndex)
        e.writeInt64(p.offset.toString())
        flex.tags(e)
      })
      flex.tags(e)
    })
    e.writeInt32(req.timeoutMs)
    flex.tags(e)
    return
  }
  e.writeInt32(req.topics.length)
  for (const t of req.topics) {
    e.writeString(t.name)
    e.writeInt32(t.partitions.length)
    for (const p of t.partitions) {
      e.writeInt32(p.partitionIndex)
      e.writeInt64(p.offset.toString())
    }
  }
  e.writeInt32(req.timeoutMs)
}

export function decodeDeleteRecords(r: Reader, version: number): DeleteRecordsResponse {
  const flexible = isFlexible(DeleteRecordsApi, version)
  const arr = <T>(read: () => T): T[] => (flexible ? r.compactArray(read) : r.array(read))
  const throttleTimeMs = r.int32()
  const topics = arr(() => {
    const name = flexible ? r.compactString() : r.string()
    const partitions = arr(() => {
      const p = {partitionIndex: r.int32(), lowWatermark: r.int64(), errorCode: r.int16()}
      if (flexible) r.taggedFields()
      return p
    })
    if (flexible) r.taggedFields()
    return {name, partitions}
  })
  if (flexible) r.taggedFields()
  return {throttleTimeMs, topics}
}

export function deleteRecordsRequest(version: number, req: DeleteRecordsRequest, Encoder: new () => KafkaEncoder) {
  return buildRequest({
    api: DeleteRecordsApi,
    version,
    Encoder,
    encode: (e) => encodeDeleteRecords(e, version, req),
    decode: (r) => decodeDeleteRecords(r, version),
    requestTimeout: req.timeoutMs + 5000,
  })
}
