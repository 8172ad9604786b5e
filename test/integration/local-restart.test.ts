import {expect} from 'chai'
import {randomBytes} from 'node:crypto'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {type CliResult, kctl, registerSecret, secretsIn} from '../helpers/cli.js'
import {uniqueName} from '../helpers/poll.js'
import {processArgs, watchProcessArgs} from '../helpers/processes.js'

/**
 * The sandbox's own cluster (not the suite's test cluster): its own directory, config file and
 * ports. KCTL_TEST_SANDBOX_PORT sets its first port; by default it is KCTL_TEST_PORT + 3000 (CI:
 * 22092.., controllers 23092..), below Linux's ephemeral ports (32768) and clear of the suite's
 * cluster (base..base+1002).
 */
function sandboxPort(): number {
  if (process.env.KCTL_TEST_SANDBOX_PORT) return Number(process.env.KCTL_TEST_SANDBOX_PORT)
  const testPort = Number(process.env.KCTL_TEST_PORT ?? 19_092)
  return testPort + 3000 + 1002 < 32_768 ? testPort + 3000 : testPort - 7000
}

interface SandboxState {
  version: string
  portBase: number
  nodes: {id: number; pid: number | null; ports: {plaintext: number; saslSsl: number}}[]
  users: Record<string, string>
}

