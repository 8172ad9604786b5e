import type {KafkaEncoder} from './kafkajs-internals.js'
import {type ApiSpec, type Reader, buildRequest, flex} from './wire.js'

/**
 * ConsumerGroupDescribe (API 69, KIP-848): groups on the new consumer protocol, which the classic
 * DescribeGroups reports as Dead with no members.
 */
export const ConsumerGroupDescribeApi: ApiSpec = {
  apiKey: 69,
  apiName: 'ConsumerGroupDescribe',
  minVersion: 0,
  maxVersion: 1,
  flexibleVersion: 0,
}

export interface ConsumerGroupTopicPartitions {
  topicId: string
  topicName: string
  partitions: number[]
}

export interface ConsumerGroupMember {
  memberId: string
  instanceId: string | null
  rackId: string | null
  memberEpoch: number
  clientId: string
  clientHost: string
  subscribedTopicNames: string[]
  subscribedTopicRegex: string | null
  assignment: ConsumerGroupTopicPartitions[]
  targetAssignment: ConsumerGroupTopicPartitions[]
  /** v1+: 0 = consumer protocol, 1 = classic member in a consumer group; -1 unknown. */
  memberType: number
}

export interface DescribedConsumerGroup extends DescribedGroupHeader {
  assignorName: string
  members: ConsumerGroupMember[]
  authorizedOperations: number
}

/**
 * The request body ConsumerGroupDescribe, ShareGroupDescribe and StreamsGroupDescribe share:
 * GroupIds, IncludeAuthorizedOperations, tags.
 */
export function encodeGroupDescribe(e: KafkaEncoder, groupIds: string[], includeAuthorizedOperations = false): void {
  flex.array(e, groupIds, flex.string)
  e.writeBoolean(includeAuthorizedOperations)
  flex.tags(e)
}

export const encodeConsumerGroupDescribe = encodeGroupDescribe

/** A member's Assignment struct (consumer and share groups): topic partitions, then the struct's tags. */
export function readAssignment(r: Reader): ConsumerGroupTopicPartitions[] {
  const topics = r.compactArray((t) => {
    const tp = {topicId: t.uuid(), topicName: t.compactString(), partitions: t.compactArray((p) => p.int32())}
    t.taggedFields()
    return tp
  })
  r.taggedFields()
  return topics
}

/** The fields every group of a ConsumerGroup/ShareGroup/StreamsGroupDescribe response starts with. */
export interface DescribedGroupHeader {
  errorCode: number
  errorMessage: string | null
  groupId: string
  groupState: string
  groupEpoch: number
  assignmentEpoch: number
}

/**
 * The response ConsumerGroupDescribe, ShareGroupDescribe and StreamsGroupDescribe share: per group
 * the same header fields, then the API's own (`readOwn`: assignor or topology, and members), then
 * AuthorizedOperations and the tags.
 */
export function decodeDescribedGroups<T extends object>(
  r: Reader,
  readOwn: (g: Reader) => T,
): {throttleTimeMs: number; groups: (DescribedGroupHeader & T & {authorizedOperations: number})[]} {
  const throttleTimeMs = r.int32()
  const groups = r.compactArray((g) => {
    const header: DescribedGroupHeader = {
      errorCode: g.int16(),
      errorMessage: g.compactNullableString(),
      groupId: g.compactString(),
      groupState: g.compactString(),
      groupEpoch: g.int32(),
      assignmentEpoch: g.int32(),
    }
    const own = readOwn(g)
    const authorizedOperations = g.int32()
    g.taggedFields()
    return {...header, ...own, authorizedOperations}
  })
  r.taggedFields()
  return {throttleTimeMs, groups}
}

export function decodeConsumerGroupDescribe(
  r: Reader,
  version: number,
): {throttleTimeMs: number; groups: DescribedConsumerGroup[]} {
  return decodeDescribedGroups(r, (g) => ({
    assignorName: g.compactString(),
    members: g.compactArray((m) => {
      const member: ConsumerGroupMember = {
        memberId: m.compactString(),
        instanceId: m.compactNullableString(),
        rackId: m.compactNullableString(),
        memberEpoch: m.int32(),
        clientId: m.compactString(),
        clientHost: m.compactString(),
        subscribedTopicNames: m.compactArray((s) => s.compactString()),
        subscribedTopicRegex: m.compactNullableString(),
        assignment: readAssignment(m),
        targetAssignment: readAssignment(m),
        memberType: -1,
      }
      if (version >= 1) member.memberType = m.int8()
      m.taggedFields()
      return member
    }),
  }))
}

export function consumerGroupDescribeRequest(version: number, groupIds: string[], Encoder: new () => KafkaEncoder) {
  return buildRequest({
    api: ConsumerGroupDescribeApi,
    version,
    Encoder,
    encode: (e) => encodeConsumerGroupDescribe(e, groupIds),
    decode: (r) => decodeConsumerGroupDescribe(r, version),
  })
}
