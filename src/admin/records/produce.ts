import type {KafkaConnection} from '../../connection/client.js'
import {operationError} from '../../errors.js'
import {COMPRESSION_CODES, COMPRESSION_NAMES, type CompressionName} from '../../protocol/codecs.js'
import {errorName} from '../../protocol/error-codes.js'
import {COORDINATOR_TRANSACTION, FindCoordinatorApi, findCoordinatorRequest} from '../../protocol/find-coordinator.js'
import {ProduceApi, produceRequest} from '../../protocol/produce.js'
import {protocolErrorToKctl} from '../../protocol/protocol-error.js'
import {type RecordToWrite, encodeRecordBatch} from '../../protocol/record-batch-encode.js'
import {
  AddPartitionsToTxnApi,
  EndTxnApi,
  InitProducerIdApi,
  type ProducerIdentity,
  addPartitionsToTxnRequest,
  endTxnRequest,
  initProducerIdRequest,
} from '../../protocol/transactions.js'
import {appendTo} from '../multimap.js'
import {type TopicLayout, resolvePartitions, topicLayout} from '../groups/offsets.js'
import {partitionForKey} from './partitioner.js'

export interface OutgoingRecord extends RecordToWrite {
  /** A partition chosen by the input (produce --keep-partitions); otherwise the partitioner picks. */
  partition?: number
}

export interface ProducedRecord {
  partition: number
  /** null with acks 0 (the broker does not answer). */
  offset: bigint | null
}

/** The batch codecs produce can write, by name. */
export {COMPRESSION_NAMES, type CompressionName}

export interface ProduceOptions {
  topic: string
  /** Every record to this partition. */
  partition?: number
  keepPartitions: boolean
  compression: CompressionName
  acks: -1 | 0 | 1
  idempotent: boolean
  transactionalId?: string
  timeoutMs: number
  signal?: AbortSignal
}

export const RETRIABLE = new Set([
  'NOT_LEADER_OR_FOLLOWER',
  'LEADER_NOT_AVAILABLE',
  'NOT_ENOUGH_REPLICAS',
  'NOT_ENOUGH_REPLICAS_AFTER_APPEND',
  'REQUEST_TIMED_OUT',
  'UNKNOWN_TOPIC_OR_PARTITION',
  'KAFKA_STORAGE_ERROR',
])
export const COORDINATOR_RETRIABLE = new Set([
  'CONCURRENT_TRANSACTIONS',
  'COORDINATOR_LOAD_IN_PROGRESS',
  'NOT_COORDINATOR',
  'COORDINATOR_NOT_AVAILABLE',
])
const TRANSACTION_TIMEOUT_MS = 60_000

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * A producer of kctl's own (Produce v8 with kctl's record batches): one request per leader broker
 * per chunk of input, one chunk in flight, so records land in input order. Idempotent (a retried
 * batch is never written twice) unless acks is not -1 or idempotence is off; with a transactional
 * id the whole input is one transaction, committed at the end and aborted on an error or abort.
 */
export class RecordProducer {
  private layout!: TopicLayout
  private partitions = 0
  private identity: ProducerIdentity | null = null
  private coordinator = -1
  private readonly sequences = new Map<number, number>()
  private readonly inTransaction = new Set<number>()
  private sticky = 0

  constructor(
    private readonly conn: KafkaConnection,
    private readonly options: ProduceOptions,
  ) {}

