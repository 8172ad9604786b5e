import {usageError} from '../../errors.js'
import {type AclBinding, bindingKey} from '../../input/acl.js'
import type {QuotaEntity} from '../security/quotas.js'
import type {ClusterState, DesiredState, Locate, Scope, StateKind} from './model.js'
import type {ActualState} from './read.js'
import {quotaKey} from './scope.js'

export const RISKS = [
  'retention-decrease',
  'cleanup-policy-change',
  'partition-increase',
  'replication-factor-change',
  'delete',
] as const
export type Risk = (typeof RISKS)[number]

export type ChangeAction = 'create' | 'update' | 'delete'
export type Value = string | number | null

/**
 * One change of one field. `before` is the value the plan saw on the cluster: apply re-reads it
 * first and refuses a stale plan. Values: topics `exists`, ACLs `present`, users iterations.
 */
export interface Change {
  kind: StateKind
  action: ChangeAction
  /** Topic name, user name, quota entity (`user=alice`), `broker-default`, `broker:1`, `broker-logger:1`, or the ACL as text. */
  name: string
  /** The field: a config key, `partitions`, `replicationFactor`, a quota key, a SCRAM mechanism; null for a whole resource. */
  field: string | null
  before: Value
  after: Value
  risks: Risk[]
  /** Where the file asks for it (file:line); null for deletes and drift the file does not mention. */
  source: string | null
  binding?: AclBinding
  entity?: QuotaEntity
  /** Topic creation: the whole topic. */
  topic?: {partitions: number | null; replicationFactor: number | null; configs: Record<string, string>}
  /** User credentials: the password reference to resolve at apply time. */
  password?: string
}

export interface Plan {
  version: 1
  clusterId: string | null
  createdAt: string
  files: string[]
  /** The file says `prune: true`: deletes are part of the plan (apply still needs --prune). */
  prune: boolean
  scope: Scope
  kinds: StateKind[]
  changes: Change[]
  /** Resources in the scope that the file does not list, while the file does not say `prune: true`: never deleted. */
  unmanaged: Change[]
}

export type ConfigTargetType = 'broker-default' | 'broker' | 'broker-logger' | 'group' | 'client-metrics'

/** A configs change's name, `broker:1` or `group:orders-app` (group names may hold colons), as type and id. */
export function configTarget(name: string): {type: ConfigTargetType; id: string} {
  const i = name.indexOf(':')
  return i === -1
    ? {type: name as ConfigTargetType, id: ''}
    : {type: name.slice(0, i) as ConfigTargetType, id: name.slice(i + 1)}
}

export const changeId = (c: Pick<Change, 'kind' | 'name' | 'field'>) =>
  `${c.kind}/${c.name}${c.field === null ? '' : `/${c.field}`}`

export const aclText = (b: AclBinding) =>
  `${b.permission} ${b.principal} ${b.operation} ${b.resourceType}:${b.patternType === 'PREFIXED' ? `${b.resourceName}*` : b.resourceName} host=${b.host}`

const aclKeyCache = new WeakMap<AclBinding[], Set<string>>()
function aclKeys(state: ClusterState): Set<string> {
  let keys = aclKeyCache.get(state.acls)
  if (!keys) aclKeyCache.set(state.acls, (keys = new Set(state.acls.map(bindingKey))))
  return keys
}

/** The value of the change's field in `state`: the same reading for the plan's `before` and apply's staleness check. */
export function currentValue(
  state: ClusterState,
  c: Pick<Change, 'kind' | 'name' | 'field' | 'binding' | 'entity'>,
): Value {
  switch (c.kind) {
    case 'topics': {
      const t = state.topics[c.name]
      if (!t) return null
      if (c.field === null) return 'exists'
      if (c.field === 'partitions') return t.partitions ?? null
      if (c.field === 'replicationFactor') return t.replicationFactor ?? null
      return t.configs[c.field.replace(/^configs\./, '')] ?? null
    }
    case 'acls':
      return aclKeys(state).has(bindingKey(c.binding!)) ? 'present' : null
    case 'quotas':
      return state.quotas.find((q) => quotaKey(q.entity) === c.name)?.values[c.field!] ?? null
    case 'users':
      return state.users[c.name]?.mechanisms[c.field!] ?? null
    case 'configs': {
      const {type, id} = configTarget(c.name)
      const map =
        type === 'broker-default'
          ? state.configs.brokerDefaults
          : type === 'broker'
            ? state.configs.brokers[id]
            : type === 'group'
              ? state.configs.groups?.[id]
              : type === 'client-metrics'
                ? state.configs.clientMetrics?.[id]
                : state.configs.brokerLoggers[id]
      return map?.[c.field!] ?? null
    }
  }
}

const num = (v: Value | undefined) => (v === null || v === undefined || v === '' ? undefined : Number(v))
/** -1 is unlimited retention. */
const retention = (v: Value | undefined) => {
  const n = num(v)
  return n === undefined ? undefined : n < 0 ? Number.POSITIVE_INFINITY : n
}
const RETENTION_KEYS = new Set(['retention.ms', 'retention.bytes', 'local.retention.ms', 'local.retention.bytes'])