describe('kctl local: restart as created, SCRAM users kept, no secret on a command line', function () {
  const port = sandboxPort()
  // Made in before(): a run whose --grep skips these tests leaves nothing behind.
  let root = ''
  let dir = ''
  let env: Record<string, string | undefined> = {}
  const user = uniqueName('sandbox-user')
  const userPassword = `pw-${randomBytes(12).toString('hex')}`
  const outputs: CliResult[] = []
  let watcher: ReturnType<typeof watchProcessArgs> | undefined
  let created: Record<string, any>

  const local = async (args: string[], timeoutMs = 300_000, input?: string) => {
    const r = await kctl(args, {env, timeoutMs, input})
    outputs.push(r)
    return r
  }

  const state = (): SandboxState => JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8'))

  /** A client .properties file for SCRAM over the sandbox's SASL_SSL listener. */
  const scramConfig = (name: string, password: string, mechanism: string) => {
    const file = join(root, `${name}-${mechanism}.properties`)
    writeFileSync(
      file,
      [
        'security.protocol=SASL_SSL',
        `sasl.mechanism=${mechanism}`,
        `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${name}" password="${password}";`,
        'ssl.truststore.type=PEM',
        `ssl.truststore.location=${join(dir, 'ca.pem')}`,
      ].join('\n'),
      {mode: 0o600},
    )
    return file
  }

  const saslBootstrap = () =>
    state()
      .nodes.map((n) => `127.0.0.1:${n.ports.saslSsl}`)
      .join(',')

  before(async function () {
    this.timeout(360_000)
    root = mkdtempSync(join(tmpdir(), 'kctl-sandbox-'))
    dir = join(root, 'cluster')
    env = {
      KCTL_LOCAL_DIR: dir,
      KCTL_CONFIG: join(root, 'config.yaml'),
      KCTL_STATE_DIR: join(root, 'state'),
      KCTL_CONTEXT: undefined,
      KCTL_BOOTSTRAP_SERVER: undefined,
      KCTL_COMMAND_CONFIG: undefined,
    }
    registerSecret(userPassword)
    // Every command line seen from the first start to the last restart (the storage format runs
    // for a second or two, a broker as long as the cluster).
    watcher = watchProcessArgs(100)
    const args = ['local', 'start', '--brokers', '3', '--secure', '--port', String(port), '--json']
    if (process.env.KCTL_TEST_KAFKA_VERSION) args.push('--kafka-version', process.env.KCTL_TEST_KAFKA_VERSION)
    const r = await local(args)
    expect(r.code, r.stdout + r.stderr).to.equal(0)
    created = r.json()
    for (const password of Object.values(state().users)) registerSecret(password)
    const u = await local(
      // SCRAM-SHA-256: Kafka 4.4.0 itself sometimes restarts a node without SCRAM-SHA-512 credentials
      // (local start writes back only the cluster's own users, whose passwords it keeps).
      ['users', 'create', user, '--mechanism', 'SCRAM-SHA-256', '--password-stdin', '--yes'],
      60_000,
      `${userPassword}\n`,
    )
    expect(u.code, u.stderr).to.equal(0)
  })

  after(async function () {
    this.timeout(120_000)
    watcher?.stop()
    if (!root) return
    await kctl(['local', 'stop', '--purge'], {env, timeoutMs: 120_000})
    rmSync(root, {recursive: true, force: true})
  })

  it('`local start` without flags restarts a stopped node of the 3-node cluster (no exit 2, no --purge)', async function () {
    this.timeout(300_000)
    const stop = await local(['local', 'stop', '--broker', '3'], 120_000)
    expect(stop.code, stop.stderr).to.equal(0)
    const r = await local(['local', 'start', '--json'])
    expect(r.code, r.stdout + r.stderr).to.equal(0)
    expect(r.stdout + r.stderr).not.to.include('--purge')
    expect(r.json()).to.include({
      created: false,
      brokers: 3,
      secure: true,
      clusterId: created.clusterId,
      bootstrap: created.bootstrap,
    })
    const status = await local(['local', 'status', '--json'], 60_000)
    expect(status.code, status.stdout).to.equal(0)
    expect(status.json().nodes.map((n: {running: boolean}) => n.running)).to.deep.equal([true, true, true])
  })

  it('shape flags that contradict the existing cluster are a usage error naming them, before anything runs', async () => {
    const other = state().version === '3.9.2' ? '4.4.0' : '3.9.2'
    for (const [flags, named] of [
      [
        ['--brokers', '1', '--port', String(port + 10)],
        [`--brokers 1 and --port ${port + 10} contradict it`, 'without --brokers, --port'],
      ],
      [
        ['--no-secure', '--kafka-version', other],
        [`--no-secure and --kafka-version ${other} contradict it`, 'without --no-secure, --kafka-version'],
      ],
    ] as [string[], string[]][]) {
      const r = await local(['local', 'start', ...flags], 60_000)
      expect(r.code, `${flags.join(' ')}: ${r.stderr}`).to.equal(2)
      expect(r.stderr).to.match(
        /^Error: The local cluster in .* was created with 3 brokers, secure, ports from \d+, Kafka /m,
      )
      for (const text of named) expect(r.stderr).to.include(text)
      // The hint says how to restart it; --purge is never offered as the way to restart.
      expect(r.stderr).to.match(/^Hint: Run `kctl local start` without .* to restart it as it was created\./m)
    }
    // Flags that agree with the cluster are fine (the cluster is running: nothing to do).
    const same = await local(['local', 'start', '--brokers', '3', '--secure', '--port', String(port), '--json'])
    expect(same.code, same.stderr).to.equal(0)
  })

  it('a full stop and `local start` without flags keeps the SCRAM users (created at start and since)', async function () {
    this.timeout(420_000)
    const stop = await local(['local', 'stop'], 120_000)
    expect(stop.code, stop.stderr).to.equal(0)
    const stopped = await local(['local', 'status', '--json'], 60_000)
    expect(stopped.json().nodes.map((n: {running: boolean}) => n.running)).to.deep.equal([false, false, false])
    const r = await local(['local', 'start', '--json'])
    expect(r.code, r.stdout + r.stderr).to.equal(0)
    expect(r.json()).to.include({created: false, brokers: 3, secure: true, clusterId: created.clusterId})
    const list = await local(['users', 'list', '--json'], 60_000)
    expect(list.code, list.stderr).to.equal(0)
    const names = (list.json().users as {name: string; credentials: {mechanism: string}[]}[]).map(
      (u) => `${u.name} ${u.credentials.map((c) => c.mechanism).join(',')}`,
    )
    expect(names).to.include.members([
      'admin SCRAM-SHA-256,SCRAM-SHA-512',
      'alice SCRAM-SHA-256,SCRAM-SHA-512',
      'bob SCRAM-SHA-256,SCRAM-SHA-512',
      `${user} SCRAM-SHA-256`,
    ])
    // The users authenticate with their passwords (alice on each broker of the restarted cluster).
    const {users} = state()
    const brokers = saslBootstrap().split(',')
    for (const [name, password, mechanism, bootstrap] of [
      ...brokers.map((b) => ['alice', users.alice, 'SCRAM-SHA-256', b]),
      ['admin', users.admin, 'SCRAM-SHA-512', saslBootstrap()],
      [user, userPassword, 'SCRAM-SHA-256', saslBootstrap()],
    ]) {
      const t = await local(
        [
          'topics',
          'list',
          '--bootstrap-server',
          bootstrap,
          '--command-config',
          scramConfig(name, password, mechanism),
          '--json',
        ],
        60_000,
      )
      expect(t.code, `${name} ${mechanism} at ${bootstrap}: ${t.stderr}`).to.equal(0)
    }
  })

  it("`local start` writes back a credential of the cluster's own users that the brokers lack", async function () {
    this.timeout(180_000)
    // Kafka 4.4.0 sometimes restarts a node without its SCRAM-SHA-512 credentials; the same state,
    // made on purpose: admin's SCRAM-SHA-512 credential deleted cluster-wide.
    const del = await local(['users', 'delete', 'admin', '--mechanism', 'SCRAM-SHA-512', '--yes', '--json'], 60_000)
    expect(del.code, del.stderr).to.equal(0)
    const r = await local(['local', 'start', '--json'])
    expect(r.code, r.stdout + r.stderr).to.equal(0)
    expect(r.json().restoredCredentials).to.have.members(
      state().nodes.map((n) => `admin SCRAM-SHA-512 on broker ${n.id}`),
    )
    // admin logs in with SCRAM-SHA-512 again, on each broker.
    for (const bootstrap of saslBootstrap().split(',')) {
      const t = await local(
        [
          'cluster',
          'describe',
          '--bootstrap-server',
          bootstrap,
          '--command-config',
          scramConfig('admin', state().users.admin, 'SCRAM-SHA-512'),
          '--json',
        ],
        60_000,
      )
      expect(t.code, `${bootstrap}: ${t.stderr}`).to.equal(0)
    }
    // Without --json, stderr names what was written back.
    const again1 = await local(['users', 'delete', 'alice', '--mechanism', 'SCRAM-SHA-256', '--yes'], 60_000)
    expect(again1.code, again1.stderr).to.equal(0)
    const human = await local(['local', 'start'])
    expect(human.code, human.stderr).to.equal(0)
    expect(human.stderr).to.match(
      /^Warning: Restored SCRAM credentials a restarted broker had lost: alice SCRAM-SHA-256 on broker \d, /m,
    )
    // Nothing was missing: nothing is written, nothing is said.
    const again = await local(['local', 'start', '--json'])
    expect(again.code, again.stderr).to.equal(0)
    expect(again.json()).not.to.have.property('restoredCredentials')
    expect(again.stderr).not.to.include('Restored')
  })

  it('no secret appears on the command line of any process kctl started, nor in its output', () => {
    const {users, nodes} = state()
    expect(
      secretsIn([...Object.values(users), userPassword].join(' ')).length,
      'the sandbox secrets are known',
    ).to.equal(4)
    const seen = watcher!.stop()
    watcher = undefined
    const running = processArgs()
    for (const p of [...seen, ...running])
      expect(secretsIn(p.cmdline).length, `the arguments of process ${p.pid} contain a known secret`).to.equal(0)
    // The watch did see what kctl ran in the cluster directory: each node's storage format and
    // broker (a restarted broker has the same command line).
    expect(
      seen.filter((p) => p.cmdline.includes(dir)).length,
      'command lines seen in the cluster directory',
    ).to.be.at.least(2 * nodes.length)
    for (const n of nodes)
      expect(
        running.some((p) => p.pid === n.pid && p.cmdline.includes(dir)),
        `broker ${n.id} running`,
      ).to.equal(true)
    for (const r of outputs)
      expect(secretsIn(r.stdout + r.stderr).length, 'a kctl output contains a known secret').to.equal(0)
  })
})
