import type {KafkaConnection} from '../../connection/client.js'
import {kafkajsRequests} from '../../connection/borrowed-requests.js'
import {toKctlError} from '../../errors.js'
import {usageError} from '../../errors.js'
import type {ReassignmentEntry} from '../../input/kafka-json.js'
import {
  AlterPartitionReassignmentsApi,
  alterPartitionReassignmentsRequest,
} from '../../protocol/alter-partition-reassignments.js'
import {errorName} from '../../protocol/error-codes.js'
import {ConfigResourceType} from '../../protocol/config-resources.js'
import {
  type AlterConfigsResource,
  IncrementalAlterConfigsApi,
  incrementalAlterConfigsRequest,
} from '../../protocol/incremental-alter-configs.js'
import {throwIfError} from '../../protocol/protocol-error.js'
import {liveBrokerIds, requireBrokers} from '../cluster/brokers.js'
import {describeCluster} from '../cluster/cluster.js'
import {byTopicPartition, partitionStates} from '../topics/partition-state.js'
import {type PartitionMove, generateAssignment, movesFromPlan, throttleConfigs} from './reassign-plan.js'
import {appendTo} from '../multimap.js'

export const THROTTLE_RATE_KEYS = ['leader.replication.throttled.rate', 'follower.replication.throttled.rate'] as const
export const THROTTLE_REPLICA_KEYS = [
  'leader.replication.throttled.replicas',
  'follower.replication.throttled.replicas',
] as const

/** A plan for `topics` over `brokers` (Metadata + DescribeCluster for racks); validated first. */
export async function generateReassignment(
  conn: KafkaConnection,
  topics: string[],
  brokers: number[],
  replicationFactor?: number,
): Promise<{moves: PartitionMove[]}> {
  await requireBrokers(conn, brokers)
  const [states, cluster] = await Promise.all([partitionStates(conn, topics), describeCluster(conn)])
  const racks = brokers.map((id) => ({id, rack: cluster.brokers.find((b) => b.id === id)?.rack ?? null}))
  return {moves: generateAssignment(states, racks, replicationFactor)}
}

/** The moves a plan file asks for, validated against the cluster (exit 2 on unknown partitions or brokers). */
export async function planMoves(conn: KafkaConnection, plan: ReassignmentEntry[]): Promise<PartitionMove[]> {
  const states = await partitionStates(conn, [...new Set(plan.map((p) => p.topic))])
  return movesFromPlan(plan, states, await liveBrokerIds(conn))
}

export interface PartitionOutcome {
  topic: string
  partition: number
  error: string | null
  message: string | null
}

/** AlterPartitionReassignments (one request); replicas null cancels. Per-partition outcome. */
export async function alterReassignments(
  conn: KafkaConnection,
  parts: {topic: string; partition: number; replicas: number[] | null}[],
  timeoutMs: number,
): Promise<PartitionOutcome[]> {
  const topics = [...new Set(parts.map((p) => p.topic))].map((name) => ({
    name,
    partitions: parts.filter((p) => p.topic === name).map((p) => ({partitionIndex: p.partition, replicas: p.replicas})),
  }))
  const res = await conn.request(await conn.anyBroker(), AlterPartitionReassignmentsApi, (v, Encoder) =>
    alterPartitionReassignmentsRequest(v, {timeoutMs, topics, allowReplicationFactorChange: true}, Encoder),
  )
  throwIfError(res.errorCode, res.errorMessage, 'AlterPartitionReassignments')
  return res.responses
    .flatMap((t) =>
      t.partitions.map((p) => ({
        topic: t.name,
        partition: p.partitionIndex,
        error: p.errorCode === 0 ? null : errorName(p.errorCode),
        message: p.errorMessage,
      })),
    )
    .sort(byTopicPartition)
}

/**
 * IncrementalAlterConfigs, one request per broker: a broker's own resource must go to that broker;
 * topic resources ride along with the first request.
 */
async function alterConfigs(
  conn: KafkaConnection,
  perBroker: Map<number, AlterConfigsResource[]>,
  topicResources: AlterConfigsResource[],
): Promise<void> {
  const ids = [...perBroker.keys()]
  if (ids.length === 0 && topicResources.length > 0) ids.push((await liveBrokerIds(conn))[0])
  await Promise.all(
    ids.map(async (id, i) => {
      const resources = [...(perBroker.get(id) ?? []), ...(i === 0 ? topicResources : [])]
      if (resources.length === 0) return
      const res = await conn.request(await conn.broker(id), IncrementalAlterConfigsApi, (v, Encoder) =>
        incrementalAlterConfigsRequest(v, {resources, validateOnly: false}, Encoder),
      )
      for (const r of res.responses)
        throwIfError(
          r.errorCode,
          r.errorMessage,
          `Changing the replication throttle configs of ${r.resourceType === ConfigResourceType.broker ? 'broker' : 'topic'} ${r.resourceName}`,
        )
    }),
  )
}