  async open(): Promise<void> {
    this.layout = await topicLayout(this.conn, [this.options.topic])
    this.partitions = resolvePartitions(this.layout, [{topic: this.options.topic}], 'TOPIC').length
    if (this.options.partition !== undefined)
      resolvePartitions(this.layout, [{topic: this.options.topic, partitions: [this.options.partition]}], '--partition')
    const {transactionalId} = this.options
    if (transactionalId) {
      this.coordinator = await this.findTransactionCoordinator(transactionalId)
      this.identity = await this.coordinatorCall('InitProducerId', async () => {
        const res = await this.conn.request(await this.conn.broker(this.coordinator), InitProducerIdApi, (v, E) =>
          initProducerIdRequest(v, transactionalId, TRANSACTION_TIMEOUT_MS, E),
        )
        return {errorCode: res.errorCode, value: res}
      })
    } else if (this.options.idempotent && this.options.acks === -1) {
      // A broker that has just started answers COORDINATOR_LOAD_IN_PROGRESS until its transaction
      // state is loaded: retried like the transactional call.
      this.identity = await this.coordinatorCall('InitProducerId', async () => {
        const res = await this.conn.request(await this.conn.anyBroker(), InitProducerIdApi, (v, E) =>
          initProducerIdRequest(v, null, TRANSACTION_TIMEOUT_MS, E),
        )
        return {errorCode: res.errorCode, value: res}
      })
    }
  }

  /** The partition of each record: the input's, --partition, the key's (murmur2), or sticky per chunk for null keys. */
  private partitionOf(r: OutgoingRecord): number {
    if (this.options.keepPartitions && r.partition !== undefined) return r.partition
    if (this.options.partition !== undefined) return this.options.partition
    if (r.key) return partitionForKey(r.key, this.partitions)
    return this.sticky
  }

