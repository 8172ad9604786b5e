import {copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {cliEnv, kctl, registerSecret} from './cli.js'
import {type ProcessArgs, watchProcessArgs} from './processes.js'

/**
 * The integration suite's one real Kafka cluster: 3 nodes, secure (SSL/mTLS, SASL_SSL, the
 * StandardAuthorizer), started once per mocha run by the root hooks and stopped after, even on
 * failure. Configuration through the environment:
 *   KCTL_TEST_KAFKA_VERSION  Kafka version (default: kctl's default 4.x)
 *   KCTL_TEST_PORT           first PLAINTEXT port (default 19092; SSL +100, SASL_SSL +200,
 *                            controllers +1000: all below Linux's ephemeral port range, so a
 *                            restarted broker always gets its ports back)
 *   KCTL_TEST_CLUSTER_DIR    cluster directory; if a cluster already runs there it is reused
 *                            and left running (fast local iteration)
 */
export interface TestCluster {
  dir: string
  configFile: string
  version: string
  clusterId: string
  bootstrap: string
  sslBootstrap: string
  saslBootstrap: string
  /** SASL_SSL with OAUTHBEARER, and the local token endpoint (the users are its OAuth clients). */
  oauthBootstrap: string
  tokenEndpoint: string
  brokerIds: number[]
  /** SASL users (admin is a super user; alice and bob have no ACLs) and their passwords. */
  users: Record<string, string>
  caFile: string
  clientKeystore: string
  reused: boolean
  /** Every command line seen while `kctl local start` ran (its JVMs and Kafka's tools among them). */
  startProcessArgs: ProcessArgs[]
}

let cluster: TestCluster | undefined

export function testCluster(): TestCluster {
  if (!cluster) throw new Error('The test cluster is not started (the integration root hooks start it)')
  return cluster
}

export async function startTestCluster(): Promise<TestCluster> {
  const base = Number(process.env.KCTL_TEST_PORT ?? 19_092)
  const dir = process.env.KCTL_TEST_CLUSTER_DIR ?? join(tmpdir(), `kctl-test-cluster-${base}`)
  const configFile = join(dir, '..', `${dir.split('/').pop()}-config.yaml`)
  Object.assign(cliEnv, {KCTL_LOCAL_DIR: dir, KCTL_CONFIG: configFile, NO_COLOR: '1'})
  // With KCTL_TEST_CLUSTER_DIR the cluster is kept between runs (started if needed, never stopped).
  const reused = process.env.KCTL_TEST_CLUSTER_DIR !== undefined
  if (!reused) {
    await kctl(['local', 'stop', '--purge'])
    rmSync(configFile, {force: true})
  }
  const args = ['local', 'start', '--brokers', '3', '--secure', '--port', String(base), '--json']
  if (process.env.KCTL_TEST_KAFKA_VERSION) args.push('--kafka-version', process.env.KCTL_TEST_KAFKA_VERSION)
  // Kafka's tools run for a moment during the start (storage format): watch /proc meanwhile.
  const watcher = watchProcessArgs()
  let startProcessArgs: ProcessArgs[]
  let started
  try {
    started = await kctl(args, {timeoutMs: 300_000})
  } finally {
    startProcessArgs = watcher.stop()
  }
  if (started.code !== 0)
    throw new Error(`kctl local start failed (exit ${started.code}):\n${started.stdout}\n${started.stderr}`)
  const info = started.json()
  const state = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8'))
  cluster = {
    dir,
    configFile,
    version: info.version,
    clusterId: info.clusterId,
    bootstrap: info.bootstrap,
    sslBootstrap: info.listeners.ssl,
    saslBootstrap: info.listeners.saslSsl,
    oauthBootstrap: info.listeners.oauth,
    tokenEndpoint: info.tokenEndpoint,
    brokerIds: state.nodes.map((n: {id: number}) => n.id),
    users: state.users,
    caFile: join(dir, 'ca.pem'),
    clientKeystore: join(dir, 'client-keystore.pem'),
    reused,
    startProcessArgs,
  }
  for (const password of Object.values(cluster.users ?? {})) registerSecret(password)
  if (state.tokenSecretKey) registerSecret(state.tokenSecretKey)
  return cluster
}

export async function stopTestCluster(): Promise<void> {
  if (!cluster || cluster.reused) return
  const r = await kctl(['local', 'stop', '--purge'], {timeoutMs: 120_000})
  if (r.code !== 0) process.stderr.write(`kctl local stop failed: ${r.stderr}\n`)
}

/** Write a client .properties file for the test cluster's SASL_SSL listener. */
export function saslProperties(
  user: string,
  password: string,
  mechanism: 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512',
): string {
  const c = testCluster()
  const module =
    mechanism === 'PLAIN'
      ? 'org.apache.kafka.common.security.plain.PlainLoginModule'
      : 'org.apache.kafka.common.security.scram.ScramLoginModule'
  const file = join(c.dir, `client-${user}-${mechanism.toLowerCase()}-${Date.now()}.properties`)
  mkdirSync(c.dir, {recursive: true})
  writeFileSync(
    file,
    [
      'security.protocol=SASL_SSL',
      `sasl.mechanism=${mechanism}`,
      `sasl.jaas.config=${module} required username="${user}" password="${password}";`,
      'ssl.truststore.type=PEM',
      `ssl.truststore.location=${c.caFile}`,
    ].join('\n'),
    {mode: 0o600},
  )
  return file
}

/**
 * A kctl config file of the calling test's own: a copy of the run's (its local contexts), as
 * KCTL_CONFIG for kctl's env. Read-only or protected contexts on the test cluster belong there:
 * guards follow the cluster, so in the run's file they would guard every other test's `-b`.
 */
export function privateConfig(): {KCTL_CONFIG: string} {
  const file = join(mkdtempSync(join(tmpdir(), 'kctl-config-')), 'config.yaml')
  copyFileSync(testCluster().configFile, file)
  return {KCTL_CONFIG: file}
}

/**
 * Start every stopped node of the test cluster again and wait until every partition has a leader
 * and a full ISR (tests that stop or kill brokers call it to leave the cluster as they found it).
 */
export async function restartTestCluster(): Promise<void> {
  const {waitFor} = await import('./poll.js')
  const port = testCluster().bootstrap.split(',')[0].split(':')[1]
  const start = await kctl(['local', 'start', '--brokers', '3', '--secure', '--port', port], {timeoutMs: 300_000})
  if (start.code !== 0) throw new Error(`restart failed: ${start.stderr}`)
  // Kafka 4.4.0 sometimes restarts a node without its SCRAM-SHA-512 credentials; local start restores them.
  const restored = /Restored SCRAM credentials.*$/m.exec(start.stderr)
  if (restored) process.stderr.write(`      (kctl local start: ${restored[0]})\n`)
  // Every node registered and unfenced (a node killed a moment ago may still look alive), then,
  // in kctl's own view (kafkajs's metadata throws while any partition has no leader), no topic
  // with an under-replicated or unavailable partition left.
  let last = ''
  await waitFor(
    async () => {
      const r = await kctl(['brokers', 'list', '--context', 'local', '--json'])
      last = `exit ${r.code}: ${r.stdout.slice(0, 300)} ${r.stderr.slice(0, 300)}`
      if (r.code !== 0) return false
      const brokers: {id: number; fenced: boolean}[] = r.json().brokers
      return brokers.length === testCluster().brokerIds.length && brokers.every((b) => !b.fenced)
    },
    {timeoutMs: 240_000, intervalMs: 1000, what: 'every broker registered and unfenced'},
  ).catch((error: Error) => {
    throw new Error(`${error.message} (last answer: ${last})`)
  })
  await waitFor(
    async () => {
      const r = await kctl([
        'topics',
        'list',
        '--under-replicated-partitions',
        '--unavailable-partitions',
        '--context',
        'local',
        '--json',
      ])
      last = `exit ${r.code}: ${r.stdout.slice(0, 300)} ${r.stderr.slice(0, 300)}`
      return r.code === 0 && r.json().topics.length === 0
    },
    {timeoutMs: 240_000, intervalMs: 1000, what: 'every partition led and in sync again'},
  ).catch((error: Error) => {
    throw new Error(`${error.message} (last answer: ${last})`)
  })
}
