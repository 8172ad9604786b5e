import type {KafkaConnection} from '../../connection/client.js'
import {operationError, usageError} from '../../errors.js'
import type {PositionSpec} from '../../input/position.js'
import {errorName} from '../../protocol/error-codes.js'
import {FetchApi, type FetchedPartition, fetchRequest} from '../../protocol/fetch.js'
import {type DecodedBatch, recordBatches} from '../../protocol/record-batch.js'
import {protocolErrorToKctl} from '../../protocol/protocol-error.js'
import {findCoordinators} from '../groups/groups.js'
import {appendTo} from '../multimap.js'
import {
  type TopicLayout,
  type TopicPartition,
  commitOffsets,
  fetchCommittedOffsets,
  listOffsets,
  resolvePartitions,
  topicLayout,
  tpKey,
} from '../groups/offsets.js'
import type {RecordLike} from './record-json.js'
import {partitionForKey} from './partitioner.js'

export type Isolation = 'read_committed' | 'read_uncommitted'

/** One partition to read: from `start` up to `end` (exclusive; null = follow, no end). */
export interface ReadRange extends TopicPartition {
  start: bigint
  end: bigint | null
  /** The partition's earliest and end offsets when the plan was made. */
  earliest: bigint
  latest: bigint
}

export interface ConsumePlanOptions {
  topics: {topic: string; partitions?: number[]}[]
  /** Read only the partition this key hashes to (Kafka's Java partitioner). */
  key?: Buffer
  from: PositionSpec
  /** null: follow (no end). */
  to: PositionSpec | null
  isolation: Isolation
}

export interface ConsumePlan {
  layout: TopicLayout
  ranges: ReadRange[]
  /** Partitions that had no committed offset for a committed:G position (read from the earliest). */
  uncommitted: string[]
}

const isolationLevel = (i: Isolation) => (i === 'read_committed' ? 1 : 0)

/**
 * Where each partition's reading starts and ends. The end offsets are taken now (the last stable
 * offset under read_committed, the high watermark otherwise): a plain consume reads up to them
 * and stops even while producers keep writing.
 */
export async function planConsume(conn: KafkaConnection, options: ConsumePlanOptions): Promise<ConsumePlan> {
  const layout = await topicLayout(
    conn,
    options.topics.map((t) => t.topic),
  )
  let partitions = resolvePartitions(layout, options.topics, 'TOPIC')
  if (options.key) {
    const key = options.key
    partitions = partitions.filter((tp) => tp.partition === partitionForKey(key, layout.leaders.get(tp.topic)!.size))
  }
  const level = {isolationLevel: isolationLevel(options.isolation)} as const
  const [earliest, latest] = await Promise.all([
    listOffsets(conn, layout, partitions, 'earliest', level),
    listOffsets(conn, layout, partitions, 'latest', level),
  ])
  const unknown = partitions
    .filter((tp) => !earliest.has(tpKey(tp.topic, tp.partition)) || !latest.has(tpKey(tp.topic, tp.partition)))
    .map((tp) => tpKey(tp.topic, tp.partition))
  if (unknown.length > 0) {
    throw operationError(
      `Cannot read ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ` (and ${unknown.length - 10} more)` : ''}: no leader answered for ${unknown.length === 1 ? 'it' : 'them'}`,
      {
        code: 'LEADER_NOT_AVAILABLE',
        retriable: true,
        hint: 'Check the partitions with `kctl topics describe --unavailable-partitions`, or leave them out with --partition.',
      },
    )
  }
  const bounds = (tp: TopicPartition) => ({
    low: earliest.get(tpKey(tp.topic, tp.partition))?.offset ?? 0n,
    high: latest.get(tpKey(tp.topic, tp.partition))?.offset ?? 0n,
  })
  const uncommitted: string[] = []
  const resolve = async (spec: PositionSpec): Promise<Map<string, bigint>> => {
    const out = new Map<string, bigint>()
    let lookup: Map<string, bigint | null> | undefined
    if (spec.kind === 'time') {
      const found = await listOffsets(conn, layout, partitions, {timestamp: spec.timestamp}, level)
      lookup = new Map([...found].map(([k, v]) => [k, v.offset]))
    } else if (spec.kind === 'committed') {
      const committed =
        (await fetchCommittedOffsets(conn, [spec.group], await findCoordinators(conn, [spec.group]))).get(spec.group) ??
        new Map()
      lookup = new Map(
        partitions.map((tp) => [tpKey(tp.topic, tp.partition), committed.get(tpKey(tp.topic, tp.partition)) ?? null]),
      )
    }
    for (const tp of partitions) {
      const k = tpKey(tp.topic, tp.partition)
      const {low, high} = bounds(tp)
      let at: bigint
      switch (spec.kind) {
        case 'earliest':
          at = low
          break
        case 'latest':
          at = high
          break
        case 'offset':
          at = spec.offset
          break
        case 'fromStart':
          at = low + spec.n
          break
        case 'fromEnd':
          at = high - spec.n
          break
        case 'time':
          // No record that new: the end.
          at = lookup!.get(k) ?? high
          break
        case 'committed': {
          const c = lookup!.get(k)
          if (c === null || c === undefined) uncommitted.push(k)
          at = c ?? low
          break
        }
      }
      out.set(k, at < low ? low : at > high && spec.kind !== 'offset' ? high : at)
    }
    return out
  }
  const starts = await resolve(options.from)
  const ends = options.to ? await resolve(options.to) : undefined
  const ranges = partitions.map((tp): ReadRange => {
    const k = tpKey(tp.topic, tp.partition)
    const {low, high} = bounds(tp)
    const end = ends ? ends.get(k)! : null
    return {...tp, start: starts.get(k)!, end, earliest: low, latest: high}
  })
  return {layout, ranges, uncommitted}
}

