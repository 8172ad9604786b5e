import {usageError} from '../errors.js'
import {NUMBER_RULES, parseInteger} from './numbers.js'

/**
 * kafka-topics' --replica-assignment: partitions separated by ',', the replicas of one partition
 * by ':' (the first is the preferred leader), e.g. `1:2,2:3,3:1`. Without `brokerIds` (before
 * connecting) only the syntax and the ranges are checked.
 */
export function parseReplicaAssignment(text: string, brokerIds?: number[]): number[][] {
  const hint = 'Use broker ids, partitions separated by "," and replicas by ":", e.g. --replica-assignment 1:2,2:3,3:1.'
  const partitions = text.split(',').map((part, i) => {
    const replicas = part.split(':').map((r) => r.trim())
    if (replicas.some((r) => !/^\d+$/.test(r)))
      throw usageError(
        `Invalid --replica-assignment "${text}": partition ${i} has "${part}"`,
        hint,
        'INVALID_REPLICA_ASSIGNMENT',
      )
    const ids = replicas.map((r) => parseInteger(r, '--replica-assignment', NUMBER_RULES.brokerId))
    if (new Set(ids).size !== ids.length)
      throw usageError(
        `Invalid --replica-assignment: partition ${i} lists a broker twice (${part})`,
        hint,
        'INVALID_REPLICA_ASSIGNMENT',
      )
    const unknown = brokerIds && ids.find((id) => !brokerIds.includes(id))
    if (brokerIds && unknown !== undefined)
      throw usageError(
        `Invalid --replica-assignment: broker ${unknown} is not in the cluster`,
        `Brokers: ${brokerIds.join(', ')}.`,
        'INVALID_REPLICA_ASSIGNMENT',
      )
    return ids
  })
  if (new Set(partitions.map((p) => p.length)).size > 1) {
    throw usageError(
      'Invalid --replica-assignment: every partition needs the same number of replicas',
      hint,
      'INVALID_REPLICA_ASSIGNMENT',
    )
  }
  return partitions
}
