import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {clusterService} from '../../admin/cluster/cluster.js'
import {type AbortPlan, transactionsService} from '../../admin/records/transactions.js'
import {KafkaCommand, yesFlag} from '../../base-command.js'
import {usageError} from '../../errors.js'
import {parseOnePartition} from '../../flags/transactions.js'
import type {View} from '../../output/format.js'

export interface TxnAbortResult extends AbortPlan {
  dryRun: boolean
  aborted: boolean
}

export default class TxnAbort extends KafkaCommand<typeof TxnAbort> {
  static summary =
    'Abort an open transaction on one partition (a hanging one): WriteTxnMarkers to the leader, as kafka-transactions abort does.'
  static description =
    "The producer id and epoch come from the partition's DescribeProducers: the producer whose open transaction starts at --start-offset. " +
    'Confirms first (--yes skips), writes a line to transaction-aborts.jsonl in the kctl state directory, then writes the ABORT marker. ' +
    'Find the offset with `kctl txn hanging` or `kctl txn producers`.'

  static examples = [
    '<%= config.bin %> txn abort orders:0 --start-offset 1042 --dry-run',
    '<%= config.bin %> txn abort orders:0 --start-offset 1042 --yes',
  ]

  static args = {partition: Args.string({description: 'TOPIC:PARTITION, e.g. orders:0.'})}
  static flags = {
    'start-offset': Flags.string({
      summary: 'First offset of the transaction to abort (TXN START in `kctl txn producers`).',
    }),
    'dry-run': Flags.boolean({summary: 'Show the producer and marker that would be written; change nothing.'}),
    yes: yesFlag,
  }

  async run(): Promise<TxnAbortResult> {
    const tp = parseOnePartition(this.args.partition, 'kctl txn abort orders:0 --start-offset 1042')
    const raw = this.flags['start-offset']?.trim()
    if (raw === undefined)
      throw usageError(
        'Say which transaction: --start-offset N',
        'The offset is TXN START in `kctl txn producers TOPIC:P` or START OFFSET in `kctl txn hanging`.',
        'MISSING_FLAG',
      )
    if (!/^\d+$/.test(raw))
      throw usageError(
        `Invalid --start-offset "${this.flags['start-offset']}"`,
        'An offset is a non-negative integer.',
        'INVALID_OFFSET',
      )
    const conn = await this.connection()
    const plan = await transactionsService.planAbort(conn, tp, BigInt(raw))
    const dryRun = Boolean(this.flags['dry-run'])
    if (!dryRun) {
      await this.guardMutation(
        `Abort the transaction of producer ${plan.producerId} (epoch ${plan.producerEpoch}) starting at offset ${plan.startOffset} on ${tp.topic}:${tp.partition}? Its records become invisible to read-committed consumers.`,
        {destructive: true},
      )
      transactionsService.journalAbort({clusterId: await clusterService.clusterId(conn), plan})
      await transactionsService.abortTransaction(conn, plan)
    }
    return this.present({...plan, dryRun, aborted: !dryRun}, abortView)
  }
}

const abortView: View<TxnAbortResult> = {
  columns: [
    {key: 'partition', header: 'PARTITION'},
    {key: 'leader', header: 'LEADER', align: 'right'},
    {key: 'startOffset', header: 'START OFFSET', align: 'right'},
    {key: 'producerId', header: 'PRODUCER ID', align: 'right'},
    {key: 'producerEpoch', header: 'EPOCH', align: 'right'},
    {key: 'coordinatorEpoch', header: 'COORDINATOR EPOCH', align: 'right'},
  ],
  rows: (d) => [{...d, partition: `${d.topic}:${d.partition}`}],
  footer: (d) => [
    '',
    d.dryRun
      ? 'Dry run: the transaction above would be aborted; nothing was changed.'
      : 'Aborted: the ABORT marker was written.',
  ],
}
