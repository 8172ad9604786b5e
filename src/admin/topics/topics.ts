import type {KafkaConnection} from '../../connection/client.js'
import {kafkajsRequests} from '../../connection/borrowed-requests.js'
import {KctlError, connectionError, toKctlError, usageError} from '../../errors.js'
import {didYouMean} from '../../input/did-you-mean.js'
import {ConfigResourceType} from '../../protocol/config-resources.js'
import type {KafkaBroker} from '../../protocol/kafkajs-internals.js'
import {MetadataApi, metadataRequest} from '../../protocol/metadata.js'
import {protocolErrorToKctl} from '../../protocol/protocol-error.js'
import {liveBrokerIds} from '../cluster/brokers.js'
import {describeConfigResources} from '../configs/configs.js'
import {isInternalTopic} from './internal-topics.js'
import {partitionSizes} from '../cluster/logdirs.js'
import {offsetsByLeader, tpKey} from '../list-offsets.js'

export interface TopicSummary {
  name: string
  partitions: number
  replicationFactor: number
  internal: boolean
}

export interface PartitionDetail {
  partition: number
  /** null when the partition has no leader. */
  leader: number | null
  replicas: number[]
  isr: number[]
  offlineReplicas: number[]
  /** null when the leader could not be asked. */
  earliestOffset: bigint | null
  latestOffset: bigint | null
  /** The largest replica's size on disk (DescribeLogDirs); null when no replica's broker answered. */
  sizeBytes: number | null
}

export interface TopicDetail {
  name: string
  /** Kafka's base64url topic id (as kafka-topics prints it). */
  topicId: string | null
  internal: boolean
  partitionCount: number
  replicationFactor: number
  /** The topic-level overrides (sensitive values null). */
  configs: Record<string, string | null>
  partitions: PartitionDetail[]
}

/** kafka-topics' partition and topic filters. */
export interface TopicFilters {
  underReplicated?: boolean
  unavailable?: boolean
  underMinIsr?: boolean
  atMinIsr?: boolean
  withOverrides?: boolean
}

export interface TopicSelection {
  /** Exact names (never patterns); unknown names are an error. */
  names?: string[]
  match?: RegExp
  excludeInternal?: boolean
  filters?: TopicFilters
}

export {isInternalTopic} from './internal-topics.js'

// ---------------------------------------------------------------------------------------------
// Topic names

export {MAX_TOPIC_NAME_LENGTH, validateTopicName} from '../../input/topic-name.js'

/** '.' and '_' collide in metric names: Kafka warns about names equal after replacing one with the other. */
export function collidingTopics(name: string, others: Iterable<string>): string[] {
  const key = name.replaceAll('.', '_')
  return [...others].filter((o) => o !== name && o.replaceAll('.', '_') === key)
}

// ---------------------------------------------------------------------------------------------
// Reading topics

interface RawPartition {
  partitionId: number
  leader: number
  replicas: number[]
  isr: number[]
  offlineReplicas: number[]
}

interface ClusterMetadata {
  brokers: {nodeId: number}[]
  topicMetadata: {topic: string; topicId: string | null; internal: boolean; partitionMetadata: RawPartition[]}[]
}

/** One Metadata request (kctl's own v12+): every topic with its id, and the live brokers. */
async function fetchMetadata(conn: KafkaConnection): Promise<ClusterMetadata> {
  const metadata = await conn.metadata(null)
  return {
    brokers: metadata.brokers.map((b) => ({nodeId: b.id})),
    topicMetadata: metadata.topics
      // A topic-level error (e.g. not authorized to describe it) leaves it out, as kafka-topics does.
      .filter((t) => t.errorCode === 0)
      .map((t) => ({
        topic: t.name,
        topicId: t.topicId,
        internal: t.internal || isInternalTopic(t.name),
        partitionMetadata: t.partitions.map((p) => ({
          partitionId: p.partition,
          leader: p.leader,
          replicas: p.replicas,
          isr: p.isr,
          offlineReplicas: p.offlineReplicas,
        })),
      })),
  }
}

/** Every topic with its partition count and replication factor, sorted by name. One Metadata request. */
export async function listTopics(conn: KafkaConnection): Promise<TopicSummary[]> {
  const metadata = await fetchMetadata(conn)
  return metadata.topicMetadata.map((t) => summary(t)).sort(byName)
}

export async function topicNames(conn: KafkaConnection): Promise<Set<string>> {
  return (await topicsAndBrokers(conn)).topics
}

