import {Kafka, logLevel, type Admin, type Consumer} from 'kafkajs'

import {testCluster} from './cluster.js'
import {uniqueName, waitFor} from './poll.js'

/**
 * Real data for group/offset/lag tests, made with kafkajs against the test cluster's PLAINTEXT
 * listener (producers, consumers and topic admin are test fixtures, not kctl under test).
 */
export function kafka(): Kafka {
  return new Kafka({clientId: 'kctl-test', brokers: testCluster().bootstrap.split(','), logLevel: logLevel.NOTHING})
}

export async function withAdmin<T>(fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka().admin()
  await admin.connect()
  try {
    return await fn(admin)
  } finally {
    await admin.disconnect()
  }
}

/**
 * Create a topic and wait until every partition has a leader that serves it. kafkajs's own
 * waitForLeaders fails with UNKNOWN_TOPIC_OR_PARTITION when a broker is a moment behind.
 */
export async function createTopic(topic: string, partitions: number, replicationFactor = 3): Promise<void> {
  await withAdmin(async (a) => {
    await a.createTopics({topics: [{topic, numPartitions: partitions, replicationFactor}], waitForLeaders: false})
    await waitFor(
      async () => {
        const offsets = await a.fetchTopicOffsets(topic)
        return offsets.length === partitions
      },
      {what: `${topic} to have leaders`, timeoutMs: 60_000},
    )
  })
}

export async function deleteTopics(...topics: string[]): Promise<void> {
  await withAdmin((a) => a.deleteTopics({topics}))
}

/** Produce `counts[p]` records to each partition p, with an optional fixed timestamp. */
export async function produce(topic: string, counts: number[], timestamp?: number): Promise<void> {
  // Idempotent: a retry on a busy machine must not duplicate records (tests count them).
  const producer = kafka().producer({idempotent: true, maxInFlightRequests: 1})
  await producer.connect()
  try {
    await producer.sendBatch({
      acks: -1,
      topicMessages: [
        {
          topic,
          messages: counts.flatMap((n, partition) =>
            Array.from({length: n}, (_, i) => ({
              partition,
              value: `v${i}`,
              ...(timestamp === undefined ? {} : {timestamp: String(timestamp)}),
            })),
          ),
        },
      ],
    })
  } finally {
    await producer.disconnect()
  }
}

/** Commit offsets for an inactive group (creates it): the state a consumer leaves behind. */
export async function commitGroupOffsets(
  group: string | string[],
  topic: string,
  offsets: Record<number, number>,
): Promise<void> {
  const partitions = Object.entries(offsets).map(([p, o]) => ({partition: Number(p), offset: String(o)}))
  await withAdmin((a) => Promise.all([group].flat().map((groupId) => a.setOffsets({groupId, topic, partitions}))))
}

/** A new inactive group (unique name) with these committed offsets; its name is added to `created` for cleanup. */
export async function committedGroup(
  prefix: string,
  topic: string,
  offsets: Record<number, number>,
  created: string[],
): Promise<string> {
  const group = uniqueName(prefix)
  created.push(group)
  await commitGroupOffsets(group, topic, offsets)
  return group
}

/** Committed offsets as Kafka's own ConsumerGroupCommand reports them (partition -> offset or null). */
export async function committedOffsets(group: string, topic: string): Promise<Record<number, number | null>> {
  const res = await withAdmin((a) => a.fetchOffsets({groupId: group, topics: [topic]}))
  const out: Record<number, number | null> = {}
  for (const p of res[0]?.partitions ?? []) out[p.partition] = Number(p.offset) < 0 ? null : Number(p.offset)
  return out
}

export async function deleteGroups(...groups: string[]): Promise<void> {
  await withAdmin((a) => a.deleteGroups(groups)).catch(() => undefined)
}

/** A running kafkajs consumer in `group` that consumed `topic`; stop() leaves the group. */
export async function activeConsumer(
  group: string,
  topic: string,
): Promise<{consumer: Consumer; stop: () => Promise<void>}> {
  const consumer = kafka().consumer({groupId: group, sessionTimeout: 10_000, heartbeatInterval: 500})
  await consumer.connect()
  await consumer.subscribe({topic, fromBeginning: true})
  let joined = false
  consumer.on(consumer.events.GROUP_JOIN, () => (joined = true))
  await consumer.run({autoCommit: true, eachMessage: async () => undefined})
  await waitFor(() => joined, {what: `consumer to join ${group}`})
  return {consumer, stop: () => consumer.disconnect()}
}

/**
 * Consume exactly `perPartition[p]` records of each partition with a real kafkajs consumer and
 * commit them, then leave the group (Empty, offsets committed).
 */
export async function consumePartly(group: string, topic: string, perPartition: number[]): Promise<void> {
  const consumer = kafka().consumer({groupId: group, sessionTimeout: 10_000, heartbeatInterval: 500})
  await consumer.connect()
  await consumer.subscribe({topic, fromBeginning: true})
  const done = new Map<number, number>()
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    eachBatch: async ({batch, resolveOffset, commitOffsetsIfNecessary}) => {
      const want = perPartition[batch.partition] ?? 0
      for (const m of batch.messages) {
        if (Number(m.offset) >= want) break
        resolveOffset(m.offset)
        done.set(batch.partition, Number(m.offset) + 1)
      }
      await commitOffsetsIfNecessary()
      if ((done.get(batch.partition) ?? 0) >= want) consumer.pause([{topic, partitions: [batch.partition]}])
    },
  })
  await waitFor(async () => perPartition.every((n, p) => n === 0 || done.get(p) === n), {
    what: `${group} to consume`,
    timeoutMs: 60_000,
  })
  await consumer.commitOffsets(
    perPartition.flatMap((n, partition) => (n > 0 ? [{topic, partition, offset: String(n)}] : [])),
  )
  await consumer.disconnect()
}
