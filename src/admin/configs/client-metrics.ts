import type {KafkaConnection} from '../../connection/client.js'
import {ConfigResourceType} from '../../protocol/config-resources.js'
import {ListConfigResourcesApi, listConfigResourcesRequest} from '../../protocol/list-config-resources.js'
import {throwIfError} from '../../protocol/protocol-error.js'
import {describeConfigsOf} from './configs.js'

export interface ClientMetricsSubscription {
  name: string
  /** Metric name prefixes; [] = none, ['*'] = all. */
  metrics: string[]
  intervalMs: number | null
  /** Client selectors, `key=regex` (client_id, client_software_name, ...); [] = every client. */
  match: string[]
}

const list = (v: string | null | undefined) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)

/** Subscription names (ListConfigResources; v0 on Kafka 3.7-4.0 lists only these). */
export async function clientMetricsNames(conn: KafkaConnection): Promise<string[]> {
  const res = await conn.request(await conn.anyBroker(), ListConfigResourcesApi, (v, Encoder) =>
    listConfigResourcesRequest(v, [ConfigResourceType.clientMetrics], Encoder),
  )
  throwIfError(res.errorCode, null, 'ListConfigResources')
  return res.resources
    .filter((r) => r.type === ConfigResourceType.clientMetrics)
    .map((r) => r.name)
    .sort()
}

/** Every subscription (or the named ones) with its configs, from one DescribeConfigs. */
export async function listClientMetrics(conn: KafkaConnection, names?: string[]): Promise<ClientMetricsSubscription[]> {
  const wanted = names ?? (await clientMetricsNames(conn))
  const described = await describeConfigsOf(
    conn,
    wanted.map((name) => ({type: 'client-metrics' as const, name})),
  )
  return described
    .map((d) => {
      const value = (key: string) => d.configs.find((c) => c.key === key)?.value ?? null
      const interval = value('interval.ms')
      return {
        name: d.name,
        metrics: list(value('metrics')),
        intervalMs: interval === null ? null : Number(interval),
        match: list(value('match')),
      }
    })
    .sort((a, b) => a.name.localeCompare(b.name))
}

/** The service object commands call (command tests replace its functions). */
export const clientMetricsService = {clientMetricsNames, listClientMetrics}
