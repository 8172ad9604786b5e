import * as Args from '@oclif/core/args'

import {type TransactionDescription, transactionsService} from '../../admin/records/transactions.js'
import {KafkaCommand} from '../../base-command.js'
import {usageError} from '../../errors.js'
import type {View} from '../../output/format.js'
import {durationCell} from '../../output/size.js'

export default class TxnDescribe extends KafkaCommand<typeof TxnDescribe> {
  static summary =
    'Describe a transactional id: state, producer id and epoch, timeout, start time and partitions (DescribeTransactions on its coordinator).'
  static examples = [
    '<%= config.bin %> txn describe payments-1',
    '<%= config.bin %> txn describe payments-1 --output json',
  ]
  static args = {id: Args.string({description: 'Transactional id.'})}

  async run(): Promise<TransactionDescription> {
    const id = this.args.id
    if (!id || id.trim() === '')
      throw usageError('Name the transactional id to describe', 'List them with `kctl txn list`.', 'MISSING_ARGUMENT')
    const description = (await transactionsService.describeTransactions(await this.connection(), [id])).get(id)
    if (!description)
      throw usageError(
        `Transactional id ${id} does not exist`,
        'List them with `kctl txn list`.',
        'TRANSACTIONAL_ID_NOT_FOUND',
      )
    return this.present(description, txnDescribeView)
  }
}

const txnDescribeView: View<TransactionDescription> = {
  columns: [
    {key: 'transactionalId', header: 'TRANSACTIONAL ID'},
    {key: 'coordinator', header: 'COORDINATOR', align: 'right'},
    {key: 'producerId', header: 'PRODUCER ID', align: 'right'},
    {key: 'producerEpoch', header: 'EPOCH', align: 'right'},
    {key: 'state', header: 'STATE'},
    {key: 'timeoutMs', header: 'TIMEOUT', human: durationCell},
    {key: 'start', header: 'STARTED', wide: true},
    {key: 'durationMs', header: 'DURATION', human: durationCell},
    {key: 'partitions', header: 'PARTITIONS'},
  ],
  rows: (d) => [
    {
      ...d,
      start: d.startTimeMs === null ? null : new Date(d.startTimeMs).toISOString(),
      partitions: d.partitions.map((p) => `${p.topic}:${p.partition}`).join(',') || null,
    },
  ],
}
