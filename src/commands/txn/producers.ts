import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {type PartitionProducer, transactionsService} from '../../admin/records/transactions.js'
import {KafkaCommand} from '../../base-command.js'
import {parseOnePartition} from '../../flags/transactions.js'
import type {View} from '../../output/format.js'

export interface TxnProducersResult {
  topic: string
  partition: number
  producers: PartitionProducer[]
}

export default class TxnProducers extends KafkaCommand<typeof TxnProducers> {
  static summary = "List a partition's active producers and their open transactions (DescribeProducers)."
  static description =
    'Like kafka-transactions describe-producers. TXN START is the first offset of an open transaction: the offset `kctl txn abort` takes.'
  static examples = [
    '<%= config.bin %> txn producers orders:0',
    '<%= config.bin %> txn producers orders:0 --broker 2 --output json',
  ]
  static args = {partition: Args.string({description: 'TOPIC:PARTITION, e.g. orders:0.'})}
  static flags = {broker: Flags.integer({summary: 'Ask this replica instead of the leader.', min: 0})}

  async run(): Promise<TxnProducersResult> {
    const tp = parseOnePartition(this.args.partition, 'kctl txn producers orders:0')
    const producers = await transactionsService.describeProducers(await this.connection(), [tp], {
      brokerId: this.flags.broker,
    })
    return this.present({...tp, producers}, producersView)
  }
}

export const producersView: View<TxnProducersResult> = {
  columns: [
    {key: 'producerId', header: 'PRODUCER ID', align: 'right'},
    {key: 'producerEpoch', header: 'EPOCH', align: 'right'},
    {key: 'coordinatorEpoch', header: 'COORDINATOR EPOCH', align: 'right'},
    {key: 'lastSequence', header: 'LAST SEQUENCE', align: 'right'},
    {key: 'lastTimestamp', header: 'LAST TIMESTAMP'},
    {key: 'txnStartOffset', header: 'TXN START', align: 'right', color: (v) => (v === null ? undefined : 'yellow')},
    {key: 'broker', header: 'BROKER', align: 'right', wide: true},
  ],
  rows: (d) =>
    d.producers.map((p) => ({
      ...p,
      lastTimestamp: p.lastTimestamp < 0 ? null : new Date(p.lastTimestamp).toISOString(),
    })),
  empty: 'No active producers.',
}
