import type {KafkaEncoder} from './kafkajs-internals.js'
import {type ApiSpec, type Reader, buildRequest, flex, int64} from './wire.js'

/**
 * The producer-side transaction APIs a client sends (transaction protocol v1, served by Kafka
 * 2.5 through 4.x): InitProducerId (22) v3-v4, AddPartitionsToTxn (24) v3, EndTxn (26) v3-v4.
 */
export const InitProducerIdApi: ApiSpec = {
  apiKey: 22,
  apiName: 'InitProducerId',
  minVersion: 3,
  maxVersion: 4,
  flexibleVersion: 2,
}
export const AddPartitionsToTxnApi: ApiSpec = {
  apiKey: 24,
  apiName: 'AddPartitionsToTxn',
  minVersion: 3,
  maxVersion: 3,
  flexibleVersion: 3,
}
export const EndTxnApi: ApiSpec = {apiKey: 26, apiName: 'EndTxn', minVersion: 3, maxVersion: 4, flexibleVersion: 3}

export interface ProducerIdentity {
  producerId: bigint
  producerEpoch: number
}

export function encodeInitProducerId(
  e: KafkaEncoder,
  transactionalId: string | null,
  transactionTimeoutMs: number,
): void {
  flex.nullableString(e, transactionalId)
  e.writeInt32(transactionTimeoutMs)
  int64(e, -1n) // producer id: none yet
  e.writeInt16(-1) // producer epoch
  flex.tags(e)
}

export function decodeInitProducerId(r: Reader): ProducerIdentity & {throttleTimeMs: number; errorCode: number} {
  const out = {throttleTimeMs: r.int32(), errorCode: r.int16(), producerId: r.int64(), producerEpoch: r.int16()}
  r.taggedFields()
  return out
}

export function initProducerIdRequest(
  version: number,
  transactionalId: string | null,
  transactionTimeoutMs: number,
  Encoder: new () => KafkaEncoder,
) {
  return buildRequest({
    api: InitProducerIdApi,
    version,
    Encoder,
    encode: (e) => encodeInitProducerId(e, transactionalId, transactionTimeoutMs),
    decode: decodeInitProducerId,
  })
}

export function encodeAddPartitionsToTxn(
  e: KafkaEncoder,
  transactionalId: string,
  id: ProducerIdentity,
  topics: {name: string; partitions: number[]}[],
): void {
  flex.string(e, transactionalId)
  int64(e, id.producerId)
  e.writeInt16(id.producerEpoch)
  flex.array(e, topics, (e, t) => {
    flex.string(e, t.name)
    flex.array(e, t.partitions, (e, p) => e.writeInt32(p))
    flex.tags(e)
  })
  flex.tags(e)
}

export function decodeAddPartitionsToTxn(r: Reader): {
  throttleTimeMs: number
  results: {name: string; partitions: {partitionIndex: number; errorCode: number}[]}[]
} {
  const throttleTimeMs = r.int32()
  const results = r.compactArray((t) => {
    const name = t.compactString()
    const partitions = t.compactArray((p) => {
      const out = {partitionIndex: p.int32(), errorCode: p.int16()}
      p.taggedFields()
      return out
    })
    t.taggedFields()
    return {name, partitions}
  })
  r.taggedFields()
  return {throttleTimeMs, results}
}

export function addPartitionsToTxnRequest(
  version: number,
  transactionalId: string,
  id: ProducerIdentity,
  topics: {name: string; partitions: number[]}[],
  Encoder: new () => KafkaEncoder,
) {
  return buildRequest({
    api: AddPartitionsToTxnApi,
    version,
    Encoder,
    encode: (e) => encodeAddPartitionsToTxn(e, transactionalId, id, topics),
    decode: decodeAddPartitionsToTxn,
  })
}

export function encodeEndTxn(e: KafkaEncoder, transactionalId: string, id: ProducerIdentity, committed: boolean): void {
  flex.string(e, transactionalId)
  int64(e, id.producerId)
  e.writeInt16(id.producerEpoch)
  e.writeBoolean(committed)
  flex.tags(e)
}

export function decodeEndTxn(r: Reader): {throttleTimeMs: number; errorCode: number} {
  const out = {throttleTimeMs: r.int32(), errorCode: r.int16()}
  r.taggedFields()
  return out
}

export function endTxnRequest(
  version: number,
  transactionalId: string,
  id: ProducerIdentity,
  committed: boolean,
  Encoder: new () => KafkaEncoder,
) {
  return buildRequest({
    api: EndTxnApi,
    version,
    Encoder,
    encode: (e) => encodeEndTxn(e, transactionalId, id, committed),
    decode: decodeEndTxn,
  })
}
