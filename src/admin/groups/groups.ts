import type {KafkaConnection} from '../../connection/client.js'
import {kafkajsRequests} from '../../connection/borrowed-requests.js'
import {ExitCode, KctlError, kafkaErrorCode, operationError, toKctlError, usageError} from '../../errors.js'
import {didYouMean} from '../../input/did-you-mean.js'
import {errorName} from '../../protocol/error-codes.js'
import {ConsumerGroupDescribeApi, consumerGroupDescribeRequest} from '../../protocol/consumer-group-describe.js'
import {DescribeGroupsApi, decodeConsumerAssignment, describeGroupsRequest} from '../../protocol/describe-groups.js'
import {FindCoordinatorApi, findCoordinatorRequest} from '../../protocol/find-coordinator.js'
import {ListGroupsApi, type ListedGroup, listGroupsRequest} from '../../protocol/list-groups.js'
import {ShareGroupDescribeApi, shareGroupDescribeRequest} from '../../protocol/share-group-describe.js'
import {
  type StreamsAssignment,
  type StreamsSubtopology,
  StreamsGroupDescribeApi,
  streamsGroupDescribeRequest,
} from '../../protocol/streams-group-describe.js'
import {OffsetDeleteApi, offsetDeleteRequest} from '../../protocol/offset-delete.js'
import {protocolErrorToKctl, throwIfError} from '../../protocol/protocol-error.js'
import {KafkaProtocolError} from '../../protocol/protocol-error.js'
import {onEachBroker} from '../degraded.js'
import {clusterFeatures} from '../cluster/features.js'
import {appendTo} from '../multimap.js'

/** Group states as Kafka names them (classic and KIP-848 consumer groups). */
export const GROUP_STATES = [
  'Stable',
  'Empty',
  'PreparingRebalance',
  'CompletingRebalance',
  'Dead',
  'Assigning',
  'Reconciling',
  'NotReady',
] as const
export const GROUP_TYPES = ['classic', 'consumer', 'share', 'streams'] as const

export interface GroupListing {
  group: string
  state: string
  /** classic, consumer (KIP-848), share, streams; null when the broker does not say (ListGroups v4). */
  type: string | null
  protocolType: string
  coordinator: number
  members: number
}

export interface GroupMember {
  memberId: string
  instanceId: string | null
  clientId: string
  host: string
  assignment: {topic: string; partitions: number[]}[]
  /** Streams groups only: the member's tasks (subtopology id and partitions) by kind. */
  tasks?: {active: StreamsTaskList; standby: StreamsTaskList; warmup: StreamsTaskList}
}

export type StreamsTaskList = {subtopology: string; partitions: number[]}[]

/** One subtopology of a streams group's topology (KIP-1071): the topics it reads, writes and keeps state in. */
export interface StreamsSubtopologyInfo {
  subtopology: string
  sourceTopics: string[]
  repartitionSinkTopics: string[]
  repartitionSourceTopics: string[]
  changelogTopics: string[]
}

export interface GroupDescription {
  group: string
  /** `Dead` for a group that does not exist. */
  state: string
  type: 'classic' | 'consumer' | 'share' | 'streams'
  protocolType: string
  /** Assignment strategy (classic: the protocol, e.g. range; consumer: the server assignor). */
  assignor: string | null
  coordinator: number
  members: GroupMember[]
  /** Streams groups only: the topology the group runs (empty before a member has sent it). */
  topology?: StreamsSubtopologyInfo[]
}

/** Canonical state names from user input (case-insensitive), or a usage error. */
export function parseGroupStates(values: string[]): string[] {
  return values.map((v) => {
    const state = GROUP_STATES.find((s) => s.toLowerCase() === v.trim().toLowerCase())
    if (!state)
      throw usageError(`Unknown group state "${v}"`, `Use one of: ${GROUP_STATES.join(', ')}.`, 'INVALID_GROUP_STATE')
    return state
  })
}

export function parseGroupTypes(values: string[]): string[] {
  return values.map((v) => {
    const type = GROUP_TYPES.find((t) => t === v.trim().toLowerCase())
    if (!type)
      throw usageError(`Unknown group type "${v}"`, `Use one of: ${GROUP_TYPES.join(', ')}.`, 'INVALID_GROUP_TYPE')
    return type
  })
}

