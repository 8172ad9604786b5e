import * as Flags from '@oclif/core/flags'

import {type LogDirsReport, logDirsService} from '../../admin/cluster/logdirs.js'
import {validateTopicName} from '../../input/topic-name.js'
import {KafkaCommand} from '../../base-command.js'
import {brokerIdFlag} from '../../flags/values.js'
import type {View} from '../../output/format.js'
import {bytesCell, humanBytes} from '../../output/size.js'
import {toTable} from '../../output/table.js'

export default class LogdirsDescribe extends KafkaCommand<typeof LogdirsDescribe> {
  static summary = 'Show the size of every replica per broker and log directory, largest first.'
  static description =
    'DescribeLogDirs (API 35), one request per broker. Tables show human-readable sizes; JSON carries bytes.'
  static examples = [
    '<%= config.bin %> logdirs describe',
    '<%= config.bin %> logdirs describe --broker 1 --broker 2 --topic orders',
    '<%= config.bin %> logdirs describe --topic orders --output json',
  ]

  static flags = {
    broker: brokerIdFlag({summary: 'Only this broker (repeatable).', multiple: true}),
    topic: Flags.string({summary: 'Only this topic (repeatable).', multiple: true}),
  }

  async run(): Promise<LogDirsReport> {
    for (const t of this.flags.topic ?? []) validateTopicName(t)
    const result = await logDirsService.describeLogDirs(await this.connection(), {
      brokers: this.flags.broker,
      topics: this.flags.topic,
    })
    return this.present(result, logDirsView(this.color))
  }
}

const logDirsView = (color: boolean): View<LogDirsReport> => ({
  header: (r) => [
    toTable(
      r.logDirs.map((d) => ({
        broker: d.broker,
        path: d.path,
        size: humanBytes(d.sizeBytes),
        replicas: d.replicas,
        usable: humanBytes(d.usableBytes),
        total: humanBytes(d.totalBytes),
        error: d.error,
      })),
      [
        {key: 'broker', header: 'BROKER', align: 'right'},
        {key: 'path', header: 'LOG DIR'},
        {key: 'size', header: 'SIZE', align: 'right'},
        {key: 'replicas', header: 'REPLICAS', align: 'right'},
        {key: 'usable', header: 'USABLE', align: 'right'},
        {key: 'total', header: 'TOTAL', align: 'right'},
        {key: 'error', header: 'ERROR', color: (v) => (v ? 'red' : undefined)},
      ],
      {color},
    ),
    '',
  ],
  columns: [
    {key: 'topic', header: 'TOPIC'},
    {key: 'partition', header: 'PARTITION', align: 'right'},
    {key: 'broker', header: 'BROKER', align: 'right'},
    {key: 'sizeBytes', header: 'SIZE', align: 'right', human: bytesCell},
    {key: 'offsetLag', header: 'FUTURE LAG', align: 'right'},
    {key: 'path', header: 'LOG DIR', wide: true},
    {key: 'bytes', header: 'BYTES', align: 'right', wide: true},
  ],
  rows: (r) =>
    r.replicas.map((x) => ({
      topic: x.topic,
      partition: x.partition,
      broker: x.broker,
      sizeBytes: x.sizeBytes,
      offsetLag: x.future ? x.offsetLag : null,
      path: x.path,
      bytes: x.sizeBytes,
    })),
  empty: 'No replicas.',
})
