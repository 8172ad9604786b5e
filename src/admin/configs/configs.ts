import type {KafkaConnection} from '../../connection/client.js'
import {type KctlError, kafkaErrorCode, usageError} from '../../errors.js'
import {didYouMean} from '../../input/did-you-mean.js'
import {ConfigResourceType} from '../../protocol/config-resources.js'
import {
  CONFIG_SOURCES,
  type DescribeConfigsResource,
  type DescribeConfigsResult,
  type DescribedConfig,
  DescribeConfigsApi,
  describeConfigsRequest,
} from '../../protocol/describe-configs.js'
import {errorName} from '../../protocol/error-codes.js'
import {
  type AlterableConfig,
  IncrementalAlterConfigsApi,
  incrementalAlterConfigsRequest,
} from '../../protocol/incremental-alter-configs.js'
import type {KafkaBroker} from '../../protocol/kafkajs-internals.js'
import {protocolErrorToKctl} from '../../protocol/protocol-error.js'
import {BROKER_CONFIG_KEYS, TOPIC_CONFIG_KEYS} from './config-keys.js'
import {
  alterQuotaConfigs,
  describeQuotaConfigs,
  isQuotaType,
  quotaEntityOf,
  validateQuotaChanges,
} from './config-quotas.js'
import {validateQuotaEntity} from '../security/quotas.js'
import {appendTo} from '../multimap.js'
import type {AlterConfigsResult, ConfigChange, ConfigEntity, ConfigEntityType, ConfigEntry} from './config-types.js'

// The entity and change types live in config-types.ts (config-quotas.ts needs them too: no cycle).
export {
  CONFIG_ENTITY_TYPES,
  type AlterConfigsResult,
  type ConfigChange,
  type ConfigDiffRow,
  type ConfigEntity,
  type ConfigEntityType,
  type ConfigEntry,
} from './config-types.js'

export const LOG_LEVELS = ['ALL', 'TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL', 'OFF']

/** The DescribeConfigs/IncrementalAlterConfigs resource types (user, client and ip are quotas). */
const RESOURCE_TYPE: Record<ConfigEntityType, number> = {
  topic: ConfigResourceType.topic,
  broker: ConfigResourceType.broker,
  'broker-logger': ConfigResourceType.brokerLogger,
  group: ConfigResourceType.group,
  'client-metrics': ConfigResourceType.clientMetrics,
  user: -1,
  client: -1,
  ip: -1,
}

/** GroupConfig.configNames() of Kafka 4.4 (3.9's are a subset); the broker validates values. */
export const GROUP_CONFIG_KEYS: ReadonlySet<string> = new Set([
  'consumer.session.timeout.ms',
  'consumer.heartbeat.interval.ms',
  'consumer.assignment.interval.ms',
  'consumer.assignor.offload.enable',
  'share.session.timeout.ms',
  'share.heartbeat.interval.ms',
  'share.record.lock.duration.ms',
  'share.delivery.count.limit',
  'share.partition.max.record.locks',
  'share.auto.offset.reset',
  'share.isolation.level',
  'share.renew.acknowledge.enable',
  'share.assignment.interval.ms',
  'share.assignor.offload.enable',
  'streams.session.timeout.ms',
  'streams.heartbeat.interval.ms',
  'streams.num.standby.replicas',
  'streams.initial.rebalance.delay.ms',
  'streams.assignment.interval.ms',
  'streams.assignor.offload.enable',
  'streams.task.offset.interval.ms',
  'streams.num.warmup.replicas',
  'streams.rack.aware.assignment.tags',
  'streams.acceptable.recovery.lag',
  'streams.assignor.name',
  'errors.deadletterqueue.topic.name',
  'errors.deadletterqueue.copy.record.enable',
])

/** A client-metrics subscription's configs (ClientMetricsConfigs, KIP-714). */
export const CLIENT_METRICS_CONFIG_KEYS: ReadonlySet<string> = new Set(['metrics', 'interval.ms', 'match'])

/** Entities any broker answers for (not one broker's own configs). */
const clusterWide = (e: ConfigEntity) =>
  e.type === 'topic' || e.type === 'group' || e.type === 'client-metrics' || e.name === ''

export function entityLabel(e: ConfigEntity): string {
  if (e.type === 'broker' && e.name === '') return 'the cluster-wide broker default'
  if (e.name === '') return `the default ${e.type}`
  return `${e.type} ${e.name}`
}