  /** Writes one chunk of records; resolves with where each landed, in input order. */
  async send(records: OutgoingRecord[]): Promise<ProducedRecord[]> {
    const byPartition = new Map<number, {index: number; record: OutgoingRecord}[]>()
    records.forEach((record, index) => {
      const p = this.partitionOf(record)
      if (p < 0 || p >= this.partitions)
        throw operationError(
          `Record ${index + 1} names partition ${p}, but ${this.options.topic} has partitions 0-${this.partitions - 1}`,
          {code: 'UNKNOWN_PARTITION'},
        )
      appendTo(byPartition, p, {index, record})
    })
    this.sticky = (this.sticky + 1) % this.partitions
    await this.addToTransaction([...byPartition.keys()])
    const out: ProducedRecord[] = new Array(records.length)
    const batches = new Map<number, Buffer>()
    for (const [p, items] of byPartition) {
      const baseSequence = this.identity ? (this.sequences.get(p) ?? 0) : -1
      batches.set(
        p,
        await encodeRecordBatch(
          items.map((i) => i.record),
          {
            compression: COMPRESSION_CODES[this.options.compression],
            producerId: this.identity?.producerId,
            producerEpoch: this.identity?.producerEpoch,
            baseSequence,
            transactional: Boolean(this.options.transactionalId),
          },
        ),
      )
    }
    let pending = [...byPartition.keys()]
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) {
        if (attempt > 10)
          throw operationError(`Producing to ${this.options.topic} kept failing: partition leaders unavailable`, {
            code: 'LEADER_NOT_AVAILABLE',
            retriable: true,
          })
        await pause(Math.min(1000, 100 * attempt))
        this.layout = await topicLayout(this.conn, [this.options.topic])
      }
      const byLeader = new Map<number, number[]>()
      for (const p of pending) appendTo(byLeader, this.layout.leaders.get(this.options.topic)?.get(p) ?? -1, p)
      const retry: number[] = byLeader.get(-1) ?? []
      await Promise.all(
        [...byLeader]
          .filter(([leader]) => leader >= 0)
          .map(async ([leader, ps]) => {
            const res = await this.conn.request(await this.conn.broker(leader), ProduceApi, (v, E) =>
              produceRequest(
                v,
                {
                  transactionalId: this.options.transactionalId ?? null,
                  acks: this.options.acks,
                  timeoutMs: this.options.timeoutMs,
                  topics: [
                    {name: this.options.topic, partitions: ps.map((p) => ({index: p, records: batches.get(p)!}))},
                  ],
                },
                E,
              ),
            )
            if (!res) {
              for (const p of ps) for (const i of byPartition.get(p)!) out[i.index] = {partition: p, offset: null}
              return
            }
            for (const pr of res.topics.flatMap((t) => t.partitions)) {
              const name = errorName(pr.errorCode)
              if (pr.errorCode !== 0 && name !== 'DUPLICATE_SEQUENCE_NUMBER') {
                if (RETRIABLE.has(name)) {
                  retry.push(pr.index)
                  continue
                }
                const detail =
                  pr.errorMessage ??
                  pr.recordErrors
                    .map((e) => e.message)
                    .filter(Boolean)
                    .join('; ')
                throw protocolErrorToKctl(
                  pr.errorCode,
                  detail || null,
                  `Producing to ${this.options.topic}:${pr.index}`,
                )
              }
              byPartition.get(pr.index)!.forEach(
                (i, n) =>
                  (out[i.index] = {
                    partition: pr.index,
                    offset: pr.baseOffset < 0n ? null : pr.baseOffset + BigInt(n),
                  }),
              )
            }
          }),
      )
      pending = retry
    }
    if (this.identity)
      for (const [p, items] of byPartition)
        this.sequences.set(p, ((this.sequences.get(p) ?? 0) + items.length) % 2 ** 31)
    return out
  }

  /** Ends the transaction (commit, or abort); nothing without a transactional id. */
  async finish(commit: boolean): Promise<void> {
    const {transactionalId} = this.options
    if (!transactionalId || !this.identity || this.inTransaction.size === 0) return
    const identity = this.identity
    await this.coordinatorCall('EndTxn', async () => {
      const res = await this.conn.request(await this.conn.broker(this.coordinator), EndTxnApi, (v, E) =>
        endTxnRequest(v, transactionalId, identity, commit, E),
      )
      return {errorCode: res.errorCode, value: undefined}
    })
  }

  private async addToTransaction(partitions: number[]): Promise<void> {
    const {transactionalId} = this.options
    const fresh = partitions.filter((p) => !this.inTransaction.has(p))
    if (!transactionalId || !this.identity || fresh.length === 0) return
    const identity = this.identity
    await this.coordinatorCall('AddPartitionsToTxn', async () => {
      const res = await this.conn.request(await this.conn.broker(this.coordinator), AddPartitionsToTxnApi, (v, E) =>
        addPartitionsToTxnRequest(v, transactionalId, identity, [{name: this.options.topic, partitions: fresh}], E),
      )
      const failed = res.results.flatMap((t) => t.partitions).find((p) => p.errorCode !== 0)
      return {errorCode: failed?.errorCode ?? 0, value: undefined}
    })
    for (const p of fresh) this.inTransaction.add(p)
  }

  private async findTransactionCoordinator(transactionalId: string): Promise<number> {
    return this.coordinatorCall('FindCoordinator', async () => {
      const res = await this.conn.request(await this.conn.anyBroker(), FindCoordinatorApi, (v, E) =>
        findCoordinatorRequest(v, [transactionalId], E, COORDINATOR_TRANSACTION),
      )
      const c = res.coordinators[0]
      return {errorCode: c?.errorCode ?? 0, value: c?.nodeId ?? -1}
    })
  }

  /** A transaction coordinator call, retried while the coordinator is busy, loading or moving. */
  private async coordinatorCall<T>(what: string, call: () => Promise<{errorCode: number; value: T}>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const {errorCode, value} = await call()
      if (errorCode === 0) return value
      const name = errorName(errorCode)
      if (!COORDINATOR_RETRIABLE.has(name) || attempt >= 20)
        throw protocolErrorToKctl(
          errorCode,
          null,
          this.options.transactionalId ? `${what} for transactional id ${this.options.transactionalId}` : what,
        )
      if (name === 'NOT_COORDINATOR' && this.options.transactionalId && what !== 'FindCoordinator')
        this.coordinator = await this.findTransactionCoordinator(this.options.transactionalId)
      await pause(Math.min(1000, 50 * 2 ** attempt))
    }
  }
}

export const produceService = {
  async open(conn: KafkaConnection, options: ProduceOptions): Promise<RecordProducer> {
    const producer = new RecordProducer(conn, options)
    await producer.open()
    return producer
  },
}
