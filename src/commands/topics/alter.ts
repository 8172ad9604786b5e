import {Args, Flags} from '@oclif/core'

import {topicsService} from '../../admin/topics.js'
import {KafkaCommand} from '../../base-command.js'
import {usageError} from '../../errors.js'
import {toKeyValues} from '../../output/table.js'
import type {View} from '../../output/format.js'

export interface TopicAlterResult {
  topic: string
  dryRun: boolean
  partitionsBefore: number
  partitionsAfter: number
}

export default class TopicsAlter extends KafkaCommand<typeof TopicsAlter> {
  static summary = 'Increase the partition count of a topic.'
  static description = 'Kafka cannot remove partitions: a lower count is refused. Configs are changed with `kctl configs set topic NAME k=v`.'
  static examples = ['<%= config.bin %> topics alter orders --partitions 12', '<%= config.bin %> topics alter orders --partitions 12 --dry-run']

  static args = {name: Args.string({description: 'Topic name.', required: true})}
  static flags = {
    partitions: Flags.integer({summary: 'The new (higher) partition count.', required: true}),
    'dry-run': Flags.boolean({summary: 'Validate on the broker; change nothing.'}),
  }

  async run(): Promise<TopicAlterResult> {
    const {flags, args} = this
    if (flags.partitions < 1) throw usageError(`--partitions must be at least 1 (got ${flags.partitions})`, undefined, 'INVALID_PARTITIONS')
    const conn = await this.connection()
    const [topic] = await topicsService.listTopicsFiltered(conn, {names: [args.name]})
    if (flags.partitions < topic.partitions) {
      throw usageError(`Topic ${topic.name} has ${topic.partitions} partitions; Kafka cannot decrease the count to ${flags.partitions}`, 'Create a new topic with fewer partitions and copy the data, or keep the count.', 'PARTITION_DECREASE')
    }
    if (flags.partitions === topic.partitions) throw usageError(`Topic ${topic.name} already has ${topic.partitions} partitions`, `Pass a count above ${topic.partitions}.`, 'PARTITION_COUNT_UNCHANGED')
    if (!flags['dry-run']) await this.guardMutation(`Raise ${topic.name} to ${flags.partitions} partitions?`)
    await topicsService.increasePartitions(conn, topic.name, flags.partitions, {dryRun: Boolean(flags['dry-run']), timeoutMs: this.timeoutMs})
    return this.present({topic: topic.name, dryRun: Boolean(flags['dry-run']), partitionsBefore: topic.partitions, partitionsAfter: flags.partitions}, view(this.color))
  }
}

const view = (color: boolean): View<TopicAlterResult> => ({
  columns: [],
  rows: () => [],
  header: (d) => toKeyValues([['Topic', d.topic], ['Partitions', `${d.partitionsBefore} -> ${d.partitionsAfter}${d.dryRun ? ' (dry run: valid, not applied)' : ''}`]], {color}),
})
