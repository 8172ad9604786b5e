import {appendFileSync, mkdirSync} from 'node:fs'
import {join} from 'node:path'

import type {KafkaConnection} from '../../connection/client.js'
import {type KctlError, operationError, usageError} from '../../errors.js'
import {type ActiveProducer, DescribeProducersApi, describeProducersRequest} from '../../protocol/describe-producers.js'
import {DescribeTransactionsApi, describeTransactionsRequest} from '../../protocol/describe-transactions.js'
import {COORDINATOR_TRANSACTION, FindCoordinatorApi, findCoordinatorRequest} from '../../protocol/find-coordinator.js'
import {ListTransactionsApi, listTransactionsRequest} from '../../protocol/list-transactions.js'
import {protocolErrorToKctl, throwIfError} from '../../protocol/protocol-error.js'
import {WriteTxnMarkersApi, writeTxnMarkersRequest} from '../../protocol/write-txn-markers.js'
import {describeCluster} from '../cluster/cluster.js'
import {stateDir} from '../journal.js'
import {appendTo} from '../multimap.js'
import {type PartitionState, byTopicPartition, partitionStates} from '../topics/partition-state.js'

export {TRANSACTION_STATES} from '../../protocol/describe-transactions.js'

const TRANSACTIONAL_ID_NOT_FOUND = 105

export interface TransactionListing {
  transactionalId: string
  coordinator: number
  producerId: bigint
  state: string
}

export interface TransactionDescription {
  transactionalId: string
  coordinator: number
  state: string
  producerId: bigint
  producerEpoch: number
  timeoutMs: number
  /** null when no transaction is running. */
  startTimeMs: number | null
  /** Milliseconds since the start (this machine's clock); null when no transaction is running. */
  durationMs: number | null
  partitions: {topic: string; partition: number}[]
}

export interface PartitionProducer {
  topic: string
  partition: number
  /** The replica that answered (the leader unless a broker was named). */
  broker: number
  producerId: bigint
  producerEpoch: number
  lastSequence: number
  lastTimestamp: number
  /** null when unknown (a transaction started by a new producer id before any marker). */
  coordinatorEpoch: number | null
  /** The first offset of the producer's open transaction on the partition; null when none. */
  txnStartOffset: bigint | null
}

export interface HangingTransaction extends PartitionProducer {
  /** Milliseconds since the producer's last write (Kafka's find-hanging measure). */
  durationMs: number
  /** The coordinator's id for this producer; null when no coordinator lists it. */
  transactionalId: string | null
  /** The `kctl txn abort` command that ends it. */
  abortCommand: string
}

export interface AbortPlan {
  topic: string
  partition: number
  leader: number
  startOffset: bigint
  producerId: bigint
  producerEpoch: number
  coordinatorEpoch: number
}

type TopicPartition = {topic: string; partition: number}

export const abortCommand = (tp: TopicPartition, startOffset: bigint) =>
  `kctl txn abort ${tp.topic}:${tp.partition} --start-offset ${startOffset}`

/** ListTransactions on every broker: each lists the transactional ids it coordinates. */
export async function listTransactions(
  conn: KafkaConnection,
  filter: {states?: string[]; producerIds?: bigint[]; minDurationMs?: number; pattern?: string} = {},
): Promise<TransactionListing[]> {
  const {brokers} = await describeCluster(conn)
  const perBroker = await Promise.all(
    brokers
      .filter((b) => !b.fenced)
      .map(async ({id}) => {
        const broker = await conn.broker(id)
        const res = await conn.request(broker, ListTransactionsApi, (version, Encoder) => {
          if (filter.minDurationMs !== undefined && version < 1)
            throw unsupported(id, version, '--duration-filter', 'Kafka 3.8')
          if (filter.pattern !== undefined && version < 2) throw unsupported(id, version, '--pattern', 'Kafka 4.1')
          const req = {
            stateFilters: filter.states ?? [],
            producerIdFilters: filter.producerIds ?? [],
            durationFilterMs: filter.minDurationMs === undefined ? -1n : BigInt(filter.minDurationMs),
            transactionalIdPattern: filter.pattern ?? null,
          }
          return listTransactionsRequest(version, req, Encoder)
        })
        throwIfError(res.errorCode, null, `ListTransactions on broker ${id}`)
        return res.transactions.map((t) => ({
          transactionalId: t.transactionalId,
          coordinator: id,
          producerId: t.producerId,
          state: t.transactionState,
        }))
      }),
  )
  return perBroker.flat().sort((a, b) => a.transactionalId.localeCompare(b.transactionalId))
}

