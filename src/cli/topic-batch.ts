import {partialFailureMessage} from '../admin/topics/topic-plan.js'
import type {TopicOperationResult} from '../admin/topics/topics.js'
import {ExitCode} from '../errors.js'
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
  footer: (d) => (d.dryRun && d.topics.length > 0 ? ['', 'Dry run: validated only; nothing was changed.'] : []),
}

/**
 * A partial failure is exit 1 naming the failed topics, after the per-topic result was printed
 * (so --json still carries every topic's status).
 */
export function exitOnPartialFailure(results: TopicOperationResult[], verb: string): void {
  const failure = partialFailureMessage(results, verb)
  if (!failure) return
  const failed = results.filter((r) => r.status === 'failed')
  // Every failure a missing ACL: that is "cannot authorize" (exit 4), naming the denied operation.
  if (failed.every((r) => /AUTHORIZATION_FAILED/.test(r.error ?? ''))) {
    process.stderr.write(
      `Error: Not authorized: the cluster denied ${verb.toUpperCase()} on topic ${failed.map((r) => r.name).join(', ')}\n`,
    )
    process.stderr.write(
      `Hint: Ask an administrator for an ACL, e.g. \`kctl acls create --allow-principal User:<you> --operation ${verb.toUpperCase()} --topic ${failed[0].name}\`.\n`,
    )
    process.exitCode = ExitCode.connection
    return
  }
  process.stderr.write(`Error: ${failure}\n`)
  process.exitCode = ExitCode.failed
}
