import {createRequire} from 'node:module'

import type {KafkaBroker, ProtocolRequest} from '../protocol/kafkajs-internals.js'
import {brokerLabel, negotiateVersion} from '../protocol/wire.js'

/**
 * The requests kctl still builds with kafkajs's request classes, because kctl has no protocol
 * module of its own for them yet (listed in docs/reliability.md); they are sent over kctl's own
 * broker connection. The one place their shapes are declared: services call these, never kafkajs.
 * Only the commands that send them load kafkajs (these request modules, its Encoder and Decoder).
 */
export interface KafkajsRequests {
  /** CreateTopics (19). */
  createTopics(args: {topics: unknown[]; validateOnly: boolean; timeout: number}): Promise<unknown>
  /** DeleteTopics (20). */
  deleteTopics(args: {topics: string[]; timeout: number}): Promise<unknown>
  /** CreatePartitions (37). */
  createPartitions(args: {
    topicPartitions: {topic: string; count: number; assignments?: number[][]}[]
    validateOnly: boolean
    timeout: number
  }): Promise<unknown>
  /** DeleteGroups (42). */
  deleteGroups(ids: string[]): Promise<{results: {groupId: string; errorCode: number}[]}>
  /** OffsetCommit (8), as an outsider (generation -1). */
  offsetCommit(args: {
    groupId: string
    groupGenerationId: number
    memberId: string
    retentionTime?: number
    topics: {topic: string; partitions: {partition: number; offset: string}[]}[]
  }): Promise<{responses: {topic: string; partitions: {partition: number; errorCode: number}[]}[]}>
  /** DescribeAcls (29). */
  describeAcls(filter: Record<string, unknown>): Promise<{resources: unknown}>
  /** CreateAcls (30). */
  createAcls(args: {acl: unknown[]}): Promise<unknown>
  /** DeleteAcls (31). */
  deleteAcls(args: {filters: unknown[]}): Promise<{filterResponses: unknown}>
  /** ListPartitionReassignments (46). */
  listPartitionReassignments(args: {topics: {topic: string; partitions: number[]}[] | null; timeout: number}): Promise<{
    topics: {
      name: string
      partitions: {partition: number; replicas: number[]; addingReplicas: number[]; removingReplicas: number[]}[]
    }[]
  }>
}

const require = createRequire(import.meta.url)

interface KafkajsRequestDefinition {
  versions: string[]
  protocol: (v: {version: number}) => (args: unknown) => ProtocolRequest<unknown>
}

/**
 * kafkajs's request object for `dir` at the version kafkajs's Broker would pick: the highest it
 * implements up to the broker's maximum.
 */
function kafkajsRequest(
  broker: KafkaBroker,
  api: {apiKey: number; apiName: string; dir: string},
  args: unknown,
): ProtocolRequest<unknown> {
  const definition = require(`kafkajs/src/protocol/requests/${api.dir}/index.js`) as KafkajsRequestDefinition
  const versions = definition.versions.map(Number)
  const spec = {...api, minVersion: Math.min(...versions), maxVersion: Math.max(...versions), flexibleVersion: null}
  return definition.protocol({version: negotiateVersion(spec, broker.versions, brokerLabel(broker))})(args)
}

const API = {
  createTopics: {apiKey: 19, apiName: 'CreateTopics', dir: 'createTopics'},
  deleteTopics: {apiKey: 20, apiName: 'DeleteTopics', dir: 'deleteTopics'},
  createPartitions: {apiKey: 37, apiName: 'CreatePartitions', dir: 'createPartitions'},
  deleteGroups: {apiKey: 42, apiName: 'DeleteGroups', dir: 'deleteGroups'},
  offsetCommit: {apiKey: 8, apiName: 'OffsetCommit', dir: 'offsetCommit'},
  describeAcls: {apiKey: 29, apiName: 'DescribeAcls', dir: 'describeAcls'},
  createAcls: {apiKey: 30, apiName: 'CreateAcls', dir: 'createAcls'},
  deleteAcls: {apiKey: 31, apiName: 'DeleteAcls', dir: 'deleteAcls'},
  listPartitionReassignments: {apiKey: 46, apiName: 'ListPartitionReassignments', dir: 'listPartitionReassignments'},
} as const

/** The nine requests over `broker` (kctl's connection), with kafkajs's defaults for omitted fields. */
export function kafkajsRequests(broker: KafkaBroker): KafkajsRequests {
  const send = (api: (typeof API)[keyof typeof API], args: unknown) =>
    broker.send(kafkajsRequest(broker, api, args)) as Promise<never>
  return {
    createTopics: ({topics, validateOnly = false, timeout = 5000}) =>
      send(API.createTopics, {topics, validateOnly, timeout}),
    deleteTopics: ({topics, timeout = 5000}) => send(API.deleteTopics, {topics, timeout}),
    createPartitions: ({topicPartitions, validateOnly = false, timeout = 5000}) =>
      send(API.createPartitions, {topicPartitions, validateOnly, timeout}),
    deleteGroups: (ids) => send(API.deleteGroups, ids),
    offsetCommit: ({groupId, groupGenerationId, memberId, retentionTime, topics}) =>
      send(API.offsetCommit, {groupId, groupGenerationId, memberId, retentionTime, topics}),
    describeAcls: (filter) => {
      const {resourceType, resourceName, resourcePatternType, principal, host, operation, permissionType} = filter
      return send(API.describeAcls, {
        resourceType,
        resourceName,
        resourcePatternType,
        principal,
        host,
        operation,
        permissionType,
      })
    },
    createAcls: ({acl}) => send(API.createAcls, {creations: acl}),
    deleteAcls: ({filters}) => send(API.deleteAcls, {filters}),
    listPartitionReassignments: ({topics = null, timeout}) => send(API.listPartitionReassignments, {topics, timeout}),
  }
}