function unsupported(broker: number, version: number, flag: string, since: string): KctlError {
  return usageError(
    `Broker ${broker} supports ListTransactions v${version}, which cannot filter by ${flag.slice(2)}`,
    `${flag} needs brokers on ${since} or newer; nothing was listed.`,
    'UNSUPPORTED_VERSION',
  )
}

/** Transaction coordinators of many transactional ids with one FindCoordinator (key type 1). */
async function transactionCoordinators(conn: KafkaConnection, ids: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>()
  if (ids.length === 0) return out
  const res = await conn.request(await conn.anyBroker(), FindCoordinatorApi, (v, Encoder) =>
    findCoordinatorRequest(v, ids, Encoder, COORDINATOR_TRANSACTION),
  )
  for (const c of res.coordinators) {
    if (c.errorCode !== 0)
      throw protocolErrorToKctl(c.errorCode, c.errorMessage, `Finding the coordinator of transactional id ${c.key}`)
    out.set(c.key, c.nodeId)
  }
  return out
}

/**
 * DescribeTransactions through each id's coordinator. A transactional id the coordinator does
 * not know maps to null.
 */
export async function describeTransactions(
  conn: KafkaConnection,
  ids: string[],
  now = Date.now(),
): Promise<Map<string, TransactionDescription | null>> {
  const coordinators = await transactionCoordinators(conn, ids)
  const byNode = new Map<number, string[]>()
  for (const [id, node] of coordinators) appendTo(byNode, node, id)
  const out = new Map<string, TransactionDescription | null>()
  await Promise.all(
    [...byNode].map(async ([node, nodeIds]) => {
      const res = await conn.request(await conn.broker(node), DescribeTransactionsApi, (v, Encoder) =>
        describeTransactionsRequest(v, nodeIds, Encoder),
      )
      for (const t of res.transactions) {
        if (t.errorCode === TRANSACTIONAL_ID_NOT_FOUND) {
          out.set(t.transactionalId, null)
          continue
        }
        if (t.errorCode !== 0)
          throw protocolErrorToKctl(t.errorCode, null, `DescribeTransactions of ${t.transactionalId}`)
        const start = t.transactionStartTimeMs < 0n ? null : Number(t.transactionStartTimeMs)
        out.set(t.transactionalId, {
          transactionalId: t.transactionalId,
          coordinator: node,
          state: t.transactionState,
          producerId: t.producerId,
          producerEpoch: t.producerEpoch,
          timeoutMs: t.transactionTimeoutMs,
          startTimeMs: start,
          durationMs: start === null ? null : Math.max(0, now - start),
          partitions: t.topics
            .flatMap((x) => x.partitions.map((partition) => ({topic: x.topic, partition})))
            .sort(byTopicPartition),
        })
      }
    }),
  )
  return out
}

/**
 * DescribeProducers for many partitions: one request per leader, or to `brokerId` for its own
 * replicas. Per-partition errors end the command (the answer would be incomplete).
 */
