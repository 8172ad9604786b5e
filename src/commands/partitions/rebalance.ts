import * as Flags from '@oclif/core/flags'

import {balanceService} from '../../admin/partitions/balance.js'
import {BalanceCommand, balanceFlags} from '../../cli/balance-command.js'
import type {BalanceResult} from '../../cli/views/balance.js'
import {usageError} from '../../errors.js'
import {NUMBER_RULES, parseInteger} from '../../input/numbers.js'

export default class PartitionsRebalance extends BalanceCommand<typeof PartitionsRebalance> {
  static summary =
    'Even out replicas (by count or by size) and preferred leaders across brokers, with the fewest moves.'
  static description =
    "For a new or emptied broker, or a skewed cluster. Replicas move one at a time from the fullest broker to the emptiest one that does not hold the partition yet, never onto fewer racks, while that narrows the gap (--by-size weighs each replica by its partition's bytes from DescribeLogDirs); then replica orders change so the preferred leaders spread evenly, and those are elected. Already balanced: says so, exit 0, nothing sent. Executed like `brokers drain`: --throttle, progress, --wait, --dry-run, --rollback-out."
  static examples = [
    '<%= config.bin %> partitions rebalance --dry-run',
    '<%= config.bin %> partitions rebalance --by-size --throttle 50MiB/s --wait --timeout 2h',
    '<%= config.bin %> partitions rebalance --brokers 1,2,3,4 --exclude-internal --rollback-out rebalance-rollback.json --yes',
    '<%= config.bin %> partitions rebalance --topics orders,payments --wait --output json --yes',
  ]

  static flags = {
    'by-size': Flags.boolean({summary: 'Even out bytes (DescribeLogDirs) instead of replica counts.'}),
    brokers: Flags.string({
      summary: 'Only move replicas between these brokers, e.g. 1,2,3,4 (default: every live broker).',
    }),
    ...balanceFlags,
  }

  async run(): Promise<BalanceResult> {
    const texts = (this.flags.brokers ?? '')
      .split(',')
      .map((b) => b.trim())
      .filter((b) => b !== '')
    if (this.flags.brokers !== undefined && texts.length === 0)
      throw usageError('--brokers names no broker', 'E.g. --brokers 1,2,3.', 'INVALID_BROKER_ID')
    const brokers =
      texts.length > 0 ? [...new Set(texts.map((b) => parseInteger(b, '--brokers', NUMBER_RULES.brokerId)))] : undefined
    if (brokers && brokers.length < 2)
      throw usageError(
        '--brokers needs at least two brokers to balance between',
        'E.g. --brokers 1,2,3.',
        'INVALID_BROKER_ID',
      )
    const input = this.balanceInput()
    const bySize = this.flags['by-size']
    return this.runBalance(input, {operation: 'rebalance', broker: null, by: bySize ? 'size' : 'count'}, (conn) =>
      balanceService.planPartitionRebalance(conn, input.scope, {brokers, bySize}),
    )
  }
}
