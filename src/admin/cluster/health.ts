import type {KafkaConnection} from '../../connection/client.js'
import {KctlError, toKctlError} from '../../errors.js'
import type {QuorumPartition, QuorumReplica} from '../../protocol/describe-quorum.js'
import {ConfigResourceType} from '../../protocol/config-resources.js'
import {describeCluster, describeMetadataQuorum} from './cluster.js'
import {describeConfigResources} from '../configs/configs.js'
import {isDenied, isUnreachable} from '../degraded.js'
import {type PartitionState, partitionStates} from '../topics/partition-state.js'
import {type StuckTransaction, stuckTransactions} from '../records/transactions.js'

export const HEALTH_CHECKS = [
  'offline-partitions',
  'under-replicated',
  'under-min-isr',
  'preferred-leader',
  'leader-skew',
  'quorum',
  'brokers',
  'stuck-transactions',
] as const
export type HealthCheckName = (typeof HEALTH_CHECKS)[number]

export interface PartitionRef {
  topic: string
  partition: number
  leader: number
  replicas: number[]
  isr: number[]
}

export interface HealthCheck {
  name: HealthCheckName
  /** true when passed or skipped. */
  ok: boolean
  skipped: boolean
  summary: string
  /** The partitions that fail the check (sorted by topic, partition). */
  partitions: PartitionRef[]
  /** The brokers (or quorum voters) that fail the check. */
  brokers: number[]
  /** stuck-transactions only: the transactions holding a last stable offset, each with its abort command. */
  transactions?: StuckTransaction[]
}

export interface BrokerHealth {
  id: number
  host: string | null
  port: number | null
  rack: string | null
  fenced: boolean
  /** false: partitions name it as a replica, but it is not registered (gone). */
  registered: boolean
  leaders: number
  /** Partitions whose preferred leader (first replica) it is. */
  preferredLeaders: number
  replicas: number
  /** Kafka's leader imbalance ratio: preferred partitions it does not lead / preferred partitions. */
  imbalance: number
}

export interface QuorumMember {
  id: number
  logEndOffset: bigint
  /** Records behind the leader's log end offset. */
  lag: bigint
  /** Milliseconds since it last fetched / was last caught up (leader's clock); null when unknown. */
  lastFetchAgoMs: number | null
  lastCaughtUpAgoMs: number | null
}

export interface QuorumHealth {
  leaderId: number
  leaderEpoch: number
  highWatermark: bigint
  voters: QuorumMember[]
  observers: QuorumMember[]
}

export interface ClusterHealth {
  healthy: boolean
  checks: HealthCheck[]
  brokers: BrokerHealth[]
  /** null on a cluster without a KRaft quorum (or when DescribeQuorum is not allowed). */
  quorum: QuorumHealth | null
}

export interface HealthOptions {
  skip?: HealthCheckName[]
  /** A voter or observer fails the quorum check when behind the leader for longer than this. */
  maxQuorumLagMs?: number
  /** Kafka's leader.imbalance.per.broker.percentage default: 10 %. */
  maxImbalance?: number
  /** An open transaction fails the check past its own timeout, and never later than this (default 15 min, Kafka's transaction.max.timeout.ms). */
  maxTransactionTimeoutMs?: number
}

/**
 * One picture of the cluster's health from four requests: Metadata (partitions), DescribeConfigs
 * (min.insync.replicas of every topic, one batched request), DescribeCluster (brokers, fenced)
 * and DescribeQuorum (the KRaft quorum).
 */
export async function clusterHealth(conn: KafkaConnection, options: HealthOptions = {}): Promise<ClusterHealth> {
  const [cluster, states, quorum] = await Promise.all([
    describeCluster(conn),
    partitionStates(conn),
    describeMetadataQuorum(conn).catch((error) => {
      if (isDenied(error) || isUnreachable(error))
        conn.warn({code: 'CHECK_NOT_RUN', message: `the quorum check did not run: ${toKctlError(error).message}`})
      return null
    }),
  ])
  const topics = [...new Set(states.map((s) => s.topic))]
  const minIsr = new Map<string, number>()
  if (topics.length > 0) {
    const configs = await describeConfigResources(
      conn,
      await conn.anyBroker(),
      topics.map((name) => ({
        resourceType: ConfigResourceType.topic,
        resourceName: name,
        configurationKeys: ['min.insync.replicas'],
      })),
    )
    const unread: string[] = []
    for (const r of configs) {
      if (r.errorCode !== 0) unread.push(r.resourceName)
      const v = r.errorCode === 0 ? r.configs.find((c) => c.name === 'min.insync.replicas')?.value : undefined
      if (v) minIsr.set(r.resourceName, Number(v))
    }
    if (unread.length > 0)
      conn.warn({
        code: 'CHECK_NOT_RUN',
        message: `under-min-isr was not checked for ${unread.length} topic(s) whose configs could not be read: ${unread.slice(0, 10).join(', ')}`,
      })
  }
  const brokers = brokerHealth(cluster.brokers, states)
  const quorumHealth = quorum ? toQuorumHealth(quorum) : null
  const checks = [
    ...evaluate(states, minIsr, brokers, quorumHealth, options),
    await transactionCheck(conn, states, options),
  ]
  return {healthy: checks.every((c) => c.ok), checks, brokers, quorum: quorumHealth}
}

