import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {topicsService} from '../../admin/topics/topics.js'
import {checkTopicCreateInput, planTopicCreation} from '../../admin/topics/topic-plan.js'
import {KafkaCommand, yesFlag} from '../../base-command.js'
import {type TopicBatchResult, exitOnPartialFailure, topicBatchView} from '../../cli/topic-batch.js'
import {partitionCountFlag, replicationFactorFlag} from '../../flags/values.js'

export default class TopicsCreate extends KafkaCommand<typeof TopicsCreate> {
  static summary = 'Create topics (many in one batched request), with partitions, replication factor and configs.'
  static description =
    "Each topic's result is reported; if any fails the command exits 1 and names them. --dry-run asks the broker to validate only."
  static examples = [
    '<%= config.bin %> topics create orders --partitions 6 --replication-factor 3 --config retention.ms=86400000 --config cleanup.policy=compact',
    '<%= config.bin %> topics create orders payments --partitions 3 --if-not-exists',
    '<%= config.bin %> topics create audit --replica-assignment 1:2,2:3,3:1 --dry-run',
  ]

  static strict = false
  static args = {names: Args.string({description: 'Topic names.', required: true})}
  static flags = {
    yes: yesFlag,
    partitions: partitionCountFlag({summary: "Number of partitions (default: the broker's num.partitions)."}),
    'replication-factor': replicationFactorFlag({
      summary: "Replicas per partition (default: the broker's default.replication.factor).",
    }),
    config: Flags.string({summary: 'A topic config key=value (repeatable).', multiple: true}),
    'replica-assignment': Flags.string({
      summary: 'Explicit replicas, e.g. 1:2,2:3,3:1 (partitions by ",", replicas by ":").',
    }),
    'if-not-exists': Flags.boolean({summary: 'Skip topics that already exist (exit 0).'}),
    'dry-run': Flags.boolean({summary: 'Validate on the broker (validateOnly); create nothing.'}),
  }

  async run(): Promise<TopicBatchResult> {
    const {flags} = this
    const input = {
      names: this.positionals,
      partitions: flags.partitions,
      replicationFactor: flags['replication-factor'],
      configs: flags.config,
      replicaAssignment: flags['replica-assignment'],
    }
    checkTopicCreateInput(input)
    const conn = await this.connection()
    const {topics: existing, brokerIds} = await topicsService.topicsAndBrokers(conn)
    const needDefaults =
      flags['replica-assignment'] === undefined &&
      (flags.partitions === undefined || flags['replication-factor'] === undefined)
    const defaults = needDefaults
      ? await topicsService.brokerDefaultsForCreate(conn, brokerIds[0])
      : {partitions: 1, replicationFactor: 1}
    const plan = planTopicCreation(input, {brokerIds, existing, defaults})
    for (const w of plan.warnings) this.warnUser(w)
    if (!flags['dry-run']) await this.guardMutation(`Create ${plan.topics.length} topic(s)?`)
    if (plan.topics.length > 1) this.note(`Creating ${plan.topics.length} topics…`)
    const topics = await topicsService.createTopics(conn, plan.topics, {
      ifNotExists: Boolean(flags['if-not-exists']),
      dryRun: Boolean(flags['dry-run']),
      existing,
      timeoutMs: this.timeoutMs,
    })
    const result = this.present({dryRun: Boolean(flags['dry-run']), topics}, topicBatchView)
    exitOnPartialFailure(topics, 'create')
    return result
  }
}
