import * as Args from '@oclif/core/args'

import {clientMetricsService} from '../../admin/configs/client-metrics.js'
import type {AlterConfigsResult, ConfigChange} from '../../admin/configs/configs.js'
import {ClientMetricsAlterCommand, clientMetricsAlterFlags} from '../../cli/client-metrics-alter.js'
import {usageError} from '../../errors.js'

export default class ClientMetricsDelete extends ClientMetricsAlterCommand<typeof ClientMetricsDelete> {
  static summary = 'Delete a client-metrics subscription (every one of its settings).'
  static description =
    'Like kafka-client-metrics --delete. Confirms first; --yes skips, --dry-run validates on the broker and changes nothing.'
  static examples = [
    '<%= config.bin %> client-metrics delete producers --yes',
    '<%= config.bin %> client-metrics delete producers --dry-run',
  ]
  static args = {name: Args.string({description: 'Subscription name.'})}
  static flags = {
    ...clientMetricsAlterFlags,
  }

  async run(): Promise<AlterConfigsResult> {
    const name = this.subscriptionName('Name the subscription to delete', 'List them with `kctl client-metrics list`.')
    const [current] = await clientMetricsService.listClientMetrics(await this.connection(), [name])
    const changes: ConfigChange[] = []
    if (current?.metrics.length) changes.push({key: 'metrics', operation: 'delete', value: null})
    if (current?.intervalMs !== null && current?.intervalMs !== undefined)
      changes.push({key: 'interval.ms', operation: 'delete', value: null})
    if (current?.match.length) changes.push({key: 'match', operation: 'delete', value: null})
    if (changes.length === 0)
      throw usageError(
        `Client-metrics subscription ${name} does not exist`,
        'List them with `kctl client-metrics list`.',
        'UNKNOWN_SUBSCRIPTION',
      )
    return this.apply(name, changes, true)
  }
}
