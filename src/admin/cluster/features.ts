import type {KafkaConnection} from '../../connection/client.js'
import {ApiVersionsApi, apiVersionsRequest} from '../../protocol/api-versions.js'
import {throwIfError} from '../../protocol/protocol-error.js'

export interface FeatureInfo {
  name: string
  /** The cluster-wide finalized level (0 when not finalized, as kafka-features shows it). */
  finalizedLevel: number
  /** The range the answering broker supports. */
  supportedMin: number | null
  supportedMax: number | null
  /** For metadata.version: the release name of the level (e.g. 4.4-IV2). */
  finalizedVersion: string | null
}

export interface ClusterFeatures {
  /** The broker that answered (features are finalized cluster-wide). */
  broker: number | null
  /** Epoch of the finalized features; null when the broker has none. */
  epoch: bigint | null
  metadataVersion: string | null
  features: FeatureInfo[]
}

/** metadata.version feature levels (Kafka's MetadataVersion enum, 3.3 to 4.5). */
const METADATA_VERSIONS = new Map<number, string>([
  [7, '3.3-IV3'],
  [8, '3.4-IV0'],
  [9, '3.5-IV0'],
  [10, '3.5-IV1'],
  [11, '3.5-IV2'],
  [12, '3.6-IV0'],
  [13, '3.6-IV1'],
  [14, '3.6-IV2'],
  [15, '3.7-IV0'],
  [16, '3.7-IV1'],
  [17, '3.7-IV2'],
  [18, '3.7-IV3'],
  [19, '3.7-IV4'],
  [20, '3.8-IV0'],
  [21, '3.9-IV0'],
  [22, '4.0-IV0'],
  [23, '4.0-IV1'],
  [24, '4.0-IV2'],
  [25, '4.0-IV3'],
  [26, '4.1-IV0'],
  [27, '4.1-IV1'],
  [28, '4.2-IV0'],
  [29, '4.2-IV1'],
  [30, '4.3-IV0'],
  [31, '4.4-IV0'],
  [32, '4.4-IV1'],
  [33, '4.4-IV2'],
  [34, '4.5-IV0'],
])

export function metadataVersionName(level: number): string {
  return METADATA_VERSIONS.get(level) ?? `level ${level}`
}

/** Supported and finalized features from one ApiVersions v3+ request (its tagged fields). */
export async function clusterFeatures(conn: KafkaConnection): Promise<ClusterFeatures> {
  const broker = await conn.anyBroker()
  const res = await conn.request(broker, ApiVersionsApi, (v, Encoder) =>
    apiVersionsRequest(v, {name: 'kctl', version: '0'}, Encoder),
  )
  throwIfError(res.errorCode, null, 'ApiVersions')
  const names = [
    ...new Set([...res.supportedFeatures.map((f) => f.name), ...res.finalizedFeatures.map((f) => f.name)]),
  ].sort()
  const features = names.map((name) => {
    const s = res.supportedFeatures.find((f) => f.name === name)
    const f = res.finalizedFeatures.find((x) => x.name === name)
    const finalizedLevel = f ? f.maxVersionLevel : 0
    return {
      name,
      finalizedLevel,
      supportedMin: s?.minVersion ?? null,
      supportedMax: s?.maxVersion ?? null,
      finalizedVersion: name === 'metadata.version' && f ? metadataVersionName(finalizedLevel) : null,
    }
  })
  return {
    broker: broker.nodeId ?? null,
    epoch: res.finalizedFeaturesEpoch < 0n ? null : res.finalizedFeaturesEpoch,
    metadataVersion: features.find((f) => f.name === 'metadata.version')?.finalizedVersion ?? null,
    features,
  }
}

/** The service object commands call (command tests replace its functions). */
export const featuresService = {clusterFeatures}
