import type {KafkaConnection} from '../../connection/client.js'
import {usageError} from '../../errors.js'
import {didYouMean} from '../../input/did-you-mean.js'
import {liveBrokerIds} from '../cluster/brokers.js'
import {describeCluster} from '../cluster/cluster.js'
import {type PartitionState, partitionStates} from './partition-state.js'
import {type PartitionMove, generateAssignment, toMove} from '../partitions/reassign-plan.js'
import {topicsService} from './topics.js'

export interface TopicAlterPlan {
  topic: string
  partitionsBefore: number
  partitionsAfter: number
  replicationFactorBefore: number
  replicationFactorAfter: number
  /** Replica lists for the partitions to create (null: the broker places them, with the current factor). */
  newAssignments: number[][] | null
  /** Reassignment of the existing partitions (empty without a replication-factor change). */
  moves: PartitionMove[]
}

/**
 * Validate `topics alter` against the cluster and plan it (Metadata and DescribeCluster only:
 * nothing changes). A new replication factor must be 1..live brokers and differ from the current
 * one; with a partition increase too, the new partitions get the new factor directly.
 */
export async function planTopicAlter(
  conn: KafkaConnection,
  topic: string,
  change: {partitions?: number; replicationFactor?: number},
): Promise<TopicAlterPlan> {
  const [all, brokers] = await Promise.all([partitionStates(conn), liveBrokerIds(conn)])
  const states = all.filter((s) => s.topic === topic)
  if (states.length === 0) {
    const hint = didYouMean(topic, new Set(all.map((s) => s.topic))) ?? 'List topics with `kctl topics list`.'
    throw usageError(`Topic not found: ${topic}`, hint, 'TOPIC_NOT_FOUND', {topics: [topic]})
  }
  const before = states.length
  const rfBefore = Math.max(0, ...states.map((s) => s.replicas.length))
  const after = change.partitions ?? before
  if (after < before) {
    throw usageError(
      `Topic ${topic} has ${before} partitions; Kafka cannot decrease the count to ${after}`,
      'Create a new topic with fewer partitions and copy the data, or keep the count.',
      'PARTITION_DECREASE',
    )
  }
  if (change.partitions !== undefined && after === before && change.replicationFactor === undefined) {
    throw usageError(
      `Topic ${topic} already has ${before} partitions`,
      `Pass a count above ${before}.`,
      'PARTITION_COUNT_UNCHANGED',
    )
  }
  const rf = change.replicationFactor
  if (rf === undefined)
    return {
      topic,
      partitionsBefore: before,
      partitionsAfter: after,
      replicationFactorBefore: rfBefore,
      replicationFactorAfter: rfBefore,
      newAssignments: null,
      moves: [],
    }
  if (rf > brokers.length) {
    throw usageError(
      `Replication factor ${rf} is more than the cluster's ${brokers.length} live broker(s) (${brokers.join(',')})`,
      `Choose 1..${brokers.length}.`,
      'INVALID_REPLICATION_FACTOR',
    )
  }
  if (states.every((s) => s.replicas.length === rf)) {
    throw usageError(
      `Topic ${topic} already has replication factor ${rf}`,
      rf === 1
        ? 'Pass a higher --replication-factor.'
        : `Pass a different --replication-factor (1..${brokers.length}).`,
      'REPLICATION_FACTOR_UNCHANGED',
    )
  }
  const cluster = await describeCluster(conn)
  const racks = brokers.map((id) => ({id, rack: cluster.brokers.find((b) => b.id === id)?.rack ?? null}))
  const fresh: PartitionState[] = Array.from({length: after - before}, (_, i) => ({
    topic,
    partition: before + i,
    leader: -1,
    replicas: [],
    isr: [],
    offlineReplicas: [],
  }))
  const planned = generateAssignment([...states, ...fresh], racks, rf)
  const isNew = (m: PartitionMove) => m.partition >= before
  // Kafka creates partitions only with the factor partition 0 has now: the new ones start with that
  // many replicas (a prefix of their planned ones, or extra brokers) and reach `rf` by the reassignment.
  const createRf = states[0].replicas.length
  const created = planned.filter(isNew).sort((a, b) => a.partition - b.partition)
  const newAssignments = created.map((m) =>
    rf >= createRf
      ? m.proposed.slice(0, createRf)
      : [...m.proposed, ...brokers.filter((b) => !m.proposed.includes(b)).slice(0, createRf - rf)],
  )
  const newMoves = created
    .map((m, i) => toMove({topic, partition: m.partition, replicas: newAssignments[i]}, m.proposed))
    .filter((m) => m.adding.length + m.removing.length > 0)
  return {
    topic,
    partitionsBefore: before,
    partitionsAfter: after,
    replicationFactorBefore: rfBefore,
    replicationFactorAfter: rf,
    newAssignments: fresh.length > 0 ? newAssignments : null,
    moves: [...planned.filter((m) => !isNew(m)), ...newMoves],
  }
}

/** CreatePartitions as planned, then wait (briefly) until Metadata shows the new partitions, so their moves can be verified. */
export async function createPlannedPartitions(
  conn: KafkaConnection,
  plan: TopicAlterPlan,
  timeoutMs: number,
): Promise<void> {
  await topicsService.increasePartitions(conn, plan.topic, plan.partitionsAfter, {
    dryRun: false,
    timeoutMs,
    assignments: plan.newAssignments ?? undefined,
  })
  for (let i = 0; i < 50 && (await partitionStates(conn, [plan.topic])).length < plan.partitionsAfter; i++)
    await new Promise((resolve) => setTimeout(resolve, 200))
}

/** The service object commands call (command tests replace its functions). */
export const topicAlterService = {planTopicAlter, createPlannedPartitions}
