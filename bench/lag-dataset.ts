/**
 * The `bench/lag.sh` dataset: TOPICS topics x PARTITIONS partitions (RF 1), two records per
 * partition, and GROUPS groups; group i commits offset 1 on every partition of topic i % TOPICS
 * (so every partition has committed offsets and lag 1 per group).
 *   node --import tsx bench/lag-dataset.ts create|delete BOOTSTRAP
 */
import {Kafka, logLevel} from 'kafkajs'

const [action, bootstrap = '127.0.0.1:9092'] = process.argv.slice(2)
const TOPICS = Number(process.env.TOPICS ?? 50)
const PARTITIONS = Number(process.env.PARTITIONS ?? 100)
const GROUPS = Number(process.env.GROUPS ?? 200)
const topics = Array.from({length: TOPICS}, (_, i) => `bench-lag-${String(i).padStart(3, '0')}`)
const groups = Array.from({length: GROUPS}, (_, i) => `bench-lag-group-${String(i).padStart(4, '0')}`)

/** Freshly created partitions answer NOT_LEADER until their leader has created the log: retry. */
async function retry<T>(fn: () => Promise<T>, tries = 180): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await fn()
    } catch (error) {
      if (i >= tries) throw error
      await new Promise((r) => setTimeout(r, 1000))
    }
  }
}

const kafka = new Kafka({
  clientId: 'kctl-bench',
  brokers: bootstrap.split(','),
  logLevel: logLevel.NOTHING,
  requestTimeout: 120_000,
})
const admin = kafka.admin()
await admin.connect()
try {
  if (action === 'create') {
    const existing = new Set(await admin.listTopics())
    const missing = topics.filter((t) => !existing.has(t))
    for (let i = 0; i < missing.length; i += 10) {
      await admin.createTopics({
        topics: missing.slice(i, i + 10).map((topic) => ({topic, numPartitions: PARTITIONS, replicationFactor: 1})),
        waitForLeaders: false,
        timeout: 120_000,
      })
    }
    // Wait until every partition has a leader (kafkajs's waitForLeaders races on big creates).
    for (let attempt = 0; ; attempt++) {
      try {
        const {topics: meta} = await admin.fetchTopicMetadata({topics})
        if (meta.every((t) => t.partitions.length === PARTITIONS && t.partitions.every((p) => p.leader >= 0))) break
      } catch (error) {
        if (attempt > 120) throw error
      }
      await new Promise((r) => setTimeout(r, 1000))
    }
    // Freshly created partitions may briefly answer NOT_LEADER while brokers catch up: retry long.
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      retry: {retries: 30, maxRetryTime: 5000},
    })
    await producer.connect()
    for (const topic of topics) {
      const end = await retry(() => admin.fetchTopicOffsets(topic))
      if (end.every((p) => p.high === '2')) continue
      await retry(() =>
        producer.send({
          topic,
          acks: -1,
          messages: Array.from({length: PARTITIONS * 2}, (_, i) => ({partition: i % PARTITIONS, value: `r${i}`})),
        }),
      )
    }
    await producer.disconnect()
    const partitions = Array.from({length: PARTITIONS}, (_, partition) => ({partition, offset: '1'}))
    for (let i = 0; i < groups.length; i += 20) {
      await Promise.all(
        groups
          .slice(i, i + 20)
          .map((groupId, j) => retry(() => admin.setOffsets({groupId, topic: topics[(i + j) % TOPICS], partitions}))),
      )
    }
    console.log(
      `created ${TOPICS} topics x ${PARTITIONS} partitions = ${TOPICS * PARTITIONS} partitions, ${GROUPS} groups, ${GROUPS * PARTITIONS} committed offsets`,
    )
  } else if (action === 'delete') {
    for (let i = 0; i < groups.length; i += 50) await admin.deleteGroups(groups.slice(i, i + 50)).catch(() => undefined)
    const existing = new Set(await admin.listTopics())
    const mine = topics.filter((t) => existing.has(t))
    for (let i = 0; i < mine.length; i += 10)
      await admin.deleteTopics({topics: mine.slice(i, i + 10), timeout: 120_000})
    console.log(`deleted ${GROUPS} groups and ${mine.length} topics`)
  } else {
    throw new Error('usage: lag-dataset.ts create|delete BOOTSTRAP')
  }
} finally {
  await admin.disconnect()
}
