/**
 * kctl's own view of the cluster, from its own Metadata requests. Partition and topic errors are
 * kept as data: a leaderless partition is a fact for the services to report, never an exception
 * that ends an unrelated command (kafkajs's Cluster throws LEADER_NOT_AVAILABLE for the whole
 * cluster when one partition has no leader).
 */

export interface BrokerInfo {
  id: number
  host: string
  port: number
  rack: string | null
}

export interface PartitionMetadata {
  partition: number
  /** 0, or the partition's error (e.g. LEADER_NOT_AVAILABLE): data, not an exception. */
  errorCode: number
  /** -1 when the partition has no leader. */
  leader: number
  leaderEpoch: number
  /** In preference order: replicas[0] is the preferred leader. */
  replicas: number[]
  isr: number[]
  offlineReplicas: number[]
}

export interface TopicMetadata {
  name: string
  /** Kafka's base64url topic id (as kafka-topics prints it). */
  topicId: string | null
  internal: boolean
  /** 0, or the topic's error (UNKNOWN_TOPIC_OR_PARTITION, TOPIC_AUTHORIZATION_FAILED, ...). */
  errorCode: number
  partitions: PartitionMetadata[]
}

export interface ClusterMetadata {
  clusterId: string | null
  /** On KRaft a random live broker (not the active controller): DescribeCluster/DescribeQuorum tell. */
  controllerId: number
  /** The live (registered, unfenced) brokers, sorted by id. */
  brokers: BrokerInfo[]
  /** Sorted by name; topics answered with an error keep their error code and have no partitions. */
  topics: TopicMetadata[]
}

/** `host:port`, with IPv6 hosts in brackets. */
export function brokerAddress(b: {host: string; port: number}): string {
  return b.host.includes(':') ? `[${b.host}]:${b.port}` : `${b.host}:${b.port}`
}

/** Split `host:port` / `[v6]:port`. */
export function parseAddress(address: string): {host: string; port: number} {
  const m = /^\[(.+)\]:(\d+)$/.exec(address) ?? /^(.+):(\d+)$/.exec(address)
  if (!m) return {host: address, port: 9092}
  return {host: m[1], port: Number(m[2])}
}

/** The topics answered without an error. */
export function healthyTopics(metadata: ClusterMetadata): TopicMetadata[] {
  return metadata.topics.filter((t) => t.errorCode === 0)
}