/** The feature a group type needs finalized on the cluster, for a clear answer on clusters without it. */
const TYPE_FEATURES: Record<string, {feature: string; what: string}> = {
  share: {
    feature: 'share.version',
    what: 'Share groups (KIP-932) need Kafka 4.1 or newer with share.version 1 or more',
  },
  streams: {
    feature: 'streams.version',
    what: 'Streams groups (KIP-1071) need Kafka 4.1 or newer with streams.version 1 or more',
  },
}

/**
 * Refuse (exit 2, before listing) a group type the cluster cannot have (its feature is unknown
 * or not enabled): on Kafka 3.9 a share group filter would otherwise list nothing, as if there
 * were simply none. One ApiVersions request, only when such a type is asked for.
 */
export async function requireGroupTypesSupported(conn: KafkaConnection, types: string[]): Promise<void> {
  const wanted = types.filter((t) => TYPE_FEATURES[t])
  if (wanted.length === 0) return
  const {features} = await clusterFeatures(conn)
  for (const type of wanted) {
    const {feature, what} = TYPE_FEATURES[type]
    const info = features.find((f) => f.name === feature)
    if (info && info.finalizedLevel >= 1) continue
    throw usageError(
      `This cluster has no ${type} groups: ${info ? `the ${feature} feature is not enabled (level 0)` : `its brokers do not know the ${feature} feature`}`,
      `${what} (see \`kctl cluster features\`); nothing was listed.`,
      'UNSUPPORTED_VERSION',
    )
  }
}

/**
 * ListGroups once per broker (each answers for the groups it coordinates), with the state and
 * type filters applied by the brokers. Member counts come from one describe per coordinator.
 */
export async function listGroups(
  conn: KafkaConnection,
  filter: {states?: string[]; types?: string[]; withMembers?: boolean} = {},
): Promise<GroupListing[]> {
  const ids = await conn.brokerIds()
  // A broker that does not answer leaves out the groups it coordinates, with a warning.
  const answers = await onEachBroker(conn, ids, 'the groups it coordinates are not listed', async (broker, id) => {
    const res = await conn.request(broker, ListGroupsApi, (version, Encoder) => {
      if (version < 5 && filter.types?.length) {
        throw new KafkaProtocolError(
          'UNSUPPORTED_VERSION',
          `broker ${id} supports ListGroups v${version} only, which cannot filter by group type`,
          {hint: 'Group types (KIP-848) need Kafka 3.8 or newer; drop --type.'},
        )
      }
      return listGroupsRequest(version, {statesFilter: filter.states ?? [], typesFilter: filter.types ?? []}, Encoder)
    })
    throwIfError(res.errorCode, null, `ListGroups on broker ${id}`)
    return res.groups.map((g: ListedGroup) => ({g, coordinator: id}))
  })
  const listed = [...answers.values()].flat().sort((a, b) => a.g.groupId.localeCompare(b.g.groupId))
  const members = new Map<string, number>()
  if (filter.withMembers !== false && listed.length > 0) {
    const coordinators = new Map(listed.map(({g, coordinator}) => [g.groupId, coordinator]))
    for (const d of await describeGroups(conn, [...coordinators.keys()], coordinators))
      members.set(d.group, d.members.length)
  }
  return listed.map(({g, coordinator}) => ({
    group: g.groupId,
    state: g.groupState,
    type: g.groupType,
    protocolType: g.protocolType,
    coordinator,
    members: members.get(g.groupId) ?? 0,
  }))
}

/** Every group id (ListGroups once per broker), with its coordinator. */
export async function allGroups(conn: KafkaConnection): Promise<Map<string, number>> {
  const listed = await listGroups(conn, {withMembers: false})
  return new Map(listed.map((g) => [g.group, g.coordinator]))
}

/** Coordinators of many groups with one FindCoordinator v4+ request. */
export async function findCoordinators(conn: KafkaConnection, groupIds: string[]): Promise<Map<string, number>> {
  const result = new Map<string, number>()
  if (groupIds.length === 0) return result
  const broker = await conn.anyBroker()
  const res = await conn.request(broker, FindCoordinatorApi, (v, Encoder) =>
    findCoordinatorRequest(v, groupIds, Encoder),
  )
  for (const c of res.coordinators) {
    if (c.errorCode !== 0)
      throw protocolErrorToKctl(c.errorCode, c.errorMessage, `Finding the coordinator of group ${c.key}`)
    result.set(c.key, c.nodeId)
  }
  return result
}

