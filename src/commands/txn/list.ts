import * as Flags from '@oclif/core/flags'

import {type TransactionListing, transactionsService} from '../../admin/records/transactions.js'
import {KafkaCommand} from '../../base-command.js'
import {checkPattern, parseNonNegativeDuration, parseTransactionStates} from '../../flags/transactions.js'
import type {View} from '../../output/format.js'

export interface TxnListResult {
  transactions: TransactionListing[]
}

export default class TxnList extends KafkaCommand<typeof TxnList> {
  static summary =
    'List transactional ids with their coordinator, producer id and state (ListTransactions on every broker).'
  static description =
    'Like kafka-transactions list. The filters run on the brokers: --duration-filter needs Kafka 3.8+, --pattern Kafka 4.1+.'
  static examples = [
    '<%= config.bin %> txn list',
    '<%= config.bin %> txn list --state ongoing --duration-filter 10m',
    "<%= config.bin %> txn list --pattern 'payments-.*' --output json",
  ]

  static flags = {
    state: Flags.string({
      summary:
        'Only these states (comma-separated): empty, ongoing, preparecommit, prepareabort, completecommit, completeabort, dead, prepareepochfence.',
    }),
    'duration-filter': Flags.string({summary: 'Only transactions running longer than this (e.g. 10m).'}),
    pattern: Flags.string({
      summary: 'Only transactional ids matching this regular expression (evaluated by the brokers, Java syntax).',
    }),
  }

  async run(): Promise<TxnListResult> {
    const states = parseTransactionStates(this.flags.state)
    const minDurationMs =
      this.flags['duration-filter'] === undefined
        ? undefined
        : parseNonNegativeDuration(this.flags['duration-filter'], '--duration-filter')
    const pattern = this.flags.pattern === undefined ? undefined : checkPattern(this.flags.pattern, '--pattern')
    const transactions = await transactionsService.listTransactions(await this.connection(), {
      states,
      minDurationMs,
      pattern,
    })
    return this.present({transactions}, txnListView)
  }
}

const txnListView: View<TxnListResult> = {
  columns: [
    {key: 'transactionalId', header: 'TRANSACTIONAL ID'},
    {key: 'coordinator', header: 'COORDINATOR', align: 'right'},
    {key: 'producerId', header: 'PRODUCER ID', align: 'right'},
    {key: 'state', header: 'STATE', color: (v) => (v === 'Ongoing' ? 'yellow' : v === 'Dead' ? 'dim' : undefined)},
  ],
  rows: (d) => d.transactions.map((t) => ({...t})),
  empty: 'No transactions.',
}
