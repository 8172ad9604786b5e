import type {KafkaEncoder} from './kafkajs-internals.js'
import {type ApiSpec, type Reader, buildRequest, flex} from './wire.js'

/** ElectLeaders (API 43): preferred or unclean leader election. v1 adds the election type, v2 is flexible. */
export const ElectLeadersApi: ApiSpec = {apiKey: 43, apiName: 'ElectLeaders', minVersion: 1, maxVersion: 2}

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
  if (version >= 2) {
    flex.array(e, req.topicPartitions, (e, t) => {
      e.writeUVarIntString(t.topic)
      flex.array(e, t.partitions, (e, p) => e.writeInt32(p))
      flex.tags(e)
    })
    e.writeInt32(req.timeoutMs)
    flex.tags(e)
    return
  }
  if (req.topicPartitions === null) e.writeInt32(-1)
  else {
    e.writeInt32(req.topicPartitions.length)
    for (const t of req.topicPartitions) {
      e.writeString(t.topic)
      e.writeInt32(t.partitions.length)
      for (const p of t.partitions) e.writeInt32(p)
    }
  }
  e.writeInt32(req.timeoutMs)
}

export function decodeElectLeaders(r: Reader, version: number): ElectLeadersResponse {
  const flexible = version >= 2
  const arr = <T>(read: () => T): T[] => (flexible ? r.compactArray(read) : r.array(read))
  const throttleTimeMs = r.int32()
  const errorCode = r.int16()
  const results = arr(() => {
    const topic = flexible ? r.compactString() : r.string()
    const partitions = arr(() => {
      const p = {partitionId: r.int32(), errorCode: r.int16(), errorMessage: flexible ? r.compactNullableString() : r.nullableString()}
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
    flexible: version >= 2,
    Encoder,
    encode: (e) => encodeElectLeaders(e, version, req),
    decode: (r) => decodeElectLeaders(r, version),
    // The broker waits up to timeoutMs for the elections before it answers.
    requestTimeout: req.timeoutMs + 5000,
  })
}
