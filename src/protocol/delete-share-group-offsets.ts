import type {KafkaEncoder} from './kafkajs-internals.js'
import {type ApiSpec, type Reader, buildRequest, flex} from './wire.js'

/**
 * DeleteShareGroupOffsets (API 92, KIP-932): drop a share group's state for whole topics (the
 * request names topics only, no partitions). The group must be empty. Only v0, flexible.
 */
export const DeleteShareGroupOffsetsApi: ApiSpec = {
  apiKey: 92,
  apiName: 'DeleteShareGroupOffsets',
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
}

export interface DeleteShareGroupOffsetsRequest {
  groupId: string
  topics: string[]
}

export interface DeleteShareGroupOffsetsResponse {
  throttleTimeMs: number
  errorCode: number
  errorMessage: string | null
  responses: {topicName: string; topicId: string; errorCode: number; errorMessage: string | null}[]
}

export function encodeDeleteShareGroupOffsets(e: KafkaEncoder, req: DeleteShareGroupOffsetsRequest): void {
  flex.string(e, req.groupId)
  flex.array(e, req.topics, (e, t) => {
    flex.string(e, t)
    flex.tags(e)
  })
  flex.tags(e)
}

export function decodeDeleteShareGroupOffsets(r: Reader): DeleteShareGroupOffsetsResponse {
  const throttleTimeMs = r.int32()
  const errorCode = r.int16()
  const errorMessage = r.compactNullableString()
  const responses = r.compactArray((t) => {
    const topic = {
      topicName: t.compactString(),
      topicId: t.uuid(),
      errorCode: t.int16(),
      errorMessage: t.compactNullableString(),
    }
    t.taggedFields()
    return topic
  })
  r.taggedFields()
  return {throttleTimeMs, errorCode, errorMessage, responses}
}

export function deleteShareGroupOffsetsRequest(
  version: number,
  req: DeleteShareGroupOffsetsRequest,
  Encoder: new () => KafkaEncoder,
) {
  return buildRequest({
    api: DeleteShareGroupOffsetsApi,
    version,
    Encoder,
    encode: (e) => encodeDeleteShareGroupOffsets(e, req),
    decode: decodeDeleteShareGroupOffsets,
  })
}
