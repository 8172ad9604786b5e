import type {KafkaEncoder} from './kafkajs-internals.js'
import {type ApiSpec, type Reader, buildRequest, flex} from './wire.js'

/** DescribeTransactions (API 65, KIP-664): a transaction's state, sent to its coordinator. Flexible. */
export const DescribeTransactionsApi: ApiSpec = {
  apiKey: 65,
  apiName: 'DescribeTransactions',
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
}

/**
 * The coordinator's transaction states (TransactionState.java), by their id in the
 * __transaction_state log; DescribeTransactions and ListTransactions name them.
 */
export const TRANSACTION_STATES = [
  'Empty',
  'Ongoing',
  'PrepareCommit',
  'PrepareAbort',
  'CompleteCommit',
  'CompleteAbort',
  'Dead',
  'PrepareEpochFence',
] as const

export interface DescribedTransaction {
  errorCode: number
  transactionalId: string
  transactionState: string
  transactionTimeoutMs: number
  /** -1 when no transaction is running. */
  transactionStartTimeMs: bigint
  producerId: bigint
  producerEpoch: number
  topics: {topic: string; partitions: number[]}[]
}

export function encodeDescribeTransactions(e: KafkaEncoder, transactionalIds: string[]): void {
  flex.array(e, transactionalIds, (e, id) => flex.string(e, id))
  flex.tags(e)
}

export function decodeDescribeTransactions(r: Reader): {throttleTimeMs: number; transactions: DescribedTransaction[]} {
  const throttleTimeMs = r.int32()
  const transactions = r.compactArray((t) => {
    const errorCode = t.int16()
    const transactionalId = t.compactString()
    const transactionState = t.compactString()
    const transactionTimeoutMs = t.int32()
    const transactionStartTimeMs = t.int64()
    const producerId = t.int64()
    const producerEpoch = t.int16()
    const topics = t.compactArray((p) => {
      const topic = {topic: p.compactString(), partitions: p.compactArray((x) => x.int32())}
      p.taggedFields()
      return topic
    })
    t.taggedFields()
    return {
      errorCode,
      transactionalId,
      transactionState,
      transactionTimeoutMs,
      transactionStartTimeMs,
      producerId,
      producerEpoch,
      topics,
    }
  })
  r.taggedFields()
  return {throttleTimeMs, transactions}
}

export function describeTransactionsRequest(
  version: number,
  transactionalIds: string[],
  Encoder: new () => KafkaEncoder,
) {
  return buildRequest({
    api: DescribeTransactionsApi,
    version,
    Encoder,
    encode: (e) => encodeDescribeTransactions(e, transactionalIds),
    decode: decodeDescribeTransactions,
  })
}