/** Group ids by coordinator broker id. */
export function byCoordinator(groupIds: string[], coordinators: Map<string, number>): Map<number, string[]> {
  const out = new Map<number, string[]>()
  for (const g of groupIds) {
    const id = coordinators.get(g)
    if (id === undefined) continue
    appendTo(out, id, g)
  }
  return out
}

type Broker = Awaited<ReturnType<KafkaConnection['broker']>>

/**
 * Ask every coordinator once about all its groups, concurrently: `ask(broker, groupIds, nodeId)`
 * per coordinator (groups without a known coordinator are left out); the answers in that order.
 */
export function askCoordinators<R>(
  conn: KafkaConnection,
  groupIds: string[],
  coordinators: Map<string, number>,
  ask: (broker: Broker, groupIds: string[], nodeId: number) => Promise<R>,
): Promise<R[]> {
  return Promise.all(
    [...byCoordinator(groupIds, coordinators).entries()].map(async ([nodeId, ids]) =>
      ask(await conn.broker(nodeId), ids, nodeId),
    ),
  )
}

const GROUP_ID_NOT_FOUND = 69

/**
 * Describe groups with one DescribeGroups per coordinator; groups on the new consumer protocol
 * (which DescribeGroups reports as Dead or not found) are described with one
 * ConsumerGroupDescribe per coordinator. A group that does not exist comes back as `Dead`.
 */
export async function describeGroups(
  conn: KafkaConnection,
  groupIds: string[],
  known?: Map<string, number>,
): Promise<GroupDescription[]> {
  const unique = [...new Set(groupIds)]
  const coordinators = known ?? (await findCoordinators(conn, unique))
  const described = await askCoordinators(conn, unique, coordinators, async (broker, ids, nodeId) => {
    const res = await conn.request(broker, DescribeGroupsApi, (v, Encoder) => describeGroupsRequest(v, ids, Encoder))
    const out: GroupDescription[] = []
    const maybeNew: string[] = []
    for (const g of res.groups) {
      if (g.errorCode === GROUP_ID_NOT_FOUND || (g.errorCode === 0 && g.groupState === 'Dead')) {
        maybeNew.push(g.groupId)
        continue
      }
      if (g.errorCode !== 0) throw protocolErrorToKctl(g.errorCode, g.errorMessage, `Describing group ${g.groupId}`)
      out.push({
        group: g.groupId,
        state: g.groupState,
        type: 'classic',
        protocolType: g.protocolType,
        assignor: g.protocolData || null,
        coordinator: nodeId,
        members: g.members
          .map((m) => ({
            memberId: m.memberId,
            instanceId: m.groupInstanceId,
            clientId: m.clientId,
            host: m.clientHost,
            assignment:
              g.protocolType === 'consumer' ? sortAssignment(decodeConsumerAssignment(m.memberAssignment)) : [],
          }))
          .sort((a, b) => a.memberId.localeCompare(b.memberId)),
      })
    }
    const consumer = await describeConsumerGroups(conn, nodeId, maybeNew)
    out.push(...consumer.described)
    const share = await describeShareGroups(conn, nodeId, consumer.unknown)
    out.push(...share.described)
    const streams = await describeStreamsGroups(conn, nodeId, share.unknown)
    out.push(...streams.described)
    out.push(...streams.unknown.map((g) => deadGroup(g, nodeId)))
    return out
  })
  const all = described.flat()
  const found = new Set(all.map((d) => d.group))
  for (const g of unique) if (!found.has(g)) all.push(deadGroup(g, coordinators.get(g) ?? -1))
  return all.sort((a, b) => a.group.localeCompare(b.group))
}

/** Assignments sorted by topic, then partition (brokers and assignors return them in any order). */
function sortAssignment(assignment: {topic: string; partitions: number[]}[]): {topic: string; partitions: number[]}[] {
  return assignment
    .map((a) => ({topic: a.topic, partitions: [...a.partitions].sort((x, y) => x - y)}))
    .sort((a, b) => a.topic.localeCompare(b.topic))
}

function deadGroup(group: string, coordinator: number): GroupDescription {
  return {group, state: 'Dead', type: 'classic', protocolType: '', assignor: null, coordinator, members: []}
}

