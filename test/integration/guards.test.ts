import {expect} from 'chai'
import {type Server, createServer} from 'node:net'
import {join} from 'node:path'

import {kctl, kctlTty} from '../helpers/cli.js'
import {privateConfig, testCluster} from '../helpers/cluster.js'
import {uniqueName} from '../helpers/poll.js'

/** A TCP port that counts who connects to it: where a context's credentials must never go. */
async function listener(): Promise<{address: string; connections: () => number; close: () => void}> {
  let connections = 0
  const server: Server = createServer((socket) => {
    connections++
    socket.destroy()
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const {port} = server.address() as {port: number}
  return {address: `127.0.0.1:${port}`, connections: () => connections, close: () => server.close()}
}

const topicExists = async (name: string) =>
  (await kctl(['topics', 'list', '--context', 'local', '--json']))
    .json()
    .topics.some((t: {name: string}) => t.name === name)
const describeClusterCount = (stderr: string) => Number(/DescribeCluster=(\d+)/.exec(stderr)?.[1] ?? 0)

describe("credentials go only to their context's brokers", () => {
  it('--context on the command line beats KCTL_BOOTSTRAP_SERVER, KCTL_COMMAND_CONFIG and KCTL_CONTEXT @smoke', async () => {
    const c = testCluster()
    const elsewhere = await listener()
    try {
      const env = {
        KCTL_BOOTSTRAP_SERVER: elsewhere.address,
        KCTL_COMMAND_CONFIG: join(c.dir, 'no-such.properties'),
        KCTL_CONTEXT: 'no-such-context',
      }
      const r = await kctl(['topics', 'list', '--context', 'local-sasl', '--debug', '--json'], {env})
      expect(r.code, r.stderr).to.equal(0)
      expect(r.stderr).to.include(
        `[debug] connecting to ${c.saslBootstrap} (SASL_SSL scram-sha-512 as admin, context local-sasl)`,
      )
      expect(elsewhere.connections(), 'connections to KCTL_BOOTSTRAP_SERVER').to.equal(0)
    } finally {
      elsewhere.close()
    }
  })

  it("-b with --context must name the context's own brokers: any other address is exit 2 before connecting", async () => {
    const c = testCluster()
    const elsewhere = await listener()
    try {
      const r = await kctl(['topics', 'list', '--context', 'local-sasl', '-b', elsewhere.address, '--json'])
      expect(r.code).to.equal(2)
      expect(r.json().error).to.include({code: 'CONTEXT_BROKER_MISMATCH'})
      expect(r.json().error.message).to.equal(
        `--bootstrap-server ${elsewhere.address} is not a bootstrap server of context local-sasl (--context): a context's credentials are sent only to its own brokers`,
      )
      const env = await kctl(['topics', 'list', '--json'], {
        env: {KCTL_CONTEXT: 'local-sasl', KCTL_BOOTSTRAP_SERVER: elsewhere.address},
      })
      expect(env.code).to.equal(2)
      expect(env.json().error.message).to.match(
        /^KCTL_BOOTSTRAP_SERVER .* is not a bootstrap server of context local-sasl \(KCTL_CONTEXT\)/,
      )
      expect(elsewhere.connections()).to.equal(0)
      // One of the context's own brokers is fine (e.g. to go through a given broker).
      const second = c.saslBootstrap.split(',')[1]
      const ok = await kctl(['topics', 'list', '--context', 'local-sasl', '-b', second, '--debug'])
      expect(ok.code, ok.stderr).to.equal(0)
      expect(ok.stderr).to.include(
        `[debug] connecting to ${second} (SASL_SSL scram-sha-512 as admin, context local-sasl, brokers from flag)`,
      )
    } finally {
      elsewhere.close()
    }
  })

  it("-b on the command line is an ad-hoc connection: KCTL_CONTEXT's settings are not applied to it", async () => {
    const c = testCluster()
    const r = await kctl(['topics', 'list', '-b', c.bootstrap, '--debug', '--json'], {
      env: {KCTL_CONTEXT: 'local-sasl'},
    })
    expect(r.code, r.stderr).to.equal(0)
    expect(r.stderr).to.include(`[debug] connecting to ${c.bootstrap} (PLAINTEXT, from flag)`)
  })
})

describe('guards follow the cluster, not the connection flags', () => {
  it('a read-only current context guards -b and KCTL_BOOTSTRAP_SERVER connections to its cluster @smoke', async () => {
    const c = testCluster()
    const env = privateConfig()
    expect(
      (await kctl(['context', 'set', 'ro-current', '--bootstrap-server', c.bootstrap, '--read-only', '--use'], {env}))
        .code,
    ).to.equal(0)
    const topic = uniqueName('guard-ro')
    const create = ['topics', 'create', topic, '--partitions', '1', '--replication-factor', '1', '--yes', '--json']
    const flag = await kctl([...create, '-b', c.bootstrap], {env})
    expect(flag.code, flag.stdout).to.equal(2)
    expect(flag.json().error).to.include({
      code: 'READ_ONLY_CONTEXT',
      message: `${c.bootstrap} is the cluster of read-only context ro-current (same brokers): refusing to change it`,
    })
    // Another broker of the same cluster, through the environment: the cluster names its brokers.
    const second = c.bootstrap.split(',')[1]
    const viaEnv = await kctl(create, {env: {...env, KCTL_BOOTSTRAP_SERVER: second}})
    expect(viaEnv.code, viaEnv.stdout).to.equal(2)
    expect(viaEnv.json().error.code).to.equal('READ_ONLY_CONTEXT')
    expect(await topicExists(topic)).to.equal(false)
    // Reading is not guarded, and asks nothing more of the cluster.
    const read = await kctl(['topics', 'list', '-b', c.bootstrap, '--debug'], {env})
    expect(read.code).to.equal(0)
    expect(describeClusterCount(read.stderr)).to.equal(0)
  })

  it('a pinned read-only context guards every listener of its cluster (matched by cluster id)', async () => {
    const c = testCluster()
    const env = privateConfig()
    const set = await kctl(
      [
        'context',
        'set',
        'ro-pinned',
        '--bootstrap-server',
        c.saslBootstrap,
        '--command-config',
        join(c.dir, 'client-sasl.properties'),
        '--read-only',
        '--cluster-id',
        c.clusterId,
      ],
      {env},
    )
    expect(set.code, set.stderr).to.equal(0)
    const topic = uniqueName('guard-pin')
    const r = await kctl(['topics', 'create', topic, '--partitions', '1', '-b', c.bootstrap, '--json'], {env})
    expect(r.code).to.equal(2)
    expect(r.json().error).to.include({
      code: 'READ_ONLY_CONTEXT',
      message: `${c.bootstrap} is the cluster of read-only context ro-pinned (same cluster id): refusing to change it`,
    })
    expect(await topicExists(topic)).to.equal(false)
  })

  it("a protected context's cluster needs its name typed or --yes, also ad hoc; one DescribeCluster only when a context is guarded", async () => {
    const c = testCluster()
    const env = privateConfig()
    expect(
      (await kctl(['context', 'set', 'prot-adhoc', '--bootstrap-server', c.bootstrap, '--protected'], {env})).code,
    ).to.equal(0)
    const [refused, typed, yes, unguarded] = [
      uniqueName('guard-prot'),
      uniqueName('guard-prot'),
      uniqueName('guard-prot'),
      uniqueName('guard-none'),
    ]
    const create = (t: string) => [
      'topics',
      'create',
      t,
      '--partitions',
      '1',
      '--replication-factor',
      '1',
      '-b',
      c.bootstrap,
    ]
    const r = await kctl([...create(refused), '--json'], {env})
    expect(r.code).to.equal(2)
    expect(r.json().error.code).to.equal('CONFIRMATION_REQUIRED')
    expect(await topicExists(refused)).to.equal(false)
    // On a terminal the operator types the context's name, as with --context prot-adhoc.
    const tty = kctlTty(create(typed), {env})
    await tty.waitFor('This is the cluster of protected context prot-adhoc (same brokers). Type prot-adhoc to confirm:')
    tty.type('prot-adhoc\r')
    expect(await tty.exited, tty.screen).to.equal(0)
    const ok = await kctl([...create(yes), '--yes', '--debug'], {env})
    expect(ok.code, ok.stderr).to.equal(0)
    expect(ok.stderr).to.match(
      /^\[debug\] guard: cluster \S+ is that of protected context prot-adhoc \(matched by bootstrap-servers\)$/m,
    )
    // Without a guarded context in the config file, kctl does not ask the cluster who it is.
    const plain = await kctl([...create(unguarded), '--debug'], {
      env: {KCTL_CONFIG: join(c.dir, 'no-such-config.yaml')},
    })
    expect(plain.code, plain.stderr).to.equal(0)
    expect(describeClusterCount(ok.stderr)).to.equal(describeClusterCount(plain.stderr) + 1)
    expect((await kctl(['topics', 'delete', typed, yes, unguarded, '--context', 'local', '--yes'])).code).to.equal(0)
  })
})
