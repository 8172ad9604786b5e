import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import type {AlterConfigsResult, ConfigChange} from '../../admin/configs/configs.js'
import {ClientMetricsAlterCommand, clientMetricsAlterFlags} from '../../cli/client-metrics-alter.js'
import {usageError} from '../../errors.js'
import {parseDuration} from '../../input/duration.js'

export default class ClientMetricsSet extends ClientMetricsAlterCommand<typeof ClientMetricsSet> {
  static summary = 'Create or change a client-metrics subscription: which metrics matching clients push, and how often.'
  static description =
    'Like kafka-client-metrics --alter. Only the given settings change (IncrementalAlterConfigs on the client-metrics resource); read them back with `kctl client-metrics list`.'

  static examples = [
    '<%= config.bin %> client-metrics set producers --metrics org.apache.kafka.producer. --interval 1m',
    "<%= config.bin %> client-metrics set slow-apps --metrics '*' --match client_software_name=apache-kafka-java --match 'client_id=billing-.*'",
  ]

  static args = {name: Args.string({description: 'Subscription name.'})}
  static flags = {
    metrics: Flags.string({summary: "Metric name prefixes, comma-separated ('*' for all, '' for none)."}),
    interval: Flags.string({summary: 'Push interval (e.g. 30s, 5m; Kafka: 100ms to 1h).'}),
    match: Flags.string({
      summary:
        'A client selector key=regex (client_id, client_software_name, client_software_version, client_instance_id, client_source_address, client_source_port); repeatable.',
      multiple: true,
    }),
    ...clientMetricsAlterFlags,
  }

  async run(): Promise<AlterConfigsResult> {
    const name = this.subscriptionName(
      'Name the subscription',
      'E.g. `kctl client-metrics set producers --metrics org.apache.kafka.producer. --interval 1m`.',
    )
    const changes: ConfigChange[] = []
    if (this.flags.metrics !== undefined) changes.push({key: 'metrics', operation: 'set', value: this.flags.metrics})
    if (this.flags.interval !== undefined) {
      const ms = parseDuration(this.flags.interval, '--interval')
      if (ms < 100 || ms > 3_600_000)
        throw usageError(
          `--interval ${this.flags.interval} is out of range`,
          'Kafka accepts 100ms to 1h.',
          'INVALID_DURATION',
        )
      changes.push({key: 'interval.ms', operation: 'set', value: String(ms)})
    }
    if (this.flags.match !== undefined) {
      for (const m of this.flags.match)
        if (!/^[a-z_]+=.+$/.test(m))
          throw usageError(
            `Invalid --match "${m}"`,
            'A selector is key=regex, e.g. --match client_id=billing-.*.',
            'INVALID_MATCH',
          )
      changes.push({key: 'match', operation: 'set', value: this.flags.match.join(',')})
    }
    if (changes.length === 0)
      throw usageError('Nothing to set', 'Pass --metrics, --interval and/or --match.', 'MISSING_CONFIG_ENTRIES')
    return this.apply(name, changes, false)
  }
}
