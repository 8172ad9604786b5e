import type {KafkaConnection} from '../../connection/client.js'
import {usageError} from '../../errors.js'
import {FetchApi, type FetchTopic, fetchRequest} from '../../protocol/fetch.js'
import {recordTimestampAt} from '../../protocol/record-batch.js'
import {type GroupDescription, allGroups, describeGroups, findCoordinators, requireGroupsExist} from './groups.js'
import {appendTo} from '../multimap.js'
import {type SharePartitionOffset, fetchShareGroupOffsets} from './share-groups.js'
import {
  type CommittedOffsets,
  type PartitionOffset,
  type TopicLayout,
  type TopicPartition,
  fetchCommittedOffsets,
  listOffsets,
  parseTpKey,
  sortTp,
  topicLayout,
  tpKey,
} from './offsets.js'

export interface PartitionLag {
  topic: string
  partition: number
  /** null: the group has no committed offset for this (assigned) partition. */
  committed: bigint | null
  /** null when the partition's leader could not be asked (no leader, broker down): lag unknown. */
  logEnd: bigint | null
  lag: bigint | null
  /** How long ago the next unconsumed record was written; null when not lagging or unknown. */
  timeLagMs: number | null
  /** The member (client id) the partition is assigned to, if any. */
  owner: string | null
}

export interface TopicLag {
  topic: string
  lag: bigint
  partitions: PartitionLag[]
}

export interface GroupLag {
  group: string
  state: string
  members: number
  lag: bigint
  timeLagMs: number | null
  topics: TopicLag[]
}

export interface LagOptions {
  groups?: string[]
  allGroups?: boolean
  topic?: string
  timeLag?: boolean
  /** read-committed: lag to the last stable offset (what a read_committed consumer can reach), not the high watermark. */
  isolation?: 'read-uncommitted' | 'read-committed'
  now?: () => number
}

/**
 * Lag of many groups in a number of requests that grows with brokers, not with partitions:
 * ListGroups per broker (or one FindCoordinator), DescribeGroups and OffsetFetch v8 per
 * coordinator, one Metadata, one ListOffsets per leader, one Fetch per leader for time lag.
 */
export async function groupLag(conn: KafkaConnection, options: LagOptions): Promise<GroupLag[]> {
  return (await describeWithLag(conn, options)).map((g) => g.lag)
}

/** Groups described (members, assignment) together with their lag, from the same requests. */
export async function describeWithLag(
  conn: KafkaConnection,
  options: LagOptions,
): Promise<{description: GroupDescription; lag: GroupLag}[]> {
  let coordinators: Map<string, number>
  if (options.allGroups) coordinators = await allGroups(conn)
  else coordinators = await findCoordinators(conn, options.groups ?? [])
  const ids = [...coordinators.keys()].sort()
  if (ids.length === 0) return []
  const committedP = fetchCommittedOffsets(conn, ids, coordinators)
  const layoutP = topicLayout(conn)
  // The same partitions recur in many groups: each key is parsed once.
  const parse = memoized(parseTpKey)
  // The time-lag Fetch needs only the committed positions and the leaders: it starts as soon as
  // those are known, while the groups are described and the log-end offsets listed.
  const stampsP =
    options.timeLag === false
      ? Promise.resolve(new ByPosition<number>())
      : Promise.all([committedP, layoutP]).then(([committed, layout]) =>
          nextRecordTimestamps(conn, layout, committedPositions(committed, layout, parse, options.topic)),
        )
  stampsP.catch(() => {}) // awaited below, after its inputs, whose errors surface first
  const [descriptions, committed, layout] = await Promise.all([
    describeGroups(conn, ids, coordinators),
    committedP,
    layoutP,
  ])
  // A named group that does not exist is an error, never a Dead group with no lag (a CI gate on a
  // typo'd group would otherwise pass).
  if (!options.allGroups) await requireGroupsExist(conn, descriptions, committed)
  // Share groups have no committed offsets: their position is the share-partition start offset,
  // and newer brokers compute the lag themselves (it counts records in flight too).
  const shareIds = descriptions.filter((d) => d.type === 'share').map((d) => d.group)
  const shareOffsets = shareIds.length
    ? await fetchShareGroupOffsets(conn, shareIds, coordinators)
    : new Map<string, Map<string, SharePartitionOffset>>()
  for (const [g, offsets] of shareOffsets)
    committed.set(g, new Map([...offsets].map(([key, o]) => [key, o.startOffset])))
  if (options.topic && !layout.leaders.has(options.topic))
    throw usageError(`Topic ${options.topic} does not exist`, 'List topics with `kctl topics list`.', 'UNKNOWN_TOPIC')
  const perGroup = descriptions
    .map((d) => ({
      d,
      partitions: groupPartitions(d, committed.get(d.group) ?? new Map(), layout, parse, options.topic),
    }))
    // With --topic, only the groups that consume it.
    .filter((g) => !options.topic || g.partitions.length > 0)
  const all = new Map<string, TopicPartition>()
  for (const g of perGroup) for (const p of g.partitions) all.set(tpKey(p.topic, p.partition), p)
  const [ends, stamps] = await Promise.all([
    all.size
      ? listOffsets(conn, layout, [...all.values()], 'latest', {
          isolationLevel: options.isolation === 'read-committed' ? 1 : 0,
        })
      : new Map<string, PartitionOffset>(),
    stampsP,
  ])
  const now = (options.now ?? Date.now)()
  return perGroup.map(({d, partitions}) => {
    const groupCommitted = committed.get(d.group)
    const brokerLag = shareOffsets.get(d.group)
    const owners = ownersOf(d)
    // Plain object literals, not spreads: spreading 20,000 rows costs V8 several times more.
    const rows = partitions.map((tp): PartitionLag => {
      const key = tpKey(tp.topic, tp.partition)
      const c = groupCommitted?.get(key) ?? null
      const logEnd = ends.has(key) ? (ends.get(key)!.offset ?? 0n) : null
      const shareLag = brokerLag?.get(key)?.lag ?? null
      const lag = shareLag !== null ? shareLag : c === null || logEnd === null ? null : logEnd > c ? logEnd - c : 0n
      const ts = c !== null && lag !== null && lag > 0n ? stamps.get(key, c) : undefined
      return {
        topic: tp.topic,
        partition: tp.partition,
        committed: c,
        logEnd,
        lag,
        timeLagMs: ts === undefined ? null : Math.max(0, now - ts),
        owner: owners.get(key) ?? null,
      }
    })
    return {description: d, lag: summarize(d, rows)}
  })
}

