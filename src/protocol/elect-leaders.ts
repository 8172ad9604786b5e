import type {KafkaEncoder} from './kafkajs-internals.js'
import {writeTopicPartitions} from './topic-partitions.js'
import {type ApiSpec, type Reader, buildRequest, isFlexible, flex} from './wire.js'

/** ElectLeaders (API 43): preferred or unclean leader election. v1 adds the election type, v2 is flexible. */
export const ElectLeadersApi: ApiSpec = {
  apiKey: 43,
  apiName: 'ElectLeaders',
  minVersion: 1,
  maxVersion: 2,
  flexibleVersion: 2,
}

export const ElectionType = {preferred: 0, unclean: 1} as const

export interface ElectLeadersRequest {
  electionType: 0 | 1
  /** null = every partition of the cluster. */
  topicPartitions: {topic: string; partitions: number[]}[] | null
  timeoutMs: number
}

export interface ElectLeadersResponse {
  throttleTimeMs: number
  errorCode: number
  results: {topic: string; partitions: {partitionId: number; errorCode: number; errorMessage: string | null}[]}[]
}

export function encodeElectLeaders(e: KafkaEncoder, version: number, req: ElectLeadersRequest): void {
  e.writeInt8(req.electionType)
  writeTopicPartitions(e, isFlexible(ElectLeadersApi, version), req.topicPartitions)
  e.writeInt32(req.timeoutMs)
  if (isFlexible(ElectLeadersApi, version)) flex.tags(e)
}

export function decodeElectLeaders(r: Reader, version: number): ElectLeadersResponse {
  const flexible = isFlexible(ElectLeadersApi, version)
  const arr = <T>(read: () => T): T[] => (flexible ? r.compactArray(read) : r.array(read))
  const throttleTimeMs = r.int32()
  const errorCode = r.int16()
  const results = arr(() => {
    const topic = flexible ? r.compactString() : r.string()
    const partitions = arr(() => {
      const p = {
        partitionId: r.int32(),
        errorCode: r.int16(),
        errorMessage: flexible ? r.compactNullableString() : r.nullableString(),
      }
      if (flexible) r.taggedFields()
      return p
    })
    if (flexible) r.taggedFields()
    return {topic, partitions}
  })
  if (flexible) r.taggedFields()
  return {throttleTimeMs, errorCode, results}
}

export function electLeadersRequest(version: number, req: ElectLeadersRequest, Encoder: new () => KafkaEncoder) {
  return buildRequest({
    api: ElectLeadersApi,
    version,
    Encoder,
    encode: (e) => encodeElectLeaders(e, version, req),
    decode: (r) => decodeElectLeaders(r, version),
    // The broker waits up to timeoutMs for the elections before it answers.
    requestTimeout: req.timeoutMs + 5000,
  })
}
