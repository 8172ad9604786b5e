import type {KafkaEncoder} from './kafkajs-internals.js'
import {type ApiSpec, type Reader, buildRequest, flex, int64} from './wire.js'

/**
 * Fetch (API 1) v12, the last version that names topics (v13+ uses topic ids), kctl's own so a
 * response's record sets stay raw bytes: time lag needs one timestamp per partition, and
 * kafkajs's Fetch decodes (and for snappy/lz4/zstd fails to decompress) every record.
 */
export const FetchApi: ApiSpec = {apiKey: 1, apiName: 'Fetch', minVersion: 12, maxVersion: 12, flexibleVersion: 12}

export interface FetchTopic {
  name: string
  partitions: {partitionIndex: number; fetchOffset: bigint; maxBytes: number}[]
}

export interface FetchRequestOptions {
  topics: FetchTopic[]
  /** Response size limit; KIP-74: the first batch of the first partition comes even if larger. */
  maxBytes: number
  /** READ_UNCOMMITTED (0) or READ_COMMITTED (1). */
  isolationLevel?: number
  /** How long the broker may wait for `minBytes` (a follow loop); 0: answer with what is there. */
  maxWaitMs?: number
  minBytes?: number
}

export interface FetchedPartition {
  partitionIndex: number
  errorCode: number
  highWatermark: bigint
  /** The end of what a READ_COMMITTED consumer may read (-1 when the broker did not say). */
  lastStableOffset: bigint
  logStartOffset: bigint
  /** READ_COMMITTED only: transactions aborted in the fetched range (Kafka's consumer filters them out). */
  abortedTransactions: {producerId: bigint; firstOffset: bigint}[]
  /** The raw record batches from the fetch offset on; the last one may be cut short. */
  records: Buffer | null
}

export interface FetchResponse {
  throttleTimeMs: number
  errorCode: number
  topics: {name: string; partitions: FetchedPartition[]}[]
}

/** A client fetch (replica -1) without a fetch session; by default one-shot (no wait). */
export function encodeFetch(e: KafkaEncoder, options: FetchRequestOptions): void {
  e.writeInt32(-1) // replica id: a client
  e.writeInt32(options.maxWaitMs ?? 0)
  e.writeInt32(options.minBytes ?? 0)
  e.writeInt32(options.maxBytes)
  e.writeInt8(options.isolationLevel ?? 0)
  e.writeInt32(0) // session id: none
  e.writeInt32(-1) // session epoch: full fetch, no session created
  flex.array(e, options.topics, (e, t) => {
    flex.string(e, t.name)
    flex.array(e, t.partitions, (e, p) => {
      e.writeInt32(p.partitionIndex)
      e.writeInt32(-1) // current leader epoch: unknown
      int64(e, p.fetchOffset)
      e.writeInt32(-1) // last fetched epoch: unknown
      int64(e, -1n) // log start offset: followers only
      e.writeInt32(p.maxBytes)
      flex.tags(e)
    })
    flex.tags(e)
  })
  flex.array(e, [], () => {}) // forgotten topics
  flex.string(e, '') // rack id
  flex.tags(e)
}

export function decodeFetch(r: Reader): FetchResponse {
  const throttleTimeMs = r.int32()
  const errorCode = r.int16()
  r.int32() // session id
  const topics = r.compactArray((t) => {
    const name = t.compactString()
    const partitions = t.compactArray((p): FetchedPartition => {
      const partitionIndex = p.int32()
      const errorCode = p.int16()
      const highWatermark = p.int64()
      const lastStableOffset = p.int64()
      const logStartOffset = p.int64()
      const abortedTransactions = p.compactArray((a) => {
        const aborted = {producerId: a.int64(), firstOffset: a.int64()}
        a.taggedFields()
        return aborted
      })
      p.int32() // preferred read replica
      const records = p.compactNullableBytes()
      p.taggedFields()
      return {partitionIndex, errorCode, highWatermark, lastStableOffset, logStartOffset, abortedTransactions, records}
    })
    t.taggedFields()
    return {name, partitions}
  })
  r.taggedFields()
  return {throttleTimeMs, errorCode, topics}
}

export function fetchRequest(version: number, options: FetchRequestOptions, Encoder: new () => KafkaEncoder) {
  return buildRequest({
    api: FetchApi,
    version,
    Encoder,
    encode: (e) => encodeFetch(e, options),
    decode: decodeFetch,
  })
}
