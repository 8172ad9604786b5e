import type {KafkaEncoder} from './kafkajs-internals.js'
import {type ApiSpec, type Reader, buildRequest, flex} from './wire.js'

/**
 * DescribeQuorum (API 55): the KRaft metadata quorum. Brokers forward it to the active
 * controller, so its leader id is the real active controller (DescribeCluster's is not on KRaft).
 */
export const DescribeQuorumApi: ApiSpec = {
  apiKey: 55,
  apiName: 'DescribeQuorum',
  minVersion: 0,
  maxVersion: 2,
  flexibleVersion: 0,
}

export const METADATA_TOPIC = '__cluster_metadata'

export interface QuorumReplica {
  replicaId: number
  /** v2+: hex UUID of the replica's metadata log directory. */
  replicaDirectoryId: string | null
  logEndOffset: bigint
  /** v1+, -1 when unknown. */
  lastFetchTimestamp: bigint
  lastCaughtUpTimestamp: bigint
}

export interface QuorumPartition {
  partitionIndex: number
  errorCode: number
  errorMessage: string | null
  leaderId: number
  leaderEpoch: number
  highWatermark: bigint
  currentVoters: QuorumReplica[]
  observers: QuorumReplica[]
}

export interface QuorumNode {
  nodeId: number
  listeners: {name: string; host: string; port: number}[]
}

export interface DescribeQuorumResponse {
  errorCode: number
  errorMessage: string | null
  topics: {topicName: string; partitions: QuorumPartition[]}[]
  nodes: QuorumNode[]
}

export function encodeDescribeQuorum(e: KafkaEncoder, topics: {topicName: string; partitions: number[]}[]): void {
  flex.array(e, topics, (e, t) => {
    e.writeUVarIntString(t.topicName)
    flex.array(e, t.partitions, (e, p) => {
      e.writeInt32(p)
      flex.tags(e)
    })
    flex.tags(e)
  })
  flex.tags(e)
}

function readReplica(r: Reader, version: number): QuorumReplica {
  const replicaId = r.int32()
  const replicaDirectoryId = version >= 2 ? r.uuid() : null
  const logEndOffset = r.int64()
  const lastFetchTimestamp = version >= 1 ? r.int64() : -1n
  const lastCaughtUpTimestamp = version >= 1 ? r.int64() : -1n
  r.taggedFields()
  return {replicaId, replicaDirectoryId, logEndOffset, lastFetchTimestamp, lastCaughtUpTimestamp}
}

export function decodeDescribeQuorum(r: Reader, version: number): DescribeQuorumResponse {
  const errorCode = r.int16()
  const errorMessage = version >= 2 ? r.compactNullableString() : null
  const topics = r.compactArray((t) => {
    const topicName = t.compactString()
    const partitions = t.compactArray((p) => {
      const partitionIndex = p.int32()
      const errorCode = p.int16()
      const errorMessage = version >= 2 ? p.compactNullableString() : null
      const leaderId = p.int32()
      const leaderEpoch = p.int32()
      const highWatermark = p.int64()
      const currentVoters = p.compactArray((x) => readReplica(x, version))
      const observers = p.compactArray((x) => readReplica(x, version))
      p.taggedFields()
      return {partitionIndex, errorCode, errorMessage, leaderId, leaderEpoch, highWatermark, currentVoters, observers}
    })
    t.taggedFields()
    return {topicName, partitions}
  })
  const nodes =
    version >= 2
      ? r.compactArray((n) => {
          const nodeId = n.int32()
          const listeners = n.compactArray((l) => {
            const listener = {name: l.compactString(), host: l.compactString(), port: l.uint16()}
            l.taggedFields()
            return listener
          })
          n.taggedFields()
          return {nodeId, listeners}
        })
      : []
  r.taggedFields()
  return {errorCode, errorMessage, topics, nodes}
}

export function describeQuorumRequest(version: number, Encoder: new () => KafkaEncoder) {
  return buildRequest({
    api: DescribeQuorumApi,
    version,
    Encoder,
    encode: (e) => encodeDescribeQuorum(e, [{topicName: METADATA_TOPIC, partitions: [0]}]),
    decode: (r) => decodeDescribeQuorum(r, version),
  })
}
