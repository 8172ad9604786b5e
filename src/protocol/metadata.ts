import type {KafkaEncoder} from './kafkajs-internals.js'
import {type ApiSpec, type Reader, buildRequest, flex} from './wire.js'

/**
 * Metadata (API 3) v12-v13, kctl's own: kafkajs stops at v6 (no topic ids) and its parser throws
 * away the whole response when one partition has no leader (LEADER_NOT_AVAILABLE), which is
 * exactly when an operator runs `topics describe --unavailable-partitions`.
 */
export const MetadataApi: ApiSpec = {apiKey: 3, apiName: 'Metadata', minVersion: 12, maxVersion: 13, flexibleVersion: 9}

export interface MetadataBroker {
  nodeId: number
  host: string
  port: number
  rack: string | null
}

export interface MetadataPartition {
  errorCode: number
  partitionIndex: number
  leaderId: number
  leaderEpoch: number
  replicaNodes: number[]
  isrNodes: number[]
  offlineReplicas: number[]
}

export interface MetadataTopic {
  errorCode: number
  name: string | null
  /** Kafka's base64url form (as kafka-topics prints it); null for the zero UUID. */
  topicId: string | null
  isInternal: boolean
  partitions: MetadataPartition[]
}

export interface MetadataResponse {
  throttleTimeMs: number
  brokers: MetadataBroker[]
  clusterId: string | null
  controllerId: number
  topics: MetadataTopic[]
  /** v13+, 0 before. */
  errorCode: number
}

/** null topics = every topic. */
export function encodeMetadata(e: KafkaEncoder, topics: string[] | null): void {
  flex.array(e, topics, (e, name) => {
    e.writeBuffer(Buffer.alloc(16)) // topic_id: zero, the name is used
    e.writeUVarIntString(name)
    flex.tags(e)
  })
  e.writeBoolean(false) // allow_auto_topic_creation
  e.writeBoolean(false) // include_topic_authorized_operations
  flex.tags(e)
}

/** Kafka prints UUIDs as URL-safe base64 without padding. */
export function kafkaUuid(hex: string): string | null {
  if (/^0+$/.test(hex)) return null
  return Buffer.from(hex, 'hex').toString('base64url')
}

export function decodeMetadata(r: Reader, version: number): MetadataResponse {
  const throttleTimeMs = r.int32()
  const brokers = r.compactArray((b) => {
    const broker = {nodeId: b.int32(), host: b.compactString(), port: b.int32(), rack: b.compactNullableString()}
    b.taggedFields()
    return broker
  })
  const clusterId = r.compactNullableString()
  const controllerId = r.int32()
  const int32s = (x: Reader) => x.compactArray((y) => y.int32())
  const topics = r.compactArray((t) => {
    const errorCode = t.int16()
    const name = t.compactNullableString()
    const topicId = kafkaUuid(t.uuid())
    const isInternal = t.bool()
    const partitions = t.compactArray((p) => {
      const partition = {
        errorCode: p.int16(),
        partitionIndex: p.int32(),
        leaderId: p.int32(),
        leaderEpoch: p.int32(),
        replicaNodes: int32s(p),
        isrNodes: int32s(p),
        offlineReplicas: int32s(p),
      }
      p.taggedFields()
      return partition
    })
    t.int32() // topic_authorized_operations
    t.taggedFields()
    return {errorCode, name, topicId, isInternal, partitions}
  })
  const errorCode = version >= 13 ? r.int16() : 0
  r.taggedFields()
  return {throttleTimeMs, brokers, clusterId, controllerId, topics, errorCode}
}

export function metadataRequest(version: number, topics: string[] | null, Encoder: new () => KafkaEncoder) {
  return buildRequest({
    api: MetadataApi,
    version,
    Encoder,
    encode: (e) => encodeMetadata(e, topics),
    decode: (r) => decodeMetadata(r, version),
  })
}
