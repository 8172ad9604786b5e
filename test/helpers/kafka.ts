import {execFileSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import kafkajs, {type Admin} from 'kafkajs'

import {testCluster} from './cluster.js'
import {waitFor} from './poll.js'

/**
 * Direct kafkajs access to the test cluster (PLAINTEXT listener) for arranging state and for
 * reading it back independently of kctl's own code paths.
 */
export async function withKafka<T>(fn: (admin: Admin, kafka: kafkajs.Kafka) => Promise<T>): Promise<T> {
  const kafka = new kafkajs.Kafka({
    brokers: testCluster().bootstrap.split(','),
    logLevel: kafkajs.logLevel.NOTHING,
    clientId: 'kctl-test',
  })
  const admin = kafka.admin()
  await admin.connect()
  try {
    return await fn(admin, kafka)
  } finally {
    await admin.disconnect()
  }
}

/** Create a topic with an explicit assignment: assignment[p] = replicas of partition p. */
export function createTopic(name: string, assignment: number[][], configs: Record<string, string> = {}): Promise<void> {
  return withKafka(async (admin) => {
    await admin.createTopics({
      waitForLeaders: false,
      topics: [
        {
          topic: name,
          replicaAssignment: assignment.map((replicas, partition) => ({partition, replicas})),
          configEntries: Object.entries(configs).map(([name, value]) => ({name, value})),
        },
      ],
    })
    // kafkajs's waitForLeaders gives up on UNKNOWN_TOPIC_OR_PARTITION, which Kafka 3.9 answers for a moment: poll instead.
    await waitFor(
      async () => {
        const {topics} = await admin.fetchTopicMetadata({topics: [name]})
        return topics[0]?.partitions.length === assignment.length && topics[0].partitions.every((p) => p.leader >= 0)
      },
      {what: `leaders for ${name}`},
    )
  })
}

/** Produce `count` records of `size` bytes to each partition. */
export function produce(topic: string, partitions: number[], count: number, size = 100): Promise<void> {
  return withKafka(async (_admin, kafka) => {
    const producer = kafka.producer()
    await producer.connect()
    try {
      // Batches stay well under the broker's 1 MB message.max.bytes.
      const perBatch = Math.max(1, Math.floor(500_000 / size))
      for (const partition of partitions) {
        for (let from = 0; from < count; from += perBatch) {
          const n = Math.min(perBatch, count - from)
          await producer.send({
            topic,
            acks: -1,
            messages: Array.from({length: n}, (_, i) => ({partition, value: `${from + i}:`.padEnd(size, 'x')})),
          })
        }
      }
    } finally {
      await producer.disconnect()
    }
  })
}

export function deleteTopics(names: string[]): Promise<void> {
  return withKafka(async (admin) => {
    const existing = new Set(await admin.listTopics())
    const mine = names.filter((n) => existing.has(n))
    // A topic deleted meanwhile (e.g. by the test's own pruning apply; Kafka 3.9 still lists it for
    // a moment) is already what cleanup wants.
    if (mine.length > 0)
      await admin.deleteTopics({topics: mine}).catch((error: Error & {type?: string; cause?: {type?: string}}) => {
        const gone =
          [error.type, error.cause?.type].includes('UNKNOWN_TOPIC_OR_PARTITION') ||
          /does not host this topic-partition/.test(String(error.cause ?? error))
        if (!gone) throw error
      })
  })
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

/** Run one of Kafka's CLI tools from the test cluster's classpath against its PLAINTEXT listener. */
export function kafkaTool(mainClass: string, args: string[]): string {
  const c = testCluster()
  const state = JSON.parse(readFileSync(join(c.dir, 'state.json'), 'utf8'))
  return execFileSync(
    'java',
    ['-cp', state.classpath, mainClass, '--bootstrap-server', c.bootstrap.split(',')[0], ...args],
    {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']},
  )
}

/** The per-API request count kctl prints with --debug ("[debug] requests: Api=N ..."). */
export function requestCount(stderr: string, api: string): number {
  return Number(new RegExp(`\\b${api}=(\\d+)`).exec(stderr)?.[1] ?? 0)
}