/** Existing topic names and live broker ids, from one Metadata request. */
export async function topicsAndBrokers(conn: KafkaConnection): Promise<{topics: Set<string>; brokerIds: number[]}> {
  const metadata = await fetchMetadata(conn)
  return {
    topics: new Set(metadata.topicMetadata.map((t) => t.topic)),
    brokerIds: metadata.brokers.map((b) => b.nodeId).sort((a, b) => a - b),
  }
}

const byName = (a: {name: string}, b: {name: string}) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)

function summary(t: ClusterMetadata['topicMetadata'][number]): TopicSummary {
  const partitions = t.partitionMetadata
  return {
    name: t.topic,
    partitions: partitions.length,
    replicationFactor: Math.max(0, ...partitions.map((p) => p.replicas.length)),
    internal: t.internal,
  }
}

/**
 * Topics absent from an all-topics Metadata response are either missing or hidden from this
 * principal (Kafka leaves out topics it may not DESCRIBE). Ask for them by name to tell which:
 * not authorized is exit 4 naming the operation, not found is exit 2 with a "did you mean".
 */
export async function throwMissingTopics(
  conn: KafkaConnection,
  missing: string[],
  known: Iterable<string>,
  hint?: string,
): Promise<never> {
  const res = await conn.request(await conn.anyBroker(), MetadataApi, (v, Encoder) =>
    metadataRequest(v, missing, Encoder),
  )
  const denied = res.topics.filter((t) => t.errorCode === TOPIC_AUTHORIZATION_FAILED).map((t) => t.name!)
  if (denied.length > 0) {
    throw connectionError(
      `Not authorized: the cluster denied DESCRIBE on topic ${denied.join(', ')} (TOPIC_AUTHORIZATION_FAILED)`,
      {
        code: 'AUTHORIZATION_FAILED',
        hint: `Ask an administrator for an ACL, e.g. \`kctl acls create --allow-principal User:<you> --operation DESCRIBE --topic ${denied[0]}\`.`,
        details: {kafkaError: 'TOPIC_AUTHORIZATION_FAILED', topics: denied},
      },
    )
  }
  throw usageError(
    `Topic${missing.length > 1 ? 's' : ''} not found: ${missing.join(', ')}`,
    didYouMean(missing[0], known) ?? hint ?? 'List topics with `kctl topics list`, or use --match REGEX for a pattern.',
    'TOPIC_NOT_FOUND',
    {topics: missing},
  )
}

const TOPIC_AUTHORIZATION_FAILED = 29

async function selectTopics(
  conn: KafkaConnection,
  metadata: ClusterMetadata,
  sel: TopicSelection,
): Promise<ClusterMetadata['topicMetadata']> {
  const all = metadata.topicMetadata
  if (sel.names && sel.names.length > 0) {
    const byTopic = new Map(all.map((t) => [t.topic, t]))
    const missing = sel.names.filter((n) => !byTopic.has(n))
    if (missing.length > 0) await throwMissingTopics(conn, missing, byTopic.keys())
    return [...new Set(sel.names)].map((n) => byTopic.get(n)!)
  }
  return all.filter((t) => (!sel.match || sel.match.test(t.topic)) && !(sel.excludeInternal && t.internal))
}

const needsConfigs = (f: TopicFilters = {}) => Boolean(f.underMinIsr || f.atMinIsr || f.withOverrides)
const partitionFilterOn = (f: TopicFilters = {}) =>
  Boolean(f.underReplicated || f.unavailable || f.underMinIsr || f.atMinIsr)

/** Kafka's TopicCommand semantics for each partition filter. */
function partitionMatches(p: RawPartition, f: TopicFilters, live: Set<number>, minIsr: number | undefined): boolean {
  const hasLeader = p.leader >= 0
  if (f.underReplicated && p.isr.length < p.replicas.length) return true
  if (f.unavailable && (!hasLeader || !live.has(p.leader))) return true
  if (f.underMinIsr && (!hasLeader || (minIsr !== undefined && p.isr.length < minIsr))) return true
  if (f.atMinIsr && minIsr !== undefined && p.isr.length === minIsr) return true
  return false
}

interface TopicConfigInfo {
  overrides: Record<string, string | null>
  minIsr?: number
}

