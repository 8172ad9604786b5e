import {readFileSync} from 'node:fs'

import type {KafkaConnection} from '../../connection/client.js'
import {toKctlError, usageError} from '../../errors.js'
import {ConfigResourceType} from '../../protocol/config-resources.js'
import {errorName} from '../../protocol/error-codes.js'
import {
  type AlterConfigsResource,
  IncrementalAlterConfigsApi,
  incrementalAlterConfigsRequest,
} from '../../protocol/incremental-alter-configs.js'
import {aclsService} from '../security/acls.js'
import {quotasService} from '../security/quotas.js'
import {reassignService} from '../partitions/reassign.js'
import {type TopicAlterPlan, topicAlterService} from '../topics/topic-alter.js'
import {topicsService} from '../topics/topics.js'
import {type ScramMechanism, usersService} from '../security/users.js'
import type {ClusterState} from './model.js'
import {type Change, type Plan, changeId, configTarget, currentValue} from './plan.js'

export type OutcomeStatus = 'applied' | 'failed' | 'skipped' | 'planned'

export interface ChangeOutcome {
  id: string
  status: OutcomeStatus
  /** Why it failed or was skipped. */
  reason: string | null
}

export interface PreparedApply {
  run: Change[]
  skipped: ChangeOutcome[]
  /** Per topic with a partition and/or replication-factor change: the validated plan. */
  topicAlters: TopicAlterPlan[]
  secrets: Map<string, string>
}

