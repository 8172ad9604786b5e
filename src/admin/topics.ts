import type {KafkaConnection} from '../connection/client.js'

export interface TopicSummary {
  name: string
  partitions: number
  replicationFactor: number
  internal: boolean
}

const INTERNAL_TOPICS = new Set(['__consumer_offsets', '__transaction_state', '__share_group_state'])

export function isInternalTopic(name: string): boolean {
  return INTERNAL_TOPICS.has(name)
}

/** Every topic with its partition count and replication factor, sorted by name. One Metadata request. */
export async function listTopics(conn: KafkaConnection): Promise<TopicSummary[]> {
  const admin = await conn.admin()
  const {topics} = await admin.fetchTopicMetadata()
  return topics
    .map((t) => ({
      name: t.name,
      partitions: t.partitions.length,
      replicationFactor: Math.max(0, ...t.partitions.map((p) => p.replicas.length)),
      internal: isInternalTopic(t.name),
    }))
    .sort((a, b) => a.name.localeCompare(b.name))
}

/** The service object commands call (command tests replace its functions). */
export const topicsService = {listTopics}
