import type {KafkaConnection} from '../../connection/client.js'
import {errorName} from '../../protocol/error-codes.js'
import {
  DescribeShareGroupOffsetsApi,
  describeShareGroupOffsetsRequest,
} from '../../protocol/describe-share-group-offsets.js'
import {protocolErrorToKctl} from '../../protocol/protocol-error.js'
import {byCoordinator} from './groups.js'
import {tpKey} from './offsets.js'

/** A share group's position in one partition: where its share-partition starts, and the broker's lag if it has one. */
export interface SharePartitionOffset {
  /** The share-partition start offset: every record below it is acknowledged (or archived). */
  startOffset: bigint
  /** The lag the broker computes (DescribeShareGroupOffsets v1+); null when it does not report one. */
  lag: bigint | null
}

/** group -> `topic:partition` -> its share-partition state. */
export type ShareGroupOffsets = Map<string, Map<string, SharePartitionOffset>>

/**
 * Start offsets (and broker lag) of share groups: one DescribeShareGroupOffsets per coordinator,
 * every topic-partition each group has state for. A partition without state (start offset -1) or
 * with an error is left out, as a consumer group's uncommitted partition is.
 */
export async function fetchShareGroupOffsets(
  conn: KafkaConnection,
  groupIds: string[],
  coordinators: Map<string, number>,
): Promise<ShareGroupOffsets> {
  const out: ShareGroupOffsets = new Map(groupIds.map((g) => [g, new Map()]))
  await Promise.all(
    [...byCoordinator(groupIds, coordinators).entries()].map(async ([nodeId, ids]) => {
      const broker = await conn.broker(nodeId)
      const res = await conn.request(broker, DescribeShareGroupOffsetsApi, (v, Encoder) =>
        describeShareGroupOffsetsRequest(
          v,
          ids.map((groupId) => ({groupId, topics: null})),
          Encoder,
        ),
      )
      for (const g of res.groups) {
        if (g.errorCode !== 0)
          throw protocolErrorToKctl(g.errorCode, g.errorMessage, `Describing the offsets of share group ${g.groupId}`)
        const offsets = out.get(g.groupId) ?? new Map()
        out.set(g.groupId, offsets)
        for (const t of g.topics)
          for (const p of t.partitions) {
            if (p.errorCode !== 0) {
              conn.warn({
                code: 'SHARE_OFFSETS_UNAVAILABLE',
                message: `share group ${g.groupId}: ${t.topicName}:${p.partitionIndex}: ${errorName(p.errorCode)}${p.errorMessage ? ` (${p.errorMessage})` : ''}`,
                partitions: [tpKey(t.topicName, p.partitionIndex)],
              })
              continue
            }
            if (p.startOffset < 0n) continue
            offsets.set(tpKey(t.topicName, p.partitionIndex), {
              startOffset: p.startOffset,
              lag: p.lag === null || p.lag < 0n ? null : p.lag,
            })
          }
      }
    }),
  )
  return out
}
