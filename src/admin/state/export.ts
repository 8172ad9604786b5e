import type {AclBinding} from '../../input/acl.js'
import type {ClusterState, Scope, StateKind} from './model.js'
import {quotaEntityToFile} from './scope.js'

const RESOURCE_LIST: Record<string, string> = {
  TOPIC: 'topics',
  GROUP: 'groups',
  TRANSACTIONAL_ID: 'transactionalIds',
  DELEGATION_TOKEN: 'delegationTokens',
}
const opName = (o: string) => o.toLowerCase().replaceAll('_', '-')

/**
 * ACL bindings in the file's compact form: one entry per principal, permission, host, pattern
 * type and set of operations, listing the resources that share them. Reading it back gives
 * exactly these bindings.
 */
export function aclEntries(bindings: AclBinding[]): Record<string, unknown>[] {
  const perResource = new Map<string, {b: AclBinding; ops: Set<string>}>()
  for (const b of bindings) {
    const key = [b.principal, b.permission, b.host, b.resourceType, b.patternType, b.resourceName].join('\u0000')
    const entry = perResource.get(key) ?? {b, ops: new Set<string>()}
    entry.ops.add(opName(b.operation))
    perResource.set(key, entry)
  }
  const grouped = new Map<string, {b: AclBinding; ops: string[]; names: string[]}>()
  for (const {b, ops} of perResource.values()) {
    const sorted = [...ops].sort()
    const key = [b.principal, b.permission, b.host, b.resourceType, b.patternType, sorted.join(',')].join('\u0000')
    const entry = grouped.get(key) ?? {b, ops: sorted, names: []}
    entry.names.push(b.resourceName)
    grouped.set(key, entry)
  }
  return [...grouped.values()].map(({b, ops, names}) => ({
    principal: b.principal,
    ...(b.permission === 'DENY' ? {permission: 'deny'} : {}),
    ...(b.host === '*' ? {} : {hosts: [b.host]}),
    operations: ops,
    ...(b.resourceType === 'CLUSTER' ? {cluster: true} : {[RESOURCE_LIST[b.resourceType]]: names.sort()}),
    ...(b.patternType === 'PREFIXED' ? {patternType: 'prefixed'} : {}),
  }))
}

/** The state file `kctl export` writes: only real overrides, never defaults; never a password. */
export function exportDocument(
  state: ClusterState & {clusterId: string},
  scope: Scope,
  kinds: StateKind[],
): Record<string, unknown> {
  const want = new Set(kinds)
  const doc: Record<string, unknown> = {cluster: {id: state.clusterId}, prune: false, scope: compactScope(scope)}
  if (want.has('topics')) {
    doc.topics = Object.fromEntries(
      Object.entries(state.topics)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, t]) => [
          name,
          {
            partitions: t.partitions,
            replicationFactor: t.replicationFactor,
            ...(Object.keys(t.configs).length > 0 ? {configs: sortedObject(t.configs)} : {}),
          },
        ]),
    )
  }
  if (want.has('acls')) doc.acls = aclEntries(state.acls)
  if (want.has('quotas'))
    doc.quotas = state.quotas.map((q) => ({entity: quotaEntityToFile(q.entity), values: sortedObject(q.values)}))
  if (want.has('users')) {
    doc.users = Object.fromEntries(
      Object.entries(state.users)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, u]) => [
          name,
          {
            mechanisms: Object.entries(u.mechanisms)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([mechanism, iterations]) => ({mechanism, iterations})),
          },
        ]),
    )
  }
  if (want.has('configs')) {
    const brokers = Object.fromEntries(Object.entries(state.configs.brokers).map(([id, v]) => [id, sortedObject(v)]))
    const perName = (m: Record<string, Record<string, string>>) =>
      Object.fromEntries(
        Object.entries(m)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([name, v]) => [name, sortedObject(v)]),
      )
    const groups = perName(state.configs.groups)
    const clientMetrics = perName(state.configs.clientMetrics)
    doc.configs = {
      brokerDefaults: sortedObject(state.configs.brokerDefaults),
      ...(Object.keys(brokers).length > 0 ? {brokers} : {}),
      ...(Object.keys(groups).length > 0 ? {groups} : {}),
      ...(Object.keys(clientMetrics).length > 0 ? {clientMetrics} : {}),
    }
  }
  return doc
}

function sortedObject<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)))
}

function compactScope(scope: Scope): Record<string, unknown> {
  const topics = Object.fromEntries(Object.entries(scope.topics).filter(([, v]) => v.length > 0))
  return {
    ...(Object.keys(topics).length > 0 ? {topics} : {}),
    ...(scope.principals.length > 0 ? {principals: scope.principals} : {}),
    ...(scope.users.length > 0 ? {users: scope.users} : {}),
    ...(scope.quotas.length > 0 ? {quotas: scope.quotas} : {}),
    ...(scope.groups.length > 0 ? {groups: scope.groups} : {}),
    ...(scope.clientMetrics.length > 0 ? {clientMetrics: scope.clientMetrics} : {}),
  }
}
