import type {KafkaConnection} from '../../connection/client.js'
import {usageError} from '../../errors.js'
import type {TopicPartitionOffset} from '../../input/kafka-json.js'
import {DeleteRecordsApi, deleteRecordsRequest} from '../../protocol/delete-records.js'
import {errorName} from '../../protocol/error-codes.js'
import {byTopicPartition, resolveTopicPartitions} from '../topics/partition-state.js'
import {type OffsetQuery, type PartitionOffset, offsetsByLeader, tpKey} from '../list-offsets.js'
import {appendTo} from '../multimap.js'

export interface RecordDeletion {
  topic: string
  partition: number
  leader: number
  /** Earliest and latest (high watermark) offsets before the deletion. */
  earliest: bigint
  latest: bigint
  /** The new earliest offset: every record before it goes. */
  deleteBefore: bigint
  /** How many records the partition loses. */
  records: bigint
}

export type DeleteBefore = {offset: bigint} | {timestamp: number} | {perPartition: TopicPartitionOffset[]}

/**
 * What a DeleteRecords would do, partition by partition: ListOffsets (earliest, latest, and by
 * timestamp for --before-datetime) with one request per leader broker for all topics.
 * An offset beyond the high watermark is a usage error; -1 means the high watermark.
 */
export async function planRecordDeletion(
  conn: KafkaConnection,
  targets: {topic: string; partitions?: number[]}[],
  before: DeleteBefore,
): Promise<RecordDeletion[]> {
  const {states, targets: wanted} = await resolveTopicPartitions(conn, targets)
  const leaders = new Map(states.map((s) => [tpKey(s.topic, s.partition), s.leader]))
  const withLeaders = wanted.map((w) => ({...w, leader: leaders.get(tpKey(w.topic, w.partition)) ?? -1}))
  // A plan that deletes records needs every partition's offsets: a leaderless one ends it (strict).
  const query = (q: OffsetQuery) => offsetsByLeader(conn, withLeaders, q, {strict: true})
  const none = new Map<string, PartitionOffset>()
  const [earliest, latest, atTime] = await Promise.all([
    query('earliest'),
    query('latest'),
    'timestamp' in before ? query({timestamp: before.timestamp}) : Promise.resolve(none),
  ])
  const lookup = (res: Map<string, PartitionOffset>, topic: string, partition: number) => {
    const o = res.get(tpKey(topic, partition))
    return o === undefined ? undefined : (o.offset ?? -1n)
  }
  const fileOffsets =
    'perPartition' in before
      ? new Map(before.perPartition.map((p) => [`${p.topic}:${p.partition}`, p.offset]))
      : undefined
  return wanted
    .map(({topic, partition}) => {
      const low = lookup(earliest, topic, partition) ?? 0n
      const high = lookup(latest, topic, partition) ?? 0n
      let target: bigint
      if ('offset' in before) target = before.offset
      else if (fileOffsets) target = fileOffsets.get(`${topic}:${partition}`)!
      else {
        // No record at or after the time: everything before it means every record.
        const t = lookup(atTime, topic, partition)
        target = t === undefined || t < 0n ? high : t
      }
      if (target === -1n) target = high
      if (target > high) {
        throw usageError(
          `Offset ${target} is beyond the end of ${topic}:${partition} (its high watermark is ${high})`,
          'Records can only be deleted up to the high watermark; -1 means the high watermark.',
          'OFFSET_OUT_OF_RANGE',
        )
      }
      const leader = states.find((s) => s.topic === topic && s.partition === partition)!.leader
      const deleteBefore = target < low ? low : target
      return {topic, partition, leader, earliest: low, latest: high, deleteBefore, records: deleteBefore - low}
    })
    .sort(byTopicPartition)
}

export interface RecordDeletionResult {
  topic: string
  partition: number
  /** The partition's earliest offset afterwards; null when it failed. */
  lowWatermark: bigint | null
  error: string | null
}

/** DeleteRecords: one request per partition leader with all its partitions. */
export async function deleteRecords(
  conn: KafkaConnection,
  plan: RecordDeletion[],
  timeoutMs: number,
): Promise<RecordDeletionResult[]> {
  const byLeader = new Map<number, RecordDeletion[]>()
  for (const p of plan.filter((x) => x.records > 0n)) appendTo(byLeader, p.leader, p)
  const results: RecordDeletionResult[] = plan
    .filter((x) => x.records === 0n)
    .map((p) => ({topic: p.topic, partition: p.partition, lowWatermark: p.earliest, error: null}))
  await Promise.all(
    [...byLeader].map(async ([leader, parts]) => {
      const topics = [...new Set(parts.map((p) => p.topic))].map((name) => ({
        name,
        partitions: parts
          .filter((p) => p.topic === name)
          .map((p) => ({partitionIndex: p.partition, offset: p.deleteBefore})),
      }))
      const res = await conn.request(await conn.broker(leader), DeleteRecordsApi, (v, Encoder) =>
        deleteRecordsRequest(v, {topics, timeoutMs}, Encoder),
      )
      for (const t of res.topics) {
        for (const p of t.partitions) {
          results.push({
            topic: t.name,
            partition: p.partitionIndex,
            lowWatermark: p.errorCode === 0 ? p.lowWatermark : null,
            error: p.errorCode === 0 ? null : errorName(p.errorCode),
          })
        }
      }
    }),
  )
  return results.sort(byTopicPartition)
}

/** The service object commands call (command tests replace its functions). */
export const recordsService = {planRecordDeletion, deleteRecords}
