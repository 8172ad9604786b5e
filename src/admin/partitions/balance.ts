import type {KafkaConnection} from '../../connection/client.js'
import {usageError} from '../../errors.js'
import {
  type BalancePlan,
  type BrokerBalance,
  type PlannedElection,
  brokerBalance,
  planDrain,
  planRebalance,
} from './balance-plan.js'
import {liveBrokerIds, requireBrokers} from '../cluster/live-brokers.js'
import {describeCluster} from '../cluster/cluster.js'
import {electionsService} from './elections.js'
import {isInternalTopic} from '../topics/internal-topics.js'
import {logDirsService} from '../cluster/logdirs.js'
import {type PartitionState, partitionStates} from '../topics/partition-state.js'
import type {PartitionMove, PlanBroker} from './reassign-plan.js'
import {reassignService} from './reassign.js'

export interface BalanceScope {
  /** Only these topics (they must exist); undefined = every topic. */
  topics?: string[]
  excludeInternal: boolean
}

export interface PreparedBalance {
  plan: BalancePlan
  brokers: BrokerBalance[]
  /** The partitions in scope, as they were when planned. */
  states: PartitionState[]
}

const pkey = (p: {topic: string; partition: number}) => `${p.topic}\u0000${p.partition}`

/** Every partition, those in `scope`, and the live, unfenced brokers with their racks. */
async function clusterView(conn: KafkaConnection, scope: BalanceScope) {
  const [all, cluster, live] = await Promise.all([
    partitionStates(conn),
    describeCluster(conn),
    liveBrokerIds(conn),
    // Unknown topics are exit 2 (partitionStates of the named topics checks them).
    scope.topics ? partitionStates(conn, scope.topics) : undefined,
  ])
  const wanted = scope.topics ? new Set(scope.topics) : undefined
  const scoped = all.filter(
    (s) => (!wanted || wanted.has(s.topic)) && !(scope.excludeInternal && isInternalTopic(s.topic)),
  )
  const brokers: PlanBroker[] = cluster.brokers
    .filter((b) => live.includes(b.id) && !b.fenced)
    .map((b) => ({id: b.id, rack: b.rack}))
    .sort((a, b) => a.id - b.id)
  return {all, scoped, brokers, live}
}

/**
 * Exit 2 when a partition in scope is being reassigned already: its replica list is the union of
 * old and new replicas meanwhile, and a new reassignment would replace the one in progress.
 */
async function refuseMovesInProgress(conn: KafkaConnection, scoped: PartitionState[]): Promise<void> {
  if (scoped.length === 0) return
  const inScope = new Set(scoped.map(pkey))
  const ongoing = (await reassignService.listReassignments(conn)).filter((o) => inScope.has(pkey(o)))
  if (ongoing.length > 0)
    throw usageError(
      `${ongoing.length} partition(s) to move are being reassigned already: ${ongoing
        .slice(0, 5)
        .map((o) => `${o.topic}:${o.partition}`)
        .join(', ')}`,
      'Wait for them (`kctl partitions reassign --list`) or cancel them (`kctl partitions reassign --cancel`), then plan again.',
      'REASSIGNMENT_IN_PROGRESS',
    )
}

/**
 * The plan that moves every replica of the topics in `scope` off broker `id` (see planDrain). A
 * broker that is down but still holds replicas can be drained; an id the cluster does not know is exit 2.
 */
export async function planBrokerDrain(
  conn: KafkaConnection,
  id: number,
  scope: BalanceScope,
): Promise<PreparedBalance> {
  const {all, scoped, brokers, live} = await clusterView(conn, scope)
  if (!live.includes(id) && !all.some((s) => s.replicas.includes(id))) await requireBrokers(conn, [id])
  const planBrokers = brokers.some((b) => b.id === id) ? brokers : [...brokers, {id, rack: null}]
  await refuseMovesInProgress(
    conn,
    scoped.filter((s) => s.replicas.includes(id)),
  )
  const plan = planDrain(scoped, all, id, planBrokers)
  return {plan, brokers: brokerBalance(scoped, plan, planBrokers), states: scoped}
}

/**
 * The plan that evens out the replicas of the topics in `scope` over `brokers` (default: every
 * live broker), by count or, with `bySize`, by bytes (DescribeLogDirs), then the preferred leaders.
 */
