import type {KafkaEncoder} from './kafkajs-internals.js'
import {type ApiSpec, Reader, buildRequest, flex} from './wire.js'

/**
 * DescribeGroups (API 15) v5-v6. kafkajs (v0-v2) fails the whole batch when one group has an
 * error, which new-protocol groups on Kafka 4.x do; this reports errors per group.
 */
export const DescribeGroupsApi: ApiSpec = {
  apiKey: 15,
  apiName: 'DescribeGroups',
  minVersion: 5,
  maxVersion: 6,
  flexibleVersion: 5,
}

export interface DescribedGroupMember {
  memberId: string
  groupInstanceId: string | null
  clientId: string
  clientHost: string
  memberMetadata: Buffer
  memberAssignment: Buffer
}

export interface DescribedGroup {
  errorCode: number
  errorMessage: string | null
  groupId: string
  groupState: string
  protocolType: string
  /** The assignor (range, cooperative-sticky, ...) for consumer groups. */
  protocolData: string
  members: DescribedGroupMember[]
  authorizedOperations: number
}

export function encodeDescribeGroups(e: KafkaEncoder, groupIds: string[], includeAuthorizedOperations = false): void {
  flex.array(e, groupIds, flex.string)
  e.writeBoolean(includeAuthorizedOperations)
  flex.tags(e)
}

export function decodeDescribeGroups(r: Reader, version: number): {throttleTimeMs: number; groups: DescribedGroup[]} {
  const throttleTimeMs = r.int32()
  const groups = r.compactArray((g) => {
    const errorCode = g.int16()
    const errorMessage = version >= 6 ? g.compactNullableString() : null
    const groupId = g.compactString()
    const groupState = g.compactString()
    const protocolType = g.compactString()
    const protocolData = g.compactString()
    const members = g.compactArray((m) => {
      const member = {
        memberId: m.compactString(),
        groupInstanceId: m.compactNullableString(),
        clientId: m.compactString(),
        clientHost: m.compactString(),
        memberMetadata: m.compactNullableBytes() ?? Buffer.alloc(0),
        memberAssignment: m.compactNullableBytes() ?? Buffer.alloc(0),
      }
      m.taggedFields()
      return member
    })
    const authorizedOperations = g.int32()
    g.taggedFields()
    return {errorCode, errorMessage, groupId, groupState, protocolType, protocolData, members, authorizedOperations}
  })
  r.taggedFields()
  return {throttleTimeMs, groups}
}

export function describeGroupsRequest(version: number, groupIds: string[], Encoder: new () => KafkaEncoder) {
  return buildRequest({
    api: DescribeGroupsApi,
    version,
    Encoder,
    encode: (e) => encodeDescribeGroups(e, groupIds),
    decode: (r) => decodeDescribeGroups(r, version),
  })
}

/**
 * The classic consumer protocol's member assignment (ConsumerProtocolAssignment): version,
 * [topic [partition]], user data. Empty or foreign (e.g. Connect) assignments decode to [].
 */
export function decodeConsumerAssignment(buf: Buffer): {topic: string; partitions: number[]}[] {
  if (buf.length < 2) return []
  try {
    const r = new Reader(buf)
    r.int16()
    return r.array((t) => ({topic: t.string(), partitions: t.array((p) => p.int32())}))
  } catch {
    return []
  }
}
