import type {KafkaEncoder} from './kafkajs-internals.js'
import {writeTopicPartitions} from './topic-partitions.js'
import {type ApiSpec, type Reader, buildRequest, flex, int64} from './wire.js'

/**
 * WriteTxnMarkers (API 27): writes COMMIT/ABORT control records to partition leaders. Brokers send
 * it to each other; an administrator sends it to abort a hanging transaction (KIP-664). v1 is the
 * first flexible version and the lowest Kafka 4.x accepts; v2 adds the transaction version (KIP-890).
 */
export const WriteTxnMarkersApi: ApiSpec = {
  apiKey: 27,
  apiName: 'WriteTxnMarkers',
  minVersion: 1,
  maxVersion: 2,
  flexibleVersion: 1,
}

export interface TxnMarker {
  producerId: bigint
  producerEpoch: number
  /** false = abort. */
  commit: boolean
  topics: {topic: string; partitions: number[]}[]
  coordinatorEpoch: number
  /** v2+: 0 or 1 for the classic protocol, 2 for KIP-890 transactions. */
  transactionVersion?: number
}

export interface WriteTxnMarkersResult {
  producerId: bigint
  topics: {name: string; partitions: {partitionIndex: number; errorCode: number}[]}[]
}

export function encodeWriteTxnMarkers(e: KafkaEncoder, version: number, markers: TxnMarker[]): void {
  flex.array(e, markers, (e, m) => {
    int64(e, m.producerId)
    e.writeInt16(m.producerEpoch)
    e.writeBoolean(m.commit)
    writeTopicPartitions(e, true, m.topics)
    e.writeInt32(m.coordinatorEpoch)
    if (version >= 2) e.writeInt8(m.transactionVersion ?? 0)
    flex.tags(e)
  })
  flex.tags(e)
}

export function decodeWriteTxnMarkers(r: Reader): {markers: WriteTxnMarkersResult[]} {
  const markers = r.compactArray((m) => {
    const producerId = m.int64()
    const topics = m.compactArray((t) => {
      const name = t.compactString()
      const partitions = t.compactArray((p) => {
        const partition = {partitionIndex: p.int32(), errorCode: p.int16()}
        p.taggedFields()
        return partition
      })
      t.taggedFields()
      return {name, partitions}
    })
    m.taggedFields()
    return {producerId, topics}
  })
  r.taggedFields()
  return {markers}
}

export function writeTxnMarkersRequest(version: number, markers: TxnMarker[], Encoder: new () => KafkaEncoder) {
  return buildRequest({
    api: WriteTxnMarkersApi,
    version,
    Encoder,
    encode: (e) => encodeWriteTxnMarkers(e, version, markers),
    decode: decodeWriteTxnMarkers,
  })
}