/** Every committed position (deduplicated) of partitions that exist, of one topic with --topic. */
function committedPositions(
  committed: CommittedOffsets,
  layout: TopicLayout,
  parse: (key: string) => TopicPartition,
  topic?: string,
): Position[] {
  const positions = new ByPosition<Position>()
  const out: Position[] = []
  for (const offsets of committed.values()) {
    for (const [key, offset] of offsets) {
      const tp = parse(key)
      if (
        (!topic || tp.topic === topic) &&
        layout.leaders.get(tp.topic)?.has(tp.partition) &&
        !positions.has(key, offset)
      ) {
        const position = {topic: tp.topic, partition: tp.partition, offset}
        positions.set(key, offset, position)
        out.push(position)
      }
    }
  }
  return out
}

/** `fn` remembering its answer per argument. */
function memoized<T>(fn: (key: string) => T): (key: string) => T {
  const seen = new Map<string, T>()
  return (key) => {
    let v = seen.get(key)
    if (v === undefined) seen.set(key, (v = fn(key)))
    return v
  }
}

function groupPartitions(
  d: GroupDescription,
  committed: Map<string, bigint>,
  layout: TopicLayout,
  parse: (key: string) => TopicPartition,
  topic?: string,
): TopicPartition[] {
  const keys = new Set(committed.keys())
  for (const m of d.members) for (const a of m.assignment) for (const p of a.partitions) keys.add(tpKey(a.topic, p))
  return sortTp(
    [...keys]
      .map(parse)
      .filter((tp) => (!topic || tp.topic === topic) && layout.leaders.get(tp.topic)?.has(tp.partition)),
  )
}

/** `topic:partition` -> the client id of the member it is assigned to. */
function ownersOf(d: GroupDescription): Map<string, string> {
  const owners = new Map<string, string>()
  for (const m of d.members)
    for (const a of m.assignment)
      for (const p of a.partitions) if (!owners.has(tpKey(a.topic, p))) owners.set(tpKey(a.topic, p), m.clientId)
  return owners
}

function summarize(d: GroupDescription, partitions: PartitionLag[]): GroupLag {
  const topics = new Map<string, PartitionLag[]>()
  for (const p of partitions) appendTo(topics, p.topic, p)
  const sum = (ps: PartitionLag[]) => ps.reduce((s, p) => s + (p.lag ?? 0n), 0n)
  const timeLagMs = partitions.reduce<number | null>(
    (max, p) => (p.timeLagMs !== null && (max === null || p.timeLagMs > max) ? p.timeLagMs : max),
    null,
  )
  return {
    group: d.group,
    state: d.state,
    members: d.members.length,
    lag: sum(partitions),
    timeLagMs,
    topics: [...topics.entries()].map(([topic, ps]) => ({topic, lag: sum(ps), partitions: ps})),
  }
}

export type Position = {topic: string; partition: number; offset: bigint}

/**
 * Values per partition (`topic:partition`) and offset: nextRecordTimestamps' result. Nested maps,
 * not a `topic:partition@offset` string per position: 20,000 positions made 20,000 such strings
 * (and as many bigint-to-decimal conversions) at every step.
 */
