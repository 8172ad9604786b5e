import type {KafkaConnection} from '../../connection/client.js'
import {ConfigResourceType} from '../../protocol/config-resources.js'
import type {DescribeConfigsResource} from '../../protocol/describe-configs.js'
import {ListConfigResourcesApi, listConfigResourcesRequest} from '../../protocol/list-config-resources.js'
import {throwIfError} from '../../protocol/protocol-error.js'
import {operationError} from '../../errors.js'
import {aclsService} from '../security/acls.js'
import {clusterService} from '../cluster/cluster.js'
import {describeConfigResources} from '../configs/configs.js'
import {quotasService} from '../security/quotas.js'
import {topicsService} from '../topics/topics.js'
import {usersService} from '../security/users.js'
import {type ClusterState, type StateKind, type TopicState, emptyConfigs} from './model.js'
import {type ScopeMatcher, quotaKey} from './scope.js'

const UNKNOWN_TOPIC_OR_PARTITION = 3

const SOURCE = {topic: 1, dynamicBroker: 2, dynamicDefault: 3, clientMetrics: 7, group: 8} as const
const DESCRIBE_BATCH = 1000

export interface ActualState extends ClusterState {
  clusterId: string
  brokerIds: number[]
  /** Effective values (override or default) of the in-scope topics' configs: risks compare them. */
  effective: Record<string, Record<string, string>>
  /** Scope sections the cluster cannot list (a lenient read, export, leaves them out). */
  unsupported?: ('groups' | 'clientMetrics')[]
}

/**
 * The cluster's resources inside the scope, one batched request per kind: Metadata, then one
 * DescribeConfigs per 1,000 topics, one DescribeAcls, one DescribeClientQuotas, one
 * DescribeUserScramCredentials, one DescribeConfigs per broker for broker configs.
 */
export async function readClusterState(
  conn: KafkaConnection,
  inScope: ScopeMatcher,
  kinds: StateKind[],
  options: {
    loggers?: Record<string, string[]>
    scope?: {groups: boolean; clientMetrics: boolean}
    lenient?: boolean
  } = {},
): Promise<ActualState> {
  const cluster = await clusterService.describeCluster(conn)
  const state: ActualState = {
    clusterId: cluster.clusterId,
    brokerIds: cluster.brokers.map((b) => b.id).sort((a, b) => a - b),
    topics: {},
    acls: [],
    quotas: [],
    users: {},
    configs: emptyConfigs(),
    effective: {},
  }
  const want = new Set(kinds)
  await Promise.all([
    want.has('topics') && readTopics(conn, inScope, state),
    want.has('acls') &&
      aclsService
        .listAcls(conn, {resources: [], patternType: 'ANY', principals: [], hosts: [], operations: []})
        .then((acls) => {
          state.acls = acls.filter((b) => inScope.principal(b.principal))
        }),
    want.has('quotas') &&
      quotasService.describeQuotas(conn, {}).then((quotas) => {
        state.quotas = quotas
          .filter((q) => inScope.quota(q.entity))
          .map((q) => ({entity: q.entity, values: {...q.values}}))
          .sort((a, b) => quotaKey(a.entity).localeCompare(quotaKey(b.entity)))
      }),
    want.has('users') &&
      usersService.describeUsers(conn).then((users) => {
        for (const u of users.filter((x) => inScope.user(x.name)))
          state.users[u.name] = {mechanisms: Object.fromEntries(u.credentials.map((c) => [c.mechanism, c.iterations]))}
      }),
    want.has('configs') && readBrokerConfigs(conn, state, options.loggers ?? {}),
    want.has('configs') && options.scope && readNamedConfigs(conn, inScope, state, options.scope, options.lenient),
  ])
  return state
}

async function readTopics(conn: KafkaConnection, inScope: ScopeMatcher, state: ActualState): Promise<void> {
  const topics = (await topicsService.listTopics(conn)).filter((t) => !t.internal && inScope.topic(t.name))
  const broker = await conn.anyBroker()
  const batches: string[][] = []
  for (let i = 0; i < topics.length; i += DESCRIBE_BATCH)
    batches.push(topics.slice(i, i + DESCRIBE_BATCH).map((t) => t.name))
  const results = (
    await Promise.all(
      batches.map((names) =>
        describeConfigResources(
          conn,
          broker,
          names.map((name) => ({resourceType: ConfigResourceType.topic, resourceName: name, configurationKeys: null})),
        ),
      ),
    )
  ).flat()
  const byName = new Map(results.map((r) => [r.resourceName, r]))
  for (const t of topics) {
    const r = byName.get(t.name)
    // Deleted between the Metadata and the DescribeConfigs answers (brokers learn of a deletion
    // one by one): the topic is gone, as the next read will show.
    if (!r || r.errorCode === UNKNOWN_TOPIC_OR_PARTITION) continue
    throwIfError(r.errorCode, r.errorMessage, `describing the configs of topic ${t.name}`)
    const topic: TopicState = {partitions: t.partitions, replicationFactor: t.replicationFactor, configs: {}}
    const effective: Record<string, string> = {}
    for (const c of r.configs) {
      if (c.value === null) continue
      effective[c.name] = c.value
      if (c.configSource === SOURCE.topic) topic.configs[c.name] = c.value
    }
    state.topics[t.name] = topic
    state.effective[t.name] = effective
  }
}

