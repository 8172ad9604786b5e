import type {KafkaConnection} from '../../connection/client.js'
import {kafkajsRequests} from '../../connection/borrowed-requests.js'
import {connectionError, operationError, toKctlError, usageError} from '../../errors.js'
import {didYouMean} from '../../input/did-you-mean.js'
import {errorName} from '../../protocol/error-codes.js'
import {OffsetFetchApi, offsetFetchRequest} from '../../protocol/offset-fetch.js'
import {protocolErrorToKctl} from '../../protocol/protocol-error.js'
import {askCoordinators, describeGroups, findCoordinators, requireGroupsExist} from './groups.js'
import {isInternalTopic} from '../topics/internal-topics.js'
import {
  type ListOffsetsOptions,
  type OffsetQuery,
  type PartitionOffset,
  offsetsByLeader,
  parseTpKey,
  tpKey,
} from '../list-offsets.js'
import {appendTo} from '../multimap.js'

export {type OffsetQuery, type PartitionOffset, parseTpKey, tpKey}

export interface TopicPartition {
  topic: string
  partition: number
}

/** localeCompare's order, with the collator built once (localeCompare builds one per call). */
const topicOrder = new Intl.Collator()

export function sortTp<T extends TopicPartition>(items: T[]): T[] {
  return items.sort(
    (a, b) => (a.topic === b.topic ? 0 : topicOrder.compare(a.topic, b.topic)) || a.partition - b.partition,
  )
}

/** Partition leaders of every topic (one Metadata request, or none right after connecting). */
export interface TopicLayout {
  /** topic -> partition -> leader broker id (-1 when leaderless). */
  leaders: Map<string, Map<number, number>>
}

/**
 * Leaders of every topic (one Metadata request). `named`: topics the user asked for; one that is
 * absent because the principal may not DESCRIBE it is exit 4 naming it, never "does not exist"
 * (Kafka leaves such topics out of an all-topics Metadata response).
 */
export async function topicLayout(conn: KafkaConnection, named: string[] = []): Promise<TopicLayout> {
  const leaders = new Map<string, Map<number, number>>()
  for (const t of (await conn.metadata(null)).topics)
    if (t.errorCode === 0) leaders.set(t.name, new Map(t.partitions.map((p) => [p.partition, p.leader])))
  const absent = [...new Set(named)].filter((n) => !leaders.has(n))
  if (absent.length > 0) {
    const denied = (await conn.metadata(absent)).topics
      .filter((t) => t.errorCode === TOPIC_AUTHORIZATION_FAILED)
      .map((t) => t.name)
    if (denied.length > 0) throw topicDeniedError(denied)
  }
  return {leaders}
}

const TOPIC_AUTHORIZATION_FAILED = 29

export function topicDeniedError(topics: string[]) {
  return connectionError(
    `Not authorized: the cluster denied DESCRIBE on topic ${topics.join(', ')} (TOPIC_AUTHORIZATION_FAILED)`,
    {
      code: 'AUTHORIZATION_FAILED',
      hint: `Ask an administrator for an ACL, e.g. \`kctl acls create --allow-principal User:<you> --operation DESCRIBE --topic ${topics[0]}\`.`,
      details: {kafkaError: 'TOPIC_AUTHORIZATION_FAILED', topics},
    },
  )
}

/** Expand `topic` / `topic:0,1` specs against the cluster; unknown topics or partitions are usage errors. */
export function resolvePartitions(
  layout: TopicLayout,
  specs: {topic: string; partitions?: number[]}[],
  flag = '--topic',
): TopicPartition[] {
  const out: TopicPartition[] = []
  for (const s of specs) {
    const parts = layout.leaders.get(s.topic)
    if (!parts) {
      throw usageError(
        `Topic ${s.topic} does not exist`,
        didYouMean(s.topic, layout.leaders.keys()) ?? 'List topics with `kctl topics list`.',
        'UNKNOWN_TOPIC',
      )
    }
    const wanted = s.partitions ?? [...parts.keys()]
    for (const p of wanted) {
      if (!parts.has(p))
        throw usageError(
          `Partition ${p} of topic ${s.topic} does not exist (${flag})`,
          `${s.topic} has partitions 0-${parts.size - 1}.`,
          'UNKNOWN_PARTITION',
        )
      out.push({topic: s.topic, partition: p})
    }
  }
  return sortTp(out)
}

/**
 * Offsets of many partitions with one ListOffsets request per leader broker. For a timestamp,
 * `offset` is null when no record is that new (Kafka returns -1). With `strict` (plans that
 * change the cluster) a leaderless or unreachable partition ends the command; otherwise it is
 * left out of the map with a warning.
 */
export async function listOffsets(
  conn: KafkaConnection,
  layout: TopicLayout,
  partitions: TopicPartition[],
  query: OffsetQuery,
  options: ListOffsetsOptions = {},
): Promise<Map<string, PartitionOffset>> {
  const withLeaders = partitions.map((tp) => ({...tp, leader: layout.leaders.get(tp.topic)?.get(tp.partition) ?? -1}))
  return offsetsByLeader(conn, withLeaders, query, options)
}

