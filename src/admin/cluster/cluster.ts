import type {KafkaConnection} from '../../connection/client.js'
import type {ClusterIdentity} from '../../connection/guards.js'
import {KctlError} from '../../errors.js'
import {DescribeClusterApi, describeClusterRequest} from '../../protocol/describe-cluster.js'
import {DescribeQuorumApi, type QuorumPartition, describeQuorumRequest} from '../../protocol/describe-quorum.js'
import {protocolErrorToKctl, throwIfError} from '../../protocol/protocol-error.js'

export interface BrokerInfo {
  id: number
  host: string
  port: number
  rack: string | null
  isController: boolean
  fenced: boolean
}

export interface ClusterDescription {
  clusterId: string
  /** The active controller; null when the cluster does not say. */
  controllerId: number | null
  /**
   * Where controllerId comes from: the KRaft quorum leader (DescribeQuorum), or DescribeCluster on
   * clusters without a KRaft quorum (there it is the real controller; on KRaft it is a random broker).
   */
  controllerSource: 'quorum' | 'describe-cluster' | 'unknown'
  brokers: BrokerInfo[]
}

/** Cluster id and brokers from DescribeCluster (API 60), the active controller from the quorum. */
export async function describeCluster(conn: KafkaConnection): Promise<ClusterDescription> {
  const broker = await conn.anyBroker()
  const [res, quorum] = await Promise.all([
    conn.request(broker, DescribeClusterApi, (version, Encoder) =>
      describeClusterRequest(
        version,
        {includeClusterAuthorizedOperations: false, endpointType: 1, includeFencedBrokers: true},
        Encoder,
      ),
    ),
    describeMetadataQuorum(conn).catch((error: unknown) => {
      // Not a KRaft cluster, or not allowed to DESCRIBE the cluster: fall back below.
      if (error instanceof KctlError) return null
      throw error
    }),
  ])
  throwIfError(res.errorCode, res.errorMessage, 'DescribeCluster')
  let controllerId: number | null = null
  let controllerSource: ClusterDescription['controllerSource'] = 'unknown'
  if (quorum && quorum.leaderId >= 0) [controllerId, controllerSource] = [quorum.leaderId, 'quorum']
  else if (!quorum && res.controllerId >= 0) [controllerId, controllerSource] = [res.controllerId, 'describe-cluster']
  return {
    clusterId: res.clusterId,
    controllerId,
    controllerSource,
    brokers: res.brokers
      .map((b) => ({
        id: b.brokerId,
        host: b.host,
        port: b.port,
        rack: b.rack,
        isController: b.brokerId === controllerId,
        fenced: b.isFenced,
      }))
      .sort((a, b) => a.id - b.id),
  }
}

/** The `__cluster_metadata` partition of the KRaft quorum (DescribeQuorum, API 55). */
export async function describeMetadataQuorum(conn: KafkaConnection): Promise<QuorumPartition> {
  const broker = await conn.anyBroker()
  const res = await conn.request(broker, DescribeQuorumApi, (version, Encoder) =>
    describeQuorumRequest(version, Encoder),
  )
  throwIfError(res.errorCode, res.errorMessage, 'DescribeQuorum')
  const partition = res.topics[0]?.partitions[0]
  if (!partition) throw protocolErrorToKctl(-1, 'empty DescribeQuorum response', 'DescribeQuorum')
  throwIfError(partition.errorCode, partition.errorMessage, 'DescribeQuorum')
  return partition
}

/** The cluster id and the brokers' addresses from one DescribeCluster: what guards recognise a cluster by. */
export async function clusterIdentity(conn: KafkaConnection): Promise<ClusterIdentity> {
  const res = await conn.request(await conn.anyBroker(), DescribeClusterApi, (version, Encoder) =>
    describeClusterRequest(version, {includeClusterAuthorizedOperations: false, endpointType: 1}, Encoder),
  )
  throwIfError(res.errorCode, res.errorMessage, 'DescribeCluster')
  return {clusterId: res.clusterId, brokers: res.brokers.map((b) => ({host: b.host, port: b.port}))}
}

/** Just the cluster id (one DescribeCluster): what a context's cluster-id pin is checked against. */
export async function clusterId(conn: KafkaConnection): Promise<string> {
  return (await clusterIdentity(conn)).clusterId
}

/** The service object commands call (command tests replace its functions). */
export const clusterService = {describeCluster, describeMetadataQuorum, clusterId, clusterIdentity}
