import * as Args from '@oclif/core/args'

import {type ClientMetricsSubscription, clientMetricsService} from '../../admin/configs/client-metrics.js'
import {KafkaCommand} from '../../base-command.js'
import type {View} from '../../output/format.js'
import {durationCell} from '../../output/size.js'

export interface ClientMetricsListResult {
  subscriptions: ClientMetricsSubscription[]
}

export default class ClientMetricsList extends KafkaCommand<typeof ClientMetricsList> {
  static summary = 'List client-metrics subscriptions (KIP-714): metric prefixes, push interval and client match.'
  static description = 'Like kafka-client-metrics --list / --describe. Needs Kafka 3.7+.'
  static examples = [
    '<%= config.bin %> client-metrics list',
    '<%= config.bin %> client-metrics list producers --output json',
  ]
  static args = {name: Args.string({description: 'Only this subscription.'})}

  async run(): Promise<ClientMetricsListResult> {
    const conn = await this.connection()
    const names = this.args.name === undefined ? undefined : [this.args.name]
    const subscriptions = (await clientMetricsService.listClientMetrics(conn, names)).filter(
      (s) => names === undefined || s.metrics.length + s.match.length > 0 || s.intervalMs !== null,
    )
    return this.present({subscriptions}, clientMetricsView)
  }
}

const clientMetricsView: View<ClientMetricsListResult> = {
  columns: [
    {key: 'name', header: 'NAME'},
    {key: 'metrics', header: 'METRICS'},
    {key: 'intervalMs', header: 'INTERVAL', human: durationCell},
    {key: 'match', header: 'MATCH'},
  ],
  rows: (d) =>
    d.subscriptions.map((s) => ({
      name: s.name,
      metrics: s.metrics.join(',') || null,
      intervalMs: s.intervalMs,
      match: s.match.join(',') || null,
    })),
  empty: 'No client-metrics subscriptions.',
}