/** Described groups, and the ids this describe API does not know (not found, or another group type). */
interface Described {
  described: GroupDescription[]
  unknown: string[]
}

/**
 * Sort a describe API's answers: authorization failures end the command; any other error means
 * the API does not know the group (not found, or a group of another type), left for the next API.
 */
function collect<G extends {errorCode: number; errorMessage: string | null; groupId: string}>(
  groups: G[],
  kind: string,
  describe: (g: G) => GroupDescription,
): Described {
  const out: Described = {described: [], unknown: []}
  for (const g of groups) {
    if (errorName(g.errorCode).endsWith('_AUTHORIZATION_FAILED'))
      throw protocolErrorToKctl(g.errorCode, g.errorMessage, `Describing ${kind} group ${g.groupId}`)
    if (g.errorCode === 0) out.described.push(describe(g))
    else out.unknown.push(g.groupId)
  }
  return out
}

type TopicAssignment = {topicName: string; partitions: number[]}[]

/** A KIP-848 or share group member: its assignment is a list of topic partitions. */
function topicMember(m: {
  memberId: string
  instanceId?: string | null
  clientId: string
  clientHost: string
  assignment: TopicAssignment
}): GroupMember {
  return {
    memberId: m.memberId,
    instanceId: m.instanceId ?? null,
    clientId: m.clientId,
    host: m.clientHost,
    assignment: sortAssignment(m.assignment.map((a) => ({topic: a.topicName, partitions: a.partitions}))),
  }
}

/** A KIP-848 or share group: members with topic-partition assignments and a server-side assignor. */
function topicGroup(
  g: {groupId: string; groupState: string; assignorName: string; members: Parameters<typeof topicMember>[0][]},
  type: 'consumer' | 'share',
  coordinator: number,
): GroupDescription {
  return {
    group: g.groupId,
    state: g.groupState,
    type,
    protocolType: type,
    assignor: g.assignorName || null,
    coordinator,
    members: g.members.map(topicMember).sort(byMemberId),
  }
}

const byMemberId = (a: GroupMember, b: GroupMember) => a.memberId.localeCompare(b.memberId)

/** KIP-848 groups of one coordinator; brokers without API 69 (before 3.7) have none. */
async function describeConsumerGroups(conn: KafkaConnection, nodeId: number, ids: string[]): Promise<Described> {
  if (ids.length === 0) return {described: [], unknown: []}
  const broker = await conn.broker(nodeId)
  if (!broker.versions?.[ConsumerGroupDescribeApi.apiKey]) return {described: [], unknown: ids}
  let res
  try {
    res = await conn.request(broker, ConsumerGroupDescribeApi, (v, Encoder) =>
      consumerGroupDescribeRequest(v, ids, Encoder),
    )
  } catch (error) {
    // Kafka 3.x without the new group coordinator advertises API 69 but cannot serve it.
    if (error instanceof KctlError && error.exitCode === ExitCode.failed) return {described: [], unknown: ids}
    throw error
  }
  // Not found, or not a consumer-protocol group (a share group, or UNSUPPORTED_VERSION on 3.x): unknown here.
  return collect(res.groups, 'consumer', (g) => topicGroup(g, 'consumer', nodeId))
}

/** Share groups (KIP-932) of one coordinator; brokers without API 77 v1 (before 4.1) have none. */
async function describeShareGroups(conn: KafkaConnection, nodeId: number, ids: string[]): Promise<Described> {
  if (ids.length === 0) return {described: [], unknown: []}
  const broker = await conn.broker(nodeId)
  const range = broker.versions?.[ShareGroupDescribeApi.apiKey]
  // Kafka 4.0 served only the early-access v0, which kctl does not speak.
  if (!range || range.maxVersion < ShareGroupDescribeApi.minVersion) return {described: [], unknown: ids}
  const res = await conn.request(broker, ShareGroupDescribeApi, (v, Encoder) =>
    shareGroupDescribeRequest(v, ids, Encoder),
  )
  return collect(res.groups, 'share', (g) => topicGroup(g, 'share', nodeId))
}