export function brokerHealth(
  registered: {id: number; host: string; port: number; rack: string | null; fenced: boolean}[],
  states: PartitionState[],
): BrokerHealth[] {
  const ids = new Set([...registered.map((b) => b.id), ...states.flatMap((s) => s.replicas)])
  return [...ids]
    .sort((a, b) => a - b)
    .map((id) => {
      const b = registered.find((x) => x.id === id)
      const preferred = states.filter((s) => s.replicas[0] === id)
      const notLeading = preferred.filter((s) => s.leader !== id).length
      return {
        id,
        host: b?.host ?? null,
        port: b?.port ?? null,
        rack: b?.rack ?? null,
        fenced: b?.fenced ?? false,
        registered: b !== undefined,
        leaders: states.filter((s) => s.leader === id).length,
        preferredLeaders: preferred.length,
        replicas: states.filter((s) => s.replicas.includes(id)).length,
        imbalance: preferred.length === 0 ? 0 : notLeading / preferred.length,
      }
    })
}

export function toQuorumHealth(q: QuorumPartition): QuorumHealth {
  const all = [...q.currentVoters, ...q.observers]
  // The leader's own entry carries its current time: ages are measured on the leader's clock.
  const now = Math.max(
    ...all.map((r) => Number(r.lastFetchTimestamp)),
    ...all.map((r) => Number(r.lastCaughtUpTimestamp)),
    -1,
  )
  const leaderEnd = q.currentVoters.find((v) => v.replicaId === q.leaderId)?.logEndOffset ?? q.highWatermark
  const member = (r: QuorumReplica): QuorumMember => ({
    id: r.replicaId,
    logEndOffset: r.logEndOffset,
    lag: leaderEnd > r.logEndOffset ? leaderEnd - r.logEndOffset : 0n,
    lastFetchAgoMs: r.lastFetchTimestamp < 0n || now < 0 ? null : now - Number(r.lastFetchTimestamp),
    lastCaughtUpAgoMs: r.lastCaughtUpTimestamp < 0n || now < 0 ? null : now - Number(r.lastCaughtUpTimestamp),
  })
  const byId = (a: QuorumMember, b: QuorumMember) => a.id - b.id
  return {
    leaderId: q.leaderId,
    leaderEpoch: q.leaderEpoch,
    highWatermark: q.highWatermark,
    voters: q.currentVoters.map(member).sort(byId),
    observers: q.observers.map(member).sort(byId),
  }
}

