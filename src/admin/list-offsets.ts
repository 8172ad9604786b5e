import type {KafkaConnection} from '../connection/client.js'
import {operationError} from '../errors.js'
import {errorName} from '../protocol/error-codes.js'
import {ListOffsetsApi, type ListOffsetsTopic, listOffsetsRequest} from '../protocol/list-offsets.js'
import {protocolErrorToKctl} from '../protocol/protocol-error.js'
import {isUnreachable, onEachBroker, warnLeaderless} from './degraded.js'
import {appendTo} from './multimap.js'

/** `topic:partition`, the key of per-partition maps. */
export const tpKey = (topic: string, partition: number) => `${topic}:${partition}`

/** The inverse of tpKey (a topic name may itself contain ':'). */
export function parseTpKey(key: string): {topic: string; partition: number} {
  const i = key.lastIndexOf(':')
  return {topic: key.slice(0, i), partition: Number(key.slice(i + 1))}
}

export type OffsetQuery = 'earliest' | 'latest' | 'max-timestamp' | {timestamp: number}

export interface PartitionOffset {
  topic: string
  partition: number
  offset: bigint | null
  /** The record timestamp for time and max-timestamp queries; null otherwise. */
  timestamp: number | null
}

function specialTimestamp(q: OffsetQuery): bigint {
  if (q === 'earliest') return -2n
  if (q === 'latest') return -1n
  if (q === 'max-timestamp') return -3n
  return BigInt(q.timestamp)
}

/** Partition errors that mean "ask again later" (leadership moving): reported, not fatal, for reads. */
export const TRANSIENT = new Set([
  'NOT_LEADER_OR_FOLLOWER',
  'LEADER_NOT_AVAILABLE',
  'UNKNOWN_LEADER_EPOCH',
  'FENCED_LEADER_EPOCH',
  'OFFSET_NOT_AVAILABLE',
  'REPLICA_NOT_AVAILABLE',
  'KAFKA_STORAGE_ERROR',
  'REQUEST_TIMED_OUT',
])

/** How often partitions answered with a TRANSIENT error are asked again (after a metadata refresh). */
const TRANSIENT_RETRIES = 3

export interface ListOffsetsOptions {
  /**
   * For plans that change the cluster: a partition without a leader, or whose leader does not
   * answer, ends the command (exit 1, naming them) instead of being left out with a warning.
   */
  strict?: boolean
  /** 1 = READ_COMMITTED (the last stable offset); 0 (default) reports the high watermark. */
  isolationLevel?: 0 | 1
  /** Leaderless partitions are already visible in the result (topics describe): no warning. */
  quietLeaderless?: boolean
}

/**
 * Offsets of many partitions with one ListOffsets request per leader broker, the one ListOffsets
 * path of every service. For a timestamp, `offset` is null when no record is that new (Kafka
 * returns -1). Partitions that could not be asked are missing from the map (with a warning on
 * the connection), unless `strict`.
 */