export interface ConsumedRecord extends RecordLike {
  aborted: boolean
}

export interface ConsumeOptions {
  isolation: Isolation
  /** Keep the records of aborted transactions, marked `aborted` (read_committed only). */
  showAborted: boolean
  signal?: AbortSignal
  /** How long a fetch may wait for new records (the broker's max wait). */
  maxWaitMs?: number
}

/** Partition errors after which the leader is looked up again and the fetch retried. */
export const FETCH_RETRIABLE = new Set([
  'NOT_LEADER_OR_FOLLOWER',
  'LEADER_NOT_AVAILABLE',
  'FENCED_LEADER_EPOCH',
  'UNKNOWN_LEADER_EPOCH',
  'REPLICA_NOT_AVAILABLE',
  'KAFKA_STORAGE_ERROR',
  'OFFSET_NOT_AVAILABLE',
  'UNKNOWN_TOPIC_OR_PARTITION',
])
const PARTITION_BYTES = 1024 * 1024
const MAX_PARTITION_BYTES = 64 * 1024 * 1024
const RESPONSE_BYTES = 16 * 1024 * 1024

interface ReadState {
  range: ReadRange
  position: bigint
  maxBytes: number
  /**
   * Fetches answered with nothing readable below the end taken at start. The broker asked is
   * behind: since Fetch v11 a follower serves consumers too, up to its own (older) high watermark,
   * so stale metadata reads a partition as empty. Counted to look the leaders up again.
   */
  behind: number
}

/** Answers "behind" (with fresh leaders each time) before the end is taken to have moved back (a truncated log). */
const BEHIND_RETRIES = 5

/**
 * Reads the ranges with kctl's own Fetch, one request per leader broker for all its partitions,
 * leaders in parallel; records go to `emit` batch by batch, in offset order per partition, each
 * record batch decoded only when the previous one was emitted (memory holds the fetched bytes and
 * one batch's records, whatever the topic size). `emit` returns false to stop everything (a
 * record limit). Control batches are skipped; under
 * read_committed, records of aborted transactions are dropped (or marked, with showAborted), as
 * Kafka's consumer does from the response's aborted-transactions list. Returns the next offset of
 * every partition.
 */