/** The config source that counts as "an override" of this entity. */
function overrideSource(e: ConfigEntity): number | undefined {
  if (e.type === 'topic') return 1
  if (e.type === 'broker') return e.name === '' ? 3 : 2
  if (e.type === 'group') return 8
  if (e.type === 'client-metrics') return 7
  return undefined // broker loggers: every logger level is shown
}

function toEntry(c: DescribedConfig): ConfigEntry {
  return {
    key: c.name,
    value: c.isSensitive ? null : c.value,
    source: CONFIG_SOURCES[c.configSource] ?? `source-${c.configSource}`,
    readOnly: c.readOnly,
    sensitive: c.isSensitive,
  }
}

/** Topic and broker-default requests go to any broker; a broker's own configs and loggers to that broker. */
async function brokerFor(conn: KafkaConnection, e: ConfigEntity): Promise<KafkaBroker> {
  if (clusterWide(e)) return conn.anyBroker()
  return conn.broker(Number(e.name))
}

/** One DescribeConfigs request for many resources of the same broker (or of any broker, for topics). */
export async function describeConfigResources(
  conn: KafkaConnection,
  broker: KafkaBroker,
  resources: DescribeConfigsResource[],
  includeSynonyms = false,
): Promise<DescribeConfigsResult[]> {
  if (resources.length === 0) return []
  const res = await conn.request(broker, DescribeConfigsApi, (v, Encoder) =>
    describeConfigsRequest(v, {resources, includeSynonyms, includeDocumentation: false}, Encoder),
  )
  return res.results
}

function resourceError(
  result: DescribeConfigsResult | undefined,
  e: ConfigEntity,
  what: string,
): KctlError | undefined {
  if (!result) return protocolErrorToKctl(-1, 'no result in the response', `${what} of ${entityLabel(e)}`)
  if (result.errorCode === 0) return undefined
  if (errorName(result.errorCode) === 'UNKNOWN_TOPIC_OR_PARTITION')
    return usageError(`Topic ${e.name} does not exist`, 'List topics with `kctl topics list`.', 'TOPIC_NOT_FOUND')
  return protocolErrorToKctl(result.errorCode, result.errorMessage, `${what} of ${entityLabel(e)}`)
}

/** Every config of the entity as the broker describes it (with synonyms). */
export async function describeEntityRaw(conn: KafkaConnection, e: ConfigEntity): Promise<DescribedConfig[]> {
  const broker = await brokerFor(conn, e)
  const [result] = await describeConfigResources(
    conn,
    broker,
    [{resourceType: RESOURCE_TYPE[e.type], resourceName: e.name, configurationKeys: null}],
    true,
  )
  const error = resourceError(result, e, 'DescribeConfigs')
  if (error) throw error
  return result.configs
}

/** Reject unknown keys and malformed values before anything is sent, with a "did you mean" hint. */
export function validateConfigChanges(e: ConfigEntity, changes: ConfigChange[]): void {
  if (isQuotaType(e.type)) return validateQuotaChanges(e, changes)
  for (const c of changes) {
    if (e.type === 'broker-logger') {
      if (c.operation === 'append' || c.operation === 'subtract')
        throw usageError(
          `Logger levels are not lists: cannot ${c.operation} ${c.key}`,
          'Use `kctl configs set broker-logger ID logger=LEVEL`.',
          'INVALID_CONFIG_OPERATION',
        )
      if (c.operation === 'set' && !LOG_LEVELS.includes(String(c.value).toUpperCase())) {
        throw usageError(
          `Invalid log level "${c.value}" for logger ${c.key}`,
          `Use one of ${LOG_LEVELS.join(', ')}.`,
          'INVALID_CONFIG_VALUE',
        )
      }
      continue
    }
    const known =
      e.type === 'topic'
        ? TOPIC_CONFIG_KEYS
        : e.type === 'group'
          ? GROUP_CONFIG_KEYS
          : e.type === 'client-metrics'
            ? CLIENT_METRICS_CONFIG_KEYS
            : BROKER_CONFIG_KEYS
    if (known.has(c.key) || (e.type === 'broker' && c.key.startsWith('listener.name.'))) continue
    const hint =
      didYouMean(c.key, known) ??
      `See the ${e.type} configs of Kafka's documentation; \`kctl configs describe ${e.type} ${e.name || '--default'} --all\` lists them.`
    throw usageError(`Unknown ${e.type} config key: ${c.key}`, hint, 'UNKNOWN_CONFIG_KEY', {key: c.key})
  }
}

