import {expect} from 'chai'
import {mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {parse} from 'yaml'

import LocalStart from '../../src/commands/local/start.js'
import {type LocalClusterState, localClusterService} from '../../src/local/cluster.js'
import {readinessService} from '../../src/local/readiness.js'
import {replace, runCmd, servicesReplaced} from './helpers.js'

const node = (id: number, base: number) => ({
  id,
  dir: `/tmp/node-${id}`,
  pid: 1000 + id,
  ports: {plaintext: base + id - 1, ssl: base + 99 + id, saslSsl: base + 199 + id, controller: base + 999 + id},
})

const state = (secure: boolean): LocalClusterState => ({
  version: '4.4.0',
  clusterId: 'AbCdEfGhIjKlMnOpQrStUv',
  secure,
  portBase: 19092,
  classpath: '',
  logging: 'log4j2',
  nodes: [node(1, 19092), node(2, 19092), node(3, 19092)],
  quorum: 'dynamic',
  ...(secure ? {users: {admin: 'pw-admin', alice: 'pw-alice'}} : {}),
  createdAt: '2026-12-01T00:00:00.000Z',
})

describe('local start (services replaced: no JVM is started)', () => {
  const restores = servicesReplaced()
  let requested: unknown
  let waited: unknown[]
  let config: string

  const cluster = (s: LocalClusterState, created: boolean, restored: string[] = []) => {
    requested = undefined
    waited = []
    restores.push(
      replace(localClusterService, {startCluster: async (o) => ((requested = o.requested), {state: s, created})}),
      replace(readinessService, {
        waitForBrokers: async (bootstrap, count) => void waited.push([bootstrap, count]),
        restoreScramUsers: async () => restored,
      }),
    )
  }

  beforeEach(() => {
    const before = {config: process.env.KCTL_CONFIG, dir: process.env.KCTL_LOCAL_DIR}
    config = join(mkdtempSync(join(tmpdir(), 'kctl-local-start-')), 'config.yaml')
    process.env.KCTL_CONFIG = config
    process.env.KCTL_LOCAL_DIR = join(tmpdir(), 'kctl-local-start-cluster')
    restores.push(() => {
      for (const [k, v] of [
        ['KCTL_CONFIG', before.config],
        ['KCTL_LOCAL_DIR', before.dir],
      ] as const)
        if (v === undefined) delete process.env[k]
        else process.env[k] = v
    })
  })

  it('a new plain cluster: waits for every broker, writes the local context as the current one', async () => {
    cluster(state(false), true)
    const r = await runCmd(LocalStart, ['--brokers', '3', '--port', '19092', '--json'])
    expect(r.exitCode, r.stderr).to.equal(0)
    expect(requested).to.deep.include({brokers: 3, portBase: 19092})
    expect(waited).to.deep.equal([['127.0.0.1:19092,127.0.0.1:19093,127.0.0.1:19094', 3]])
    const out = JSON.parse(r.stdout)
    expect(out).to.include({created: true, brokers: 3, secure: false, currentContext: 'local'})
    expect(out.contexts).to.deep.equal(['local'])
    const written = parse(readFileSync(config, 'utf8'))
    expect(written.contexts.local['cluster-id']).to.equal('AbCdEfGhIjKlMnOpQrStUv')
    expect(written['current-context'] ?? written.currentContext).to.equal('local')
  })

  it('a restarted secure cluster: SSL and SASL contexts, restored SCRAM credentials named, never a password', async () => {
    cluster(state(true), false, ['admin SCRAM-SHA-512 on broker 2'])
    const r = await runCmd(LocalStart, ['--json'])
    expect(r.exitCode, r.stderr).to.equal(0)
    const out = JSON.parse(r.stdout)
    expect(out.contexts).to.deep.equal(['local', 'local-sasl', 'local-ssl'])
    expect(out.restoredCredentials).to.deep.equal(['admin SCRAM-SHA-512 on broker 2'])
    expect(r.stderr).to.match(/Warning: Restored SCRAM credentials a restarted broker had lost: admin SCRAM-SHA-512/)
    expect(`${r.stdout}${r.stderr}${readFileSync(config, 'utf8')}`).to.not.match(/pw-admin|pw-alice/)
  })

  it('the table names the bootstrap address, the cluster id and the contexts', async () => {
    cluster(state(false), true)
    const r = await runCmd(LocalStart, [])
    expect(r.stdout).to.match(/^Kafka 4\.4\.0 is ready \(3 brokers\)\./m)
    expect(r.stdout).to.match(/Bootstrap:?\s+127\.0\.0\.1:19092/)
    expect(r.stdout).to.match(/Cluster ID:?\s+AbCdEfGhIjKlMnOpQrStUv/)
  })
})