/** One DescribeConfigs request for all the topics. */
async function topicConfigs(conn: KafkaConnection, topics: string[]): Promise<Map<string, TopicConfigInfo>> {
  const out = new Map<string, TopicConfigInfo>()
  if (topics.length === 0) return out
  const results = await describeConfigResources(
    conn,
    await conn.anyBroker(),
    topics.map((t) => ({resourceType: ConfigResourceType.topic, resourceName: t, configurationKeys: null})),
  )
  for (const r of results) {
    if (r.errorCode !== 0)
      throw protocolErrorToKctl(r.errorCode, r.errorMessage, `DescribeConfigs of topic ${r.resourceName}`)
    const overrides: Record<string, string | null> = {}
    let minIsr: number | undefined
    for (const c of r.configs.sort((a, b) => a.name.localeCompare(b.name))) {
      if (c.configSource === 1) overrides[c.name] = c.isSensitive ? null : c.value
      if (c.name === 'min.insync.replicas' && c.value !== null) minIsr = Number(c.value)
    }
    out.set(r.resourceName, {overrides, minIsr})
  }
  return out
}

/** The topics (summaries) that pass the selection and filters: Metadata, plus DescribeConfigs if a filter needs it. */
export async function listTopicsFiltered(conn: KafkaConnection, sel: TopicSelection): Promise<TopicSummary[]> {
  const metadata = await fetchMetadata(conn)
  const topics = await selectTopics(conn, metadata, sel)
  const filters = sel.filters ?? {}
  const configs = needsConfigs(filters)
    ? await topicConfigs(
        conn,
        topics.map((t) => t.topic),
      )
    : new Map<string, TopicConfigInfo>()
  const live = new Set(metadata.brokers.map((b) => b.nodeId))
  return topics
    .filter((t) => {
      const info = configs.get(t.topic)
      if (filters.withOverrides && Object.keys(info?.overrides ?? {}).length === 0) return false
      if (!partitionFilterOn(filters)) return true
      return t.partitionMetadata.some((p) => partitionMatches(p, filters, live, info?.minIsr))
    })
    .map((t) => summary(t))
    .sort(byName)
}

/**
 * Full description: partitions (leader, replicas, ISR, offline replicas, earliest and latest
 * offsets, size) and each topic's overrides. Requests: one Metadata, then one DescribeConfigs
 * followed by two ListOffsets per partition leader (earliest, latest), and, at the same time,
 * one DescribeLogDirs per broker holding a replica, for all topics at once.
 */
export async function describeTopics(conn: KafkaConnection, sel: TopicSelection): Promise<TopicDetail[]> {
  const metadata = await fetchMetadata(conn)
  const topics = await selectTopics(conn, metadata, sel)
  const filters = sel.filters ?? {}
  const live = new Set(metadata.brokers.map((b) => b.nodeId))
  // DescribeLogDirs (one per broker holding a replica) runs alongside DescribeConfigs and ListOffsets.
  const sizesRequest = partitionSizes(conn, [], {
    partitions: topics.map((t) => ({topic: t.topic, partitions: t.partitionMetadata.map((p) => p.partitionId)})),
    brokers: [...new Set(topics.flatMap((t) => t.partitionMetadata.flatMap((p) => p.replicas)))]
      .filter((b) => live.has(b))
      .sort((a, b) => a - b),
  })
  const configsAndOffsets = async () => {
    const configs = await topicConfigs(
      conn,
      topics.map((t) => t.topic),
    )
    const selected = topics
      .map((t) => {
        const info = configs.get(t.topic)
        const partitions = partitionFilterOn(filters)
          ? t.partitionMetadata.filter((p) => partitionMatches(p, filters, live, info?.minIsr))
          : t.partitionMetadata
        return {t, info, partitions}
      })
      .filter(({info, partitions}) => {
        if (filters.withOverrides && Object.keys(info?.overrides ?? {}).length === 0) return false
        return !partitionFilterOn(filters) || partitions.length > 0
      })
    const offsets = await partitionOffsets(
      conn,
      selected.flatMap(({t, partitions}) =>
        partitions
          .filter((p) => live.has(p.leader))
          .map((p) => ({topic: t.topic, partition: p.partitionId, leader: p.leader})),
      ),
    )
    return {selected, offsets}
  }
  const [{selected, offsets}, sizeList] = await Promise.all([configsAndOffsets(), sizesRequest])
  const sizes = new Map(sizeList.map((s) => [`${s.topic}\u0000${s.partition}`, s.sizeBytes]))
  return selected
    .map(({t, info, partitions}) => ({
      name: t.topic,
      topicId: t.topicId,
      internal: t.internal,
      partitionCount: t.partitionMetadata.length,
      replicationFactor: summary(t).replicationFactor,
      configs: info?.overrides ?? {},
      partitions: partitions
        .map((p) => {
          const o = offsets.get(`${t.topic}\u0000${p.partitionId}`)
          return {
            partition: p.partitionId,
            leader: p.leader >= 0 ? p.leader : null,
            replicas: p.replicas,
            isr: p.isr,
            offlineReplicas: p.offlineReplicas,
            earliestOffset: o?.earliest ?? null,
            latestOffset: o?.latest ?? null,
            sizeBytes: sizes.get(`${t.topic}\u0000${p.partitionId}`) ?? null,
          }
        })
        .sort((a, b) => a.partition - b.partition),
    }))
    .sort(byName)
}