/** group -> `topic:partition` -> committed offset (only partitions with a commit). */
export type CommittedOffsets = Map<string, Map<string, bigint>>

/**
 * Committed offsets of many groups: one OffsetFetch v8+ per coordinator, all its groups in one
 * request (topics null = everything the group has committed).
 */
export async function fetchCommittedOffsets(
  conn: KafkaConnection,
  groupIds: string[],
  coordinators: Map<string, number>,
): Promise<CommittedOffsets> {
  const out: CommittedOffsets = new Map(groupIds.map((g) => [g, new Map()]))
  await askCoordinators(conn, groupIds, coordinators, async (broker, ids) => {
    const res = await conn.request(broker, OffsetFetchApi, (v, Encoder) =>
      offsetFetchRequest(
        v,
        ids.map((groupId) => ({groupId, topics: null})),
        Encoder,
      ),
    )
    for (const g of res.groups) {
      if (g.errorCode !== 0 && errorName(g.errorCode) !== 'GROUP_ID_NOT_FOUND')
        throw protocolErrorToKctl(g.errorCode, null, `Fetching the offsets of group ${g.groupId}`)
      const offsets = out.get(g.groupId) ?? new Map<string, bigint>()
      for (const t of g.topics) {
        for (const p of t.partitions) {
          if (p.errorCode !== 0)
            throw protocolErrorToKctl(
              p.errorCode,
              null,
              `Fetching the offset of ${g.groupId} on ${t.name}:${p.partitionIndex}`,
            )
          if (p.committedOffset >= 0n) offsets.set(tpKey(t.name, p.partitionIndex), p.committedOffset)
        }
      }
      out.set(g.groupId, offsets)
    }
  })
  return out
}

/** Exit 2 (GROUP_NOT_FOUND, with a did-you-mean) for named groups the cluster does not know. */
export async function assertGroupsExist(conn: KafkaConnection, groups: string[]): Promise<void> {
  const coordinators = await findCoordinators(conn, groups)
  const [descriptions, committed] = await Promise.all([
    describeGroups(conn, groups, coordinators),
    fetchCommittedOffsets(conn, groups, coordinators),
  ])
  await requireGroupsExist(conn, descriptions, committed)
}

/**
 * Commit offsets for an inactive group from outside (generation -1, no member id): one
 * OffsetCommit to the group's coordinator. Throws if any partition failed.
 */
export async function commitOffsets(
  conn: KafkaConnection,
  group: string,
  coordinator: number,
  offsets: {topic: string; partition: number; offset: bigint}[],
): Promise<void> {
  if (offsets.length === 0) return
  const byTopic = new Map<string, {partition: number; offset: string}[]>()
  for (const o of offsets) appendTo(byTopic, o.topic, {partition: o.partition, offset: o.offset.toString()})
  const broker = kafkajsRequests(await conn.broker(coordinator))
  let res
  try {
    res = await broker.offsetCommit({
      groupId: group,
      groupGenerationId: -1,
      memberId: '',
      topics: [...byTopic.entries()].map(([topic, partitions]) => ({topic, partitions})),
    })
  } catch (error) {
    const e = toKctlError(error, {operation: `committing offsets of group ${group}`})
    throw operationError(`Committing offsets of group ${group} failed: ${e.message}`, {
      code: e.code,
      cause: error,
      hint:
        e.code === 'UNKNOWN_MEMBER_ID' || e.code === 'ILLEGAL_GENERATION'
          ? 'The group became active: stop its consumers and retry.'
          : e.hint,
    })
  }
  const failed = res.responses.flatMap((t) =>
    t.partitions.filter((p) => p.errorCode !== 0).map((p) => `${t.topic}:${p.partition} ${errorName(p.errorCode)}`),
  )
  if (failed.length)
    throw operationError(`Committing offsets of group ${group} failed for ${failed.join(', ')}`, {
      code: 'OFFSET_COMMIT_FAILED',
    })
}

/** Topics and partitions a group has committed offsets for; every non-internal topic if none. */
export async function groupPartitionsForWizard(
  conn: KafkaConnection,
  group: string,
): Promise<{topic: string; partitions: number[]}[]> {
  const committed =
    (await fetchCommittedOffsets(conn, [group], await findCoordinators(conn, [group]))).get(group) ?? new Map()
  const byTopic = new Map<string, number[]>()
  for (const k of committed.keys()) {
    const tp = parseTpKey(k)
    appendTo(byTopic, tp.topic, tp.partition)
  }
  if (byTopic.size === 0)
    for (const [t, ps] of (await topicLayout(conn)).leaders) if (!isInternalTopic(t)) byTopic.set(t, [...ps.keys()])
  return [...byTopic.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([topic, partitions]) => ({topic, partitions: partitions.sort((a, b) => a - b)}))
}

/** The service object commands call (tests replace its functions). */
export const offsetsService = {topicLayout, listOffsets, assertGroupsExist, groupPartitionsForWizard}