export async function describeProducers(
  conn: KafkaConnection,
  partitions: TopicPartition[],
  options: {brokerId?: number; states?: PartitionState[]} = {},
): Promise<PartitionProducer[]> {
  const states = options.states ?? (await partitionStates(conn, [...new Set(partitions.map((p) => p.topic))]))
  const byBroker = new Map<number, TopicPartition[]>()
  for (const tp of partitions) {
    const s = states.find((x) => x.topic === tp.topic && x.partition === tp.partition)
    if (!s)
      throw usageError(
        `Partition ${tp.topic}:${tp.partition} does not exist`,
        `List the partitions with \`kctl topics describe ${tp.topic}\`.`,
        'UNKNOWN_PARTITION',
      )
    const broker = options.brokerId ?? s.leader
    if (broker < 0)
      throw operationError(`Partition ${tp.topic}:${tp.partition} has no leader`, {
        code: 'LEADER_NOT_AVAILABLE',
        retriable: true,
      })
    appendTo(byBroker, broker, tp)
  }
  const out: PartitionProducer[] = []
  await Promise.all(
    [...byBroker].map(async ([brokerId, tps]) => {
      const topics = new Map<string, number[]>()
      for (const tp of tps) appendTo(topics, tp.topic, tp.partition)
      const req = [...topics].map(([topic, ps]) => ({topic, partitions: ps}))
      const res = await conn.request(await conn.broker(brokerId), DescribeProducersApi, (v, Encoder) =>
        describeProducersRequest(v, req, Encoder),
      )
      for (const t of res.topics) {
        for (const p of t.partitions) {
          if (p.errorCode !== 0)
            throw protocolErrorToKctl(
              p.errorCode,
              p.errorMessage,
              `DescribeProducers of ${t.name}:${p.partitionIndex} on broker ${brokerId}`,
            )
          for (const a of p.activeProducers) out.push(toProducer(t.name, p.partitionIndex, brokerId, a))
        }
      }
    }),
  )
  return out.sort(
    (a, b) => byTopicPartition(a, b) || (a.producerId < b.producerId ? -1 : a.producerId > b.producerId ? 1 : 0),
  )
}

const toProducer = (topic: string, partition: number, broker: number, a: ActiveProducer): PartitionProducer => ({
  topic,
  partition,
  broker,
  producerId: a.producerId,
  producerEpoch: a.producerEpoch,
  lastSequence: a.lastSequence,
  lastTimestamp: Number(a.lastTimestamp),
  coordinatorEpoch: a.coordinatorEpoch < 0 ? null : a.coordinatorEpoch,
  txnStartOffset: a.currentTxnStartOffset < 0n ? null : a.currentTxnStartOffset,
})

/** Open transactions (on the partitions' leaders) older than `minDurationMs` by the producer's last write. */
export async function openTransactions(
  conn: KafkaConnection,
  states: PartitionState[],
  options: {brokerId?: number; minDurationMs?: number; now?: number},
): Promise<PartitionProducer[]> {
  const now = options.now ?? Date.now()
  const producers =
    states.length === 0 ? [] : await describeProducers(conn, states, {brokerId: options.brokerId, states})
  return producers.filter(
    (p) =>
      p.txnStartOffset !== null &&
      (options.minDurationMs === undefined || now - p.lastTimestamp > options.minDurationMs),
  )
}

/**
 * Kafka's find-hanging (TransactionsCommand): open transactions older than the maximum transaction
 * timeout whose producer id no coordinator lists, or whose coordinator does not include the
 * partition in the transaction. The coordinator will never write a marker for these.
 */
export async function findHangingTransactions(
  conn: KafkaConnection,
  options: {brokerId?: number; topic?: string; partition?: number; maxTransactionTimeoutMs: number; now?: number},
): Promise<HangingTransaction[]> {
  const now = options.now ?? Date.now()
  let states = await partitionStates(conn, options.topic === undefined ? undefined : [options.topic])
  if (options.partition !== undefined) {
    states = states.filter((s) => s.partition === options.partition)
    if (states.length === 0)
      throw usageError(
        `Partition ${options.topic}:${options.partition} does not exist`,
        `List the partitions with \`kctl topics describe ${options.topic}\`.`,
        'UNKNOWN_PARTITION',
      )
  }
  if (options.brokerId !== undefined) {
    const id = options.brokerId
    states = states.filter((s) => s.replicas.includes(id))
  }
  const candidates = await openTransactions(conn, states, {
    brokerId: options.brokerId,
    minDurationMs: options.maxTransactionTimeoutMs,
    now,
  })
  if (candidates.length === 0) return []
  const ids = await transactionalIdsOf(conn, [...new Set(candidates.map((c) => c.producerId))])
  const descriptions = await describeTransactions(conn, [...new Set(ids.values())], now)
  return hangingAmong(candidates, ids, descriptions, now)
}

