import type {KafkaEncoder} from './kafkajs-internals.js'
import {type ApiSpec, type Reader, buildRequest} from './wire.js'

/** OffsetDelete (API 47, KIP-496): drop a group's committed offsets for some partitions. Only v0, non-flexible. */
export const OffsetDeleteApi: ApiSpec = {
  apiKey: 47,
  apiName: 'OffsetDelete',
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: null,
}

export interface OffsetDeleteRequest {
  groupId: string
  topics: {name: string; partitions: number[]}[]
}

export interface OffsetDeleteResponse {
  errorCode: number
  throttleTimeMs: number
  topics: {name: string; partitions: {partitionIndex: number; errorCode: number}[]}[]
}

export function encodeOffsetDelete(e: KafkaEncoder, req: OffsetDeleteRequest): void {
  e.writeString(req.groupId)
  e.writeInt32(req.topics.length)
  for (const t of req.topics) {
    e.writeString(t.name)
    e.writeInt32(t.partitions.length)
    for (const p of t.partitions) e.writeInt32(p)
  }
}

export function decodeOffsetDelete(r: Reader): OffsetDeleteResponse {
  const errorCode = r.int16()
  const throttleTimeMs = r.int32()
  const topics = r.array((t) => ({
    name: t.string(),
    partitions: t.array((p) => ({partitionIndex: p.int32(), errorCode: p.int16()})),
  }))
  return {errorCode, throttleTimeMs, topics}
}

export function offsetDeleteRequest(version: number, req: OffsetDeleteRequest, Encoder: new () => KafkaEncoder) {
  return buildRequest({
    api: OffsetDeleteApi,
    version,
    Encoder,
    encode: (e) => encodeOffsetDelete(e, req),
    decode: decodeOffsetDelete,
  })
}
