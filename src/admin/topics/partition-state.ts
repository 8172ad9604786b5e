import type {KafkaConnection} from '../../connection/client.js'
import {usageError} from '../../errors.js'
import {topicDeniedError} from '../groups/offsets.js'
import {isInternalTopic} from './internal-topics.js'

export interface PartitionState {
  topic: string
  partition: number
  /** -1 when the partition has no leader (offline). */
  leader: number
  /** In preference order: replicas[0] is the preferred leader. */
  replicas: number[]
  isr: number[]
  offlineReplicas: number[]
}

/**
 * Leader, replicas and ISR of every partition (of `topics`, when given), from one Metadata
 * request, sorted by topic then partition. Unknown topics are a usage error (nothing was changed).
 */
export async function partitionStates(conn: KafkaConnection, topics?: string[]): Promise<PartitionState[]> {
  const metadata = await conn.metadata(topics ? [...new Set(topics)] : null)
  const denied = metadata.topics.filter((t) => t.errorCode === TOPIC_AUTHORIZATION_FAILED).map((t) => t.name)
  if (topics && denied.length > 0) throw topicDeniedError(denied)
  const known = new Set(metadata.topics.filter((t) => t.errorCode === 0).map((t) => t.name))
  const missing = [...new Set(topics ?? [])].filter((t) => !known.has(t)).sort()
  if (missing.length > 0) {
    throw usageError(
      `Unknown topic${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`,
      'List the topics with `kctl topics list`.',
      'UNKNOWN_TOPIC',
      {topics: missing},
    )
  }
  const wanted = topics ? new Set(topics) : undefined
  return metadata.topics
    .filter((t) => t.errorCode === 0 && (!wanted || wanted.has(t.name)))
    .flatMap((t) =>
      t.partitions.map((p) => ({
        topic: t.name,
        partition: p.partition,
        leader: p.leader,
        replicas: [...p.replicas],
        isr: [...p.isr],
        offlineReplicas: [...(p.offlineReplicas ?? [])],
      })),
    )
    .sort(byTopicPartition)
}

const TOPIC_AUTHORIZATION_FAILED = 29

export function byTopicPartition(a: {topic: string; partition: number}, b: {topic: string; partition: number}): number {
  return a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition
}

/** Check that every `topic:partition` exists; exit 2 naming the ones that do not. */
export function requireKnownPartitions(states: PartitionState[], wanted: {topic: string; partition: number}[]): void {
  const have = new Set(states.map((s) => `${s.topic}:${s.partition}`))
  const missing = wanted.filter((w) => !have.has(`${w.topic}:${w.partition}`)).map((w) => `${w.topic}:${w.partition}`)
  if (missing.length > 0) {
    throw usageError(
      `No such partition${missing.length > 1 ? 's' : ''}: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ` (and ${missing.length - 10} more)` : ''}`,
      'Check the partition counts with `kctl topics describe`.',
      'UNKNOWN_PARTITION',
      {partitions: missing},
    )
  }
}

/**
 * Expand `topic` / `topic:partitions` specs into partitions, checked against the cluster (exit 2
 * for unknown topics or partitions). No partitions = every partition of the topic.
 */
export async function resolveTopicPartitions(
  conn: KafkaConnection,
  specs: {topic: string; partitions?: number[]}[],
): Promise<{states: PartitionState[]; targets: {topic: string; partition: number}[]}> {
  const states = await partitionStates(conn, [...new Set(specs.map((s) => s.topic))])
  const targets = specs.flatMap((s) =>
    (s.partitions ?? states.filter((x) => x.topic === s.topic).map((x) => x.partition)).map((partition) => ({
      topic: s.topic,
      partition,
    })),
  )
  requireKnownPartitions(states, targets)
  return {states, targets}
}

export {isInternalTopic}
