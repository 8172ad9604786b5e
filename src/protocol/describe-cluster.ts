import type {KafkaEncoder} from './kafkajs-internals.js'
import {type ApiSpec, type Reader, buildRequest} from './wire.js'

/** DescribeCluster (API 60): the real active controller, which KRaft Metadata responses hide. */
export const DescribeClusterApi: ApiSpec = {
  apiKey: 60,
  apiName: 'DescribeCluster',
  minVersion: 0,
  maxVersion: 2,
  flexibleVersion: 0,
}

export interface DescribeClusterRequest {
  includeClusterAuthorizedOperations: boolean
  /** v1+: 1 = brokers, 2 = controllers. */
  endpointType?: 1 | 2
  /** v2+: include fenced brokers (with isFenced set). */
  includeFencedBrokers?: boolean
}

export interface DescribeClusterBroker {
  brokerId: number
  host: string
  port: number
  rack: string | null
  /** v2+, false before. */
  isFenced: boolean
}

export interface DescribeClusterResponse {
  throttleTimeMs: number
  errorCode: number
  errorMessage: string | null
  endpointType: number
  clusterId: string
  controllerId: number
  brokers: DescribeClusterBroker[]
  clusterAuthorizedOperations: number
}

/** All versions are flexible. */
export function encodeDescribeCluster(e: KafkaEncoder, version: number, req: DescribeClusterRequest): void {
  e.writeBoolean(req.includeClusterAuthorizedOperations)
  if (version >= 1) e.writeInt8(req.endpointType ?? 1)
  if (version >= 2) e.writeBoolean(req.includeFencedBrokers ?? false)
  e.writeUVarInt(0)
}

export function decodeDescribeCluster(r: Reader, version: number): DescribeClusterResponse {
  const throttleTimeMs = r.int32()
  const errorCode = r.int16()
  const errorMessage = r.compactNullableString()
  const endpointType = version >= 1 ? r.int8() : 1
  const clusterId = r.compactString()
  const controllerId = r.int32()
  const brokers = r.compactArray((b) => {
    const broker: DescribeClusterBroker = {
      brokerId: b.int32(),
      host: b.compactString(),
      port: b.int32(),
      rack: b.compactNullableString(),
      isFenced: false,
    }
    if (version >= 2) broker.isFenced = b.bool()
    b.taggedFields()
    return broker
  })
  const clusterAuthorizedOperations = r.int32()
  r.taggedFields()
  return {
    throttleTimeMs,
    errorCode,
    errorMessage,
    endpointType,
    clusterId,
    controllerId,
    brokers,
    clusterAuthorizedOperations,
  }
}

export function describeClusterRequest(version: number, req: DescribeClusterRequest, Encoder: new () => KafkaEncoder) {
  return buildRequest({
    api: DescribeClusterApi,
    version,
    Encoder,
    encode: (e) => encodeDescribeCluster(e, version, req),
    decode: (r) => decodeDescribeCluster(r, version),
  })
}