/** `${env:X}` / `${file:P}` -> the secret (first line of the file). */
export function resolveSecret(
  ref: string,
  env: NodeJS.ProcessEnv = process.env,
  read: (p: string) => string = (p) => readFileSync(p, 'utf8'),
): string {
  const m = /^\$\{(env|file):([^}]+)\}$/.exec(ref)
  if (!m)
    throw usageError(
      `A password must be a reference like \${env:VAR} or \${file:/path}, not ${ref.length > 0 ? 'a literal' : 'empty'}`,
      undefined,
      'LITERAL_SECRET',
    )
  let value: string | undefined
  if (m[1] === 'env') value = env[m[2]]
  else {
    try {
      value = read(m[2]).split(/\r?\n/)[0]
    } catch (error) {
      throw usageError(
        `Cannot read the password file ${m[2]}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        'Check the ${file:...} path.',
        'SECRET_UNAVAILABLE',
      )
    }
  }
  if (!value)
    throw usageError(
      `The password reference ${ref} is ${m[1] === 'env' ? 'not set' : 'empty'}`,
      m[1] === 'env' ? `Export ${m[2]} before running apply.` : 'Put the password on the first line of the file.',
      'SECRET_UNAVAILABLE',
    )
  return value
}

/**
 * Everything apply checks before the first change (exit 2 on failure, nothing changed): deletes
 * only with --prune, passwords resolvable, partition and replication-factor changes valid.
 */
export async function prepareApply(
  conn: KafkaConnection | null,
  plan: Plan,
  options: {prune: boolean},
): Promise<PreparedApply> {
  const run: Change[] = []
  const skipped: ChangeOutcome[] = []
  for (const c of plan.changes) {
    if (c.action === 'delete' && !(options.prune && plan.prune))
      skipped.push({
        id: changeId(c),
        status: 'skipped',
        reason: plan.prune ? 'deletes need --prune' : 'the file does not say prune: true',
      })
    else run.push(c)
  }
  const secrets = new Map<string, string>()
  for (const c of run) {
    if (c.kind !== 'users' || c.action === 'delete') continue
    if (!c.password)
      throw usageError(
        `User ${c.name} needs a password to ${c.action === 'create' ? 'create' : 'update'} its ${c.field} credential`,
        'Add password: ${env:VAR} (or ${file:/path}) to the user in the file.',
        'MISSING_PASSWORD',
      )
    secrets.set(c.password, resolveSecret(c.password))
  }
  const topicAlters: TopicAlterPlan[] = []
  if (conn) {
    const byTopic = new Map<string, {partitions?: number; replicationFactor?: number}>()
    for (const c of run) {
      if (c.kind !== 'topics' || (c.field !== 'partitions' && c.field !== 'replicationFactor')) continue
      byTopic.set(c.name, {...byTopic.get(c.name), [c.field]: Number(c.after)})
    }
    for (const [topic, change] of byTopic) topicAlters.push(await topicAlterService.planTopicAlter(conn, topic, change))
  }
  return {run, skipped, topicAlters, secrets}
}

const RESOURCE = {
  topic: ConfigResourceType.topic,
  'broker-default': ConfigResourceType.broker,
  broker: ConfigResourceType.broker,
  'broker-logger': ConfigResourceType.brokerLogger,
  group: ConfigResourceType.group,
  'client-metrics': ConfigResourceType.clientMetrics,
}

/** The config resource a change alters, and the broker that must receive it ('any' for cluster-wide resources). */
function configResource(c: Change): {resourceType: number; resourceName: string; target: string} {
  if (c.kind === 'topics') return {resourceType: RESOURCE.topic, resourceName: c.name, target: 'any'}
  const {type, id} = configTarget(c.name)
  const perBroker = type === 'broker' || type === 'broker-logger'
  return {resourceType: RESOURCE[type], resourceName: id, target: perBroker ? id : 'any'}
}

/** One IncrementalAlterConfigs per target broker: every topic, group, subscription and the broker default in one request to any broker. */
async function alterConfigsBatched(
  conn: KafkaConnection,
  changes: Change[],
  outcome: (c: Change, error: string | null) => void,
): Promise<void> {
  const groups = new Map<string, {resources: Map<string, AlterConfigsResource>; changes: Change[]}>()
  for (const c of changes) {
    const {resourceType, resourceName, target} = configResource(c)
    const group = groups.get(target) ?? {resources: new Map<string, AlterConfigsResource>(), changes: [] as Change[]}
    groups.set(target, group)
    const key = `${resourceType}:${resourceName}`
    const resource = group.resources.get(key) ?? {resourceType, resourceName, configs: []}
    group.resources.set(key, resource)
    const name = c.field!.replace(/^configs\./, '')
    resource.configs.push({
      name,
      operation: c.after === null ? 'delete' : 'set',
      value: c.after === null ? null : String(c.after),
    })
    group.changes.push(c)
  }
  await Promise.all(
    [...groups.entries()].map(async ([target, group]) => {
      const broker = target === 'any' ? await conn.anyBroker() : await conn.broker(Number(target))
      const res = await conn.request(broker, IncrementalAlterConfigsApi, (v, Encoder) =>
        incrementalAlterConfigsRequest(v, {validateOnly: false, resources: [...group.resources.values()]}, Encoder),
      )
      for (const c of group.changes) {
        const {resourceType, resourceName} = configResource(c)
        const r = res.responses.find((x) => x.resourceName === resourceName && x.resourceType === resourceType)
        outcome(
          c,
          !r
            ? 'no answer for this resource'
            : r.errorCode === 0
              ? null
              : `${r.errorMessage ?? errorName(r.errorCode)} (${errorName(r.errorCode)})`,
        )
      }
    }),
  )
}

/**
 * Apply the prepared changes, batched per kind: CreateTopics, IncrementalAlterConfigs,
 * CreatePartitions and reassignments, CreateAcls/DeleteAcls, AlterClientQuotas, SCRAM
 * credentials, DeleteTopics last. A failed item is reported; the others still run.
 */
export async function executeApply(
  conn: KafkaConnection,
  prepared: PreparedApply,
  options: {timeoutMs: number; throttle: number | null; onProgress: (line: string) => void},
): Promise<ChangeOutcome[]> {
  const outcomes = new Map<string, ChangeOutcome>()
  const done = (c: Change, error: string | null) =>
    outcomes.set(changeId(c), {id: changeId(c), status: error === null ? 'applied' : 'failed', reason: error})
  const guarded = async (changes: Change[], fn: () => Promise<void>) => {
    if (changes.length === 0) return
    try {
      await fn()
    } catch (error) {
      const message = toKctlError(error).message
      for (const c of changes) if (!outcomes.has(changeId(c))) done(c, message)
    }
  }
  const {run} = prepared
  const of = (pred: (c: Change) => boolean) => run.filter(pred)

  const creates = of((c) => c.kind === 'topics' && c.action === 'create')
  await guarded(creates, async () => {
    const existing = await topicsService.topicsAndBrokers(conn)
    const defaults = creates.some((c) => c.topic!.partitions === null || c.topic!.replicationFactor === null)
      ? await topicsService.brokerDefaultsForCreate(conn, existing.brokerIds[0])
      : undefined
    const results = await topicsService.createTopics(
      conn,
      creates.map((c) => ({
        name: c.name,
        partitions: c.topic!.partitions ?? defaults!.partitions,
        replicationFactor: c.topic!.replicationFactor ?? defaults!.replicationFactor,
        configs: c.topic!.configs,
      })),
      {ifNotExists: false, dryRun: false, existing: existing.topics, timeoutMs: options.timeoutMs},
    )
    for (const c of creates) done(c, results.find((r) => r.name === c.name)?.error ?? null)
  })

  const configs = of((c) => (c.kind === 'topics' && c.field?.startsWith('configs.') === true) || c.kind === 'configs')
  await guarded(configs, () => alterConfigsBatched(conn, configs, done))

  for (const alter of prepared.topicAlters) {
    const changes = of(
      (c) =>
        c.kind === 'topics' && c.name === alter.topic && (c.field === 'partitions' || c.field === 'replicationFactor'),
    )
    await guarded(changes, async () => {
      if (alter.partitionsAfter > alter.partitionsBefore) {
        if (alter.moves.length > 0) await topicAlterService.createPlannedPartitions(conn, alter, options.timeoutMs)
        else
          await topicsService.increasePartitions(conn, alter.topic, alter.partitionsAfter, {
            dryRun: false,
            timeoutMs: options.timeoutMs,
          })
      }
      if (alter.moves.length > 0) {
        options.onProgress(
          `Moving ${alter.moves.length} partition(s) of ${alter.topic} to replication factor ${alter.replicationFactorAfter}…`,
        )
        const result = await reassignService.runReassignment(conn, alter.moves, {
          throttle: options.throttle,
          timeoutMs: options.timeoutMs,
          wait: true,
          onProgress: (d, t) => options.onProgress(`${alter.topic}: ${d}/${t} partitions moved`),
        })
        const failed =
          result.moves.find((m) => m.error)?.error ??
          (result.complete
            ? null
            : 'the reassignment did not complete in time; `kctl partitions reassign --verify` follows it')
        for (const c of changes) done(c, c.field === 'replicationFactor' ? failed : null)
      } else for (const c of changes) done(c, null)
    })
  }

  const aclCreates = of((c) => c.kind === 'acls' && c.action === 'create')
  await guarded(aclCreates, async () => {
    await aclsService.createAcls(
      conn,
      aclCreates.map((c) => c.binding!),
    )
    for (const c of aclCreates) done(c, null)
  })
  const aclDeletes = of((c) => c.kind === 'acls' && c.action === 'delete')
  await guarded(aclDeletes, async () => {
    await aclsService.deleteAcls(
      conn,
      aclDeletes.map((c) => c.binding!),
    )
    for (const c of aclDeletes) done(c, null)
  })

  const quotas = of((c) => c.kind === 'quotas')
  await guarded(quotas, async () => {
    const perEntity = new Map<
      string,
      {entity: NonNullable<Change['entity']>; set: Record<string, number>; remove: string[]; changes: Change[]}
    >()
    for (const c of quotas) {
      const e = perEntity.get(c.name) ?? {entity: c.entity!, set: {}, remove: [], changes: []}
      perEntity.set(c.name, e)
      if (c.after === null) e.remove.push(c.field!)
      else e.set[c.field!] = Number(c.after)
      e.changes.push(c)
    }
    const entries = [...perEntity.values()]
    const errors = await quotasService.alterManyQuotas(conn, entries)
    entries.forEach((e, i) => e.changes.forEach((c) => done(c, errors[i])))
  })

  for (const c of of((x) => x.kind === 'users')) {
    await guarded([c], async () => {
      if (c.action === 'delete') await usersService.deleteScramCredentials(conn, c.name, [c.field as ScramMechanism])
      else
        await usersService.upsertScramCredential(conn, {
          user: c.name,
          mechanism: c.field as ScramMechanism,
          iterations: Number(c.after),
          password: prepared.secrets.get(c.password!)!,
          action: c.action === 'create' ? 'created' : 'updated',
        })
      done(c, null)
    })
  }

  const topicDeletes = of((c) => c.kind === 'topics' && c.action === 'delete')
  await guarded(topicDeletes, async () => {
    const results = await topicsService.deleteTopics(
      conn,
      topicDeletes.map((c) => c.name),
      options.timeoutMs,
    )
    for (const c of topicDeletes) done(c, results.find((r) => r.name === c.name)?.error ?? null)
  })

  return [
    ...run.map(
      (c) => outcomes.get(changeId(c)) ?? {id: changeId(c), status: 'failed' as const, reason: 'not attempted'},
    ),
    ...prepared.skipped,
  ]
}

/** Whether the cluster shows every applied change (brokers apply metadata a moment after the request returns). */
export function settled(current: ClusterState, applied: Change[]): boolean {
  return applied.every(
    (c) => (c.kind === 'topics' && c.action === 'create') || String(currentValue(current, c)) === String(c.after),
  )
}

/**
 * The changes that put back what `changes` replaced, each expecting the value the apply left.
 * Not undoable (reported): partition increases, topic deletes (the data is gone), SCRAM
 * credential deletes and iteration changes (the old password is unknown).
 */
export function inverseChanges(changes: Change[]): {inverse: Change[]; notUndoable: {id: string; reason: string}[]} {
  const inverse: Change[] = []
  const notUndoable: {id: string; reason: string}[] = []
  for (const c of changes) {
    const flip = (action: Change['action'], extra: Partial<Change> = {}) =>
      inverse.push({
        ...c,
        action,
        before: c.kind === 'topics' && c.action === 'create' ? 'exists' : c.after,
        after: c.before,
        // Putting back what a delete removed is no delete.
        risks: action === 'delete' ? ['delete'] : c.action === 'delete' ? [] : c.risks,
        ...extra,
      })
    if (c.kind === 'topics' && c.action === 'create') flip('delete')
    else if (c.kind === 'topics' && c.action === 'delete')
      notUndoable.push({id: changeId(c), reason: 'a deleted topic cannot be brought back'})
    else if (c.kind === 'topics' && c.field === 'partitions')
      notUndoable.push({id: changeId(c), reason: 'Kafka cannot decrease partitions'})
    else if (c.kind === 'users' && c.action !== 'create')
      notUndoable.push({id: changeId(c), reason: 'the previous password is unknown'})
    else if (c.kind === 'users') flip('delete')
    else if (c.kind === 'acls') flip(c.action === 'create' ? 'delete' : 'create')
    else flip('update')
  }
  return {inverse, notUndoable}
}
