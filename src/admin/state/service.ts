import {readFileSync} from 'node:fs'

import type {KafkaConnection} from '../../connection/client.js'
import {usageError} from '../../errors.js'
import {type ChangeOutcome, type PreparedApply, executeApply, prepareApply, settled} from './apply.js'
import {exportDocument} from './export.js'
import {loadStateFiles} from './load.js'
import {type DesiredState, type Scope, type StateKind} from './model.js'
import {type Change, type Plan, changeId, diffState, staleChanges} from './plan.js'
import {type ActualState, readClusterState} from './read.js'
import {scopeMatcher} from './scope.js'

/** Logger names per broker that the files set (broker loggers are read only for those). */
const loggersOf = (d: DesiredState) =>
  Object.fromEntries(Object.entries(d.configs.brokerLoggers).map(([id, l]) => [id, Object.keys(l)]))

async function readFor(
  conn: KafkaConnection,
  scope: Scope,
  kinds: StateKind[],
  loggers: Record<string, string[]> = {},
  lenient = false,
): Promise<ActualState> {
  // Plans written before groups and client-metrics joined the scope have neither list.
  const named = {groups: (scope.groups?.length ?? 0) > 0, clientMetrics: (scope.clientMetrics?.length ?? 0) > 0}
  return readClusterState(conn, scopeMatcher(scope), kinds, {loggers, scope: named, lenient})
}

export type LoadedFiles = ReturnType<typeof loadStateFiles>

/** Read, validate and merge the files (before any connection: malformed files exit 2 even without a cluster). */
export function loadFiles(files: string[]): LoadedFiles {
  return loadStateFiles(files)
}

/** Plan loaded files against the cluster. */
export async function planAgainstCluster(
  conn: KafkaConnection,
  {desired, locate}: LoadedFiles,
): Promise<{plan: Plan; desired: DesiredState}> {
  const actual = await readFor(conn, desired.scope, desired.kinds, loggersOf(desired))
  if (desired.clusterId && desired.clusterId !== actual.clusterId) {
    throw usageError(
      `${locate(['cluster', 'id'])}: cluster.id: the files are pinned to cluster ${desired.clusterId}, but this is cluster ${actual.clusterId}`,
      'Use the context of that cluster, or an overlay with its cluster id.',
      'CLUSTER_ID_MISMATCH',
    )
  }
  return {plan: diffState(desired, actual, locate), desired}
}

/**
 * Plan the files against an exported snapshot instead of a cluster (a pull-request job without
 * cluster credentials): the snapshot's resources inside the files' scope are the "cluster".
 */
export function planAgainstSnapshot(files: string[], snapshot: string): {plan: Plan; desired: DesiredState} {
  const {desired, locate} = loadStateFiles(files)
  const {desired: snap} = loadStateFiles([snapshot])
  const inScope = scopeMatcher(desired.scope)
  const actual: ActualState = {
    clusterId: snap.clusterId ?? '',
    brokerIds: [],
    effective: {},
    topics: Object.fromEntries(Object.entries(snap.topics).filter(([n]) => inScope.topic(n))),
    acls: snap.acls.filter((b) => inScope.principal(b.principal)),
    quotas: snap.quotas.filter((q) => inScope.quota(q.entity)),
    users: Object.fromEntries(Object.entries(snap.users).filter(([n]) => inScope.user(n))),
    configs: {
      ...snap.configs,
      groups: Object.fromEntries(Object.entries(snap.configs.groups).filter(([n]) => inScope.group(n))),
      clientMetrics: Object.fromEntries(
        Object.entries(snap.configs.clientMetrics).filter(([n]) => inScope.clientMetrics(n)),
      ),
    },
  }
  return {plan: diffState(desired, actual, locate), desired}
}