export async function consumeRecords(
  conn: KafkaConnection,
  plan: ConsumePlan,
  options: ConsumeOptions,
  emit: (records: ConsumedRecord[]) => boolean | Promise<boolean>,
): Promise<Map<string, bigint>> {
  let layout = plan.layout
  const states = plan.ranges.map((range): ReadState => ({
    range,
    position: range.start,
    maxBytes: PARTITION_BYTES,
    behind: 0,
  }))
  const done = (s: ReadState) => s.range.end !== null && s.position >= s.range.end
  let stopped = false
  const stop = () => {
    stopped = true
  }
  options.signal?.addEventListener('abort', stop, {once: true})
  const level = isolationLevel(options.isolation)
  let refreshes = 0
  try {
    while (!stopped && !options.signal?.aborted) {
      const active = states.filter((s) => !done(s))
      if (active.length === 0) break
      const byLeader = new Map<number, ReadState[]>()
      for (const s of active) appendTo(byLeader, layout.leaders.get(s.range.topic)?.get(s.range.partition) ?? -1, s)
      let needRefresh = byLeader.has(-1)
      const rounds = [...byLeader.entries()]
        .filter(([leader]) => leader >= 0)
        .map(async ([leader, group]) => {
          const broker = await conn.broker(leader)
          const topics = new Map<string, ReadState[]>()
          for (const s of group) appendTo(topics, s.range.topic, s)
          const res = await conn.request(broker, FetchApi, (v, Encoder) =>
            fetchRequest(
              v,
              {
                topics: [...topics].map(([name, ss]) => ({
                  name,
                  partitions: ss.map((s) => ({
                    partitionIndex: s.range.partition,
                    fetchOffset: s.position,
                    maxBytes: s.maxBytes,
                  })),
                })),
                maxBytes: RESPONSE_BYTES,
                isolationLevel: level,
                maxWaitMs: options.maxWaitMs ?? 500,
                minBytes: 1,
              },
              Encoder,
            ),
          )
          if (res.errorCode !== 0) throw protocolErrorToKctl(res.errorCode, null, 'Fetch')
          for (const t of res.topics) {
            for (const p of t.partitions) {
              const s = topics.get(t.name)?.find((x) => x.range.partition === p.partitionIndex)
              if (!s || stopped) continue
              const name = errorName(p.errorCode)
              if (p.errorCode !== 0) {
                if (FETCH_RETRIABLE.has(name)) needRefresh = true
                else if (name === 'OFFSET_OUT_OF_RANGE') s.position = await earliestOffset(conn, layout, s.range)
                else
                  throw protocolErrorToKctl(
                    p.errorCode,
                    null,
                    `Fetching ${t.name}:${p.partitionIndex} at offset ${s.position}`,
                  )
                continue
              }
              const behind = s.behind
              if (!(await readPartition(s, p, options, emit))) stopped = true
              if (s.behind > behind) needRefresh = true
            }
          }
        })
      await Promise.all(rounds)
      if (needRefresh) {
        if (++refreshes > 20)
          throw operationError('Partition leaders kept moving while reading', {
            code: 'LEADER_NOT_AVAILABLE',
            retriable: true,
            hint: 'Check the cluster with `kctl topics describe` and retry.',
          })
        layout = await topicLayout(conn)
      }
    }
  } finally {
    options.signal?.removeEventListener('abort', stop)
  }
  return new Map(states.map((s) => [tpKey(s.range.topic, s.range.partition), s.position]))
}

async function earliestOffset(conn: KafkaConnection, layout: TopicLayout, tp: TopicPartition): Promise<bigint> {
  const res = await listOffsets(conn, layout, [tp], 'earliest')
  return res.get(tpKey(tp.topic, tp.partition))?.offset ?? 0n
}

/**
 * Emits the records of one partition's fetched data within its range, batch by batch; advances
 * its position. false: `emit` asked to stop.
 */