const ref = (s: PartitionState): PartitionRef => ({
  topic: s.topic,
  partition: s.partition,
  leader: s.leader,
  replicas: s.replicas,
  isr: s.isr,
})
const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`

/** DescribeProducers per leader; the coordinators only when some partition has an open transaction. */
async function transactionCheck(
  conn: KafkaConnection,
  states: PartitionState[],
  options: HealthOptions,
): Promise<HealthCheck> {
  const check = {name: 'stuck-transactions' as const, partitions: [], brokers: []}
  let stuck: StuckTransaction[]
  try {
    stuck = await stuckTransactions(conn, states, options.maxTransactionTimeoutMs ?? 900_000)
  } catch (error) {
    if (!(error instanceof KctlError) && !isDenied(error) && !isUnreachable(error)) throw error
    const message = `the stuck-transactions check did not run: ${toKctlError(error).message}`
    conn.warn({code: 'CHECK_NOT_RUN', message})
    return {...check, ok: true, skipped: true, summary: message}
  }
  const skipped = options.skip?.includes('stuck-transactions') ?? false
  const byKey = new Map(states.map((s) => [`${s.topic}:${s.partition}`, s]))
  return {
    ...check,
    ok: skipped || stuck.length === 0,
    skipped,
    summary:
      stuck.length === 0
        ? 'no transaction holds a last stable offset past its timeout'
        : stuck
            .map(
              (t) =>
                `${t.transactionalId ?? `producer ${t.producerId}`}${t.hanging ? ' (hanging)' : ''} on ${t.topic}:${t.partition} open ${Math.round(t.openMs / 1000)}s`,
            )
            .join('; '),
    partitions: stuck.map((t) => ref(byKey.get(`${t.topic}:${t.partition}`)!)),
    transactions: stuck,
  }
}

/** Pure: the checks over already fetched state (unit-tested on its own). */
export function evaluate(
  states: PartitionState[],
  minIsr: Map<string, number>,
  brokers: BrokerHealth[],
  quorum: QuorumHealth | null,
  options: HealthOptions = {},
): HealthCheck[] {
  const maxLag = options.maxQuorumLagMs ?? 10_000
  const maxImbalance = options.maxImbalance ?? 0.1
  const partitionCheck = (name: HealthCheckName, failing: PartitionState[], what: string): HealthCheck => ({
    name,
    ok: failing.length === 0,
    skipped: false,
    summary: failing.length === 0 ? `no ${what}` : plural(failing.length, what.replace(/s$/, '')),
    partitions: failing.map(ref),
    brokers: [],
  })
  const live = (s: PartitionState) => s.leader >= 0
  const checks: HealthCheck[] = [
    partitionCheck(
      'offline-partitions',
      states.filter((s) => !live(s)),
      'offline partitions',
    ),
    partitionCheck(
      'under-replicated',
      states.filter((s) => s.isr.length < s.replicas.length),
      'under-replicated partitions',
    ),
    partitionCheck(
      'under-min-isr',
      states.filter((s) => s.isr.length < (minIsr.get(s.topic) ?? 1)),
      'under-min-ISR partitions',
    ),
    partitionCheck(
      'preferred-leader',
      states.filter((s) => live(s) && s.replicas.length > 0 && s.leader !== s.replicas[0]),
      'partitions not led by their preferred replica',
    ),
  ]
  const skewed = brokers.filter((b) => b.registered && !b.fenced && b.imbalance > maxImbalance)
  const counts = brokers
    .filter((b) => b.registered && !b.fenced)
    .map((b) => `${b.id}:${b.leaders}`)
    .join(' ')
  checks.push({
    name: 'leader-skew',
    ok: skewed.length === 0,
    skipped: false,
    summary: `leaders per broker ${counts || '-'}${skewed.length > 0 ? `; imbalance above ${Math.round(maxImbalance * 100)}% on ${skewed.map((b) => `${b.id} (${Math.round(b.imbalance * 100)}%)`).join(', ')}` : ''}`,
    partitions: [],
    brokers: skewed.map((b) => b.id),
  })
  if (quorum) {
    const behind = [...quorum.voters, ...quorum.observers].filter(
      (m) => m.id !== quorum.leaderId && m.lag > 0n && (m.lastCaughtUpAgoMs === null || m.lastCaughtUpAgoMs > maxLag),
    )
    const noLeader = quorum.leaderId < 0
    checks.push({
      name: 'quorum',
      ok: !noLeader && behind.length === 0,
      skipped: false,
      summary: noLeader
        ? 'the metadata quorum has no leader'
        : `leader ${quorum.leaderId} (epoch ${quorum.leaderEpoch}), ${plural(quorum.voters.length, 'voter')}, ${plural(quorum.observers.length, 'observer')}${behind.length > 0 ? `; lagging: ${behind.map((m) => m.id).join(', ')}` : ''}`,
      partitions: [],
      brokers: behind.map((m) => m.id),
    })
  } else {
    checks.push({
      name: 'quorum',
      ok: true,
      skipped: true,
      summary: 'no KRaft quorum to check (or DescribeQuorum not allowed)',
      partitions: [],
      brokers: [],
    })
  }
  const bad = brokers.filter((b) => b.fenced || !b.registered)
  checks.push({
    name: 'brokers',
    ok: bad.length === 0,
    skipped: false,
    summary:
      bad.length === 0
        ? `${plural(brokers.length, 'broker')}, none fenced or missing`
        : bad.map((b) => `${b.id} ${b.fenced ? 'fenced' : 'missing'}`).join(', '),
    partitions: [],
    brokers: bad.map((b) => b.id),
  })
  const skip = new Set(options.skip ?? [])
  return checks.map((c) => (skip.has(c.name) ? {...c, ok: true, skipped: true} : c))
}

/** The service object commands call (command tests replace its functions). */
export const healthService = {clusterHealth}
