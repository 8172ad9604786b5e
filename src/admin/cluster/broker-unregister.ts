import type {KafkaConnection} from '../../connection/client.js'
import {KctlError, usageError} from '../../errors.js'
import {DescribeClusterApi, describeClusterRequest} from '../../protocol/describe-cluster.js'
import {protocolErrorToKctl, throwIfError} from '../../protocol/protocol-error.js'
import {UnregisterBrokerApi, unregisterBrokerRequest} from '../../protocol/unregister-broker.js'
import {partitionStates} from '../topics/partition-state.js'

export interface UnregisterBrokerPlan {
  broker: number
  /**
   * What DescribeCluster says: `fenced` (registered, not running or not caught up), `running`
   * (registered and unfenced), or `unknown` when the cluster cannot list fenced brokers
   * (DescribeCluster before v2: Kafka 3.x) and does not list this one.
   */
  registration: 'fenced' | 'running' | 'unknown'
  /** Partitions that still name the broker as a replica: they stay under-replicated until reassigned. */
  replicaPartitionCount: number
  notes: string[]
}

/**
 * Check that broker `id` can be unregistered. Kafka 4.4 unregisters a running broker too, and that
 * broker does not register again: its heartbeats fail (STALE_BROKER_EPOCH) until it restarts. So a
 * running broker is refused unless `force`. A broker the cluster does not know is refused (exit 2).
 */
export async function planUnregisterBroker(
  conn: KafkaConnection,
  id: number,
  options: {force?: boolean} = {},
): Promise<UnregisterBrokerPlan> {
  let version = 0
  const res = await conn.request(await conn.anyBroker(), DescribeClusterApi, (v, Encoder) => {
    version = v
    return describeClusterRequest(
      v,
      {includeClusterAuthorizedOperations: false, endpointType: 1, includeFencedBrokers: true},
      Encoder,
    )
  })
  throwIfError(res.errorCode, res.errorMessage, 'DescribeCluster')
  const broker = res.brokers.find((b) => b.brokerId === id)
  const registered = res.brokers.map((b) => b.brokerId).sort((a, b) => a - b)
  if (!broker && version >= 2)
    throw usageError(
      `Broker ${id} is not registered`,
      `The registered brokers are ${registered.join(', ')}.`,
      'BROKER_NOT_REGISTERED',
    )
  const registration = !broker ? 'unknown' : broker.isFenced ? 'fenced' : 'running'
  if (registration === 'running' && !options.force)
    throw usageError(
      `Broker ${id} is running (registered and unfenced)`,
      'Stop the broker first (it registers again when it starts). Kafka unregisters a running broker too, which then stays out of the cluster until it restarts: --force does that.',
      'BROKER_STILL_REGISTERED',
    )
  const replicaPartitionCount = (await partitionStates(conn)).filter((p) => p.replicas.includes(id)).length
  const notes: string[] = []
  if (replicaPartitionCount > 0)
    notes.push(
      `${replicaPartitionCount} partition(s) still list broker ${id} as a replica: they stay under-replicated until reassigned (kctl partitions reassign) or the broker comes back.`,
    )
  if (registration === 'running')
    notes.push(`Broker ${id} is running: it leaves the cluster (heartbeats refused) until it restarts.`)
  return {broker: id, registration, replicaPartitionCount, notes}
}

/** UnregisterBroker (API 64; any broker forwards it to the active controller, as Kafka's Admin sends it). */
export async function unregisterBroker(conn: KafkaConnection, id: number): Promise<void> {
  const res = await conn.request(await conn.anyBroker(), UnregisterBrokerApi, (version, Encoder) =>
    unregisterBrokerRequest(version, id, Encoder),
  )
  if (res.errorCode === 0) return
  const error = protocolErrorToKctl(res.errorCode, res.errorMessage, `UnregisterBroker (broker ${id})`)
  if (String(error.code) === 'BROKER_ID_NOT_REGISTERED')
    throw new KctlError(error.code, error.exitCode, error.message, {hint: 'See `kctl brokers list`.'})
  throw error
}

/** The service object commands call (command tests replace its functions). */
export const brokerRegistrationService = {planUnregisterBroker, unregisterBroker}