export async function planPartitionRebalance(
  conn: KafkaConnection,
  scope: BalanceScope,
  options: {brokers?: number[]; bySize: boolean},
): Promise<PreparedBalance> {
  if (options.brokers) await requireBrokers(conn, options.brokers)
  const {scoped, brokers} = await clusterView(conn, scope)
  const targets = options.brokers ? brokers.filter((b) => options.brokers!.includes(b.id)) : brokers
  let sizeOf: ((s: {topic: string; partition: number}) => number) | undefined
  if (options.bySize) {
    const topics = [...new Set(scoped.map((s) => s.topic))]
    const sizes = new Map(
      (topics.length > 0 ? await logDirsService.partitionSizes(conn, topics) : []).map((p) => [
        `${p.topic}\u0000${p.partition}`,
        p.sizeBytes,
      ]),
    )
    sizeOf = (s) => sizes.get(`${s.topic}\u0000${s.partition}`) ?? 0
  }
  await refuseMovesInProgress(conn, scoped)
  const plan = planRebalance(scoped, targets, sizeOf)
  return {plan, brokers: brokerBalance(scoped, plan, targets, sizeOf), states: scoped}
}

export type ElectionStatus = 'planned' | 'elected' | 'not-needed' | 'failed'

export interface BalanceRun {
  moves: (PartitionMove & {error: string | null})[]
  elections: (PlannedElection & {result: ElectionStatus; error: string | null})[]
  /** null when the moves were not waited for. */
  complete: boolean | null
  throttlesRemoved: boolean
  /** After waiting: the cluster matches the plan (and the drained broker holds no replica and leads nothing). */
  verified: boolean | null
}

/**
 * Execute a plan: the moves through the reassignment engine (throttled, waited for, throttles
 * removed), then the preferred-leader elections; with `wait`, verify the result. Elections of
 * partitions that do not move run at once; those of moving partitions only once the moves are done.
 */
export async function executeBalance(
  conn: KafkaConnection,
  prepared: PreparedBalance,
  options: {
    throttle: number | null
    timeoutMs: number
    wait: boolean
    onProgress: (done: number, total: number) => void
    drained?: number
  },
): Promise<BalanceRun> {
  const {moves, elections} = prepared.plan
  const run =
    moves.length > 0
      ? await reassignService.runReassignment(conn, moves, options)
      : {moves: [], complete: true, throttlesRemoved: false}
  const moving = new Set(moves.map(pkey))
  const failedMoves = new Set(run.moves.filter((m) => m.error).map(pkey))
  const electNow = elections.filter(
    (e) => !failedMoves.has(pkey(e)) && (!moving.has(pkey(e)) || (options.wait && run.complete === true)),
  )
  const results =
    electNow.length > 0
      ? await electionsService.electLeaders(
          conn,
          'preferred',
          electNow.map((e) => ({topic: e.topic, partition: e.partition})),
          options.timeoutMs,
        )
      : []
  const byPartition = new Map(results.map((r) => [pkey(r), r]))
  const done = elections.map((e) => {
    const r = byPartition.get(pkey(e))
    return {...e, result: r ? r.result : ('planned' as const), error: r?.error ?? null}
  })
  const verified =
    options.wait && run.complete === true && failedMoves.size === 0
      ? await verifyBalance(conn, prepared, options.drained)
      : null
  return {
    moves: run.moves,
    elections: done,
    complete: moves.length > 0 ? run.complete : options.wait ? true : null,
    throttlesRemoved: run.throttlesRemoved,
    verified,
  }
}

/**
 * Poll Metadata (a few times: the broker answering may lag the controller) until every planned
 * partition has its planned replicas and elected leader and the drained broker holds no replica
 * of the scope and leads none of it.
 */
export async function verifyBalance(
  conn: KafkaConnection,
  prepared: PreparedBalance,
  drained?: number,
  attempts = 10,
  intervalMs = 500,
): Promise<boolean> {
  const topics = new Set(prepared.states.map((s) => s.topic))
  const replicasOf = new Map(prepared.plan.moves.map((m) => [pkey(m), m.proposed]))
  const leaderOf = new Map(prepared.plan.elections.map((e) => [pkey(e), e.leader]))
  for (let attempt = 1; ; attempt++) {
    const states = (await partitionStates(conn)).filter((s) => topics.has(s.topic))
    const ok = states.every((s) => {
      const replicas = replicasOf.get(pkey(s))
      if (replicas && (replicas.length !== s.replicas.length || replicas.some((b, i) => b !== s.replicas[i])))
        return false
      const leader = leaderOf.get(pkey(s))
      if (leader !== undefined && s.leader !== leader) return false
      return drained === undefined || (!s.replicas.includes(drained) && s.leader !== drained)
    })
    if (ok || attempt >= attempts) return ok
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}

/** The service object commands call (command tests replace its functions). */
export const balanceService = {planBrokerDrain, planPartitionRebalance, executeBalance, verifyBalance}
