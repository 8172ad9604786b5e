import type {KafkaBroker} from '../protocol/kafkajs-internals.js'

/**
 * The requests kctl still sends through kafkajs's Broker class, because kctl has no protocol
 * module of its own for them yet (listed in docs/reliability.md). The one place their shapes are
 * declared: services call these, never kafkajs's classes.
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

/** kafkajs's own request methods of a broker kctl connected (its Broker class has them all). */
export function kafkajsRequests(broker: KafkaBroker): KafkajsRequests {
  return broker as unknown as KafkajsRequests
}
