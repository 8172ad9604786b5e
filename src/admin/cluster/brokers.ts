import type {KafkaConnection} from '../../connection/client.js'
import {ConfigResourceType} from '../../protocol/config-resources.js'
import {protocolErrorToKctl} from '../../protocol/protocol-error.js'
import {describeCluster} from './cluster.js'
import {liveBrokerIds, requireBrokers} from './live-brokers.js'
import {describeConfigResources} from '../configs/configs.js'
import {describeLogDirs, type LogDirSummary} from './logdirs.js'
import {type PartitionState, partitionStates} from '../topics/partition-state.js'

// In live-brokers.ts (logdirs.ts needs them too: no cycle); exported here as before.
export {liveBrokerIds, requireBrokers} from './live-brokers.js'

export interface BrokerSummary {
  id: number
  host: string
  port: number
  rack: string | null
  controller: boolean
  fenced: boolean
  leaders: number
  replicas: number
  /** Bytes in all its log directories; null when the broker could not be asked (fenced, down). */
  logDirBytes: number | null
}

function countRoles(states: PartitionState[], id: number) {
  return {
    leaders: states.filter((s) => s.leader === id).length,
    replicas: states.filter((s) => s.replicas.includes(id)).length,
  }
}

/** Every broker with its leader and replica counts and log-dir size: DescribeCluster, Metadata, one DescribeLogDirs per broker. */
export async function listBrokers(conn: KafkaConnection): Promise<BrokerSummary[]> {
  return (await brokerOverview(conn)).brokers
}

async function brokerOverview(conn: KafkaConnection, only?: number) {
  const [cluster, states] = await Promise.all([describeCluster(conn), partitionStates(conn)])
  const live = new Set(await liveBrokerIds(conn))
  const reachable = cluster.brokers
    .filter((b) => !b.fenced && live.has(b.id) && (only === undefined || b.id === only))
    .map((b) => b.id)
  // Sizes are extra: a broker that does not answer, or a principal without DESCRIBE on the
  // cluster, leaves them null (with a warning) instead of failing the whole listing.
  const dirs = await describeLogDirs(conn, {brokers: reachable, tolerant: true})
  const brokers = cluster.brokers
    .filter((b) => only === undefined || b.id === only)
    .map((b) => {
      const mine = dirs.logDirs.filter((d) => d.broker === b.id)
      return {
        id: b.id,
        host: b.host,
        port: b.port,
        rack: b.rack,
        controller: b.isController,
        fenced: b.fenced,
        ...countRoles(states, b.id),
        logDirBytes: mine.length > 0 ? mine.reduce((n, d) => n + d.sizeBytes, 0) : null,
      }
    })
  return {brokers, states, dirs}
}

export interface BrokerConfigEntry {
  name: string
  /** null for sensitive values (never printed). */
  value: string | null
  source: 'dynamic-broker' | 'dynamic-default'
  sensitive: boolean
}

export interface BrokerDescription extends BrokerSummary {
  /** Dynamic configs only (set for this broker, or the cluster-wide dynamic default). */
  configs: BrokerConfigEntry[]
  logDirs: LogDirSummary[]
  leaderOf: {topic: string; partition: number; replicas: number[]; isr: number[]}[]
}

export async function describeBroker(conn: KafkaConnection, id: number): Promise<BrokerDescription> {
  await requireBrokers(conn, [id])
  const [{brokers, states, dirs}, configs] = await Promise.all([
    brokerOverview(conn, id),
    describeConfigResources(conn, await conn.broker(id), [
      {resourceType: ConfigResourceType.broker, resourceName: String(id), configurationKeys: null},
    ]),
  ])
  const summary = brokers[0]
  if (configs[0] && configs[0].errorCode !== 0)
    throw protocolErrorToKctl(configs[0].errorCode, configs[0].errorMessage, `DescribeConfigs of broker ${id}`)
  const entries = configs[0]?.configs ?? []
  return {
    ...summary,
    configs: entries
      .filter((c) => c.configSource === 2 || c.configSource === 3)
      .map((c) => ({
        name: c.name,
        value: c.isSensitive ? null : c.value,
        source: c.configSource === 2 ? ('dynamic-broker' as const) : ('dynamic-default' as const),
        sensitive: c.isSensitive,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    logDirs: dirs.logDirs,
    leaderOf: states
      .filter((s) => s.leader === id)
      .map((s) => ({topic: s.topic, partition: s.partition, replicas: s.replicas, isr: s.isr})),
  }
}

/** The service object commands call (command tests replace its functions). */
export const brokersService = {listBrokers, describeBroker}
