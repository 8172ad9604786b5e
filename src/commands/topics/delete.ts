import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {isInternalTopic, topicsService} from '../../admin/topics/topics.js'
import {validateTopicName} from '../../input/topic-name.js'
import {KafkaCommand} from '../../base-command.js'
import {usageError} from '../../errors.js'
import {parseTopicRegex} from '../../flags/topics.js'
import {type TopicBatchResult, exitOnPartialFailure, topicBatchView} from '../../cli/topic-batch.js'

export default class TopicsDelete extends KafkaCommand<typeof TopicsDelete> {
  static summary = 'Delete topics by name (exact) or --match REGEX, after showing them and confirming.'
  static description =
    'A plain name is never a regular expression. Internal topics are refused. Without a TTY, --yes is required.'
  static examples = [
    '<%= config.bin %> topics delete orders-tmp --yes',
    '<%= config.bin %> topics delete --match "^loadtest-" --yes',
    '<%= config.bin %> topics delete old-a old-b --if-exists --yes',
  ]

  static strict = false
  static args = {names: Args.string({description: 'Topic names (exact).', required: false})}
  static flags = {
    match: Flags.string({summary: 'Delete every topic whose name matches this regular expression.'}),
    'if-exists': Flags.boolean({summary: 'Names that do not exist are skipped instead of an error.'}),
    yes: Flags.boolean({char: 'y', summary: 'Do not ask for confirmation.'}),
    'dry-run': Flags.boolean({summary: 'Show the topics that would be deleted; delete nothing.'}),
  }

  async run(): Promise<TopicBatchResult> {
    const {flags} = this
    const names = this.positionals
    if (names.length === 0 && !flags.match)
      throw usageError('No topics to delete', 'Pass topic names, or --match REGEX.', 'MISSING_TOPIC_NAME')
    if (names.length > 0 && flags.match)
      throw usageError('Pass topic names or --match, not both', undefined, 'CONFLICTING_ARGUMENTS')
    // A name Kafka could not have created cannot exist: said before connecting.
    for (const n of names) validateTopicName(n)
    const internal = names.find((n) => isInternalTopic(n))
    if (internal)
      throw usageError(
        `Refusing to delete the internal topic ${internal}`,
        "Internal topics hold Kafka's own state.",
        'INTERNAL_TOPIC',
      )
    const match = flags.match ? parseTopicRegex(flags.match) : undefined
    const conn = await this.connection()
    const all = await topicsService.listTopicsFiltered(conn, {match, excludeInternal: true})
    const exists = new Map(all.map((t) => [t.name, t]))
    const missing = names.filter((n) => !exists.has(n))
    if (missing.length > 0 && !flags['if-exists'])
      await topicsService.throwMissingTopics(
        conn,
        missing,
        exists.keys(),
        'Check the names with `kctl topics list`, or pass --if-exists.',
      )
    const targets = (names.length > 0 ? names.filter((n) => exists.has(n)) : all.map((t) => t.name)).sort()
    if (targets.length === 0) return this.present({dryRun: Boolean(flags['dry-run']), topics: []}, topicBatchView)
    const shown = targets.slice(0, 25).map((n) => `  ${n} (${exists.get(n)!.partitions} partitions)`)
    if (targets.length > shown.length) shown.push(`  … and ${targets.length - shown.length} more`)
    process.stderr.write(`Topics to delete (${targets.length}):\n${shown.join('\n')}\n`)
    if (flags['dry-run'])
      return this.present(
        {dryRun: true, topics: targets.map((name) => ({name, status: 'valid' as const, error: null}))},
        topicBatchView,
      )
    await this.guardMutation(`Delete ${targets.length} topic(s)?`, {yes: flags.yes, destructive: true})
    const topics = await topicsService.deleteTopics(conn, targets, this.timeoutMs)
    const result = this.present({dryRun: false, topics}, topicBatchView)
    exitOnPartialFailure(topics, 'delete')
    return result
  }
}
