import type {KafkaEncoder} from './kafkajs-internals.js'
import {type ApiSpec, type Reader, buildRequest, flex} from './wire.js'

/**
 * DescribeShareGroupOffsets (API 90, KIP-932): a share group's start offset per partition (the
 * share-partition start offset, below which every record is acknowledged); v1 adds the lag the
 * broker computes (-1 when it does not know it).
 */
export const DescribeShareGroupOffsetsApi: ApiSpec = {
  apiKey: 90,
  apiName: 'DescribeShareGroupOffsets',
  minVersion: 0,
  maxVersion: 1,
  flexibleVersion: 0,
}

export interface DescribeShareGroupOffsetsGroup {
  groupId: string
  /** null: every topic-partition the group has state for. */
  topics: {topicName: string; partitions: number[]}[] | null
}

export interface ShareGroupPartitionOffset {
  partitionIndex: number
  /** -1 when the group has no state for the partition. */
  startOffset: bigint
  leaderEpoch: number
  /** v1+; null on v0 (the broker does not report it) and -1n when the broker does not know it. */
  lag: bigint | null
  errorCode: number
  errorMessage: string | null
}

export interface DescribedShareGroupOffsets {
  groupId: string
  topics: {topicName: string; topicId: string; partitions: ShareGroupPartitionOffset[]}[]
  errorCode: number
  errorMessage: string | null
}

export function encodeDescribeShareGroupOffsets(e: KafkaEncoder, groups: DescribeShareGroupOffsetsGroup[]): void {
  flex.array(e, groups, (e, g) => {
    flex.string(e, g.groupId)
    flex.array(e, g.topics, (e, t) => {
      flex.string(e, t.topicName)
      flex.array(e, t.partitions, (e, p) => e.writeInt32(p))
      flex.tags(e)
    })
    flex.tags(e)
  })
  flex.tags(e)
}

export function decodeDescribeShareGroupOffsets(
  r: Reader,
  version: number,
): {throttleTimeMs: number; groups: DescribedShareGroupOffsets[]} {
  const throttleTimeMs = r.int32()
  const groups = r.compactArray((g) => {
    const groupId = g.compactString()
    const topics = g.compactArray((t) => {
      const topicName = t.compactString()
      const topicId = t.uuid()
      const partitions = t.compactArray((p) => {
        const partition: ShareGroupPartitionOffset = {
          partitionIndex: p.int32(),
          startOffset: p.int64(),
          leaderEpoch: p.int32(),
          lag: version >= 1 ? p.int64() : null,
          errorCode: p.int16(),
          errorMessage: p.compactNullableString(),
        }
        p.taggedFields()
        return partition
      })
      t.taggedFields()
      return {topicName, topicId, partitions}
    })
    const errorCode = g.int16()
    const errorMessage = g.compactNullableString()
    g.taggedFields()
    return {groupId, topics, errorCode, errorMessage}
  })
  r.taggedFields()
  return {throttleTimeMs, groups}
}

export function describeShareGroupOffsetsRequest(
  version: number,
  groups: DescribeShareGroupOffsetsGroup[],
  Encoder: new () => KafkaEncoder,
) {
  return buildRequest({
    api: DescribeShareGroupOffsetsApi,
    version,
    Encoder,
    encode: (e) => encodeDescribeShareGroupOffsets(e, groups),
    decode: (r) => decodeDescribeShareGroupOffsets(r, version),
  })
}
