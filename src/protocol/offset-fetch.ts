import type {KafkaEncoder} from './kafkajs-internals.js'
import {type ApiSpec, type Reader, buildRequest, flex} from './wire.js'

/**
 * OffsetFetch (API 9) v8-v9: committed offsets of many groups in one request (KIP-709).
 * v10 switches to topic ids; kctl stays on names.
 */
export const OffsetFetchApi: ApiSpec = {
  apiKey: 9,
  apiName: 'OffsetFetch',
  minVersion: 8,
  maxVersion: 9,
  flexibleVersion: 6,
}

export interface OffsetFetchGroupRequest {
  groupId: string
  /** null = every partition the group has committed. */
  topics: {name: string; partitionIndexes: number[]}[] | null
}

export interface FetchedPartitionOffset {
  partitionIndex: number
  /** -1 = no committed offset. */
  committedOffset: bigint
  committedLeaderEpoch: number
  metadata: string | null
  errorCode: number
}

export interface OffsetFetchGroupResponse {
  groupId: string
  topics: {name: string; partitions: FetchedPartitionOffset[]}[]
  errorCode: number
}

export function encodeOffsetFetch(
  e: KafkaEncoder,
  version: number,
  groups: OffsetFetchGroupRequest[],
  requireStable = false,
): void {
  flex.array(e, groups, (e, g) => {
    flex.string(e, g.groupId)
    if (version >= 9) {
      flex.nullableString(e, null) // member id: null for an admin fetch
      e.writeInt32(-1) // member epoch
    }
    flex.array(e, g.topics, (e, t) => {
      flex.string(e, t.name)
      flex.array(e, t.partitionIndexes, (e, p) => e.writeInt32(p))
      flex.tags(e)
    })
    flex.tags(e)
  })
  e.writeBoolean(requireStable)
  flex.tags(e)
}

export function decodeOffsetFetch(r: Reader): {throttleTimeMs: number; groups: OffsetFetchGroupResponse[]} {
  const throttleTimeMs = r.int32()
  const groups = r.compactArray((g) => {
    const groupId = g.compactString()
    const topics = g.compactArray((t) => {
      const name = t.compactString()
      const partitions = t.compactArray((p) => {
        const partition = {
          partitionIndex: p.int32(),
          committedOffset: p.int64(),
          committedLeaderEpoch: p.int32(),
          metadata: p.compactNullableString(),
          errorCode: p.int16(),
        }
        p.taggedFields()
        return partition
      })
      t.taggedFields()
      return {name, partitions}
    })
    const errorCode = g.int16()
    g.taggedFields()
    return {groupId, topics, errorCode}
  })
  r.taggedFields()
  return {throttleTimeMs, groups}
}

export function offsetFetchRequest(
  version: number,
  groups: OffsetFetchGroupRequest[],
  Encoder: new () => KafkaEncoder,
) {
  return buildRequest({
    api: OffsetFetchApi,
    version,
    Encoder,
    encode: (e) => encodeOffsetFetch(e, version, groups),
    decode: decodeOffsetFetch,
  })
}