export class ByPosition<T> {
  private readonly byKey = new Map<string, Map<bigint, T>>()

  get(key: string, offset: bigint): T | undefined {
    return this.byKey.get(key)?.get(offset)
  }

  has(key: string, offset: bigint): boolean {
    return this.byKey.get(key)?.has(offset) ?? false
  }

  set(key: string, offset: bigint, value: T): void {
    let offsets = this.byKey.get(key)
    if (!offsets) this.byKey.set(key, (offsets = new Map()))
    offsets.set(offset, value)
  }
}

/** Per-partition fetch limit: enough for the header and the first records of a batch. */
const PARTITION_BYTES = 4096
/** Response limit, under the brokers' default fetch.max.bytes (55 MiB) so no partition is starved. */
const RESPONSE_BYTES = 50 * 1024 * 1024
const PARTITIONS_PER_FETCH = Math.floor(RESPONSE_BYTES / PARTITION_BYTES)

/**
 * The timestamp of the record at each given offset, by partition and offset: one Fetch
 * per leader broker, with kctl's own Fetch v12 so only batch headers are read (the record itself
 * when the batch is uncompressed or gzip). Records that cannot be read (compacted away, fetch
 * error) are left out: time lag is best effort.
 */
export async function nextRecordTimestamps(
  conn: KafkaConnection,
  layout: TopicLayout,
  items: Position[],
): Promise<ByPosition<number>> {
  const out = new ByPosition<number>()
  const perLeader = new Map<number, Position[][]>()
  for (const f of planFetches(items, layout)) appendTo(perLeader, f.leader, f.positions)
  // Leaders in parallel; one leader's requests one after another (its connection serves them in order anyway).
  await Promise.all(
    [...perLeader.entries()].map(async ([leader, requests]) => {
      for (const positions of requests) await fetchFrom(conn, leader, positions, out)
    }),
  )
  return out
}

/**
 * The Fetch requests for `items`: per leader broker, as few as possible. A request names each
 * partition once, so a partition wanted at k offsets (k groups) is in k requests; and a request
 * holds at most `maxPartitions`, so the response fits the brokers' fetch.max.bytes.
 */
export function planFetches(
  items: Position[],
  layout: TopicLayout,
  maxPartitions = PARTITIONS_PER_FETCH,
): {leader: number; positions: Position[]}[] {
  const rounds: Position[][] = []
  const seen = new Map<string, number>()
  const unique = new ByPosition<true>()
  for (const it of items) {
    const k = tpKey(it.topic, it.partition)
    if (unique.has(k, it.offset)) continue
    unique.set(k, it.offset, true)
    const n = seen.get(k) ?? 0
    seen.set(k, n + 1)
    ;(rounds[n] ??= []).push(it)
  }
  const out: {leader: number; positions: Position[]}[] = []
  for (const round of rounds) {
    const byLeader = new Map<number, Position[]>()
    for (const it of round) {
      const leader = layout.leaders.get(it.topic)?.get(it.partition) ?? -1
      if (leader >= 0) appendTo(byLeader, leader, it)
    }
    for (const [leader, positions] of byLeader) {
      for (let i = 0; i < positions.length; i += maxPartitions)
        out.push({leader, positions: positions.slice(i, i + maxPartitions)})
    }
  }
  return out
}

async function fetchFrom(
  conn: KafkaConnection,
  leader: number,
  positions: Position[],
  out: ByPosition<number>,
): Promise<void> {
  const topics = new Map<string, Position[]>()
  for (const p of positions) appendTo(topics, p.topic, p)
  try {
    const broker = await conn.broker(leader)
    const wanted = [...topics.entries()].map(([name, ps]): FetchTopic => ({
      name,
      partitions: ps.map((p) => ({partitionIndex: p.partition, fetchOffset: p.offset, maxBytes: PARTITION_BYTES})),
    }))
    const res = await conn.request(broker, FetchApi, (v, Encoder) =>
      fetchRequest(v, {topics: wanted, maxBytes: RESPONSE_BYTES}, Encoder),
    )
    for (const t of res.topics) {
      const asked = new Map((topics.get(t.name) ?? []).map((p) => [p.partition, p]))
      for (const p of t.partitions) {
        const position = asked.get(p.partitionIndex)
        if (!position || p.errorCode !== 0 || !p.records) continue
        const record = recordTimestampAt(p.records, position.offset)
        if (record) out.set(tpKey(position.topic, position.partition), position.offset, record.timestamp)
      }
    }
  } catch {
    // Best effort: an unreadable leader leaves its partitions' time lag unknown.
  }
}

/** The service object commands call (tests replace its functions). */
export const lagService = {groupLag, describeWithLag}