/** Set Kafka's replication throttles for `moves`: the rate on the brokers involved, the throttled replicas on the topics. */
export async function setThrottles(
  conn: KafkaConnection,
  moves: PartitionMove[],
  bytesPerSecond: number,
): Promise<void> {
  const t = throttleConfigs(moves)
  const perBroker = new Map(
    t.brokers.map((id) => [
      id,
      [
        {
          resourceType: ConfigResourceType.broker,
          resourceName: String(id),
          configs: THROTTLE_RATE_KEYS.map((name) => ({name, operation: 'set' as const, value: String(bytesPerSecond)})),
        },
      ],
    ]),
  )
  const topics = [...t.topics].map(([topic, v]) => ({
    resourceType: ConfigResourceType.topic,
    resourceName: topic,
    configs: [
      {name: THROTTLE_REPLICA_KEYS[0], operation: 'set' as const, value: v.leader},
      {name: THROTTLE_REPLICA_KEYS[1], operation: 'set' as const, value: v.follower},
    ],
  }))
  await alterConfigs(conn, perBroker, topics)
}

/** Remove the throttle rates from every live broker and the throttled replicas from `topics`. */
export async function removeThrottles(conn: KafkaConnection, topics: string[]): Promise<void> {
  const perBroker = new Map(
    (await liveBrokerIds(conn)).map((id) => [
      id,
      [
        {
          resourceType: ConfigResourceType.broker,
          resourceName: String(id),
          configs: THROTTLE_RATE_KEYS.map((name) => ({name, operation: 'delete' as const, value: null})),
        },
      ],
    ]),
  )
  const topicResources = [...new Set(topics)].sort().map((topic) => ({
    resourceType: ConfigResourceType.topic,
    resourceName: topic,
    configs: THROTTLE_REPLICA_KEYS.map((name) => ({name, operation: 'delete' as const, value: null})),
  }))
  await alterConfigs(conn, perBroker, topicResources)
}

export interface OngoingReassignment {
  topic: string
  partition: number
  replicas: number[]
  adding: number[]
  removing: number[]
}

/** Failures of one broker's answer that another broker (or the next controller) may not have. */
const RETRIABLE_AT_ANOTHER_BROKER = new Set([
  'BROKER_UNREACHABLE',
  'CONNECTION_FAILED',
  'REQUEST_TIMED_OUT',
  'NOT_CONTROLLER',
])

/** ListPartitionReassignments (one request): every move in progress, or those of `partitions`. */
export async function listReassignments(
  conn: KafkaConnection,
  partitions?: {topic: string; partition: number}[],
): Promise<OngoingReassignment[]> {
  const byTopic = new Map<string, number[]>()
  for (const p of partitions ?? []) appendTo(byTopic, p.topic, p.partition)
  // kafkajs's request class over kctl's connection (kctl has no module of its own for API 46);
  // the controller of the Metadata answers, and any broker forwards it on KRaft. A broker
  // forwarding to an active controller that hung answers nothing until its timeout: by then the
  // quorum has elected another leader, so a timeout is asked once more, of another broker.
  const ask = async () =>
    kafkajsRequests(await conn.controller()).listPartitionReassignments({
      topics: partitions ? [...byTopic].map(([topic, ps]) => ({topic, partitions: ps})) : null,
      timeout: 5000,
    })
  let res
  try {
    res = await ask().catch((error) => {
      if (!RETRIABLE_AT_ANOTHER_BROKER.has(toKctlError(error).code)) throw error
      return ask()
    })
  } catch (error) {
    throw toKctlError(error, {operation: 'listing partition reassignments (DESCRIBE on the CLUSTER)'})
  }
  return res.topics
    .flatMap((t) =>
      t.partitions.map((p) => ({
        topic: t.name,
        partition: p.partition,
        replicas: p.replicas,
        adding: p.addingReplicas,
        removing: p.removingReplicas,
      })),
    )
    .sort(byTopicPartition)
}

export type VerifyStatus = 'complete' | 'in-progress' | 'differs'

