import * as Args from '@oclif/core/args'

import {type BrokerDescription, brokersService} from '../../admin/cluster/brokers.js'
import {KafkaCommand} from '../../base-command.js'
import {NUMBER_RULES, parseInteger} from '../../input/numbers.js'
import type {View} from '../../output/format.js'
import {humanBytes} from '../../output/size.js'
import {toKeyValues, toTable} from '../../output/table.js'

export default class BrokersDescribe extends KafkaCommand<typeof BrokersDescribe> {
  static summary = 'Describe one broker: its dynamic configs, log directories and the partitions it leads.'
  static examples = ['<%= config.bin %> brokers describe 1', '<%= config.bin %> brokers describe 2 --output json']
  static args = {id: Args.string({description: 'Broker id.', required: true})}

  async run(): Promise<BrokerDescription> {
    const id = parseInteger(this.args.id, 'broker id', NUMBER_RULES.brokerId)
    const result = await brokersService.describeBroker(await this.connection(), id)
    return this.present(result, brokerView(this.color))
  }
}

const brokerView = (color: boolean): View<BrokerDescription> => ({
  header: (b) => [
    ...toKeyValues(
      [
        ['Broker', b.id],
        ['Address', `${b.host}:${b.port}`],
        ['Rack', b.rack],
        ['Controller', b.controller],
        ['Fenced', b.fenced],
        ['Leaders', b.leaders],
        ['Replicas', b.replicas],
        ['Log-dir size', humanBytes(b.logDirBytes)],
      ],
      {color},
    ),
    '',
    b.configs.length === 0
      ? 'No dynamic configs.'
      : toTable(
          b.configs.map((c) => ({...c, value: c.sensitive ? '[redacted]' : c.value})),
          [
            {key: 'name', header: 'DYNAMIC CONFIG'},
            {key: 'value', header: 'VALUE'},
            {key: 'source', header: 'SOURCE'},
          ],
          {color},
        ),
    '',
    toTable(
      b.logDirs.map((d) => ({
        path: d.path,
        size: humanBytes(d.sizeBytes),
        replicas: d.replicas,
        usable: humanBytes(d.usableBytes),
        total: humanBytes(d.totalBytes),
        error: d.error,
      })),
      [
        {key: 'path', header: 'LOG DIR'},
        {key: 'size', header: 'SIZE', align: 'right'},
        {key: 'replicas', header: 'REPLICAS', align: 'right'},
        {key: 'usable', header: 'USABLE', align: 'right'},
        {key: 'total', header: 'TOTAL', align: 'right'},
        {key: 'error', header: 'ERROR'},
      ],
      {color},
    ),
    '',
  ],
  columns: [
    {key: 'topic', header: 'LEADS TOPIC'},
    {key: 'partition', header: 'PARTITION', align: 'right'},
    {key: 'replicas', header: 'REPLICAS'},
    {key: 'isr', header: 'ISR'},
  ],
  rows: (b) =>
    b.leaderOf.map((p) => ({
      topic: p.topic,
      partition: p.partition,
      replicas: p.replicas.join(','),
      isr: p.isr.join(','),
    })),
  empty: 'Leads no partitions.',
})
