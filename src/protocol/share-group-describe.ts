import {
  type DescribedGroupHeader,
  decodeDescribedGroups,
  encodeGroupDescribe,
  readAssignment,
} from './consumer-group-describe.js'
import type {KafkaEncoder} from './kafkajs-internals.js'
import {type ApiSpec, type Reader, buildRequest} from './wire.js'

/**
 * ShareGroupDescribe (API 77, KIP-932): share groups, which the classic DescribeGroups reports as
 * Dead with no members. Kafka 4.1+ serves v1 only (v0 was the early-access version).
 */
export const ShareGroupDescribeApi: ApiSpec = {
  apiKey: 77,
  apiName: 'ShareGroupDescribe',
  minVersion: 1,
  maxVersion: 1,
  flexibleVersion: 0,
}

export interface ShareGroupTopicPartitions {
  topicId: string
  topicName: string
  partitions: number[]
}

export interface ShareGroupMember {
  memberId: string
  rackId: string | null
  memberEpoch: number
  clientId: string
  clientHost: string
  subscribedTopicNames: string[]
  assignment: ShareGroupTopicPartitions[]
}

export interface DescribedShareGroup extends DescribedGroupHeader {
  assignorName: string
  members: ShareGroupMember[]
  authorizedOperations: number
}

export const encodeShareGroupDescribe = encodeGroupDescribe

export function decodeShareGroupDescribe(r: Reader): {throttleTimeMs: number; groups: DescribedShareGroup[]} {
  return decodeDescribedGroups(r, (g) => ({
    assignorName: g.compactString(),
    members: g.compactArray((m) => {
      const member: ShareGroupMember = {
        memberId: m.compactString(),
        rackId: m.compactNullableString(),
        memberEpoch: m.int32(),
        clientId: m.compactString(),
        clientHost: m.compactString(),
        subscribedTopicNames: m.compactArray((s) => s.compactString()),
        assignment: readAssignment(m),
      }
      m.taggedFields()
      return member
    }),
  }))
}

export function shareGroupDescribeRequest(version: number, groupIds: string[], Encoder: new () => KafkaEncoder) {
  return buildRequest({
    api: ShareGroupDescribeApi,
    version,
    Encoder,
    encode: (e) => encodeShareGroupDescribe(e, groupIds),
    decode: (r) => decodeShareGroupDescribe(r),
  })
}
