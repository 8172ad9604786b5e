import {usageError} from '../../errors.js'
import {assertUniqueKeys, parseConfigAssignment} from '../../input/config-entries.js'
import {NUMBER_RULES, checkIntegerRange} from '../../input/numbers.js'
import {parseReplicaAssignment} from '../../input/replica-assignment.js'
import {validateConfigChanges} from '../configs/configs.js'
import {type NewTopic, type TopicOperationResult, collidingTopics, validateTopicName} from './topics.js'

export interface TopicCreateInput {
  names: string[]
  partitions?: number
  replicationFactor?: number
  configs?: string[]
  replicaAssignment?: string
}

export interface TopicCreateContext {
  brokerIds: number[]
  existing: Set<string>
  /** The broker's num.partitions and default.replication.factor, used when the flags are omitted. */
  defaults: {partitions: number; replicationFactor: number}
}

/**
 * What can be checked without the cluster (names, counts, configs, the assignment's syntax):
 * `topics create` runs it before connecting; planTopicCreation runs it again with the brokers.
 */
export function checkTopicCreateInput(input: TopicCreateInput, brokerIds?: number[]): {key: string; value: string}[] {
  if (input.names.length === 0)
    throw usageError(
      'No topic name given',
      'Pass one or more names: `kctl topics create NAME... --partitions N`.',
      'MISSING_TOPIC_NAME',
    )
  const dup = input.names.find((n, i) => input.names.indexOf(n) !== i)
  if (dup !== undefined) throw usageError(`Topic ${dup} is named twice`, undefined, 'DUPLICATE_TOPIC_NAME')
  for (const n of input.names) validateTopicName(n)
  if (
    input.replicaAssignment !== undefined &&
    (input.partitions !== undefined || input.replicationFactor !== undefined)
  ) {
    throw usageError(
      '--replica-assignment sets the partitions and replicas itself',
      'Drop --partitions and --replication-factor, or drop --replica-assignment.',
      'CONFLICTING_ARGUMENTS',
    )
  }
  if (input.partitions !== undefined && input.partitions < 1)
    throw usageError(`--partitions must be at least 1 (got ${input.partitions})`, undefined, 'INVALID_PARTITIONS')
  const rf = input.replicationFactor
  if (rf !== undefined && rf < 1)
    throw usageError(`--replication-factor must be at least 1 (got ${rf})`, undefined, 'INVALID_REPLICATION_FACTOR')
  if (input.partitions !== undefined) checkIntegerRange(input.partitions, '--partitions', NUMBER_RULES.partitionCount)
  if (rf !== undefined) checkIntegerRange(rf, '--replication-factor', NUMBER_RULES.replicationFactor)
  const entries = (input.configs ?? []).map((c) => parseConfigAssignment(c, '--config'))
  assertUniqueKeys(entries.map((e) => e.key))
  validateConfigChanges(
    {type: 'topic', name: input.names[0]},
    entries.map((e) => ({key: e.key, operation: 'set', value: e.value})),
  )
  if (input.replicaAssignment !== undefined) parseReplicaAssignment(input.replicaAssignment, brokerIds)
  return entries
}

/** Validate everything about a create before any mutating request: names, counts, configs, assignment. */
export function planTopicCreation(
  input: TopicCreateInput,
  ctx: TopicCreateContext,
): {topics: NewTopic[]; warnings: string[]} {
  const entries = checkTopicCreateInput(input, ctx.brokerIds)
  const rf = input.replicationFactor
  if (rf !== undefined && rf > ctx.brokerIds.length) {
    throw usageError(
      `--replication-factor ${rf} is larger than the number of brokers (${ctx.brokerIds.length})`,
      `Use at most ${ctx.brokerIds.length}.`,
      'INVALID_REPLICATION_FACTOR',
    )
  }
  const assignment =
    input.replicaAssignment === undefined ? undefined : parseReplicaAssignment(input.replicaAssignment, ctx.brokerIds)
  const warnings: string[] = []
  for (const n of input.names) {
    const others = collidingTopics(n, [...ctx.existing, ...input.names])
    if (others.length > 0)
      warnings.push(
        `Topic ${n} collides with ${others.join(', ')}: names that differ only in '.' and '_' share metric names.`,
      )
  }
  const configs = Object.fromEntries(entries.map((e) => [e.key, e.value]))
  const topics = input.names.map((name) => ({
    name,
    partitions: assignment ? assignment.length : (input.partitions ?? ctx.defaults.partitions),
    replicationFactor: assignment ? assignment[0].length : (rf ?? ctx.defaults.replicationFactor),
    replicaAssignment: assignment,
    configs,
  }))
  return {topics, warnings}
}

/** The one-line summary of the failed items of a batch, or undefined when none failed. */
export function partialFailureMessage(results: TopicOperationResult[], verb: string): string | undefined {
  const failed = results.filter((r) => r.status === 'failed')
  if (failed.length === 0) return undefined
  return `Could not ${verb} ${failed.length} of ${results.length} topic(s): ${failed.map((f) => `${f.name} (${f.error})`).join(', ')}`
}
