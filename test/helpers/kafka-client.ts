import {Kafka, type KafkaConfig, logLevel} from 'kafkajs'
import {readFileSync} from 'node:fs'

import {rootCause} from '../../src/errors.js'
import {testCluster} from './cluster.js'

/**
 * Real Kafka clients for the security tests: kafkajs connected through the SASL_SSL listener as
 * a SCRAM user, so the broker's authorizer decides (not kctl).
 */
export function clientAs(
  user: string,
  password: string,
  mechanism: 'scram-sha-256' | 'scram-sha-512' = 'scram-sha-512',
): Kafka {
  const c = testCluster()
  const config: KafkaConfig = {
    clientId: `kctl-test-${user}`,
    brokers: c.saslBootstrap.split(','),
    ssl: {ca: [readFileSync(c.caFile, 'utf8')]},
    sasl: {mechanism, username: user, password} as KafkaConfig['sasl'],
    logLevel: logLevel.NOTHING,
    retry: {retries: 0},
    connectionTimeout: 10_000,
  }
  return new Kafka(config)
}

export type BrokerDecision = 'ALLOWED' | 'DENIED'

/** The Kafka error type of a failure (looking through kafkajs's wrappers and aggregates). */
export function kafkaErrorType(error: unknown): string {
  const root = rootCause(error) as {type?: string; message?: string; errors?: unknown[]; cause?: unknown}
  if (root.type) return root.type
  if (Array.isArray(root.errors) && root.errors.length > 0) return kafkaErrorType(root.errors[0])
  if (root.cause) return kafkaErrorType(root.cause)
  if (/Not authorized to access topics/.test(root.message ?? '')) return 'TOPIC_AUTHORIZATION_FAILED'
  return `UNEXPECTED: ${root.message}`
}

/** Run `op`: ALLOWED if it succeeds, DENIED on an authorization error, throws on anything else. */
export async function brokerDecision(op: () => Promise<unknown>): Promise<BrokerDecision> {
  try {
    await op()
    return 'ALLOWED'
  } catch (error) {
    const type = kafkaErrorType(error)
    if (type.endsWith('_AUTHORIZATION_FAILED')) return 'DENIED'
    throw error
  }
}

/** Consume `count` messages from the beginning as a group member; rejects with the consumer's error. */
export async function consume(
  kafka: Kafka,
  topic: string,
  groupId: string,
  count: number,
  timeoutMs = 30_000,
): Promise<string[]> {
  // Transient coordinator errors (a new group's coordinator loading) are retried; authorization errors are not.
  const consumer = kafka.consumer({groupId, retry: {retries: 8, initialRetryTime: 200}, sessionTimeout: 10_000})
  const got: string[] = []
  try {
    await consumer.connect()
    await consumer.subscribe({topic, fromBeginning: true})
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`consumed ${got.length}/${count} messages within ${timeoutMs}ms`)),
        timeoutMs,
      )
      consumer.on(consumer.events.CRASH, (e) => {
        clearTimeout(timer)
        reject(e.payload.error)
      })
      consumer
        .run({
          eachMessage: async ({message}) => {
            got.push(String(message.value))
            if (got.length >= count) {
              clearTimeout(timer)
              resolve()
            }
          },
        })
        .catch(reject)
    })
    return got
  } finally {
    await consumer.disconnect().catch(() => {})
  }
}

/**
 * Produce messages (acks all) with a short-lived producer. No retries by default (an
 * authorization answer is final); set-up writes retry while a new topic's metadata spreads.
 */
export async function produce(kafka: Kafka, topic: string, values: string[], retries = 0): Promise<void> {
  const producer = kafka.producer({retry: {retries, initialRetryTime: 200}, allowAutoTopicCreation: false})
  await producer.connect()
  try {
    await producer.send({topic, acks: -1, messages: values.map((value) => ({value}))})
  } finally {
    await producer.disconnect().catch(() => {})
  }
}