export interface VerifiedPartition {
  topic: string
  partition: number
  target: number[]
  current: number[]
  status: VerifyStatus
}

/** Compare the cluster with a plan: complete when the replicas equal the plan's (in order). */
export async function verifyReassignment(
  conn: KafkaConnection,
  plan: ReassignmentEntry[],
): Promise<VerifiedPartition[]> {
  const [states, ongoing] = await Promise.all([
    partitionStates(conn, [...new Set(plan.map((p) => p.topic))]),
    listReassignments(conn, plan),
  ])
  return plan
    .map((p) => {
      const current = states.find((s) => s.topic === p.topic && s.partition === p.partition)?.replicas
      if (!current)
        throw usageError(
          `The plan names a partition that does not exist: ${p.topic}:${p.partition}`,
          'Check the topics and partition counts with `kctl topics describe`.',
          'UNKNOWN_PARTITION',
        )
      const moving = ongoing.some((o) => o.topic === p.topic && o.partition === p.partition)
      const same = current.length === p.replicas.length && current.every((b, i) => b === p.replicas[i])
      return {
        topic: p.topic,
        partition: p.partition,
        target: p.replicas,
        current,
        status: moving ? ('in-progress' as const) : same ? ('complete' as const) : ('differs' as const),
      }
    })
    .sort(byTopicPartition)
}

/** Set the throttles (when given), then submit every move in one AlterPartitionReassignments. */
export async function executeReassignment(
  conn: KafkaConnection,
  moves: PartitionMove[],
  throttle: number | null,
  timeoutMs: number,
): Promise<PartitionOutcome[]> {
  if (throttle !== null) await setThrottles(conn, moves, throttle)
  return alterReassignments(
    conn,
    moves.map((m) => ({topic: m.topic, partition: m.partition, replicas: m.proposed})),
    timeoutMs,
  )
}

/**
 * Poll (Metadata + ListPartitionReassignments) until every partition of `plan` is complete. A
 * partition that is not moving but not yet as planned gets a few polls' grace: the broker
 * answering Metadata may lag the controller by a moment.
 */
export async function waitForReassignment(
  conn: KafkaConnection,
  plan: ReassignmentEntry[],
  onProgress: (done: number, total: number) => void,
  intervalMs = 1000,
): Promise<VerifiedPartition[]> {
  for (let settled = 0; ;) {
    const status = await verifyReassignment(conn, plan)
    onProgress(status.filter((s) => s.status === 'complete').length, status.length)
    if (status.every((s) => s.status === 'complete')) return status
    settled = status.some((s) => s.status === 'in-progress') ? 0 : settled + 1
    if (settled >= 5) return status
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}

export interface ReassignmentRun {
  moves: (PartitionMove & {error: string | null})[]
  /** null when not waited for. */
  complete: boolean | null
  throttlesRemoved: boolean
}

/**
 * Execute `moves` (throttled when `throttle` is given) and, with `wait`, wait until they finish,
 * then remove the throttles. Shared by `partitions reassign --execute` and `topics alter`.
 */
export async function runReassignment(
  conn: KafkaConnection,
  moves: PartitionMove[],
  options: {
    throttle: number | null
    timeoutMs: number
    wait: boolean
    onProgress: (done: number, total: number) => void
  },
): Promise<ReassignmentRun> {
  const outcomes = await reassignService.executeReassignment(conn, moves, options.throttle, options.timeoutMs)
  const withErrors = moves.map((m) => ({
    ...m,
    error: outcomes.find((o) => o.topic === m.topic && o.partition === m.partition)?.error ?? null,
  }))
  if (!options.wait) return {moves: withErrors, complete: null, throttlesRemoved: false}
  const plan = moves.map((m) => ({topic: m.topic, partition: m.partition, replicas: m.proposed}))
  const status = await reassignService.waitForReassignment(conn, plan, options.onProgress)
  const complete = status.every((s) => s.status === 'complete')
  const removeNow = complete && options.throttle !== null
  if (removeNow) await reassignService.removeThrottles(conn, [...new Set(moves.map((m) => m.topic))])
  return {moves: withErrors, complete, throttlesRemoved: removeNow}
}

/** The service object commands call (command tests replace its functions). */
export const reassignService = {
  generateReassignment,
  planMoves,
  executeReassignment,
  alterReassignments,
  verifyReassignment,
  waitForReassignment,
  listReassignments,
  removeThrottles,
  runReassignment,
}
