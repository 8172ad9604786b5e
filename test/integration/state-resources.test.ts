import {expect} from 'chai'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {stringify} from 'yaml'

import {kctl, kctlTty} from '../helpers/cli.js'
import {privateConfig, saslProperties, testCluster} from '../helpers/cluster.js'
import {createTopic, deleteTopics, dynamicConfigs, withKafka} from '../helpers/kafka.js'
import {kafkaConfigs, kafkaConfigsOverrides} from '../helpers/kafka-tools.js'
import {uniqueName, waitFor} from '../helpers/poll.js'

const L = ['--context', 'local']

/** Group configs in state files need ListConfigResources v1 (Kafka 4.1+); client-metrics v0 (3.7+). */
const groupsSupported = () => !/^(3\.|4\.0\.)/.test(testCluster().version)

describe('state as code: group and client-metrics configs, passwords, contexts, snapshots, internal topics', function () {
  this.timeout(180_000)
  const p = uniqueName('sar')
  const dir = mkdtempSync(join(tmpdir(), 'kctl-state-res-'))
  const env = {KCTL_STATE_DIR: dir}
  const k = (args: string[], extra: Record<string, string> = {}) => kctl([...args, ...L], {env: {...env, ...extra}})
  const file = (name: string, doc: unknown) => {
    const path = join(dir, name)
    writeFileSync(path, typeof doc === 'string' ? doc : stringify(doc))
    return path
  }
  const plain = {topics: {prefixes: [`${p}.`]}}
  const cleanup: string[] = []
  const cleanupCommands: string[][] = []

  after(async () => {
    for (const args of cleanupCommands) await k(args)
    for (const path of cleanup) {
      const r = await k(['apply', '-f', path, '--prune', '--yes'])
      if (r.code !== 0) process.stderr.write(`cleanup: ${r.stderr}\n`)
    }
    await deleteTopics([`${p}.kept`, `${p}.pruned`, `${p}.good`, `${p}.ctx`, `__${p}`])
    rmSync(dir, {recursive: true, force: true})
  })

  it('client-metrics subscriptions and group configs: export -> diff finds nothing; drift -> exactly that field -> apply -> clean; undo @smoke', async () => {
    const sub = `${p}-cm`
    const group = `${p}-g`
    const scope = {clientMetrics: [`${p}-*`], ...(groupsSupported() ? {groups: [`${p}-*`]} : {})}
    cleanup.push(file('clean-configs.yaml', {prune: true, scope, configs: {groups: {}, clientMetrics: {}}}))
    const wanted = file('configs.yaml', {
      scope,
      configs: {
        clientMetrics: {
          [sub]: {metrics: ['org.apache.kafka.producer.', 'org.apache.kafka.consumer.'], 'interval.ms': '1m'},
        },
        ...(groupsSupported() ? {groups: {[group]: {'consumer.session.timeout.ms': '50s'}}} : {}),
      },
    })
    const a = await k(['apply', '-f', wanted, '--yes', '--json'])
    expect(a.code, a.stderr).to.equal(0)
    expect(a.json().changes.map((c: {name: string; field: string; after: string; status: string}) => c)).to.have.length(
      groupsSupported() ? 3 : 2,
    )
    // Kafka's own tool reads back what apply wrote (units resolved: 1m, 50s).
    const theirs = await waitFor(
      async () => {
        const configs = await kafkaConfigsOverrides('client-metrics', sub)
        return configs['interval.ms'] === '60000' && configs
      },
      {what: 'the subscription'},
    )
    expect(theirs).to.include({metrics: 'org.apache.kafka.producer.,org.apache.kafka.consumer.'})
    if (groupsSupported())
      expect(await kafkaConfigsOverrides('groups', group)).to.deep.equal({'consumer.session.timeout.ms': '50000'})

    // A per-broker override (kafka-configs --entity-type brokers) is exported with the broker defaults.
    const broker = String(testCluster().brokerIds[0])
    await kafkaConfigs([
      '--alter',
      '--entity-type',
      'brokers',
      '--entity-name',
      broker,
      '--add-config',
      'log.cleaner.backoff.ms=15001',
    ])
    cleanupCommands.push(['configs', 'delete', 'broker', broker, 'log.cleaner.backoff.ms', '--yes'])
    const scopeFlags = ['--scope', `client-metrics:${p}-*`, ...(groupsSupported() ? ['--scope', `group:${p}-*`] : [])]
    const exported = await waitFor(
      async () => {
        const r = await k(['export', '--kinds', 'configs', ...scopeFlags, '--json'])
        expect(r.code, r.stderr).to.equal(0)
        return r.json().configs.brokers?.[broker]?.['log.cleaner.backoff.ms'] === '15001' && r
      },
      {what: 'the broker override'},
    )
    expect(exported.json().configs.clientMetrics).to.deep.equal({
      [sub]: {'interval.ms': '60000', metrics: 'org.apache.kafka.producer.,org.apache.kafka.consumer.'},
    })
    if (groupsSupported())
      expect(exported.json().configs.groups).to.deep.equal({[group]: {'consumer.session.timeout.ms': '50000'}})
    const snapshot = file('configs-export.yaml', exported.json())
    const clean = await k(['diff', '-f', snapshot])
    expect(clean.code, clean.stdout + clean.stderr).to.equal(0)

    // Behind kctl's back: Kafka's ConfigCommand changes one key.
    const [type, name, key, value] = groupsSupported()
      ? ['groups', group, 'consumer.session.timeout.ms', '45000']
      : ['client-metrics', sub, 'interval.ms', '120000']
    await kafkaConfigs(['--alter', '--entity-type', type, '--entity-name', name, '--add-config', `${key}=${value}`])
    const drift = await waitFor(
      async () => {
        const r = await k(['diff', '-f', snapshot, '--json'])
        return r.code === 3 && (r.json() as {changes: Record<string, unknown>[]})
      },
      {what: 'the drift'},
    )
    expect(
      drift.changes.map((c: Record<string, unknown>) => [c.kind, c.name, c.field, c.before, c.after]),
    ).to.deep.equal([
      [
        'configs',
        `${type === 'groups' ? 'group' : 'client-metrics'}:${name}`,
        key,
        value,
        type === 'groups' ? '50000' : '60000',
      ],
    ])
    const back = await k(['apply', '-f', snapshot, '--yes'])
    expect(back.code, back.stderr).to.equal(0)
    expect((await k(['diff', '-f', snapshot])).code).to.equal(0)

    // Undo puts back exactly the value the apply replaced.
    const undo = await k(['apply', '--undo', '--yes', '--json'])
    expect(undo.code, undo.stderr).to.equal(0)
    await waitFor(async () => (await kafkaConfigsOverrides(type as 'groups' | 'client-metrics', name))[key] === value, {
      what: 'the value before the apply',
    })
  })

  it('group configs on a cluster that cannot list them: diff says so (exit 1), export leaves them out and still diffs clean @smoke', async () => {
    const only = file('groups-only.yaml', {
      scope: {groups: [`${p}-x-*`]},
      configs: {groups: {[`${p}-x-1`]: {'consumer.heartbeat.interval.ms': '5s'}}},
    })
    const d = await k(['diff', '-f', only, '--json'])
    const exported = await k(['export', '--kinds', 'configs', '--scope', `group:${p}-x-*`, '--json'])
    expect(exported.code, exported.stderr).to.equal(0)
    if (groupsSupported()) {
      expect(d.code, d.stderr).to.equal(3)
      expect(exported.json().scope).to.deep.equal({groups: [`${p}-x-*`]})
      return
    }
    expect(d.code).to.equal(1)
    expect(d.json().error).to.include({code: 'UNSUPPORTED_VERSION'})
    expect(d.json().error.message).to.equal(
      'This cluster does not support group configs in state files: listing them needs ListConfigResources v1 (Kafka 4.1 or later)',
    )
    expect(exported.stderr).to.include('does not support group configs in state files')
    expect(exported.json().scope).to.deep.equal({})
    expect(exported.json().configs.groups).to.equal(undefined)
  })

  it('users with ${env:X} and ${file:P} passwords: apply creates credentials that log in; export never writes them @smoke', async () => {
    const c = testCluster()
    const envUser = `${p}-env`
    const fileUser = `${p}-file`
    const pwFile = join(dir, 'pw.txt')
    writeFileSync(pwFile, `file-pw-${p}\nignored second line\n`)
    const users = file('users.yaml', {
      scope: {users: [`${p}-*`]},
      users: {
        [envUser]: {mechanisms: [{mechanism: 'SCRAM-SHA-256', iterations: 8192}], password: '${env:STATE_TEST_PW}'},
        [fileUser]: {mechanisms: [{mechanism: 'SCRAM-SHA-512'}], password: `\${file:${pwFile}}`},
      },
    })
    cleanup.push(file('clean-users.yaml', {prune: true, scope: {users: [`${p}-*`]}, users: {}}))
    const missing = await k(['apply', '-f', users, '--yes'])
    expect(missing.code).to.equal(2)
    expect(missing.stderr).to.include('The password reference ${env:STATE_TEST_PW} is not set')
    const a = await k(['apply', '-f', users, '--yes', '--json'], {STATE_TEST_PW: `env-pw-${p}`})
    expect(a.code, a.stderr).to.equal(0)
    const login = (user: string, pw: string, mechanism: 'SCRAM-SHA-256' | 'SCRAM-SHA-512') =>
      kctl(['topics', 'list', '-b', c.saslBootstrap, '--command-config', saslProperties(user, pw, mechanism), '--json'])
    await waitFor(async () => (await login(envUser, `env-pw-${p}`, 'SCRAM-SHA-256')).code === 0, {
      what: 'the ${env:} user logs in',
    })
    await waitFor(async () => (await login(fileUser, `file-pw-${p}`, 'SCRAM-SHA-512')).code === 0, {
      what: 'the ${file:} user logs in (first line of the file)',
    })
    expect((await login(envUser, 'wrong', 'SCRAM-SHA-256')).code).to.equal(4)
    const exported = await k(['export', '--kinds', 'users', '--scope', `user:${p}-*`, '--json'])
    expect(exported.json().users).to.deep.equal({
      [envUser]: {mechanisms: [{mechanism: 'SCRAM-SHA-256', iterations: 8192}]},
      [fileUser]: {mechanisms: [{mechanism: 'SCRAM-SHA-512', iterations: 4096}]},
    })
    expect(exported.stdout).not.to.match(/pw-|password/)
    expect((await k(['diff', '-f', users])).code).to.equal(0)
  })

  it('internal topics are never touched, even by a pruning apply whose scope pattern matches them; units 7d and 10MiB', async () => {
    const ids = testCluster().brokerIds
    await createTopic(`__${p}`, [[ids[0]]])
    await createTopic(`${p}.pruned`, [[ids[0]]])
    const internalPattern = file('internal.yaml', {
      prune: true,
      scope: {topics: {patterns: ['__.*', `${p}\\..*`]}},
      topics: {
        [`${p}.kept`]: {
          partitions: 1,
          replicationFactor: 1,
          configs: {'retention.ms': '7d', 'max.message.bytes': '10MiB'},
        },
      },
    })
    const d = await k(['diff', '-f', internalPattern, '--json'])
    expect(d.code, d.stderr).to.equal(3)
    expect(d.json().changes.map((c: {action: string; name: string}) => [c.action, c.name])).to.deep.equal([
      ['create', `${p}.kept`],
      ['delete', `${p}.pruned`],
    ])
    const a = await k(['apply', '-f', internalPattern, '--prune', '--yes'])
    expect(a.code, a.stderr).to.equal(0)
    const topics = await withKafka((admin) => admin.listTopics())
    expect(topics).to.include(`__${p}`)
    expect(topics).not.to.include(`${p}.pruned`)
    expect(await dynamicConfigs('topics', `${p}.kept`)).to.include({
      'retention.ms': '604800000',
      'max.message.bytes': '10485760',
    })
    const named = file('names-internal.yaml', {scope: plain, topics: {__consumer_offsets: {partitions: 50}}})
    const r = await k(['diff', '-f', named, '--json'])
    expect(r.code).to.equal(2)
    expect(r.json().error).to.include({code: 'INTERNAL_TOPIC'})
  })

  it('exit codes: 2 for a file pinned to another cluster, 1 when the broker rejects an item (the others still apply) @smoke', async () => {
    const pinned = file('pinned.yaml', {cluster: {id: 'AAAAAAAAAAAAAAAAAAAAAA'}, scope: plain, topics: {}})
    for (const command of ['diff', 'apply']) {
      const r = await k([command, '-f', pinned, '--yes', '--json'].filter((a) => command === 'apply' || a !== '--yes'))
      expect(r.code, `${command}: ${r.stderr}`).to.equal(2)
      expect(r.json().error).to.include({code: 'CLUSTER_ID_MISMATCH'})
    }
    const bad = file('rejected.yaml', {
      scope: plain,
      topics: {
        [`${p}.bad`]: {partitions: 1, replicationFactor: 1, configs: {'cleanup.policy': 'sometimes'}},
        [`${p}.good`]: {partitions: 1, replicationFactor: 1},
      },
    })
    const a = await k(['apply', '-f', bad, '--yes', '--json'])
    expect(a.code, a.stderr).to.equal(1)
    expect(a.json().changes.map((c: {name: string; status: string}) => [c.name, c.status])).to.deep.equal([
      [`${p}.bad`, 'failed'],
      [`${p}.good`, 'applied'],
    ])
    expect(a.json().changes[0].reason).to.match(/INVALID_CONFIG/)
    const topics = await withKafka((admin) => admin.listTopics())
    expect(topics).to.include(`${p}.good`)
    expect(topics).not.to.include(`${p}.bad`)
  })

  it('diff --against a snapshot needs no cluster and no credentials', async () => {
    const snapshot = await k(['export', '--kinds', 'topics', '--scope', `prefix:${p}.`, '--json'])
    expect(snapshot.code, snapshot.stderr).to.equal(0)
    const snapFile = file('snapshot.yaml', snapshot.json())
    const doc = snapshot.json()
    const changed = file('against.yaml', {
      ...doc,
      topics: {
        ...doc.topics,
        [`${p}.kept`]: {...doc.topics[`${p}.kept`], configs: {'retention.ms': '1d', 'max.message.bytes': '10MiB'}},
      },
    })
    // No config file, no context, no bootstrap server: nothing to connect to.
    const offline = {KCTL_CONFIG: join(dir, 'no-config.yaml'), KCTL_CONTEXT: '', KCTL_BOOTSTRAP_SERVER: ''}
    const same = await kctl(['diff', '-f', snapFile, '--against', snapFile], {env: {...env, ...offline}})
    expect(same.code, same.stderr).to.equal(0)
    const r = await kctl(['diff', '-f', changed, '--against', snapFile, '--json'], {env: {...env, ...offline}})
    expect(r.code, r.stderr).to.equal(3)
    expect(
      r.json().changes.map((c: Record<string, unknown>) => [c.name, c.field, c.before, c.after, c.risks]),
    ).to.deep.equal([[`${p}.kept`, 'configs.retention.ms', '604800000', '86400000', ['retention-decrease']]])
  })

  it('several contexts: results per cluster, stop at the first failure unless --keep-going; read-only and protected contexts honoured @smoke', async () => {
    const wanted = file('contexts.yaml', {scope: plain, topics: {[`${p}.ctx`]: {partitions: 1, replicationFactor: 1}}})
    cleanup.push(file('clean-contexts.yaml', {prune: true, scope: {topics: {prefixes: [`${p}.ctx`]}}, topics: {}}))
    const both = await kctl(['diff', '-f', wanted, '--context', 'local,local-sasl', '--json'], {env})
    expect(both.code, both.stderr).to.equal(3)
    expect(
      both
        .json()
        .contexts.map((o: {context: string; status: string; result: {pending: number}}) => [
          o.context,
          o.status,
          o.result.pending,
        ]),
    ).to.deep.equal([
      ['local', 'ok', 1],
      ['local-sasl', 'ok', 1],
    ])
    const stop = await kctl(['diff', '-f', wanted, '--context', 'no-such-ctx,local', '--json'], {env})
    expect(stop.code).to.equal(2)
    expect(stop.json().contexts.map((o: {status: string}) => o.status)).to.deep.equal(['failed', 'not-run'])
    const going = await kctl(['diff', '-f', wanted, '--context', 'no-such-ctx,local', '--keep-going', '--json'], {env})
    expect(going.code).to.equal(2)
    expect(going.json().contexts.map((o: {status: string}) => o.status)).to.deep.equal(['failed', 'ok'])

    const c = testCluster()
    const config = privateConfig()
    for (const args of [
      ['ro', '--read-only'],
      ['prot', '--protected'],
    ]) {
      const set = await kctl(['context', 'set', args[0], '--bootstrap-server', c.bootstrap, args[1]], {env: config})
      expect(set.code, set.stderr).to.equal(0)
    }
    const ro = await kctl(['apply', '-f', wanted, '--context', 'ro', '--yes', '--json'], {env: {...env, ...config}})
    expect(ro.code).to.equal(2)
    expect(ro.json().error).to.include({code: 'READ_ONLY_CONTEXT'})
    expect((await kctl(['diff', '-f', wanted, '--context', 'ro'], {env: {...env, ...config}})).code).to.equal(3)
    const prot = await kctl(['apply', '-f', wanted, '--context', 'prot', '--json'], {env: {...env, ...config}})
    expect(prot.code).to.equal(2)
    expect(prot.json().error).to.include({code: 'CONFIRMATION_REQUIRED'})
    expect(await withKafka(async (admin) => (await admin.listTopics()).includes(`${p}.ctx`))).to.equal(false)
    // On a terminal, a protected context asks for its name typed: a wrong answer changes nothing.
    const tty = kctlTty(['apply', '-f', wanted, '--context', 'prot'], {env: {...env, ...config}})
    await tty.waitFor('Context prot is protected. Type prot to confirm:')
    tty.type('nope\r')
    expect(await tty.exited, tty.screen).to.equal(130)
    expect(await withKafka(async (admin) => (await admin.listTopics()).includes(`${p}.ctx`))).to.equal(false)
    const confirmed = await kctl(['apply', '-f', wanted, '--context', 'prot', '--yes', '--json'], {
      env: {...env, ...config},
    })
    expect(confirmed.code, confirmed.stderr).to.equal(0)
    expect(confirmed.json().changes.map((x: {status: string}) => x.status)).to.deep.equal(['applied'])
  })
})
