import {type TopicSummary, topicsService} from '../../admin/topics/topics.js'
import {KafkaCommand} from '../../base-command.js'
import {topicFilterFlags, topicSelection} from '../../flags/topics.js'
import type {View} from '../../output/format.js'

export interface TopicListResult {
  topics: TopicSummary[]
}

export default class TopicsList extends KafkaCommand<typeof TopicsList> {
  static summary = 'List topics with their partition count, replication factor and internal flag.'
  static description =
    'The partition filters keep the topics that have at least one such partition (as kafka-topics --list does with them).'
  static aliases = ['topics:ls']
  static examples = [
    '<%= config.bin %> topics list',
    '<%= config.bin %> topics list --match "^orders\\." --exclude-internal --output json',
    '<%= config.bin %> topics list --under-replicated-partitions',
    '<%= config.bin %> topics list --context prod --topics-with-overrides --output csv',
  ]

  static flags = {...topicFilterFlags}

  async run(): Promise<TopicListResult> {
    const selection = topicSelection(this.flags)
    const conn = await this.connection()
    // No pattern and no filter: the plain listing (one Metadata request).
    const plain =
      !selection.match && !selection.excludeInternal && !Object.values(selection.filters ?? {}).some(Boolean)
    const topics = plain
      ? await topicsService.listTopics(conn)
      : await topicsService.listTopicsFiltered(conn, selection)
    return this.present({topics}, topicListView)
  }
}

export const topicListView: View<TopicListResult> = {
  columns: [
    {key: 'name', header: 'NAME'},
    {key: 'partitions', header: 'PARTITIONS', align: 'right'},
    {key: 'replicationFactor', header: 'REPLICATION', align: 'right'},
    {key: 'internal', header: 'INTERNAL'},
  ],
  rows: (d) => d.topics.map((t) => ({...t})),
  empty: 'No topics.',
}
