import kafkajs, {type Admin, type Consumer, type Kafka} from 'kafkajs'

import {testCluster} from './cluster.js'
import {uniqueName, waitFor} from './poll.js'

/**
 * Direct kafkajs access to the test cluster (its PLAINTEXT listener) for arranging state (topics,
 * records, groups) and for reading it back independently of kctl's own code paths. kafkajs here
 * is a test fixture, never kctl under test. Clients that log in as a principal: kafka-client.ts;
 * Kafka's own tools: kafka-tools.ts and kafka-console.ts.
 */
export function kafka(): Kafka {
  return new kafkajs.Kafka({
    clientId: 'kctl-test',
    brokers: testCluster().bootstrap.split(','),
    logLevel: kafkajs.logLevel.NOTHING,
  })
}

export async function withKafka<T>(fn: (admin: Admin, kafka: Kafka) => Promise<T>): Promise<T> {
  const client = kafka()
  const admin = client.admin()
  await admin.connect()
  try {
    return await fn(admin, client)
  } finally {
    await admin.disconnect()
  }
}

/**
 * Create a topic: `layout` is a partition count (with `replicationFactor`, default 3) or an explicit
 * assignment (layout[p] = the replicas of partition p). Waits until every partition has a leader
 * that serves it: kafkajs's own waitForLeaders gives up on UNKNOWN_TOPIC_OR_PARTITION, which a
 * broker a moment behind (Kafka 3.9) answers.
 */
export function createTopic(
  name: string,
  layout: number | number[][],
  options: {replicationFactor?: number; configs?: Record<string, string>} = {},
): Promise<void> {
  const partitions = typeof layout === 'number' ? layout : layout.length
  return withKafka(async (admin) => {
    await admin.createTopics({
      waitForLeaders: false,
      topics: [
        {
          topic: name,
          ...(typeof layout === 'number'
            ? {numPartitions: layout, replicationFactor: options.replicationFactor ?? 3}
            : {replicaAssignment: layout.map((replicas, partition) => ({partition, replicas}))}),
          configEntries: Object.entries(options.configs ?? {}).map(([key, value]) => ({name: key, value})),
        },
      ],
    })
    await waitFor(async () => (await admin.fetchTopicOffsets(name)).length === partitions, {
      what: `leaders for ${name}`,
      timeoutMs: 60_000,
    })
  })
}

/** Delete topics (names or lists of names); one already gone is what cleanup wants. */
export function deleteTopics(...names: (string | string[])[]): Promise<void> {
  return withKafka(async (admin) => {
    const existing = new Set(await admin.listTopics())
    const mine = names.flat().filter((n) => existing.has(n))
    // A topic deleted meanwhile (e.g. by the test's own pruning apply; Kafka 3.9 still lists it for
    // a moment) is already gone.
    if (mine.length > 0)
      await admin.deleteTopics({topics: mine}).catch((error: Error & {type?: string; cause?: {type?: string}}) => {
        const gone =
          [error.type, error.cause?.type].includes('UNKNOWN_TOPIC_OR_PARTITION') ||
          /does not host this topic-partition/.test(String(error.cause ?? error))
        if (!gone) throw error
      })
  })
}

/**
 * Produce `counts[p]` records to each partition p (values `v0`, `v1`, …, padded with x to `size`
 * bytes when given), with an optional fixed timestamp. Idempotent: a retry on a busy machine must
 * not duplicate records (tests count them). Batches stay well under the broker's 1 MB limit.
 */
export async function produce(
  topic: string,
  counts: number[],
  options: {timestamp?: number; size?: number} = {},
): Promise<void> {
  const producer = kafka().producer({idempotent: true, maxInFlightRequests: 1})
  await producer.connect()
  try {
    const perBatch = Math.max(1, Math.floor(500_000 / (options.size ?? 100)))
    for (const [partition, count] of counts.entries()) {
      for (let from = 0; from < count; from += perBatch) {
        await producer.send({
          topic,
          acks: -1,
          messages: Array.from({length: Math.min(perBatch, count - from)}, (_, i) => ({
            partition,
            value: options.size === undefined ? `v${from + i}` : `v${from + i}`.padEnd(options.size, 'x'),
            ...(options.timestamp === undefined ? {} : {timestamp: String(options.timestamp)}),
          })),
        })
      }
    }
  } finally {
    await producer.disconnect()
  }
}

