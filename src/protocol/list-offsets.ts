import type {KafkaEncoder} from './kafkajs-internals.js'
import {type ApiSpec, type Reader, buildRequest, flex, int64} from './wire.js'

/**
 * ListOffsets (API 2) v7-v9: kafkajs stops at v3, which cannot ask for the max-timestamp offset
 * (KIP-734, v7). One request per leader broker carries every partition it leads.
 */
export const ListOffsetsApi: ApiSpec = {
  apiKey: 2,
  apiName: 'ListOffsets',
  minVersion: 7,
  maxVersion: 9,
  flexibleVersion: 6,
}

/** Special timestamps of the protocol. */
export const OffsetSpec = {latest: -1n, earliest: -2n, maxTimestamp: -3n} as const

export interface ListOffsetsTopic {
  name: string
  partitions: {partitionIndex: number; timestamp: bigint}[]
}

export interface ListedOffset {
  partitionIndex: number
  errorCode: number
  /** -1 unless the request asked for a timestamp or max-timestamp. */
  timestamp: bigint
  /** -1 when no record has a timestamp at or after the one asked for. */
  offset: bigint
  leaderEpoch: number
}

/** READ_UNCOMMITTED (0) reports the high watermark, as kafka-consumer-groups and kafka-get-offsets do. */
export function encodeListOffsets(e: KafkaEncoder, topics: ListOffsetsTopic[], isolationLevel = 0): void {
  e.writeInt32(-1) // replica id: a client
  e.writeInt8(isolationLevel)
  flex.array(e, topics, (e, t) => {
    flex.string(e, t.name)
    flex.array(e, t.partitions, (e, p) => {
      e.writeInt32(p.partitionIndex)
      e.writeInt32(-1) // current leader epoch: unknown
      int64(e, p.timestamp)
      flex.tags(e)
    })
    flex.tags(e)
  })
  flex.tags(e)
}

export function decodeListOffsets(r: Reader): {
  throttleTimeMs: number
  topics: {name: string; partitions: ListedOffset[]}[]
} {
  const throttleTimeMs = r.int32()
  const topics = r.compactArray((t) => {
    const name = t.compactString()
    const partitions = t.compactArray((p) => {
      const partition = {
        partitionIndex: p.int32(),
        errorCode: p.int16(),
        timestamp: p.int64(),
        offset: p.int64(),
        leaderEpoch: p.int32(),
      }
      p.taggedFields()
      return partition
    })
    t.taggedFields()
    return {name, partitions}
  })
  r.taggedFields()
  return {throttleTimeMs, topics}
}

export function listOffsetsRequest(
  version: number,
  topics: ListOffsetsTopic[],
  Encoder: new () => KafkaEncoder,
  isolationLevel = 0,
) {
  return buildRequest({
    api: ListOffsetsApi,
    version,
    Encoder,
    encode: (e) => encodeListOffsets(e, topics, isolationLevel),
    decode: decodeListOffsets,
  })
}