/** Streams groups (KIP-1071) of one coordinator; brokers without API 89 have none. */
async function describeStreamsGroups(conn: KafkaConnection, nodeId: number, ids: string[]): Promise<Described> {
  if (ids.length === 0) return {described: [], unknown: []}
  const broker = await conn.broker(nodeId)
  if (!broker.versions?.[StreamsGroupDescribeApi.apiKey]) return {described: [], unknown: ids}
  const res = await conn.request(broker, StreamsGroupDescribeApi, (v, Encoder) =>
    streamsGroupDescribeRequest(v, ids, Encoder),
  )
  return collect(res.groups, 'streams', (g) => {
    const subtopologies = g.topology?.subtopologies ?? []
    return {
      group: g.groupId,
      state: g.groupState,
      type: 'streams' as const,
      protocolType: 'streams',
      assignor: null,
      coordinator: nodeId,
      members: g.members
        .map((m) => ({
          memberId: m.memberId,
          instanceId: m.instanceId,
          clientId: m.clientId,
          host: m.clientHost,
          assignment: sortAssignment(activeTopicPartitions(m.assignment, subtopologies)),
          tasks: {
            active: taskList(m.assignment.activeTasks),
            standby: taskList(m.assignment.standbyTasks),
            warmup: taskList(m.assignment.warmupTasks),
          },
        }))
        .sort(byMemberId),
      topology: subtopologies
        .map((s) => ({
          subtopology: s.subtopologyId,
          sourceTopics: [...s.sourceTopics].sort(),
          repartitionSinkTopics: [...s.repartitionSinkTopics].sort(),
          repartitionSourceTopics: s.repartitionSourceTopics.map((t) => t.name).sort(),
          changelogTopics: s.stateChangelogTopics.map((t) => t.name).sort(),
        }))
        .sort((a, b) => a.subtopology.localeCompare(b.subtopology, undefined, {numeric: true})),
    }
  })
}

function taskList(tasks: {subtopologyId: string; partitions: number[]}[]): StreamsTaskList {
  return tasks
    .map((t) => ({subtopology: t.subtopologyId, partitions: [...t.partitions].sort((a, b) => a - b)}))
    .sort((a, b) => a.subtopology.localeCompare(b.subtopology, undefined, {numeric: true}))
}

/**
 * The topic partitions a member's active tasks read: task (subtopology s, partition p) reads
 * partition p of each of s's source and repartition source topics.
 */
function activeTopicPartitions(
  assignment: StreamsAssignment,
  subtopologies: StreamsSubtopology[],
): {topic: string; partitions: number[]}[] {
  const byTopic = new Map<string, Set<number>>()
  for (const task of assignment.activeTasks) {
    const s = subtopologies.find((x) => x.subtopologyId === task.subtopologyId)
    if (!s) continue
    for (const topic of [...s.sourceTopics, ...s.repartitionSourceTopics.map((t) => t.name)]) {
      const set = byTopic.get(topic) ?? new Set<number>()
      for (const p of task.partitions) set.add(p)
      byTopic.set(topic, set)
    }
  }
  return [...byTopic.entries()].map(([topic, ps]) => ({topic, partitions: [...ps]}))
}

/**
 * A group "exists" when its coordinator knows it: it has members, or a state other than Dead, or
 * committed offsets. Named groups that do not are a usage error (exit 2) with a did-you-mean from
 * the cluster's group list. `committed` (group -> offsets) counts when the caller has fetched it.
 */
export async function requireGroupsExist(
  conn: KafkaConnection,
  descriptions: GroupDescription[],
  committed?: Map<string, Map<string, bigint>>,
): Promise<void> {
  const missing = descriptions
    .filter(
      (d) =>
        d.state === 'Dead' &&
        d.members.length === 0 &&
        (committed === undefined || (committed.get(d.group)?.size ?? 0) === 0),
    )
    .map((d) => d.group)
  if (missing.length === 0) return
  let known: string[] = []
  try {
    known = [...(await allGroups(conn)).keys()]
  } catch {
    // The suggestion is a courtesy: the error stands without it.
  }
  throw usageError(
    `Group${missing.length > 1 ? 's' : ''} not found: ${missing.join(', ')}`,
    didYouMean(missing[0], known) ?? 'List the groups with `kctl groups list`.',
    'GROUP_NOT_FOUND',
    {groups: missing},
  )
}

/** A streams group's internal topics (repartition and changelog topics of its topology), sorted. */
export function streamsInternalTopics(d: GroupDescription): string[] {
  const names = (d.topology ?? []).flatMap((s) => [
    ...s.repartitionSourceTopics,
    ...s.repartitionSinkTopics,
    ...s.changelogTopics,
  ])
  return [...new Set(names)].sort()
}

