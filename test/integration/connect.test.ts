import {expect} from 'chai'
import {execFileSync} from 'node:child_process'
import {createServer, type Server} from 'node:net'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {kctl} from '../helpers/cli.js'
import {saslProperties, testCluster} from '../helpers/cluster.js'

describe('connecting to a real cluster', () => {
  it('cluster describe over PLAINTEXT matches the cluster (id, brokers, active controller) @smoke', async () => {
    const c = testCluster()
    const r = await kctl(['cluster', 'describe', '--context', 'local', '--json'])
    expect(r.code, r.stderr).to.equal(0)
    const d = r.json()
    expect(Object.keys(d)).to.deep.equal(['clusterId', 'controllerId', 'controllerSource', 'brokers'])
    expect(d.clusterId).to.equal(c.clusterId)
    expect(d.brokers.map((b: {id: number}) => b.id)).to.deep.equal(c.brokerIds)
    expect(Object.keys(d.brokers[0])).to.deep.equal(['id', 'host', 'port', 'rack', 'isController', 'fenced'])
    expect(d.brokers.map((b: {port: number}) => `127.0.0.1:${b.port}`).join(',')).to.equal(c.bootstrap)
    // Kafka's own kafka-metadata-quorum names the same leader.
    const state = JSON.parse(readFileSync(join(c.dir, 'state.json'), 'utf8'))
    const out = execFileSync(
      'java',
      [
        '-cp',
        state.classpath,
        'org.apache.kafka.tools.MetadataQuorumCommand',
        '--bootstrap-server',
        c.bootstrap.split(',')[0],
        'describe',
        '--status',
      ],
      {encoding: 'utf8'},
    )
    const leader = Number(/LeaderId:\s+(\d+)/.exec(out)![1])
    expect(d.controllerSource).to.equal('quorum')
    expect(d.controllerId).to.equal(leader)
    expect(
      d.brokers.filter((b: {isController: boolean}) => b.isController).map((b: {id: number}) => b.id),
    ).to.deep.equal([leader])
  })

  it('connects over SSL with a client certificate (mTLS) @smoke', async () => {
    const r = await kctl(['cluster', 'describe', '--context', 'local-ssl', '--json'])
    expect(r.code, r.stderr).to.equal(0)
    expect(r.json().clusterId).to.equal(testCluster().clusterId)
  })

  it('fails with exit 4 over SSL without the client certificate the listener requires', async () => {
    const c = testCluster()
    const file = join(c.dir, 'client-ssl-nocert.properties')
    const {writeFileSync} = await import('node:fs')
    writeFileSync(file, `security.protocol=SSL\nssl.truststore.type=PEM\nssl.truststore.location=${c.caFile}\n`)
    const r = await kctl(['cluster', 'describe', '-b', c.sslBootstrap, '--command-config', file, '--timeout', '10s'])
    expect(r.code).to.equal(4)
    expect(r.stderr).to.match(/^Error: /m)
    expect(r.stderr).not.to.match(/at .*\.js:\d+/)
  })

  for (const mechanism of ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] as const) {
    it(`connects over SASL_SSL with ${mechanism} @smoke`, async () => {
      const c = testCluster()
      const file = saslProperties('admin', c.users.admin, mechanism)
      const r = await kctl([
        'cluster',
        'describe',
        '-b',
        c.saslBootstrap,
        '--command-config',
        file,
        '--json',
        '--debug',
      ])
      expect(r.code, r.stderr).to.equal(0)
      expect(r.json().clusterId).to.equal(c.clusterId)
      expect(r.stderr).to.match(/SaslAuthenticate=\d/)
      expect(r.stderr).not.to.include(c.users.admin)
    })

    it(`a wrong ${mechanism} password exits 4 saying authentication failed`, async () => {
      const c = testCluster()
      const file = saslProperties('admin', 'not-the-password', mechanism)
      const r = await kctl(['topics', 'list', '-b', c.saslBootstrap, '--command-config', file, '--timeout', '15s'])
      expect(r.code).to.equal(4)
      expect(r.stderr).to.match(/^Error: Authentication failed/m)
      expect(r.stderr).to.match(/^Hint: /m)
      expect(r.stderr).not.to.include('not-the-password')
    })
  }

  it('an unreachable address exits 4 naming the address, within the timeout @smoke', async () => {
    const started = Date.now()
    const r = await kctl(['topics', 'list', '-b', '127.0.0.1:1', '--timeout', '5s'])
    expect(r.code).to.equal(4)
    expect(r.stderr).to.match(/^Error: Cannot connect to Kafka at 127\.0\.0\.1:1/m)
    expect(Date.now() - started).to.be.below(8000)
  })

  it('a server that accepts but never answers exits 4 within --timeout, with no hang', async () => {
    const server: Server = createServer(() => {
      // Accept and stay silent.
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const {port} = server.address() as {port: number}
    try {
      const started = Date.now()
      const r = await kctl(['topics', 'list', '-b', `127.0.0.1:${port}`, '--timeout', '3s', '--json'])
      expect(r.code).to.equal(4)
      expect(r.json().error.code).to.match(/CONNECTION/)
      expect(Date.now() - started).to.be.below(6000)
    } finally {
      server.close()
    }
  })

  it('a context pinned to another cluster id is refused with exit 4', async () => {
    const c = testCluster()
    const set = await kctl([
      'context',
      'set',
      'pinned-wrong',
      '--bootstrap-server',
      c.bootstrap,
      '--cluster-id',
      'AAAAAAAAAAAAAAAAAAAAAA',
    ])
    expect(set.code, set.stderr).to.equal(0)
    const r = await kctl(['topics', 'list', '--context', 'pinned-wrong', '--json'])
    expect(r.code).to.equal(4)
    expect(r.json().error.code).to.equal('CLUSTER_ID_MISMATCH')
    const ok = await kctl([
      'context',
      'set',
      'pinned-right',
      '--bootstrap-server',
      c.bootstrap,
      '--cluster-id',
      c.clusterId,
    ])
    expect(ok.code).to.equal(0)
    expect((await kctl(['topics', 'list', '--context', 'pinned-right'])).code).to.equal(0)
  })
})
