import * as Flags from '@oclif/core/flags'

import {type HangingTransaction, transactionsService} from '../../admin/records/transactions.js'
import {KafkaCommand} from '../../base-command.js'
import {ExitCode, usageError} from '../../errors.js'
import {parseNonNegativeDuration} from '../../flags/transactions.js'
import {parseTopicPartitions} from '../../input/topic-partitions.js'
import type {View} from '../../output/format.js'
import {durationCell} from '../../output/size.js'

export interface TxnHangingResult {
  maxTransactionTimeoutMs: number
  transactions: HangingTransaction[]
}

export default class TxnHanging extends KafkaCommand<typeof TxnHanging> {
  static summary =
    'Find hanging transactions: open on a partition for longer than the maximum transaction timeout, with no coordinator that will end them.'
  static description =
    "Kafka's find-hanging logic (kafka-transactions find-hanging): DescribeProducers on the partitions, then for each open transaction older than " +
    '--max-transaction-timeout, ListTransactions by producer id and DescribeTransactions; hanging when no coordinator lists the producer or its ' +
    'transaction does not include the partition. Exit 3 when any is found; each row carries the `kctl txn abort` command that ends it.'

  static examples = [
    '<%= config.bin %> txn hanging --broker 1',
    '<%= config.bin %> txn hanging --topic orders',
    '<%= config.bin %> txn hanging --topic orders:3 --max-transaction-timeout 5m --output json',
  ]

  static flags = {
    broker: Flags.integer({
      summary: "Search this broker's replicas (asking it, not the leaders).",
      min: 0,
      exclusive: ['topic'],
    }),
    topic: Flags.string({summary: 'Search this topic, or one partition as TOPIC:PARTITION.', exclusive: ['broker']}),
    'max-transaction-timeout': Flags.string({
      summary: "Only transactions open longer than this (the brokers' transaction.max.timeout.ms).",
      default: '15m',
    }),
  }

  async run(): Promise<TxnHangingResult> {
    const {broker, topic} = this.flags
    if (broker === undefined && topic === undefined)
      throw usageError(
        'Limit the search: --broker N or --topic T',
        'E.g. `kctl txn hanging --broker 1` or `kctl txn hanging --topic orders`.',
        'MISSING_FLAG',
      )
    const spec = topic === undefined ? undefined : parseTopicPartitions(topic)
    if (spec?.partitions && spec.partitions.length !== 1)
      throw usageError(
        `Invalid --topic "${topic}": name the topic, or one partition as TOPIC:PARTITION`,
        'E.g. --topic orders or --topic orders:3.',
        'INVALID_TOPIC_PARTITION',
      )
    const maxTransactionTimeoutMs = parseNonNegativeDuration(
      this.flags['max-transaction-timeout'],
      '--max-transaction-timeout',
    )
    const transactions = await transactionsService.findHangingTransactions(await this.connection(), {
      brokerId: broker,
      topic: spec?.topic,
      partition: spec?.partitions?.[0],
      maxTransactionTimeoutMs,
    })
    const result = this.present({maxTransactionTimeoutMs, transactions}, hangingView)
    if (transactions.length > 0) this.exitWith(ExitCode.checkFailed)
    return result
  }
}

const hangingView: View<TxnHangingResult> = {
  columns: [
    {key: 'partition', header: 'PARTITION'},
    {key: 'producerId', header: 'PRODUCER ID', align: 'right'},
    {key: 'producerEpoch', header: 'EPOCH', align: 'right'},
    {key: 'coordinatorEpoch', header: 'COORDINATOR EPOCH', align: 'right'},
    {key: 'txnStartOffset', header: 'START OFFSET', align: 'right'},
    {key: 'durationMs', header: 'OPEN FOR', human: durationCell},
    {key: 'transactionalId', header: 'TRANSACTIONAL ID', wide: true},
    {key: 'abortCommand', header: 'ABORT WITH'},
  ],
  rows: (d) => d.transactions.map((t) => ({...t, partition: `${t.topic}:${t.partition}`})),
  empty: 'No hanging transactions.',
}