/** Pure: the find-hanging filter over fetched state. */
export function hangingAmong(
  candidates: PartitionProducer[],
  ids: Map<bigint, string>,
  descriptions: Map<string, TransactionDescription | null>,
  now: number,
): HangingTransaction[] {
  return candidates
    .filter((c) => {
      const id = ids.get(c.producerId)
      const d = id === undefined ? null : descriptions.get(id)
      return !d || !d.partitions.some((p) => p.topic === c.topic && p.partition === c.partition)
    })
    .map((c) => ({
      ...c,
      durationMs: now - c.lastTimestamp,
      transactionalId: ids.get(c.producerId) ?? null,
      abortCommand: abortCommand(c, c.txnStartOffset!),
    }))
}

/** producer id -> transactional id, from ListTransactions filtered by producer id on every broker. */
export async function transactionalIdsOf(conn: KafkaConnection, producerIds: bigint[]): Promise<Map<bigint, string>> {
  const wanted = new Set(producerIds)
  const listed = await listTransactions(conn, {producerIds})
  return new Map(listed.filter((l) => wanted.has(l.producerId)).map((l) => [l.producerId, l.transactionalId]))
}

/**
 * What `txn abort` would write, found as Kafka's tool does: the producer on the partition's leader
 * whose open transaction starts at `startOffset`. A coordinator epoch unknown to the partition
 * (-1) becomes 0, which no real coordinator epoch is below.
 */
export async function planAbort(conn: KafkaConnection, tp: TopicPartition, startOffset: bigint): Promise<AbortPlan> {
  const states = await partitionStates(conn, [tp.topic])
  const producers = await describeProducers(conn, [tp], {states})
  const open = producers.find((p) => p.txnStartOffset === startOffset)
  if (!open) {
    const starts = producers.filter((p) => p.txnStartOffset !== null).map((p) => p.txnStartOffset)
    throw usageError(
      `No open transaction starts at offset ${startOffset} on ${tp.topic}:${tp.partition}`,
      starts.length > 0
        ? `Open transactions there start at: ${starts.join(', ')}.`
        : `The partition has no open transaction; see \`kctl txn producers ${tp.topic}:${tp.partition}\`.`,
      'TRANSACTION_NOT_FOUND',
    )
  }
  return {
    ...tp,
    leader: open.broker,
    startOffset,
    producerId: open.producerId,
    producerEpoch: open.producerEpoch,
    coordinatorEpoch: open.coordinatorEpoch ?? 0,
  }
}

/** WriteTxnMarkers (ABORT) to the partition's leader. */
export async function abortTransaction(conn: KafkaConnection, plan: AbortPlan): Promise<void> {
  const marker = {
    producerId: plan.producerId,
    producerEpoch: plan.producerEpoch,
    commit: false,
    topics: [{topic: plan.topic, partitions: [plan.partition]}],
    coordinatorEpoch: plan.coordinatorEpoch,
    transactionVersion: 0,
  }
  const res = await conn.request(await conn.broker(plan.leader), WriteTxnMarkersApi, (v, Encoder) =>
    writeTxnMarkersRequest(v, [marker], Encoder),
  )
  for (const m of res.markers)
    for (const t of m.topics)
      for (const p of t.partitions)
        throwIfError(
          p.errorCode,
          null,
          `Aborting the transaction of producer ${m.producerId} on ${t.name}:${p.partitionIndex}`,
        )
}