export function validateEntity(e: ConfigEntity, brokerIds: number[]): void {
  if (isQuotaType(e.type)) return validateQuotaEntity(quotaEntityOf(e), {requireOne: true})
  if (e.type === 'topic' || e.type === 'group' || e.type === 'client-metrics') {
    const what = e.type === 'client-metrics' ? 'client-metrics subscription' : e.type
    if (e.name === '')
      throw usageError(
        `A ${what} name is required`,
        `Pass it: \`kctl configs describe ${e.type} NAME\`.`,
        'MISSING_ENTITY_NAME',
      )
    return
  }
  if (e.type === 'broker' && e.name === '') return
  if (!/^\d+$/.test(e.name))
    throw usageError(
      `Invalid broker id "${e.name}"`,
      e.type === 'broker'
        ? 'Pass a numeric broker id, or --default for the cluster-wide default.'
        : 'Pass a numeric broker id.',
      'INVALID_BROKER_ID',
    )
  if (!brokerIds.includes(Number(e.name)))
    throw usageError(`Broker ${e.name} is not in the cluster`, `Brokers: ${brokerIds.join(', ')}.`, 'UNKNOWN_BROKER')
}

function splitList(v: string | null | undefined): string[] {
  return (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
}

/** The value a change will leave (for --dry-run), from the current override or default. */
function predictedValue(c: ConfigChange, current: string | null): string | null {
  switch (c.operation) {
    case 'set':
      return c.value
    case 'delete':
      return null
    case 'append': {
      const list = splitList(current)
      for (const item of splitList(c.value)) if (!list.includes(item)) list.push(item)
      return list.join(',')
    }
    case 'subtract': {
      const remove = new Set(splitList(c.value))
      return splitList(current)
        .filter((s) => !remove.has(s))
        .join(',')
    }
  }
}

/**
 * Apply `changes` with one IncrementalAlterConfigs request (only the named keys change), or only
 * validate them on the broker with `dryRun`. Returns the diff of the entity's overrides (key,
 * before, after): predicted for a dry run, read back after applying otherwise.
 */
export async function alterEntityConfigs(
  conn: KafkaConnection,
  e: ConfigEntity,
  changes: ConfigChange[],
  options: {dryRun: boolean; before?: DescribedConfig[]},
): Promise<AlterConfigsResult> {
  if (isQuotaType(e.type)) return alterQuotaConfigs(conn, e, changes, options)
  const raw = options.before ?? (await describeEntityRaw(conn, e))
  const source = overrideSource(e)
  const overrides = new Map(
    raw.filter((c) => source === undefined || c.configSource === source).map((c) => [c.name, c]),
  )
  for (const c of changes) {
    if (c.operation === 'delete' && e.type !== 'broker-logger' && !overrides.has(c.key)) {
      const keys = [...overrides.keys()]
      throw usageError(
        `${c.key} is not overridden on ${entityLabel(e)}: nothing to delete`,
        `Its overrides: ${keys.slice(0, 10).join(', ') || 'none'}${keys.length > 10 ? ', …' : ''}.`,
        'CONFIG_NOT_OVERRIDDEN',
      )
    }
  }
  const shown = (c: DescribedConfig | undefined) => (c === undefined ? null : c.isSensitive ? '[redacted]' : c.value)
  const broker = await brokerFor(conn, e)
  const configs: AlterableConfig[] = changes.map((c) => ({
    name: c.key,
    operation: c.operation,
    value: c.operation === 'delete' ? null : c.value,
  }))
  const res = await conn.request(broker, IncrementalAlterConfigsApi, (v, Encoder) =>
    incrementalAlterConfigsRequest(
      v,
      {validateOnly: options.dryRun, resources: [{resourceType: RESOURCE_TYPE[e.type], resourceName: e.name, configs}]},
      Encoder,
    ),
  )
  const result = res.responses[0]
  if (!result)
    throw protocolErrorToKctl(-1, 'no result in the response', `IncrementalAlterConfigs of ${entityLabel(e)}`)
  if (result.errorCode !== 0) throw alterError(e, result.errorCode, result.errorMessage)
  const current = new Map(raw.map((c) => [c.name, c]))
  const predicted = changes.map((c) => {
    const before = overrides.get(c.key)
    const base =
      before?.value ??
      current.get(c.key)?.synonyms.find((s) => s.source === 5)?.value ??
      current.get(c.key)?.value ??
      null
    const after = predictedValue(c, base)
    return {
      key: c.key,
      before: shown(before),
      after: current.get(c.key)?.isSensitive && after !== null ? '[redacted]' : after,
    }
  })
  if (options.dryRun) return {entity: e, dryRun: true, changes: predicted}
  // On KRaft the change is committed by the controller and reaches the broker's cache moments
  // later: read back until the broker shows it (or a short deadline passes), then report what it says.
  const deadline = Date.now() + 3000
  for (;;) {
    const after = await describeEntityRaw(conn, e)
    const afterOverrides = new Map(
      after.filter((c) => source === undefined || c.configSource === source).map((c) => [c.name, c]),
    )
    const readBack = predicted.map((p) => ({...p, after: shown(afterOverrides.get(p.key))}))
    if (Date.now() > deadline || readBack.every((r, i) => sameValue(e, r.after, predicted[i].after)))
      return {entity: e, dryRun: false, changes: readBack}
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** Read-back equality: logger levels compare case-insensitively, and a deleted logger level falls back to its parent's. */
function sameValue(e: ConfigEntity, actual: string | null, predicted: string | null): boolean {
  if (e.type === 'broker-logger') return predicted === null || actual?.toUpperCase() === predicted.toUpperCase()
  return actual === predicted
}

export function overridesOf(e: ConfigEntity, raw: DescribedConfig[]): DescribedConfig[] {
  const source = overrideSource(e)
  return raw
    .filter((c) => source === undefined || c.configSource === source)
    .sort((a, b) => a.name.localeCompare(b.name))
}

function alterError(e: ConfigEntity, errorCode: number, message: string | null): KctlError {
  const type = errorName(errorCode)
  // The broker rejected the values atomically: nothing changed, and the reason is the broker's.
  if (type === 'INVALID_CONFIG' || type === 'INVALID_REQUEST' || type === 'POLICY_VIOLATION') {
    return usageError(
      `The broker rejected the change to ${entityLabel(e)}: ${message ?? type}`,
      'Fix the value; nothing was changed.',
      kafkaErrorCode(type),
      {kafkaError: type},
    )
  }
  if (type === 'UNKNOWN_TOPIC_OR_PARTITION')
    return usageError(`Topic ${e.name} does not exist`, 'List topics with `kctl topics list`.', 'TOPIC_NOT_FOUND')
  return protocolErrorToKctl(errorCode, message, `IncrementalAlterConfigs of ${entityLabel(e)}`)
}

export interface EntityConfigs {
  type: ConfigEntityType
  name: string
  configs: ConfigEntry[]
}

/**
 * Describe many entities: one DescribeConfigs request per target broker (topics and the broker
 * default share one request to any broker; a broker's own configs and loggers go to that broker).
 */
export async function describeConfigsOf(
  conn: KafkaConnection,
  entities: ConfigEntity[],
  options: {all?: boolean} = {},
): Promise<EntityConfigs[]> {
  const groups = new Map<string, ConfigEntity[]>()
  const out: EntityConfigs[] = []
  for (const e of entities.filter((x) => isQuotaType(x.type)))
    out.push({type: e.type, name: e.name, configs: await describeQuotaConfigs(conn, e)})
  for (const e of entities.filter((x) => !isQuotaType(x.type))) {
    const key = clusterWide(e) ? 'any' : e.name
    appendTo(groups, key, e)
  }
  await Promise.all(
    [...groups.entries()].map(async ([key, group]) => {
      const broker = key === 'any' ? await conn.anyBroker() : await conn.broker(Number(key))
      const results = await describeConfigResources(
        conn,
        broker,
        group.map((e) => ({resourceType: RESOURCE_TYPE[e.type], resourceName: e.name, configurationKeys: null})),
      )
      for (const e of group) {
        const result = results.find((r) => r.resourceType === RESOURCE_TYPE[e.type] && r.resourceName === e.name)
        const error = resourceError(result, e, 'DescribeConfigs')
        if (error) throw error
        const source = overrideSource(e)
        const configs = result!.configs
          .filter((c) => options.all || source === undefined || c.configSource === source)
          .map(toEntry)
        out.push({type: e.type, name: e.name, configs: configs.sort((a, b) => a.key.localeCompare(b.key))})
      }
    }),
  )
  return out.sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name, undefined, {numeric: true}))
}

/** The service object commands call (command tests replace its functions). */
export const configsService = {describeConfigsOf, describeEntityRaw, alterEntityConfigs}
