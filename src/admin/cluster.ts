import type {KafkaConnection} from '../connection/client.js'
import {DescribeClusterApi, describeClusterRequest} from '../protocol/describe-cluster.js'
import {throwIfError} from '../protocol/protocol-error.js'

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
  controllerId: number | null
  brokers: BrokerInfo[]
}

/** Cluster id, controller and brokers from DescribeCluster (API 60). */
export async function describeCluster(conn: KafkaConnection): Promise<ClusterDescription> {
  const broker = await conn.anyBroker()
  const res = await conn.request(broker, DescribeClusterApi, (version, Encoder) =>
    describeClusterRequest(version, {includeClusterAuthorizedOperations: false, endpointType: 1, includeFencedBrokers: true}, Encoder),
  )
  throwIfError(res.errorCode, res.errorMessage, 'DescribeCluster')
  const controllerId = res.controllerId >= 0 ? res.controllerId : null
  return {
    clusterId: res.clusterId,
    controllerId,
    brokers: res.brokers
      .map((b) => ({id: b.brokerId, host: b.host, port: b.port, rack: b.rack, isController: b.brokerId === controllerId, fenced: b.isFenced}))
      .sort((a, b) => a.id - b.id),
  }
}
