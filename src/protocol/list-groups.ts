import type {KafkaEncoder} from './kafkajs-internals.js'
import {type ApiSpec, type Reader, buildRequest, flex} from './wire.js'

/**
 * ListGroups (API 16) v4+: the state filter (v4) and the group type filter (v5, KIP-848), which
 * kafkajs's v2 lacks. Each broker answers for the groups it coordinates.
 */
export const ListGroupsApi: ApiSpec = {
  apiKey: 16,
  apiName: 'ListGroups',
  minVersion: 4,
  maxVersion: 5,
  flexibleVersion: 3,
}

export interface ListGroupsRequest {
  statesFilter: string[]
  /** v5+; ignored (must be empty) on v4. */
  typesFilter: string[]
}

export interface ListedGroup {
  groupId: string
  protocolType: string
  groupState: string
  /** v5+: classic, consumer, share, streams; null on v4. */
  groupType: string | null
}

export interface ListGroupsResponse {
  throttleTimeMs: number
  errorCode: number
  groups: ListedGroup[]
}

export function encodeListGroups(e: KafkaEncoder, version: number, req: ListGroupsRequest): void {
  flex.array(e, req.statesFilter, flex.string)
  if (version >= 5) flex.array(e, req.typesFilter, flex.string)
  flex.tags(e)
}

export function decodeListGroups(r: Reader, version: number): ListGroupsResponse {
  const throttleTimeMs = r.int32()
  const errorCode = r.int16()
  const groups = r.compactArray((g) => {
    const group: ListedGroup = {
      groupId: g.compactString(),
      protocolType: g.compactString(),
      groupState: g.compactString(),
      groupType: version >= 5 ? g.compactString() : null,
    }
    g.taggedFields()
    return group
  })
  r.taggedFields()
  return {throttleTimeMs, errorCode, groups}
}

export function listGroupsRequest(version: number, req: ListGroupsRequest, Encoder: new () => KafkaEncoder) {
  return buildRequest({
    api: ListGroupsApi,
    version,
    Encoder,
    encode: (e) => encodeListGroups(e, version, req),
    decode: (r) => decodeListGroups(r, version),
  })
}