/** Replicas per partition, from Metadata (kafkajs). */
export function assignment(
  topic: string,
): Promise<{partition: number; leader: number; replicas: number[]; isr: number[]}[]> {
  return withKafka(async (admin) => {
    const {topics} = await admin.fetchTopicMetadata({topics: [topic]})
    return topics[0].partitions
      .map((p) => ({partition: p.partitionId, leader: p.leader, replicas: p.replicas, isr: p.isr}))
      .sort((a, b) => a.partition - b.partition)
  })
}

/** Dynamic (non-default) configs of a topic or a broker, read with kafkajs's DescribeConfigs. */
export function dynamicConfigs(entityType: 'topics' | 'brokers', name: string): Promise<Record<string, string>> {
  return withKafka(async (admin) => {
    const res = await admin.describeConfigs({
      resources: [{type: entityType === 'topics' ? 2 : 4, name}],
      includeSynonyms: false,
    })
    const dynamic = new Set(entityType === 'topics' ? [1] : [2])
    const configs: Record<string, string> = {}
    for (const c of res.resources[0].configEntries)
      if (dynamic.has((c as {configSource: number}).configSource)) configs[c.configName] = c.configValue
    return configs
  })
}

const THROTTLE_KEYS = [
  'leader.replication.throttled.rate',
  'follower.replication.throttled.rate',
  'leader.replication.throttled.replicas',
  'follower.replication.throttled.replicas',
]

/** No replication throttle config left on `topics` or on any broker (read with kafkajs, not kctl). */
export async function noThrottles(topics: string[]): Promise<boolean> {
  const configs = await Promise.all([
    ...topics.map((t) => dynamicConfigs('topics', t)),
    ...testCluster().brokerIds.map((id) => dynamicConfigs('brokers', String(id))),
  ])
  return configs.every((c) => THROTTLE_KEYS.every((k) => !(k in c)))
}

/**
 * Commit offsets for an inactive group (creates it): the state a consumer leaves behind.
 * kafkajs's setOffsets runs a short-lived consumer that stops at its first fetch and can resolve
 * before its commit landed (seen on 3.9 after broker restarts): read the offsets back and commit
 * again until they are there.
 */
export async function commitGroupOffsets(
  group: string | string[],
  topic: string,
  offsets: Record<number, number>,
): Promise<void> {
  const partitions = Object.entries(offsets).map(([p, o]) => ({partition: Number(p), offset: String(o)}))
  const committed = async (admin: Admin, groupId: string) => {
    const res = await admin.fetchOffsets({groupId, topics: [topic]})
    const got = new Map((res[0]?.partitions ?? []).map((p) => [p.partition, p.offset]))
    return partitions.every((p) => got.get(p.partition) === p.offset)
  }
  await withKafka((a) =>
    Promise.all(
      [group].flat().map((groupId) =>
        waitFor(
          async () => {
            if (await committed(a, groupId).catch(() => false)) return true
            await a.setOffsets({groupId, topic, partitions})
            return committed(a, groupId)
          },
          {what: `offsets of ${groupId} on ${topic} to be committed`, timeoutMs: 60_000},
        ),
      ),
    ),
  )
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
  const res = await withKafka((a) => a.fetchOffsets({groupId: group, topics: [topic]}))
  const out: Record<number, number | null> = {}
  for (const p of res[0]?.partitions ?? []) out[p.partition] = Number(p.offset) < 0 ? null : Number(p.offset)
  return out
}

export async function deleteGroups(...groups: string[]): Promise<void> {
  await withKafka((a) => a.deleteGroups(groups)).catch(() => undefined)
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
