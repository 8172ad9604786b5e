import type {KafkaEncoder, ProtocolRequest} from './kafkajs-internals.js'
import {type ApiSpec, type Reader, buildRequest} from './wire.js'

/**
 * Produce (API 0) v8, the last non-flexible version, served by Kafka 2.4 through 4.x. The record
 * batches are kctl's own (record-batch-encode.ts), compressed with codecs.ts.
 */
export const ProduceApi: ApiSpec = {apiKey: 0, apiName: 'Produce', minVersion: 8, maxVersion: 8, flexibleVersion: null}

export interface ProduceRequest {
  transactionalId: string | null
  /** -1 all in-sync replicas, 1 the leader, 0 no answer at all. */
  acks: number
  timeoutMs: number
  topics: {name: string; partitions: {index: number; records: Buffer}[]}[]
}

export interface ProducePartitionResponse {
  index: number
  errorCode: number
  baseOffset: bigint
  logAppendTimeMs: bigint
  logStartOffset: bigint
  recordErrors: {batchIndex: number; message: string | null}[]
  errorMessage: string | null
}

export interface ProduceResponse {
  topics: {name: string; partitions: ProducePartitionResponse[]}[]
  throttleTimeMs: number
}

export function encodeProduce(e: KafkaEncoder, req: ProduceRequest): void {
  e.writeString(req.transactionalId)
  e.writeInt16(req.acks)
  e.writeInt32(req.timeoutMs)
  e.writeInt32(req.topics.length)
  for (const t of req.topics) {
    e.writeString(t.name)
    e.writeInt32(t.partitions.length)
    for (const p of t.partitions) {
      e.writeInt32(p.index)
      e.writeInt32(p.records.length)
      e.writeBuffer(p.records)
    }
  }
}

export function decodeProduce(r: Reader): ProduceResponse {
  const topics = r.array((t) => ({
    name: t.string(),
    partitions: t.array((p): ProducePartitionResponse => ({
      index: p.int32(),
      errorCode: p.int16(),
      baseOffset: p.int64(),
      logAppendTimeMs: p.int64(),
      logStartOffset: p.int64(),
      recordErrors: p.array((e) => ({batchIndex: e.int32(), message: e.nullableString()})),
      errorMessage: p.nullableString(),
    })),
  }))
  return {topics, throttleTimeMs: r.int32()}
}

/** With acks 0 the broker sends no response: the request resolves with undefined. */
export function produceRequest(
  version: number,
  req: ProduceRequest,
  Encoder: new () => KafkaEncoder,
): ProtocolRequest<ProduceResponse | undefined> {
  const built = buildRequest({
    api: ProduceApi,
    version,
    Encoder,
    encode: (e) => encodeProduce(e, req),
    decode: decodeProduce,
  })
  return {...built, request: {...built.request, expectResponse: () => req.acks !== 0}}
}
