import * as Args from '@oclif/core/args'

import {balanceService} from '../../admin/partitions/balance.js'
import {BalanceCommand, balanceFlags} from '../../cli/balance-command.js'
import type {BalanceResult} from '../../cli/views/balance.js'
import {NUMBER_RULES, parseInteger} from '../../input/numbers.js'

export default class BrokersDrain extends BalanceCommand<typeof BrokersDrain> {
  static summary =
    'Move every replica and every leadership off a broker (before decommissioning it), with the fewest moves.'
  static description =
    "Each partition on the broker swaps that one replica for another broker (rack-aware, the least loaded first); the other replicas keep their places and the replication factor stays. Where the broker was the preferred leader, another replica goes first, and --wait elects it once the moves are done. Refused (exit 2) when a topic's replication factor needs the broker: limit the scope with --topics or --exclude-internal. The moves run through the reassignment engine: --throttle, progress, --wait removes the throttles and verifies that the broker holds no replica and leads nothing; --rollback-out saves the current assignment for undo."
  static examples = [
    '<%= config.bin %> brokers drain 3 --dry-run',
    '<%= config.bin %> brokers drain 3 --throttle 50MiB/s --wait --timeout 2h --rollback-out drain-3-rollback.json',
    '<%= config.bin %> brokers drain 3 --exclude-internal --plan-out drain-3.json --yes',
    '<%= config.bin %> brokers drain 3 --topics orders,payments --wait --output json --yes',
  ]

  static args = {id: Args.string({description: 'The broker to drain.', required: true})}
  static flags = {...balanceFlags}

  async run(): Promise<BalanceResult> {
    const id = parseInteger(this.args.id, 'broker id', NUMBER_RULES.brokerId)
    const input = this.balanceInput()
    return this.runBalance(input, {operation: 'drain', broker: id, by: 'count'}, (conn) =>
      balanceService.planBrokerDrain(conn, id, input.scope),
    )
  }
}