function configRisks(key: string, beforeEffective: Value | undefined, after: Value): Risk[] {
  if (RETENTION_KEYS.has(key)) {
    const b = retention(beforeEffective)
    const a = retention(after)
    // Removing an override falls back to a default the plan does not know: flagged.
    if (a === undefined || (b !== undefined && a < b)) return ['retention-decrease']
  }
  if (key === 'cleanup.policy' && (beforeEffective ?? null) !== after) return ['cleanup-policy-change']
  return []
}

/**
 * Compare what the files ask for with the cluster, field by field, for the kinds the files have.
 * A partition decrease is refused here (exit 2, naming the file and line).
 */
export function diffState(
  desired: DesiredState,
  actual: ActualState | (ClusterState & {clusterId: string | null; effective?: Record<string, Record<string, string>>}),
  locate: Locate,
  now = new Date(),
): Plan {
  const changes: Change[] = []
  const deletes: Change[] = []
  const kinds = new Set(desired.kinds)
  const add = (c: Omit<Change, 'before' | 'source'> & {source?: string | null; before?: Value}) => {
    const full: Change = {
      ...c,
      before: c.before === undefined ? currentValue(actual, c) : c.before,
      source: c.source ?? null,
    }
    ;(c.action === 'delete' ? deletes : changes).push(full)
  }

  if (kinds.has('topics')) {
    for (const [name, want] of Object.entries(desired.topics).sort(([a], [b]) => a.localeCompare(b))) {
      const have = actual.topics[name]
      if (!have) {
        const text = `${want.partitions ?? 'default'} partitions, replication factor ${want.replicationFactor ?? 'default'}`
        add({
          kind: 'topics',
          action: 'create',
          name,
          field: null,
          after: text,
          risks: [],
          source: locate(['topics', name]),
          topic: {
            partitions: want.partitions ?? null,
            replicationFactor: want.replicationFactor ?? null,
            configs: want.configs,
          },
        })
        continue
      }
      if (want.partitions !== undefined && have.partitions !== undefined && want.partitions !== have.partitions) {
        if (want.partitions < have.partitions) {
          const where = locate(['topics', name, 'partitions']) ?? locate(['defaults', 'partitions'])
          throw usageError(
            `${where}: topics.${name}.partitions: Kafka cannot decrease the partitions of ${name} from ${have.partitions} to ${want.partitions}`,
            `Keep partitions: ${have.partitions} (or more), or create a new topic.`,
            'PARTITION_DECREASE',
            {field: `topics.${name}.partitions`},
          )
        }
        add({
          kind: 'topics',
          action: 'update',
          name,
          field: 'partitions',
          after: want.partitions,
          risks: ['partition-increase'],
          source: locate(['topics', name, 'partitions']),
        })
      }
      if (
        want.replicationFactor !== undefined &&
        have.replicationFactor !== undefined &&
        want.replicationFactor !== have.replicationFactor
      ) {
        add({
          kind: 'topics',
          action: 'update',
          name,
          field: 'replicationFactor',
          after: want.replicationFactor,
          risks: ['replication-factor-change'],
          source: locate(['topics', name, 'replicationFactor']),
        })
      }
      const effective = actual.effective?.[name] ?? {}
      for (const key of [...new Set([...Object.keys(want.configs), ...Object.keys(have.configs)])].sort()) {
        const after = want.configs[key] ?? null
        if ((have.configs[key] ?? null) === after) continue
        add({
          kind: 'topics',
          action: 'update',
          name,
          field: `configs.${key}`,
          after,
          risks: configRisks(key, effective[key] ?? have.configs[key], after),
          source: locate(['topics', name, 'configs', key]),
        })
      }
    }
    for (const name of Object.keys(actual.topics).sort()) {
      if (!desired.topics[name])
        add({kind: 'topics', action: 'delete', name, field: null, after: null, risks: ['delete']})
    }
  }

  if (kinds.has('acls')) {
    const want = new Set(desired.acls.map(bindingKey))
    const have = new Set(actual.acls.map(bindingKey))
    for (const b of desired.acls)
      if (!have.has(bindingKey(b)))
        add({
          kind: 'acls',
          action: 'create',
          name: aclText(b),
          field: null,
          after: 'present',
          risks: [],
          binding: b,
          source: locate(['acls']),
        })
    for (const b of actual.acls)
      if (!want.has(bindingKey(b)))
        add({kind: 'acls', action: 'delete', name: aclText(b), field: null, after: null, risks: ['delete'], binding: b})
  }

  if (kinds.has('quotas')) {
    const wanted = new Map(desired.quotas.map((q) => [quotaKey(q.entity), q]))
    for (const q of desired.quotas) {
      const name = quotaKey(q.entity)
      const have = actual.quotas.find((x) => quotaKey(x.entity) === name)?.values ?? {}
      for (const key of [...new Set([...Object.keys(q.values), ...Object.keys(have)])].sort()) {
        const after = q.values[key] ?? null
        if ((have[key] ?? null) === after) continue
        add({
          kind: 'quotas',
          action: have[key] === undefined ? 'create' : 'update',
          name,
          field: key,
          after,
          risks: [],
          entity: q.entity,
          source: locate(['quotas']),
        })
      }
    }
    for (const q of actual.quotas) {
      if (wanted.has(quotaKey(q.entity))) continue
      for (const key of Object.keys(q.values).sort())
        add({
          kind: 'quotas',
          action: 'delete',
          name: quotaKey(q.entity),
          field: key,
          after: null,
          risks: ['delete'],
          entity: q.entity,
        })
    }
  }

  if (kinds.has('users')) {
    for (const [name, want] of Object.entries(desired.users).sort(([a], [b]) => a.localeCompare(b))) {
      const have = actual.users[name]?.mechanisms ?? {}
      for (const [mechanism, iterations] of Object.entries(want.mechanisms)) {
        if (have[mechanism] === iterations) continue
        add({
          kind: 'users',
          action: have[mechanism] === undefined ? 'create' : 'update',
          name,
          field: mechanism,
          after: iterations,
          risks: [],
          password: want.password,
          source: locate(['users', name]),
        })
      }
      for (const mechanism of Object.keys(have))
        if (want.mechanisms[mechanism] === undefined)
          add({kind: 'users', action: 'delete', name, field: mechanism, after: null, risks: ['delete']})
    }
    for (const [name, have] of Object.entries(actual.users).sort(([a], [b]) => a.localeCompare(b))) {
      if (desired.users[name]) continue
      for (const mechanism of Object.keys(have.mechanisms))
        add({kind: 'users', action: 'delete', name, field: mechanism, after: null, risks: ['delete']})
    }
  }

  if (kinds.has('configs')) {
    const entities: [string, Record<string, string>, (string | number)[]][] = [
      ['broker-default', desired.configs.brokerDefaults, ['configs', 'brokerDefaults']],
      ...Object.entries(desired.configs.brokers).map(
        ([id, v]) => [`broker:${id}`, v, ['configs', 'brokers', id]] as [string, Record<string, string>, string[]],
      ),
      ...Object.entries(desired.configs.brokerLoggers).map(
        ([id, v]) =>
          [`broker-logger:${id}`, v, ['configs', 'brokerLoggers', id]] as [string, Record<string, string>, string[]],
      ),
    ]
    // Groups and client-metrics subscriptions are owned whole (like topics): overrides the file
    // leaves out are removed, and one in the scope that the file does not list is a delete.
    const owned = [
      ['group', 'groups', desired.configs.groups, actual.configs.groups ?? {}],
      ['client-metrics', 'clientMetrics', desired.configs.clientMetrics, actual.configs.clientMetrics ?? {}],
    ] as const
    for (const [type, section, want, have] of owned) {
      for (const [id, values] of Object.entries(want).sort(([a], [b]) => a.localeCompare(b))) {
        const current = have[id] ?? {}
        for (const key of [...new Set([...Object.keys(values), ...Object.keys(current)])].sort()) {
          const after = values[key] ?? null
          if ((current[key] ?? null) === after) continue
          add({
            kind: 'configs',
            action: current[key] === undefined ? 'create' : 'update',
            name: `${type}:${id}`,
            field: key,
            after,
            risks: [],
            source: locate(['configs', section, id, key]) ?? locate(['configs', section, id]),
          })
        }
      }
      for (const id of Object.keys(have).sort()) {
        if (want[id]) continue
        for (const key of Object.keys(have[id]).sort())
          add({kind: 'configs', action: 'delete', name: `${type}:${id}`, field: key, after: null, risks: ['delete']})
      }
    }
    for (const [name, values, path] of entities) {
      for (const [key, after] of Object.entries(values).sort(([a], [b]) => a.localeCompare(b))) {
        const before = currentValue(actual, {kind: 'configs', name, field: key})
        const same = name.startsWith('broker-logger')
          ? String(before).toUpperCase() === after.toUpperCase()
          : before === after
        if (!same)
          add({kind: 'configs', action: 'update', name, field: key, after, risks: [], source: locate([...path, key])})
      }
    }
  }

  return {
    version: 1,
    clusterId: actual.clusterId,
    createdAt: now.toISOString(),
    files: desired.files,
    prune: desired.prune,
    scope: desired.scope,
    kinds: desired.kinds,
    changes: desired.prune ? [...changes, ...deletes] : changes,
    unmanaged: desired.prune ? [] : deletes,
  }
}

/** The changes whose field no longer has the value the plan saw. */
export function staleChanges(plan: Plan, current: ClusterState): {change: Change; now: Value}[] {
  const stale: {change: Change; now: Value}[] = []
  for (const c of plan.changes) {
    const now = currentValue(current, c)
    if (String(now) !== String(c.before)) stale.push({change: c, now})
  }
  return stale
}
