import {type DescribedGroupHeader, decodeDescribedGroups, encodeGroupDescribe} from './consumer-group-describe.js'
import type {KafkaEncoder} from './kafkajs-internals.js'
import {type ApiSpec, type Reader, buildRequest} from './wire.js'

/**
 * StreamsGroupDescribe (API 89, KIP-1071): Kafka Streams groups on the streams rebalance
 * protocol, with their topology (subtopologies and their topics) and each member's tasks. kctl
 * speaks v0 (v1 adds the processor-level topology description).
 */
export const StreamsGroupDescribeApi: ApiSpec = {
  apiKey: 89,
  apiName: 'StreamsGroupDescribe',
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
}

export interface StreamsTopicInfo {
  name: string
  /** -1: decided by the group (the source topics' partition count). */
  partitions: number
  replicationFactor: number
  topicConfigs: {key: string; value: string}[]
}

export interface StreamsSubtopology {
  subtopologyId: string
  sourceTopics: string[]
  repartitionSinkTopics: string[]
  stateChangelogTopics: StreamsTopicInfo[]
  repartitionSourceTopics: StreamsTopicInfo[]
}

export interface StreamsTasks {
  subtopologyId: string
  partitions: number[]
}

export interface StreamsAssignment {
  activeTasks: StreamsTasks[]
  standbyTasks: StreamsTasks[]
  warmupTasks: StreamsTasks[]
}

export interface StreamsTaskOffset {
  subtopologyId: string
  partition: number
  offset: bigint
}

export interface StreamsGroupMember {
  memberId: string
  memberEpoch: number
  instanceId: string | null
  rackId: string | null
  clientId: string
  clientHost: string
  topologyEpoch: number
  processId: string
  userEndpoint: {host: string; port: number} | null
  clientTags: {key: string; value: string}[]
  taskOffsets: StreamsTaskOffset[]
  taskEndOffsets: StreamsTaskOffset[]
  assignment: StreamsAssignment
  targetAssignment: StreamsAssignment
  isClassic: boolean
}

export interface DescribedStreamsGroup extends DescribedGroupHeader {
  /** null when the group has no topology yet. */
  topology: {epoch: number; subtopologies: StreamsSubtopology[] | null} | null
  members: StreamsGroupMember[]
  authorizedOperations: number
}

export const encodeStreamsGroupDescribe = encodeGroupDescribe

/** A nullable struct: INT8 -1 for null, 1 before its fields. */
function nullableStruct<T>(r: Reader, read: (r: Reader) => T): T | null {
  return r.int8() < 0 ? null : read(r)
}

function keyValues(r: Reader): {key: string; value: string}[] {
  return r.compactArray((kv) => {
    const out = {key: kv.compactString(), value: kv.compactString()}
    kv.taggedFields()
    return out
  })
}

function topicInfos(r: Reader): StreamsTopicInfo[] {
  return r.compactArray((t) => {
    const out = {
      name: t.compactString(),
      partitions: t.int32(),
      replicationFactor: t.int16(),
      topicConfigs: keyValues(t),
    }
    t.taggedFields()
    return out
  })
}

function tasks(r: Reader): StreamsTasks[] {
  return r.compactArray((t) => {
    const out = {subtopologyId: t.compactString(), partitions: t.compactArray((p) => p.int32())}
    t.taggedFields()
    return out
  })
}

function assignment(r: Reader): StreamsAssignment {
  const out = {activeTasks: tasks(r), standbyTasks: tasks(r), warmupTasks: tasks(r)}
  r.taggedFields()
  return out
}

function taskOffsets(r: Reader): StreamsTaskOffset[] {
  return r.compactArray((t) => {
    const out = {subtopologyId: t.compactString(), partition: t.int32(), offset: t.int64()}
    t.taggedFields()
    return out
  })
}

export function decodeStreamsGroupDescribe(r: Reader): {throttleTimeMs: number; groups: DescribedStreamsGroup[]} {
  return decodeDescribedGroups(r, (g) => ({
    topology: nullableStruct(g, (t) => {
      const epoch = t.int32()
      const subtopologies = readSubtopologies(t)
      t.taggedFields()
      return {epoch, subtopologies}
    }),
    members: g.compactArray((m): StreamsGroupMember => {
      const member = {
        memberId: m.compactString(),
        memberEpoch: m.int32(),
        instanceId: m.compactNullableString(),
        rackId: m.compactNullableString(),
        clientId: m.compactString(),
        clientHost: m.compactString(),
        topologyEpoch: m.int32(),
        processId: m.compactString(),
        userEndpoint: nullableStruct(m, (u) => {
          const out = {host: u.compactString(), port: u.uint16()}
          u.taggedFields()
          return out
        }),
        clientTags: keyValues(m),
        taskOffsets: taskOffsets(m),
        taskEndOffsets: taskOffsets(m),
        assignment: assignment(m),
        targetAssignment: assignment(m),
        isClassic: m.bool(),
      }
      m.taggedFields()
      return member
    }),
  }))
}

/** A COMPACT_NULLABLE_ARRAY of subtopologies (length + 1, 0 for null). */
function readSubtopologies(r: Reader): StreamsSubtopology[] | null {
  const n = r.uvarint()
  if (n === 0) return null
  return Array.from({length: n - 1}, () => {
    const s = r
    const out = {
      subtopologyId: s.compactString(),
      sourceTopics: s.compactArray((x) => x.compactString()),
      repartitionSinkTopics: s.compactArray((x) => x.compactString()),
      stateChangelogTopics: topicInfos(s),
      repartitionSourceTopics: topicInfos(s),
    }
    s.taggedFields()
    return out
  })
}

export function streamsGroupDescribeRequest(version: number, groupIds: string[], Encoder: new () => KafkaEncoder) {
  return buildRequest({
    api: StreamsGroupDescribeApi,
    version,
    Encoder,
    encode: (e) => encodeStreamsGroupDescribe(e, groupIds),
    decode: (r) => decodeStreamsGroupDescribe(r),
  })
}
