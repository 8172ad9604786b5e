import {TRANSACTION_STATES} from '../admin/records/transactions.js'
import {usageError} from '../errors.js'
import {parseDuration} from '../input/duration.js'
import {parseTopicPartitions} from '../input/topic-partitions.js'

/** `TOPIC:P`: exactly one partition. */
export function parseOnePartition(input: string | undefined, example: string): {topic: string; partition: number} {
  if (!input)
    throw usageError('Name the partition as TOPIC:PARTITION', `E.g. \`${example}\`.`, 'INVALID_TOPIC_PARTITION')
  const spec = parseTopicPartitions(input, 'TOPIC:PARTITION')
  if (spec.partitions?.length !== 1)
    throw usageError(
      `Invalid partition "${input}": name exactly one partition, as TOPIC:PARTITION`,
      `E.g. \`${example}\`.`,
      'INVALID_TOPIC_PARTITION',
    )
  return {topic: spec.topic, partition: spec.partitions[0]}
}

/** Canonical state names from a comma-separated list (case-insensitive), or a usage error. */
export function parseTransactionStates(input: string | undefined): string[] {
  if (!input) return []
  return input
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((v) => {
      const state = TRANSACTION_STATES.find((s) => s.toLowerCase() === v.toLowerCase())
      if (!state)
        throw usageError(
          `Unknown transaction state "${v}"`,
          `Use one of: ${TRANSACTION_STATES.join(', ')}.`,
          'INVALID_TRANSACTION_STATE',
        )
      return state
    })
}

/** A non-negative duration flag in milliseconds. */
export function parseNonNegativeDuration(input: string, flag: string): number {
  const ms = parseDuration(input, flag)
  if (ms < 0) throw usageError(`${flag} must not be negative`, `E.g. ${flag} 15m.`, 'INVALID_DURATION')
  return ms
}

/** A Java-compatible regular expression check: refuse what JavaScript cannot even parse. */
export function checkPattern(pattern: string, flag: string): string {
  try {
    new RegExp(pattern)
  } catch (error) {
    throw usageError(
      `Invalid ${flag} "${pattern}": ${(error as Error).message}`,
      `${flag} is a regular expression over transactional ids, e.g. ${flag} 'orders-.*'.`,
      'INVALID_PATTERN',
    )
  }
  return pattern
}
