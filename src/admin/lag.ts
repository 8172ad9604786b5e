import type {KafkaConnection} from '../connection/client.js'
import {usageError} from '../errors.js'
import {type GroupDescription, allGroups, describeGroups, findCoordinators} from './groups.js'
import {type TopicLayout, type TopicPartition, fetchCommittedOffsets, listOffsets, parseTpKey, sortTp, topicLayout, tpKey} from './offsets.js'

export interface PartitionLag {
  topic: string
  partition: number
  /** null: the group has no committed offset for this (assigned) partition. */
  committed: bigint | null
  logEnd: bigint
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
export async function describeWithLag(conn: KafkaConnection, options: LagOptions): Promise<{description: GroupDescription; lag: GroupLag}[]> {
  let coordinators: Map<string, number>
  if (options.allGroups) coordinators = await allGroups(conn)
  else coordinators = await findCoordinators(conn, options.groups ?? [])
  const ids = [...coordinators.keys()].sort()
  if (ids.length === 0) return []
  const [descriptions, committed, layout] = await Promise.all([describeGroups(conn, ids, coordinators), fetchCommittedOffsets(conn, ids, coordinators), topicLayout(conn)])
  if (options.topic && !layout.leaders.has(options.topic)) throw usageError(`Topic ${options.topic} does not exist`, 'List topics with `kctl topics list`.', 'UNKNOWN_TOPIC')
  const perGroup = descriptions
    .map((d) => ({d, partitions: groupPartitions(d, committed.get(d.group) ?? new Map(), layout, options.topic)}))
    // With --topic, only the groups that consume it.
    .filter((g) => !options.topic || g.partitions.length > 0)
  const all = new Map<string, TopicPartition>()
  for (const g of perGroup) for (const p of g.partitions) all.set(tpKey(p.topic, p.partition), p)
  // The next record's timestamp is read at every committed position while the log-end offsets
  // are listed: the two round trips overlap (caught-up positions just return no record).
  const positions = new Map<string, Position>()
  if (options.timeLag !== false) {
    for (const {d, partitions} of perGroup) {
      for (const tp of partitions) {
        const offset = committed.get(d.group)?.get(tpKey(tp.topic, tp.partition))
        if (offset !== undefined) positions.set(positionKey({topic: tp.topic, partition: tp.partition, offset}), {topic: tp.topic, partition: tp.partition, offset})
      }
    }
  }
  const [ends, stamps] = await Promise.all([
    all.size ? listOffsets(conn, layout, [...all.values()], 'latest') : new Map(),
    positions.size ? nextRecordTimestamps(conn, layout, [...positions.values()]) : new Map<string, number>(),
  ])
  const now = (options.now ?? Date.now)()
  const rows = perGroup.map(({d, partitions}) => ({
    d,
    partitions: partitions.map((tp): PartitionLag => {
      const c = committed.get(d.group)?.get(tpKey(tp.topic, tp.partition)) ?? null
      const logEnd = ends.get(tpKey(tp.topic, tp.partition))?.offset ?? 0n
      const lag = c === null ? null : logEnd > c ? logEnd - c : 0n
      const ts = lag !== null && lag > 0n ? stamps.get(positionKey({topic: tp.topic, partition: tp.partition, offset: c!})) : undefined
      return {...tp, committed: c, logEnd, lag, timeLagMs: ts === undefined ? null : Math.max(0, now - ts), owner: ownerOf(d, tp)}
    }),
  }))
  return rows.map(({d, partitions}) => ({description: d, lag: summarize(d, partitions)}))
}

function groupPartitions(d: GroupDescription, committed: Map<string, bigint>, layout: TopicLayout, topic?: string): TopicPartition[] {
  const keys = new Set(committed.keys())
  for (const m of d.members) for (const a of m.assignment) for (const p of a.partitions) keys.add(tpKey(a.topic, p))
  return sortTp(
    [...keys]
      .map(parseTpKey)
      .filter((tp) => (!topic || tp.topic === topic) && layout.leaders.get(tp.topic)?.has(tp.partition)),
  )
}

function ownerOf(d: GroupDescription, tp: TopicPartition): string | null {
  const m = d.members.find((m) => m.assignment.some((a) => a.topic === tp.topic && a.partitions.includes(tp.partition)))
  return m ? m.clientId : null
}

function summarize(d: GroupDescription, partitions: PartitionLag[]): GroupLag {
  const topics = new Map<string, PartitionLag[]>()
  for (const p of partitions) topics.set(p.topic, [...(topics.get(p.topic) ?? []), p])
  const sum = (ps: PartitionLag[]) => ps.reduce((s, p) => s + (p.lag ?? 0n), 0n)
  const times = partitions.map((p) => p.timeLagMs).filter((t): t is number => t !== null)
  return {
    group: d.group,
    state: d.state,
    members: d.members.length,
    lag: sum(partitions),
    timeLagMs: times.length ? Math.max(...times) : null,
    topics: [...topics.entries()].map(([topic, ps]) => ({topic, lag: sum(ps), partitions: ps})),
  }
}

interface FetchBroker {
  fetch(args: Record<string, unknown>): Promise<{responses: {topicName: string; partitions: {partition: number; errorCode: number; messages: {offset: string; timestamp: string}[]}[]}[]}>
}

type Position = {topic: string; partition: number; offset: bigint}
const positionKey = (p: Position) => `${tpKey(p.topic, p.partition)}@${p.offset}`

/**
 * The timestamp of the record at each given offset, keyed `topic:partition@offset`: one Fetch
 * per leader broker (small per-partition limit; the broker returns the batch holding the
 * offset). A partition wanted at k different offsets (k groups) needs k rounds. Records that
 * cannot be read (too large, compacted away, fetch error) are left out: time lag is best effort.
 */
export async function nextRecordTimestamps(conn: KafkaConnection, layout: TopicLayout, items: Position[]): Promise<Map<string, number>> {
  const out = new Map<string, number>()
  const rounds: Position[][] = []
  const perPartition = new Map<string, number>()
  for (const it of new Map(items.map((i) => [positionKey(i), i])).values()) {
    const k = tpKey(it.topic, it.partition)
    const n = perPartition.get(k) ?? 0
    perPartition.set(k, n + 1)
    ;(rounds[n] ??= []).push(it)
  }
  for (const round of rounds) await fetchRound(conn, layout, round, out)
  return out
}

async function fetchRound(conn: KafkaConnection, layout: TopicLayout, items: Position[], out: Map<string, number>): Promise<void> {
  const byLeader = new Map<number, Map<string, Position[]>>()
  for (const it of items) {
    const leader = layout.leaders.get(it.topic)?.get(it.partition) ?? -1
    if (leader < 0) continue
    const topics = byLeader.get(leader) ?? new Map<string, Position[]>()
    topics.set(it.topic, [...(topics.get(it.topic) ?? []), it])
    byLeader.set(leader, topics)
  }
  await Promise.all(
    [...byLeader.entries()].map(async ([leader, topics]) => {
      try {
        const broker = (await conn.broker(leader)) as unknown as FetchBroker
        const res = await broker.fetch({
          replicaId: -1,
          isolationLevel: 0,
          maxWaitTime: 0,
          minBytes: 0,
          maxBytes: 32 * 1024 * 1024,
          topics: [...topics.entries()].map(([topic, ps]) => ({topic, partitions: ps.map((p) => ({partition: p.partition, fetchOffset: p.offset.toString(), maxBytes: 16 * 1024}))})),
        })
        for (const t of res.responses) {
          for (const p of t.partitions) {
            const wanted = topics.get(t.topicName)?.find((x) => x.partition === p.partition)
            if (!wanted || p.errorCode !== 0) continue
            const record = p.messages.find((m) => BigInt(m.offset) >= wanted.offset)
            if (record) out.set(positionKey(wanted), Number(record.timestamp))
          }
        }
      } catch {
        // Best effort: an unreadable leader leaves its partitions' time lag unknown.
      }
    }),
  )
}