/** A state in which a group has no members, so its offsets may be changed from outside. */
export function isInactive(state: string): boolean {
  return state === 'Empty' || state === 'Dead'
}

/** Refuse (exit 1) when any of the groups has active members, naming them, before any change. */
export function assertInactive(groups: GroupDescription[], action: string): void {
  const active = groups.filter((g) => !isInactive(g.state) || g.members.length > 0)
  if (active.length === 0) return
  const lines = active.map(
    (g) =>
      `${g.group} (${g.state}; members: ${g.members.map((m) => `${m.clientId}@${m.host} ${m.memberId}`).join(', ') || 'none listed'})`,
  )
  throw operationError(
    `Cannot ${action}: ${active.length === 1 ? 'group' : 'groups'} ${lines.join('; ')} ${active.length === 1 ? 'has' : 'have'} active members`,
    {
      code: 'GROUP_NOT_EMPTY',
      hint: 'Stop the consumers of the group first (nothing was changed).',
      details: {
        groups: active.map((g) => ({
          group: g.group,
          state: g.state,
          members: g.members.map((m) => ({memberId: m.memberId, clientId: m.clientId, host: m.host})),
        })),
      },
    },
  )
}

export interface GroupDeleteResult {
  group: string
  deleted: boolean
  error: string | null
}

/** DeleteGroups batched per coordinator (kafkajs's broker request takes many ids). */
export async function deleteGroups(
  conn: KafkaConnection,
  groupIds: string[],
  coordinators: Map<string, number>,
): Promise<GroupDeleteResult[]> {
  const results = await askCoordinators(conn, groupIds, coordinators, async (coordinator, ids, nodeId) => {
    const broker = kafkajsRequests(coordinator)
    let res: {results: {groupId: string; errorCode: number}[]}
    try {
      res = await broker.deleteGroups(ids)
    } catch (error) {
      throw toKctlError(error, {operation: `deleting groups on broker ${nodeId}`})
    }
    return res.results.map((r) => ({
      group: r.groupId,
      deleted: r.errorCode === 0,
      error: r.errorCode === 0 ? null : errorName(r.errorCode),
    }))
  })
  return results.flat().sort((a, b) => a.group.localeCompare(b.group))
}

export interface OffsetDeleteResult {
  group: string
  topic: string
  partition: number
  deleted: boolean
  error: string | null
}

/** OffsetDelete (API 47): one request to the group's coordinator. */
export async function deleteGroupOffsets(
  conn: KafkaConnection,
  group: string,
  topics: {topic: string; partitions: number[]}[],
  knownCoordinator?: number,
): Promise<OffsetDeleteResult[]> {
  const coordinator = knownCoordinator ?? (await findCoordinators(conn, [group])).get(group)!
  const broker = await conn.broker(coordinator)
  const res = await conn.request(broker, OffsetDeleteApi, (v, Encoder) =>
    offsetDeleteRequest(
      v,
      {groupId: group, topics: topics.map((t) => ({name: t.topic, partitions: t.partitions}))},
      Encoder,
    ),
  )
  if (res.errorCode !== 0) {
    const type = errorName(res.errorCode)
    if (type === 'NON_EMPTY_GROUP')
      throw operationError(`Cannot delete offsets of group ${group}: it has active members`, {
        code: kafkaErrorCode(type),
        hint: 'Stop its consumers first (nothing was changed).',
      })
    if (type === 'GROUP_ID_NOT_FOUND') {
      await requireGroupsExist(conn, await describeGroups(conn, [group], new Map([[group, coordinator]])))
    }
    throw protocolErrorToKctl(res.errorCode, null, `Deleting offsets of group ${group}`)
  }
  return res.topics
    .flatMap((t) =>
      t.partitions.map((p) => ({
        group,
        topic: t.name,
        partition: p.partitionIndex,
        deleted: p.errorCode === 0,
        error: p.errorCode === 0 ? null : errorName(p.errorCode),
      })),
    )
    .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition)
}

/** The service object commands call (tests replace its functions). */
export const groupsService = {
  listGroups,
  allGroups,
  findCoordinators,
  describeGroups,
  deleteGroups,
  deleteGroupOffsets,
  requireGroupTypesSupported,
}