export async function exportState(
  conn: KafkaConnection,
  scope: Scope,
  kinds: StateKind[],
): Promise<Record<string, unknown>> {
  const actual = await readFor(conn, scope, kinds, {}, true)
  // What the cluster cannot list is left out of the file's scope too (its diff must find nothing).
  const exported = {...scope}
  for (const section of actual.unsupported ?? []) exported[section] = []
  return exportDocument(actual, exported, kinds)
}

/** A plan written by `kctl diff --out`. */
export function readPlanFile(path: string): Plan {
  let plan: Plan
  try {
    plan = JSON.parse(readFileSync(path, 'utf8')) as Plan
  } catch (error) {
    throw usageError(
      `Cannot read the plan ${path}: ${(error as Error).message}`,
      'Write one with `kctl diff -f FILE --out plan.json`.',
      'INVALID_PLAN',
    )
  }
  if (plan?.version !== 1 || !Array.isArray(plan.changes) || !plan.scope || !Array.isArray(plan.kinds)) {
    throw usageError(
      `${path} is not a kctl plan (version 1)`,
      'Write one with `kctl diff -f FILE --out plan.json`.',
      'INVALID_PLAN',
    )
  }
  return plan
}

/** Refuse a plan made for another cluster, or one whose recorded values the cluster no longer has. */
function planLoggers(plan: Plan): Record<string, string[]> {
  const loggers: Record<string, string[]> = {}
  for (const c of plan.changes)
    if (c.kind === 'configs' && c.name.startsWith('broker-logger:'))
      (loggers[c.name.split(':')[1]] ??= []).push(c.field!)
  return loggers
}

export async function checkPlanFresh(conn: KafkaConnection, plan: Plan): Promise<ActualState> {
  const current = await readFor(conn, plan.scope, plan.kinds, planLoggers(plan))
  if (plan.clusterId && plan.clusterId !== current.clusterId) {
    throw usageError(
      `The plan was made for cluster ${plan.clusterId}, but this is cluster ${current.clusterId}`,
      'Plan again against this cluster with `kctl diff --out`.',
      'PLAN_CLUSTER_MISMATCH',
    )
  }
  const stale = staleChanges(plan, current)
  if (stale.length > 0) {
    const shown = stale
      .slice(0, 5)
      .map(
        ({change, now}) =>
          `${change.kind} ${change.name}${change.field ? ` ${change.field}` : ''}: planned from ${change.before ?? 'unset'}, now ${now ?? 'unset'}`,
      )
    throw usageError(
      `The plan is stale: ${stale.length} value(s) changed since it was made (${shown.join('; ')}${stale.length > 5 ? '; …' : ''})`,
      'Nothing was changed. Run `kctl diff --out` again and review the new plan.',
      'STALE_PLAN',
      {
        stale: stale.map(({change, now}) => ({
          kind: change.kind,
          name: change.name,
          field: change.field,
          planned: change.before,
          now,
        })),
      },
    )
  }
  return current
}

/** Apply, then wait briefly until the brokers show every applied change (so a diff right after is clean). */
export async function applyPrepared(
  conn: KafkaConnection,
  plan: Plan,
  prepared: PreparedApply,
  options: {timeoutMs: number; throttle: number | null; onProgress: (line: string) => void},
): Promise<ChangeOutcome[]> {
  const outcomes = await executeApply(conn, prepared, options)
  const applied: Change[] = prepared.run.filter((c) => outcomes.find((o) => o.id === changeId(c))?.status === 'applied')
  const deadline = Date.now() + Math.min(10_000, options.timeoutMs / 3)
  while (applied.length > 0 && Date.now() < deadline) {
    const current = await readFor(conn, plan.scope, plan.kinds, planLoggers(plan))
    if (settled(current, applied)) break
    await new Promise((r) => setTimeout(r, 200))
  }
  return outcomes
}

/** The service object commands call (command tests replace its functions). */
export const stateService = {
  loadFiles,
  planAgainstCluster,
  planAgainstSnapshot,
  exportState,
  readPlanFile,
  checkPlanFresh,
  prepareApply,
  applyPrepared,
}