/** One JSON line per abort in the state directory, written before the marker is sent. */
export function journalAbort(
  entry: {clusterId: string; plan: AbortPlan},
  now = new Date(),
  file = join(stateDir(), 'transaction-aborts.jsonl'),
): void {
  const {plan} = entry
  const line = {
    time: now.toISOString(),
    clusterId: entry.clusterId,
    topic: plan.topic,
    partition: plan.partition,
    startOffset: String(plan.startOffset),
    producerId: String(plan.producerId),
    producerEpoch: plan.producerEpoch,
    coordinatorEpoch: plan.coordinatorEpoch,
  }
  try {
    mkdirSync(join(file, '..'), {recursive: true, mode: 0o700})
    appendFileSync(file, `${JSON.stringify(line)}\n`, {mode: 0o600})
  } catch (error) {
    throw operationError(`Cannot write the transaction-abort journal ${file}: ${(error as Error).message}`, {
      code: 'JOURNAL_FAILED',
      hint: 'Nothing was aborted. Set KCTL_STATE_DIR to a writable directory.',
    })
  }
}

export interface StuckTransaction {
  topic: string
  partition: number
  producerId: bigint
  startOffset: bigint
  /** null when no coordinator lists the producer (a hanging transaction). */
  transactionalId: string | null
  /** How long the partition's last stable offset has been held. */
  openMs: number
  /** The limit it broke: the transaction's own timeout when its coordinator includes the partition, else the maximum. */
  limitMs: number
  /** true when its coordinator does not include the partition: only an abort ends it. */
  hanging: boolean
  abortCommand: string
}

/**
 * Open transactions holding a partition's last stable offset for longer than their timeout: the
 * coordinator's timeout (and start time) when it includes the partition, otherwise (hanging)
 * `maxTransactionTimeoutMs` since the producer's last write; never more than the maximum.
 */
export async function stuckTransactions(
  conn: KafkaConnection,
  states: PartitionState[],
  maxTransactionTimeoutMs: number,
  now = Date.now(),
): Promise<StuckTransaction[]> {
  const open = await openTransactions(
    conn,
    states.filter((s) => s.leader >= 0),
    {now},
  )
  if (open.length === 0) return []
  const ids = await transactionalIdsOf(conn, [...new Set(open.map((o) => o.producerId))])
  const descriptions = await describeTransactions(conn, [...new Set(ids.values())], now)
  return stuckAmong(open, ids, descriptions, maxTransactionTimeoutMs, now)
}

/** Pure: which open transactions are stuck. */
export function stuckAmong(
  open: PartitionProducer[],
  ids: Map<bigint, string>,
  descriptions: Map<string, TransactionDescription | null>,
  maxTransactionTimeoutMs: number,
  now: number,
): StuckTransaction[] {
  const stuck: StuckTransaction[] = []
  for (const o of open) {
    const id = ids.get(o.producerId) ?? null
    const d = id === null ? null : descriptions.get(id)
    const tracked =
      !!d &&
      d.producerId === o.producerId &&
      d.startTimeMs !== null &&
      d.partitions.some((p) => p.topic === o.topic && p.partition === o.partition)
    const openMs = tracked ? now - d.startTimeMs! : now - o.lastTimestamp
    const limitMs = tracked ? Math.min(d.timeoutMs, maxTransactionTimeoutMs) : maxTransactionTimeoutMs
    if (openMs > limitMs)
      stuck.push({
        topic: o.topic,
        partition: o.partition,
        producerId: o.producerId,
        startOffset: o.txnStartOffset!,
        transactionalId: id,
        openMs,
        limitMs,
        hanging: !tracked,
        abortCommand: abortCommand(o, o.txnStartOffset!),
      })
  }
  return stuck
}

/** The service object commands call (command tests replace its functions). */
export const transactionsService = {
  listTransactions,
  describeTransactions,
  describeProducers,
  findHangingTransactions,
  planAbort,
  abortTransaction,
  journalAbort,
}