/** Earliest and latest offsets: two ListOffsets requests per leader, covering all its partitions. */
async function partitionOffsets(
  conn: KafkaConnection,
  partitions: {topic: string; partition: number; leader: number}[],
): Promise<Map<string, {earliest: bigint | null; latest: bigint | null}>> {
  const out = new Map<string, {earliest: bigint | null; latest: bigint | null}>()
  // A leader that does not answer leaves its partitions' offsets null (with a warning).
  const [earliest, latest] = await Promise.all([
    offsetsByLeader(conn, partitions, 'earliest', {quietLeaderless: true}),
    offsetsByLeader(conn, partitions, 'latest', {quietLeaderless: true}),
  ])
  for (const p of partitions) {
    const key = tpKey(p.topic, p.partition)
    const e = earliest.get(key)
    const l = latest.get(key)
    if (e || l) out.set(`${p.topic}\u0000${p.partition}`, {earliest: e?.offset ?? null, latest: l?.offset ?? null})
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Creating, deleting, altering

export interface NewTopic {
  name: string
  /** -1 with a replica assignment (the broker derives it), or the broker default. */
  partitions: number
  replicationFactor: number
  replicaAssignment?: number[][]
  configs: Record<string, string>
}

export interface TopicOperationResult {
  name: string
  status: 'created' | 'valid' | 'exists' | 'deleted' | 'altered' | 'failed'
  error: string | null
}

interface AggregateLike {
  name?: string
  errors?: {topic?: string; type?: string; message?: string}[]
}

const CREATE_BATCH = 500

/** Where topic mutations go: the controller the Metadata names (any broker forwards them on KRaft). */
async function controllerBroker(conn: KafkaConnection): Promise<KafkaBroker> {
  try {
    return await conn.controller()
  } catch (error) {
    throw toKctlError(error, {operation: 'finding the controller'})
  }
}

/**
 * Create topics with one CreateTopics request per batch of CREATE_BATCH, sent to the controller
 * (any broker forwards it on KRaft). With `ifNotExists`, topics that exist are skipped before
 * sending and reported as `exists`. With `dryRun` the broker only validates (validateOnly).
 */
export async function createTopics(
  conn: KafkaConnection,
  topics: NewTopic[],
  options: {ifNotExists: boolean; dryRun: boolean; existing: Set<string>; timeoutMs: number},
): Promise<TopicOperationResult[]> {
  const results: TopicOperationResult[] = []
  const toCreate: NewTopic[] = []
  for (const t of topics) {
    if (options.existing.has(t.name)) {
      results.push(
        options.ifNotExists
          ? {name: t.name, status: 'exists', error: null}
          : {name: t.name, status: 'failed', error: 'Topic already exists (TOPIC_ALREADY_EXISTS)'},
      )
    } else toCreate.push(t)
  }
  const broker = kafkajsRequests(await controllerBroker(conn))
  for (let i = 0; i < toCreate.length; i += CREATE_BATCH) {
    const batch = toCreate.slice(i, i + CREATE_BATCH)
    const failed = new Map<string, string>()
    try {
      await broker.createTopics({
        validateOnly: options.dryRun,
        timeout: Math.min(options.timeoutMs, 30_000),
        topics: batch.map((t) => ({
          topic: t.name,
          numPartitions: t.replicaAssignment ? -1 : t.partitions,
          replicationFactor: t.replicaAssignment ? -1 : t.replicationFactor,
          replicaAssignment: (t.replicaAssignment ?? []).map((replicas, partition) => ({partition, replicas})),
          configEntries: Object.entries(t.configs).map(([name, value]) => ({name, value})),
        })),
      })
    } catch (error) {
      const agg = error as AggregateLike
      if (!Array.isArray(agg.errors)) throw toKctlError(error, {operation: 'CreateTopics'})
      for (const e of agg.errors)
        if (e.topic) failed.set(e.topic, `${e.message ?? 'failed'}${e.type ? ` (${e.type})` : ''}`)
    }
    for (const t of batch) {
      const error = failed.get(t.name)
      if (error === undefined) results.push({name: t.name, status: options.dryRun ? 'valid' : 'created', error: null})
      else if (options.ifNotExists && /TOPIC_ALREADY_EXISTS/.test(error))
        results.push({name: t.name, status: 'exists', error: null})
      else results.push({name: t.name, status: 'failed', error})
    }
  }
  if (!options.dryRun) {
    const created = results.filter((r) => r.status === 'created').map((r) => r.name)
    await waitForTopicsOnEveryBroker(conn, created, Math.min(10_000, options.timeoutMs / 2))
  }
  return results.sort(byName)
}

/**
 * Brokers learn of new topics from the metadata log a moment after CreateTopics returns (visibly
 * on 3.9): wait until every live broker serves the topics with leaders, so the next command of a
 * script can use them whichever broker it asks. Best effort: a broker that is down is not waited for.
 */
async function waitForTopicsOnEveryBroker(conn: KafkaConnection, names: string[], timeoutMs: number): Promise<void> {
  if (names.length === 0) return
  const pending = new Set(await liveBrokerIds(conn))
  const deadline = Date.now() + timeoutMs
  while (pending.size > 0 && Date.now() < deadline) {
    await Promise.all(
      [...pending].map(async (id) => {
        const res = await conn.request(await conn.broker(id), MetadataApi, (v, Encoder) =>
          metadataRequest(v, names, Encoder),
        )
        if (
          res.topics.every(
            (t) => t.errorCode === 0 && t.partitions.length > 0 && t.partitions.every((p) => p.leaderId >= 0),
          )
        )
          pending.delete(id)
      }),
    ).catch(() => undefined)
    if (pending.size > 0) await new Promise((r) => setTimeout(r, 100))
  }
}

/** Delete topics with one DeleteTopics request; a failure is attributed by re-reading which still exist. */
export async function deleteTopics(
  conn: KafkaConnection,
  names: string[],
  timeoutMs: number,
): Promise<TopicOperationResult[]> {
  if (names.length === 0) return []
  const broker = kafkajsRequests(await controllerBroker(conn))
  let failure: string | undefined
  try {
    await broker.deleteTopics({topics: names, timeout: Math.min(timeoutMs, 30_000)})
  } catch (error) {
    failure = toKctlError(error, {operation: 'DeleteTopics'}).message
  }
  const remaining = failure ? await topicNames(conn) : new Set<string>()
  return names
    .map((name) =>
      remaining.has(name)
        ? {name, status: 'failed' as const, error: failure ?? null}
        : {name, status: 'deleted' as const, error: null},
    )
    .sort(byName)
}

/** Raise a topic's partition count (CreatePartitions); `assignments` places the new partitions (else the broker does). */
export async function increasePartitions(
  conn: KafkaConnection,
  name: string,
  count: number,
  options: {dryRun: boolean; timeoutMs: number; assignments?: number[][]},
): Promise<void> {
  const broker = kafkajsRequests(await controllerBroker(conn))
  try {
    await broker.createPartitions({
      topicPartitions: [{topic: name, count, ...(options.assignments ? {assignments: options.assignments} : {})}],
      validateOnly: options.dryRun,
      timeout: Math.min(options.timeoutMs, 30_000),
    })
  } catch (error) {
    const e = toKctlError(error, {operation: 'CreatePartitions'})
    throw new KctlError(e.code, e.exitCode, `Could not raise the partitions of ${name} to ${count}: ${e.message}`, {
      hint: e.hint,
      details: e.details,
      retriable: e.retriable,
      cause: error,
    })
  }
}

/** The broker's defaults for topics created without --partitions / --replication-factor. One DescribeConfigs. */
export async function brokerDefaultsForCreate(
  conn: KafkaConnection,
  id: number,
): Promise<{partitions: number; replicationFactor: number}> {
  const [result] = await describeConfigResources(conn, await conn.broker(Number(id)), [
    {
      resourceType: ConfigResourceType.broker,
      resourceName: String(id),
      configurationKeys: ['num.partitions', 'default.replication.factor'],
    },
  ])
  const value = (k: string) => Number(result?.configs.find((c) => c.name === k)?.value ?? 1)
  return {partitions: value('num.partitions'), replicationFactor: value('default.replication.factor')}
}

/** The service object commands call (command tests replace its functions). */

/** The service object commands call (command tests replace its functions). */
export const topicsService = {
  throwMissingTopics,
  listTopics,
  listTopicsFiltered,
  topicsAndBrokers,
  describeTopics,
  createTopics,
  deleteTopics,
  increasePartitions,
  brokerDefaultsForCreate,
}
