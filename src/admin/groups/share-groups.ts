import type {KafkaConnection} from '../../connection/client.js'
import {operationError} from '../../errors.js'
import {AlterShareGroupOffsetsApi, alterShareGroupOffsetsRequest} from '../../protocol/alter-share-group-offsets.js'
import {DeleteShareGroupOffsetsApi, deleteShareGroupOffsetsRequest} from '../../protocol/delete-share-group-offsets.js'
import {errorName} from '../../protocol/error-codes.js'
import {
  DescribeShareGroupOffsetsApi,
  describeShareGroupOffsetsRequest,
} from '../../protocol/describe-share-group-offsets.js'
import {protocolErrorToKctl} from '../../protocol/protocol-error.js'
import {askCoordinators} from './groups.js'
import {appendTo} from '../multimap.js'
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
  await askCoordinators(conn, groupIds, coordinators, async (broker, ids) => {
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
  })
  return out
}

/**
 * A share group's group-level error: NON_EMPTY_GROUP (a member joined since kctl checked) is the
 * same refusal as for consumer groups; anything else is Kafka's error.
 */
function shareGroupError(group: string, errorCode: number, errorMessage: string | null, action: string): Error {
  if (errorName(errorCode) === 'NON_EMPTY_GROUP')
    return operationError(`Cannot ${action} of share group ${group}: it has active members`, {
      code: 'GROUP_NOT_EMPTY',
      hint: 'Stop the consumers of the group first (nothing was changed).',
    })
  return protocolErrorToKctl(errorCode, errorMessage, `${action} of share group ${group}`)
}

/**
 * Set a share group's start offsets (AlterShareGroupOffsets, API 91) with one request to its
 * coordinator; the group must be empty. Throws if the group or any partition failed.
 */
export async function alterShareGroupOffsets(
  conn: KafkaConnection,
  group: string,
  coordinator: number,
  offsets: {topic: string; partition: number; offset: bigint}[],
): Promise<void> {
  if (offsets.length === 0) return
  const byTopic = new Map<string, {partitionIndex: number; startOffset: bigint}[]>()
  for (const o of offsets) appendTo(byTopic, o.topic, {partitionIndex: o.partition, startOffset: o.offset})
  const broker = await conn.broker(coordinator)
  const res = await conn.request(broker, AlterShareGroupOffsetsApi, (v, Encoder) =>
    alterShareGroupOffsetsRequest(
      v,
      {groupId: group, topics: [...byTopic].map(([topicName, partitions]) => ({topicName, partitions}))},
      Encoder,
    ),
  )
  if (res.errorCode !== 0) throw shareGroupError(group, res.errorCode, res.errorMessage, 'set the start offsets')
  const failed = res.responses.flatMap((t) =>
    t.partitions
      .filter((p) => p.errorCode !== 0)
      .map(
        (p) =>
          `${t.topicName}:${p.partitionIndex} ${errorName(p.errorCode)}${p.errorMessage ? ` (${p.errorMessage})` : ''}`,
      ),
  )
  if (failed.length)
    throw operationError(`Setting the start offsets of share group ${group} failed for ${failed.join(', ')}`, {
      code: 'OFFSET_COMMIT_FAILED',
    })
}

export interface ShareOffsetDeleteResult {
  topic: string
  deleted: boolean
  error: string | null
}

/**
 * Delete a share group's state for whole topics (DeleteShareGroupOffsets, API 92: the request
 * names topics, never partitions) with one request to its coordinator; the group must be empty.
 */
export async function deleteShareGroupOffsets(
  conn: KafkaConnection,
  group: string,
  coordinator: number,
  topics: string[],
): Promise<ShareOffsetDeleteResult[]> {
  const broker = await conn.broker(coordinator)
  const res = await conn.request(broker, DeleteShareGroupOffsetsApi, (v, Encoder) =>
    deleteShareGroupOffsetsRequest(v, {groupId: group, topics}, Encoder),
  )
  if (res.errorCode !== 0) throw shareGroupError(group, res.errorCode, res.errorMessage, 'delete the offsets')
  return res.responses
    .map((t) => ({
      topic: t.topicName,
      deleted: t.errorCode === 0,
      error: t.errorCode === 0 ? null : errorName(t.errorCode),
    }))
    .sort((a, b) => a.topic.localeCompare(b.topic))
}

/** The service object commands call (tests replace its functions). */
export const shareGroupsService = {fetchShareGroupOffsets, alterShareGroupOffsets, deleteShareGroupOffsets}
