import {mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import type {ClusterHealth} from '../../src/admin/cluster/health.js'
import type {AclBinding} from '../../src/input/acl.js'

/** Service answers the command tests share (no Kafka: the tests replace the services with these). */
const KiB = 1946
const broker = {
  id: 1,
  host: 'h1',
  port: 9092,
  rack: null,
  controller: true,
  fenced: false,
  leaders: 2,
  replicas: 4,
  logDirBytes: KiB,
}
const logDir = {
  broker: 1,
  path: '/data/1',
  error: null,
  sizeBytes: KiB,
  totalBytes: 10 * 1024 ** 3,
  usableBytes: 5 * 1024 ** 3,
  replicas: 4,
}

export const FIXTURES = {
  broker,
  brokers: [broker, {...broker, id: 2, host: 'h2', controller: false, logDirBytes: null}],
  brokerDescription: {
    ...broker,
    configs: [{name: 'log.cleaner.threads', value: '2', source: 'dynamic-broker', sensitive: false}],
    logDirs: [logDir],
    leaderOf: [{topic: 'orders', partition: 0, replicas: [1, 2], isr: [1, 2]}],
  },
  logDir,
  logDirs: {
    logDirs: [logDir],
    replicas: [
      {broker: 1, path: '/data/1', topic: 'orders', partition: 0, sizeBytes: KiB, offsetLag: 0, future: false},
    ],
  },
  features: {
    broker: 1,
    epoch: 5n,
    metadataVersion: '4.4-IV0',
    features: [
      {name: 'metadata.version', finalizedLevel: 27, supportedMin: 7, supportedMax: 27, finalizedVersion: '4.4-IV0'},
    ],
  },
  acl: {
    resourceType: 'TOPIC',
    resourceName: 'orders',
    patternType: 'LITERAL',
    principal: 'User:alice',
    host: '*',
    operation: 'READ',
    permission: 'ALLOW',
  } as AclBinding,
  users: [{name: 'alice', credentials: [{mechanism: 'SCRAM-SHA-512', iterations: 8192}]}],
  quotas: [{entity: {user: 'alice'}, values: {producer_byte_rate: 1_048_576}}],
  transaction: {
    transactionalId: 'app-1',
    coordinator: 1,
    state: 'Ongoing',
    producerId: 5_000_000_000n,
    producerEpoch: 3,
    timeoutMs: 60_000,
    startTimeMs: 1_764_000_000_000,
    durationMs: 1500,
    partitions: [{topic: 'orders', partition: 0}],
  },
  producer: {
    topic: 'orders',
    partition: 0,
    broker: 2,
    producerId: 5_000_000_000n,
    producerEpoch: 3,
    lastSequence: 9,
    lastTimestamp: 1_764_000_000_000,
    coordinatorEpoch: 0,
    txnStartOffset: 7n,
  },
  groupListing: {
    group: 'billing',
    state: 'Stable',
    type: 'classic',
    protocolType: 'consumer',
    coordinator: 1,
    members: 1,
  },
  groupDescription: {
    group: 'billing',
    state: 'Stable',
    type: 'classic' as const,
    protocolType: 'consumer',
    assignor: 'range',
    coordinator: 1,
    members: [
      {
        memberId: 'm1',
        instanceId: null,
        clientId: 'c1',
        host: '/10.0.0.1',
        assignment: [{topic: 'orders', partitions: [0]}],
      },
    ],
  },
  groupLag: {
    group: 'billing',
    state: 'Stable',
    members: 1,
    lag: 2n ** 62n,
    timeLagMs: 97_000,
    topics: [
      {
        topic: 'orders',
        lag: 2n ** 62n,
        partitions: [
          {
            topic: 'orders',
            partition: 0,
            committed: 5n,
            logEnd: 2n ** 62n + 5n,
            lag: 2n ** 62n,
            timeLagMs: 97_000,
            owner: 'c1',
          },
        ],
      },
    ],
  },
  layout: {leaders: new Map([['orders', new Map([[0, 1]])]])},
  abortPlan: {
    topic: 'orders',
    partition: 0,
    leader: 2,
    startOffset: 7n,
    producerId: 5_000_000_000n,
    producerEpoch: 3,
    coordinatorEpoch: 0,
  },
  subscription: {name: 'cpu', metrics: ['org.apache.kafka.'], intervalMs: 60_000, match: ['client_id=app-.*']},
  record: {
    topic: 'orders',
    partition: 3,
    offset: 1042n,
    timestamp: 1_764_000_000_000,
    timestampType: 'CreateTime' as const,
    key: Buffer.from('k1'),
    value: Buffer.from('hello'),
    headers: [{key: 'trace', value: Buffer.from('t1')}],
    aborted: false,
  },
}

/** A cluster health answer, healthy or with one under-replicated partition. */
export const health = (healthy: boolean): ClusterHealth => ({
  healthy,
  checks: [
    {
      name: 'under-replicated',
      ok: healthy,
      skipped: false,
      summary: healthy ? 'no under-replicated partitions' : '1 under-replicated partition',
      partitions: healthy ? [] : [{topic: 't', partition: 0, leader: 1, replicas: [1, 2], isr: [1]}],
      brokers: [],
    },
  ],
  brokers: [],
  quorum: null,
})

/** Temporary kctl config file and local cluster directory (no Kafka, no network). */
export function sandbox(dir: string): Record<string, string> {
  const config = join(dir, 'config.yaml')
  writeFileSync(
    config,
    'current-context: dev\ncontexts:\n  dev:\n    bootstrap-servers: [127.0.0.1:9092]\n  prod:\n    bootstrap-servers: [k1:9093, k2:9093]\n    read-only: true\n',
  )
  const props = join(dir, 'staging.properties')
  writeFileSync(props, 'bootstrap.servers=s1:9092\nsecurity.protocol=PLAINTEXT\n')
  const local = join(dir, 'local')
  const node = join(local, 'node-1')
  mkdirSync(node, {recursive: true})
  writeFileSync(
    join(node, 'server.log'),
    '[2026-12-01 10:00:00,000] INFO started, "quoted", comma (kafka.Kafka)\nsecond line\n',
  )
  const ports = {plaintext: 1, controller: 2}
  writeFileSync(
    join(local, 'state.json'),
    JSON.stringify({
      version: '4.4.0',
      clusterId: 'abc',
      secure: false,
      nodes: [{id: 1, pid: 2 ** 22 + 7, dir: node, ports}],
    }),
  )
  const password = join(dir, 'password')
  writeFileSync(password, 'pw-for-tests\n')
  return {KCTL_CONFIG: config, KCTL_LOCAL_DIR: local, PROPS: props, PASSWORD: password}
}
