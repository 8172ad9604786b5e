import {partialFailureMessage} from '../admin/topic-plan.js'
import type {TopicOperationResult} from '../admin/topics.js'
import type {View} from '../output/format.js'

/** The result of `topics create` and `topics delete`: one row per topic. */
export interface TopicBatchResult {
  dryRun: boolean
  topics: TopicOperationResult[]
}

export const topicBatchView: View<TopicBatchResult> = {
  columns: [
    {key: 'name', header: 'TOPIC'},
    {key: 'status', header: 'STATUS', color: (v) => (v === 'failed' ? 'red' : v === 'exists' ? 'dim' : 'green')},
    {key: 'error', header: 'ERROR'},
  ],
  rows: (d) => d.topics.map((t) => ({...t})),
  empty: 'No topics.',
}

/**
 * A partial failure is exit 1 naming the failed topics, after the per-topic result was printed
 * (so --json still carries every topic's status).
 */
export function exitOnPartialFailure(results: TopicOperationResult[], verb: string): void {
  const failure = partialFailureMessage(results, verb)
  if (!failure) return
  process.stderr.write(`Error: ${failure}\n`)
  process.exitCode = 1
}
