import {type BrokerSummary, brokersService} from '../../admin/cluster/brokers.js'
import {KafkaCommand} from '../../base-command.js'
import type {View} from '../../output/format.js'
import {bytesCell, markCell} from '../../output/size.js'

export interface BrokerListResult {
  brokers: BrokerSummary[]
}

export default class BrokersList extends KafkaCommand<typeof BrokersList> {
  static summary = 'List brokers: address, rack, leader and replica counts, log-dir size.'
  static examples = ['<%= config.bin %> brokers list', '<%= config.bin %> brokers list --output json']

  async run(): Promise<BrokerListResult> {
    return this.present({brokers: await brokersService.listBrokers(await this.connection())}, brokerListView)
  }
}

const brokerListView: View<BrokerListResult> = {
  columns: [
    {key: 'id', header: 'ID', align: 'right'},
    {key: 'address', header: 'HOST:PORT'},
    {key: 'rack', header: 'RACK'},
    {key: 'leaders', header: 'LEADERS', align: 'right'},
    {key: 'replicas', header: 'REPLICAS', align: 'right'},
    {key: 'sizeBytes', header: 'LOG-DIR SIZE', align: 'right', human: bytesCell},
    {key: 'controller', header: 'CONTROLLER', human: markCell},
    {key: 'fenced', header: 'FENCED', color: (v) => (v === true ? 'red' : undefined)},
    {key: 'bytes', header: 'BYTES', align: 'right', wide: true},
  ],
  rows: (d) =>
    d.brokers.map((b) => ({
      id: b.id,
      address: `${b.host}:${b.port}`,
      rack: b.rack,
      leaders: b.leaders,
      replicas: b.replicas,
      sizeBytes: b.logDirBytes,
      controller: b.controller,
      fenced: b.fenced,
      bytes: b.logDirBytes,
    })),
  empty: 'No brokers.',
}