/** Dynamic broker overrides: cluster-wide defaults and per broker; logger levels only of the loggers a file names. */
async function readBrokerConfigs(
  conn: KafkaConnection,
  state: ActualState,
  loggers: Record<string, string[]>,
): Promise<void> {
  const overrides = (
    configs: {name: string; value: string | null; configSource: number; isSensitive: boolean}[],
    source: number,
  ) =>
    Object.fromEntries(
      configs
        .filter((c) => c.configSource === source && !c.isSensitive && c.value !== null)
        .map((c) => [c.name, c.value!])
        .sort(([a], [b]) => a.localeCompare(b)),
    )
  const [defaults] = await describeConfigResources(conn, await conn.anyBroker(), [
    {resourceType: ConfigResourceType.broker, resourceName: '', configurationKeys: null},
  ])
  if (defaults) {
    throwIfError(defaults.errorCode, defaults.errorMessage, 'describing the broker defaults')
    state.configs.brokerDefaults = overrides(defaults.configs, SOURCE.dynamicDefault)
  }
  await Promise.all(
    state.brokerIds.map(async (id) => {
      const resources: DescribeConfigsResource[] = [
        {resourceType: ConfigResourceType.broker, resourceName: String(id), configurationKeys: null},
      ]
      const names = loggers[String(id)]
      if (names?.length)
        resources.push({
          resourceType: ConfigResourceType.brokerLogger,
          resourceName: String(id),
          configurationKeys: names,
        })
      const results = await describeConfigResources(conn, await conn.broker(id), resources)
      for (const r of results) {
        throwIfError(r.errorCode, r.errorMessage, `describing the configs of broker ${id}`)
        if (r.resourceType === ConfigResourceType.broker) {
          const values = overrides(r.configs, SOURCE.dynamicBroker)
          if (Object.keys(values).length > 0) state.configs.brokers[String(id)] = values
        } else {
          state.configs.brokerLoggers[String(id)] = Object.fromEntries(
            r.configs.filter((c) => c.value !== null).map((c) => [c.name, c.value!]),
          )
        }
      }
    }),
  )
}

const NAMED = {
  groups: {type: ConfigResourceType.group, source: SOURCE.group, what: 'group configs', listVersion: 1, kafka: '4.1'},
  clientMetrics: {
    type: ConfigResourceType.clientMetrics,
    source: SOURCE.clientMetrics,
    what: 'client-metrics subscriptions',
    listVersion: 0,
    kafka: '3.7',
  },
} as const

/**
 * Group configs and client-metrics subscriptions inside the scope: one ListConfigResources (v1
 * lists groups, Kafka 4.1+; v0 only subscriptions, 3.7+), then one DescribeConfigs for them all.
 * A cluster that cannot list them fails the command, or (export, `lenient`) leaves them out with
 * a warning.
 */
async function readNamedConfigs(
  conn: KafkaConnection,
  inScope: ScopeMatcher,
  state: ActualState,
  wanted: {groups: boolean; clientMetrics: boolean},
  lenient = false,
): Promise<void> {
  const broker = await conn.anyBroker()
  const maxVersion = broker.versions?.[ListConfigResourcesApi.apiKey]?.maxVersion ?? -1
  const sections = (Object.keys(NAMED) as (keyof typeof NAMED)[]).filter((s) => wanted[s])
  const readable = sections.filter((s) => {
    const n = NAMED[s]
    if (maxVersion >= n.listVersion) return true
    const message = `This cluster does not support ${n.what} in state files: listing them needs ListConfigResources v${n.listVersion} (Kafka ${n.kafka} or later)`
    if (!lenient)
      throw operationError(message, {
        code: 'UNSUPPORTED_VERSION',
        hint: `Remove configs.${s} and scope.${s} from the files for this cluster (an overlay can), or upgrade Kafka.`,
      })
    conn.warn({code: 'UNSUPPORTED_VERSION', message: `${message}; not exported`})
    ;(state.unsupported ??= []).push(s)
    return false
  })
  if (readable.length === 0) return
  const types = readable.map((s) => NAMED[s].type)
  const listed = await conn.request(broker, ListConfigResourcesApi, (v, Encoder) =>
    listConfigResourcesRequest(v, types, Encoder),
  )
  throwIfError(listed.errorCode, null, 'ListConfigResources')
  const named = listed.resources.filter(
    (r) =>
      (r.type === NAMED.groups.type && readable.includes('groups') && inScope.group(r.name)) ||
      (r.type === NAMED.clientMetrics.type && readable.includes('clientMetrics') && inScope.clientMetrics(r.name)),
  )
  const results = await describeConfigResources(
    conn,
    broker,
    named.map((r) => ({resourceType: r.type, resourceName: r.name, configurationKeys: null})),
  )
  for (const r of results) {
    throwIfError(r.errorCode, r.errorMessage, `describing the configs of ${r.resourceName}`)
    const section = r.resourceType === NAMED.groups.type ? 'groups' : 'clientMetrics'
    const values = Object.fromEntries(
      r.configs
        .filter((c) => c.configSource === NAMED[section].source && c.value !== null)
        .map((c) => [c.name, c.value!])
        .sort(([a], [b]) => a.localeCompare(b)),
    )
    if (Object.keys(values).length > 0) state.configs[section][r.resourceName] = values
  }
}
