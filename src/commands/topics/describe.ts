import * as Args from '@oclif/core/args'

import {type TopicDetail, topicsService} from '../../admin/topics/topics.js'
import {validateTopicName} from '../../input/topic-name.js'
import {KafkaCommand} from '../../base-command.js'
import {topicFilterFlags, topicSelection} from '../../flags/topics.js'
import type {View} from '../../output/format.js'
import {bytesCell} from '../../output/size.js'

export interface TopicDescribeResult {
  topics: TopicDetail[]
}

export default class TopicsDescribe extends KafkaCommand<typeof TopicsDescribe> {
  static summary =
    'Describe topics: partitions (leader, replicas, ISR, offline replicas, offsets, size) and config overrides.'
  static description =
    'Without names, describes every topic (or those matching --match). A name is always exact, never a pattern. The partition filters keep only the matching partitions. SIZE is the largest replica on disk (DescribeLogDirs; bytes in JSON as sizeBytes).'

  static examples = [
    '<%= config.bin %> topics describe orders payments',
    '<%= config.bin %> topics describe --match "^orders\\." --output wide',
    '<%= config.bin %> topics describe --under-min-isr-partitions --output json',
  ]

  static strict = false
  static args = {names: Args.string({description: 'Topic names (exact).', required: false})}
  static flags = {...topicFilterFlags}

  async run(): Promise<TopicDescribeResult> {
    for (const n of this.positionals) validateTopicName(n)
    const selection = topicSelection(this.flags, this.positionals)
    const topics = await topicsService.describeTopics(await this.connection(), selection)
    return this.present({topics}, topicDescribeView)
  }
}

const list = (ids: number[]) => ids.join(',')

export const topicDescribeView: View<TopicDescribeResult> = {
  columns: [
    {key: 'topic', header: 'TOPIC'},
    {key: 'partition', header: 'PARTITION', align: 'right'},
    {key: 'leader', header: 'LEADER', align: 'right', color: (v) => (v === null ? 'red' : undefined)},
    {key: 'replicas', header: 'REPLICAS'},
    {key: 'isr', header: 'ISR', color: (_v, row) => (row.underReplicated ? 'yellow' : undefined)},
    {key: 'offline', header: 'OFFLINE', color: (v) => (v ? 'red' : undefined)},
    {key: 'earliest', header: 'EARLIEST', align: 'right', wide: true},
    {key: 'latest', header: 'LATEST', align: 'right'},
    {key: 'sizeBytes', header: 'SIZE', align: 'right', human: bytesCell},
  ],
  rows: (d) =>
    d.topics.flatMap((t) =>
      t.partitions.map((p) => ({
        topic: t.name,
        partition: p.partition,
        leader: p.leader,
        replicas: list(p.replicas),
        isr: list(p.isr),
        offline: p.offlineReplicas.length > 0 ? list(p.offlineReplicas) : null,
        earliest: p.earliestOffset,
        latest: p.latestOffset,
        sizeBytes: p.sizeBytes,
        underReplicated: p.isr.length < p.replicas.length,
      })),
    ),
  header: (d) =>
    d.topics
      .flatMap((t) => {
        const configs = Object.entries(t.configs).map(([k, v]) => `${k}=${v ?? '[redacted]'}`)
        return [
          `Topic: ${t.name}  Partitions: ${t.partitionCount}  Replication: ${t.replicationFactor}${t.topicId ? `  Id: ${t.topicId}` : ''}${t.internal ? '  (internal)' : ''}  Configs: ${configs.join(',') || '-'}`,
        ]
      })
      .concat(d.topics.length > 0 ? [''] : []),
  empty: 'No topics or partitions match.',
}
