import type {KafkaEncoder} from './kafkajs-internals.js'
import {writeTopicPartitions} from './topic-partitions.js'
import {type ApiSpec, type Reader, buildRequest} from './wire.js'

/** DescribeProducers (API 61, KIP-664): a partition replica's active producers and open transactions. Flexible. */
export const DescribeProducersApi: ApiSpec = {
  apiKey: 61,
  apiName: 'DescribeProducers',
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
}

export interface ActiveProducer {
  producerId: bigint
  producerEpoch: number
  lastSequence: number
  lastTimestamp: bigint
  /** -1 when unknown (a transaction started by a new producer id before any marker). */
  coordinatorEpoch: number
  /** -1 when the producer has no open transaction on the partition. */
  currentTxnStartOffset: bigint
}

export interface DescribeProducersPartition {
  partitionIndex: number
  errorCode: number
  errorMessage: string | null
  activeProducers: ActiveProducer[]
}

export function encodeDescribeProducers(e: KafkaEncoder, topics: {topic: string; partitions: number[]}[]): void {
  writeTopicPartitions(e, true, topics)
  e.writeInt8(0)
}

export function decodeDescribeProducers(r: Reader): {
  throttleTimeMs: number
  topics: {name: string; partitions: DescribeProducersPartition[]}[]
} {
  const throttleTimeMs = r.int32()
  const topics = r.compactArray((t) => {
    const name = t.compactString()
    const partitions = t.compactArray((p) => {
      const partitionIndex = p.int32()
      const errorCode = p.int16()
      const errorMessage = p.compactNullableString()
      const activeProducers = p.compactArray((a) => {
        const producer = {
          producerId: a.int64(),
          producerEpoch: a.int32(),
          lastSequence: a.int32(),
          lastTimestamp: a.int64(),
          coordinatorEpoch: a.int32(),
          currentTxnStartOffset: a.int64(),
        }
        a.taggedFields()
        return producer
      })
      p.taggedFields()
      return {partitionIndex, errorCode, errorMessage, activeProducers}
    })
    t.taggedFields()
    return {name, partitions}
  })
  r.taggedFields()
  return {throttleTimeMs, topics}
}

export function describeProducersRequest(
  version: number,
  topics: {topic: string; partitions: number[]}[],
  Encoder: new () => KafkaEncoder,
) {
  return buildRequest({
    api: DescribeProducersApi,
    version,
    Encoder,
    encode: (e) => encodeDescribeProducers(e, topics),
    decode: decodeDescribeProducers,
  })
}
