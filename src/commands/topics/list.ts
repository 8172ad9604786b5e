import {type TopicSummary, topicsService} from '../../admin/topics.js'
import {KafkaCommand} from '../../base-command.js'
import type {View} from '../../output/format.js'

export interface TopicListResult {
  topics: TopicSummary[]
}

export default class TopicsList extends KafkaCommand<typeof TopicsList> {
  static summary = 'List topics with their partition count, replication factor and internal flag.'
  static aliases = ['topics:ls']
  static examples = ['<%= config.bin %> topics list', '<%= config.bin %> topics list --output json', '<%= config.bin %> topics list --context prod --output csv']

  async run(): Promise<TopicListResult> {
    const topics = await topicsService.listTopics(await this.connection())
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