export async function offsetsByLeader(
  conn: KafkaConnection,
  partitions: {topic: string; partition: number; leader: number}[],
  query: OffsetQuery,
  options: ListOffsetsOptions = {},
): Promise<Map<string, PartitionOffset>> {
  const {byLeader, leaderless} = groupByLeader(partitions)
  if (options.strict && leaderless.length > 0) {
    const names = leaderless.map((p) => tpKey(p.topic, p.partition))
    throw operationError(
      `${names.length === 1 ? 'Partition' : 'Partitions'} ${names.slice(0, 10).join(', ')}${names.length > 10 ? ` (and ${names.length - 10} more)` : ''} ${names.length === 1 ? 'has' : 'have'} no leader: nothing was changed`,
      {
        code: 'LEADER_NOT_AVAILABLE',
        retriable: true,
        hint: "Bring the partitions' replicas back (`kctl topics describe --unavailable-partitions`), or leave those partitions out.",
        details: {partitions: names},
      },
    )
  }
  if (!options.quietLeaderless) warnLeaderless(conn, leaderless, 'their offsets are unknown')
  const ts = specialTimestamp(query)
  const out = new Map<string, PartitionOffset>()
  /** Partitions answered with a transient error in the last round: `topic:partition` -> error name. */
  let transient = new Map<string, string>()
  const ask = async (leader: number, topics: Map<string, number[]>) => {
    const req: ListOffsetsTopic[] = [...topics.entries()].map(([name, ps]) => ({
      name,
      partitions: ps.map((p) => ({partitionIndex: p, timestamp: ts})),
    }))
    const res = await conn.request(await conn.broker(leader), ListOffsetsApi, (v, Encoder) =>
      listOffsetsRequest(v, req, Encoder, options.isolationLevel ?? 0),
    )
    for (const t of res.topics) {
      for (const p of t.partitions) {
        if (p.errorCode !== 0) {
          if (!options.strict && TRANSIENT.has(errorName(p.errorCode))) {
            transient.set(tpKey(t.name, p.partitionIndex), errorName(p.errorCode))
            continue
          }
          throw protocolErrorToKctl(p.errorCode, null, `ListOffsets for ${t.name}:${p.partitionIndex}`)
        }
        const timestamp =
          typeof query === 'string' && query !== 'max-timestamp' ? null : p.timestamp < 0n ? null : Number(p.timestamp)
        out.set(tpKey(t.name, p.partitionIndex), {
          topic: t.name,
          partition: p.partitionIndex,
          offset: p.offset < 0n ? null : p.offset,
          timestamp,
        })
      }
    }
  }
  const askEach = (groups: Map<number, Map<string, number[]>>) =>
    onEachBroker(conn, [...groups.keys()], 'the offsets of the partitions it leads are unknown', (_b, leader) =>
      ask(leader, groups.get(leader)!),
    )
  if (options.strict) {
    await Promise.all(
      [...byLeader.entries()].map(([leader, topics]) =>
        ask(leader, topics).catch((error) => {
          if (!isUnreachable(error)) throw error
          const names = [...topics.entries()].flatMap(([t, ps]) => ps.map((p) => tpKey(t, p)))
          throw operationError(
            `The leader of ${names.slice(0, 10).join(', ')}${names.length > 10 ? ` (and ${names.length - 10} more)` : ''} (broker ${leader}) did not answer: nothing was changed`,
            {
              code: 'BROKER_UNREACHABLE',
              retriable: true,
              hint: 'Retry when the broker is back, or leave those partitions out.',
              details: {broker: leader, partitions: names},
            },
          )
        }),
      ),
    )
  } else {
    await askEach(byLeader)
  }
  // Leadership moving (a new topic's leader not yet aware of it, a restarted broker): look the
  // leaders up again and ask those partitions again, a few times, before reporting them missing.
  for (let round = 1; round <= TRANSIENT_RETRIES && transient.size > 0; round++) {
    await new Promise((r) => setTimeout(r, 100 * round))
    const retry = [...transient.keys()].map(parseTpKey)
    const metadata = await conn.metadata([...new Set(retry.map((tp) => tp.topic))])
    const leaders = new Map(
      metadata.topics.flatMap((t) => t.partitions.map((p) => [tpKey(t.name, p.partition), p.leader] as const)),
    )
    const again = groupByLeader(retry.map((tp) => ({...tp, leader: leaders.get(tpKey(tp.topic, tp.partition)) ?? -1})))
    // Still leaderless: reported below, unless a later round finds a leader.
    transient = new Map([...transient].filter(([k]) => (leaders.get(k) ?? -1) < 0))
    await askEach(again.byLeader)
  }
  if (transient.size > 0)
    conn.warn({
      code: 'OFFSETS_UNAVAILABLE',
      message: `offsets not available for ${[...transient].map(([k, e]) => `${k} (${e})`).join(', ')}: leadership is moving, retry`,
      partitions: [...transient.keys()],
    })
  return out
}

/** leader -> topic -> partitions, and the partitions without a leader (-1). */
function groupByLeader(partitions: {topic: string; partition: number; leader: number}[]): {
  byLeader: Map<number, Map<string, number[]>>
  leaderless: {topic: string; partition: number}[]
} {
  const byLeader = new Map<number, Map<string, number[]>>()
  const leaderless: {topic: string; partition: number}[] = []
  for (const tp of partitions) {
    if (tp.leader < 0) {
      leaderless.push(tp)
      continue
    }
    const topics = byLeader.get(tp.leader) ?? new Map<string, number[]>()
    appendTo(topics, tp.topic, tp.partition)
    byLeader.set(tp.leader, topics)
  }
  return {byLeader, leaderless}
}