async function readPartition(
  s: ReadState,
  p: FetchedPartition,
  options: ConsumeOptions,
  emit: (records: ConsumedRecord[]) => boolean | Promise<boolean>,
): Promise<boolean> {
  const batches = p.records ? recordBatches(p.records) : undefined
  const aborted = new AbortedTransactions(p.abortedTransactions, options.isolation)
  const end = s.range.end
  const {topic, partition} = s.range
  let any = false
  let next = batches?.next()
  for (; next && !next.done; next = batches!.next()) {
    const batch = next.value
    any = true
    if (batch.lastOffset < s.position) {
      aborted.isAborted(batch)
      continue
    }
    const isAborted = aborted.isAborted(batch)
    let out: ConsumedRecord[] | undefined
    if (!batch.control && (!isAborted || options.showAborted)) {
      out = []
      const {timestampType, records} = batch
      for (let i = 0; i < records.length; i++) {
        const r = records[i]
        if (r.offset < s.position || (end !== null && r.offset >= end)) continue
        out.push({
          topic,
          partition,
          offset: r.offset,
          timestamp: r.timestamp,
          timestampType,
          key: r.key,
          value: r.value,
          headers: r.headers,
          aborted: isAborted,
        })
      }
    }
    s.position = batch.lastOffset + 1n
    if (out && out.length > 0 && !(await emit(out))) return false
  }
  if (!any) {
    if (next?.value) s.maxBytes = Math.min(s.maxBytes * 2, MAX_PARTITION_BYTES)
    else if (s.range.end !== null) {
      const readable =
        options.isolation === 'read_committed' && p.lastStableOffset >= 0n ? p.lastStableOffset : p.highWatermark
      // Nothing readable below the end taken at start: the broker is behind (a follower that still
      // looked like the leader), so ask the leader again; only when that keeps happening has the
      // end moved back (the log was truncated) and the partition is done.
      if (readable <= s.position) {
        if (++s.behind > BEHIND_RETRIES) s.position = s.range.end
      }
    }
  }
  return true
}

/**
 * The data batches of aborted transactions, as Kafka's consumer finds them: a transactional
 * batch is aborted when its producer has an aborted transaction starting at or before the batch,
 * until that producer's ABORT marker.
 */
export function abortedBatches(
  batches: DecodedBatch[],
  abortedTransactions: {producerId: bigint; firstOffset: bigint}[],
  isolation: Isolation,
): Set<DecodedBatch> {
  const tracker = new AbortedTransactions(abortedTransactions, isolation)
  return new Set(batches.filter((b) => tracker.isAborted(b)))
}

/** `abortedBatches` one batch at a time: ask about every batch, in order. */
class AbortedTransactions {
  private readonly pending: {producerId: bigint; firstOffset: bigint}[]
  private readonly abortedProducers = new Set<bigint>()

  constructor(abortedTransactions: {producerId: bigint; firstOffset: bigint}[], isolation: Isolation) {
    this.pending =
      isolation === 'read_committed' && abortedTransactions.length > 0
        ? [...abortedTransactions].sort((a, b) =>
            a.firstOffset < b.firstOffset ? -1 : a.firstOffset > b.firstOffset ? 1 : 0,
          )
        : []
  }

  isAborted(batch: DecodedBatch): boolean {
    const {pending, abortedProducers} = this
    if (pending.length === 0 && abortedProducers.size === 0) return false
    while (pending.length > 0 && pending[0].firstOffset <= batch.lastOffset)
      abortedProducers.add(pending.shift()!.producerId)
    if (batch.control) {
      if (batch.control.type === 'ABORT') abortedProducers.delete(batch.producerId)
      return false
    }
    return batch.isTransactional && abortedProducers.has(batch.producerId)
  }
}

/** The committed offsets a --commit writes: a consumer's next positions, outside any member. */
export async function commitPositions(
  conn: KafkaConnection,
  group: string,
  positions: Map<string, bigint>,
): Promise<void> {
  const coordinators = await findCoordinators(conn, [group])
  const coordinator = coordinators.get(group)
  if (coordinator === undefined)
    throw operationError(`No coordinator found for group ${group}`, {
      code: 'COORDINATOR_NOT_AVAILABLE',
      retriable: true,
    })
  const offsets = [...positions].map(([k, offset]) => {
    const i = k.lastIndexOf(':')
    return {topic: k.slice(0, i), partition: Number(k.slice(i + 1)), offset}
  })
  await commitOffsets(conn, group, coordinator, offsets)
}

/** Reject a plan that reads nothing for a reason the user should hear (not just an empty topic). */
export function checkRanges(plan: ConsumePlan): void {
  for (const r of plan.ranges) {
    if (r.start > r.latest && r.end === null) continue
    if (r.end !== null && r.start > r.latest) {
      throw usageError(
        `Offset ${r.start} is beyond the end of ${r.topic}:${r.partition} (its end offset is ${r.latest})`,
        'Use a smaller offset, latest, or -N for the last N records.',
        'OFFSET_OUT_OF_RANGE',
      )
    }
  }
}

export const consumeService = {planConsume, consumeRecords, commitPositions}
