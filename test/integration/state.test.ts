import {expect} from 'chai'
import {execFile} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {promisify} from 'node:util'
import {stringify} from 'yaml'

import {kctl} from '../helpers/cli.js'
import {testCluster} from '../helpers/cluster.js'
import {createTopic, deleteTopics, dynamicConfigs, withKafka} from '../helpers/kafka.js'
import {uniqueName, waitFor} from '../helpers/poll.js'

const run = promisify(execFile)
const L = ['--context', 'local']

/** One of Kafka's tools against the PLAINTEXT listener: org.apache.kafka.tools from 4.x, kafka.admin before. */
async function kafkaTool(name: 'AclCommand' | 'ConfigCommand', args: string[]): Promise<string> {
  const c = testCluster()
  const state = JSON.parse(readFileSync(join(c.dir, 'state.json'), 'utf8'))
  const pkg =
    name === 'ConfigCommand'
      ? /^(3\.|4\.[0-3]\.)/.test(c.version)
        ? 'kafka.admin'
        : 'org.apache.kafka.tools'
      : /^3\./.test(c.version)
        ? 'kafka.admin'
        : 'org.apache.kafka.tools'
  const {stdout} = await run(
    'java',
    ['-cp', state.classpath, `${pkg}.${name}`, '--bootstrap-server', c.bootstrap.split(',')[0], ...args],
    {maxBuffer: 10_000_000},
  )
  return stdout
}

describe('state as code: export, diff, apply', function () {
  this.timeout(180_000)
  const p = uniqueName('sac')
  const dir = mkdtempSync(join(tmpdir(), 'kctl-state-'))
  const env = {KCTL_STATE_DIR: dir, APP_PW: `pw-${p}`}
  const ip = `127.${[1, 2, 3].map(() => Math.floor(Math.random() * 250) + 1).join('.')}`
  const orders = `${p}.orders`
  const events = `${p}.events`
  const outside = `${p}x.other`
  const scope = [
    '--scope',
    `prefix:${p}.`,
    '--scope',
    `principal:User:${p}-*`,
    '--scope',
    `user:${p}-*`,
    '--scope',
    `quota:user=${p}-*`,
    '--scope',
    `quota:client-id=${p}-*`,
    '--scope',
    `quota:user=${p}-*,client-id=*`,
    '--scope',
    `quota:ip=${ip}`,
    // The default entities (kafka-configs --entity-default): values far above any test's traffic.
    '--scope',
    'quota:user=<default>',
    '--scope',
    'quota:client-id=<default>',
    '--scope',
    'quota:user=<default>,client-id=<default>',
    '--scope',
    'quota:ip=<default>',
  ]
  const k = (args: string[]) => kctl([...args, ...L], {env})
  const file = (name: string, doc: unknown) => {
    const path = join(dir, name)
    writeFileSync(path, typeof doc === 'string' ? doc : stringify(doc))
    return path
  }
  const exportDoc = async (): Promise<Record<string, any>> => {
    const r = await k(['export', '--kinds', 'topics,acls,quotas,users', ...scope, '--json'])
    expect(r.code, r.stderr).to.equal(0)
    return r.json()
  }
  const diff = async (path: string) => {
    const r = await k(['diff', '-f', path, '--json'])
    expect([0, 3], r.stderr).to.include(r.code)
    return {
      code: r.code,
      changes: r.json().changes as {
        kind: string
        name: string
        field: string | null
        before: unknown
        after: unknown
        risks: string[]
        action: string
      }[],
    }
  }
  const exists = (topic: string) => withKafka(async (admin) => (await admin.listTopics()).includes(topic))
  let exported: Record<string, any>
  let exportFile: string

  before(async () => {
    const ids = testCluster().brokerIds
    await createTopic(
      orders,
      [
        [ids[0], ids[1]],
        [ids[1], ids[2]],
        [ids[2], ids[0]],
      ],
      {configs: {'retention.ms': '86400000', 'cleanup.policy': 'compact,delete', 'max.message.bytes': '2000000'}},
    )
    await createTopic(events, [[ids[0]]])
    await createTopic(outside, [[ids[1]]])
    await kafkaTool('AclCommand', [
      '--add',
      '--allow-principal',
      `User:${p}-app`,
      '--producer',
      '--idempotent',
      '--topic',
      `${p}.`,
      '--resource-pattern-type',
      'prefixed',
      '--transactional-id',
      `${p}-tx`,
    ])
    await kafkaTool('AclCommand', [
      '--add',
      '--allow-principal',
      `User:${p}-app`,
      '--consumer',
      '--topic',
      orders,
      '--group',
      `${p}-g`,
    ])
    for (const args of [
      ['acls', 'create', '--deny-principal', `User:${p}-ops`, '--operation', 'delete', '--topic', orders],
      ['quotas', 'set', '--user', `${p}-app`, 'producer_byte_rate=1048576'],
      ['quotas', 'set', '--client-id', `${p}-client`, 'consumer_byte_rate=2048'],
      ['quotas', 'set', '--user', `${p}-app`, '--client-id', `${p}-client`, 'request_percentage=50'],
      ['quotas', 'set', '--ip', ip, 'connection_creation_rate=10'],
      ['quotas', 'set', '--user', `${p}-app`, '--client-default', 'consumer_byte_rate=1073741824'],
      ['quotas', 'set', '--user-default', 'consumer_byte_rate=1099511627776'],
      ['quotas', 'set', '--client-default', 'producer_byte_rate=1099511627776'],
      ['quotas', 'set', '--user-default', '--client-default', 'request_percentage=1000'],
      ['quotas', 'set', '--ip-default', 'connection_creation_rate=100000'],
    ]) {
      const r = await k(args)
      expect(r.code, r.stderr).to.equal(0)
    }
    const u = await kctl(
      ['users', 'create', `${p}-app`, '--mechanism', 'SCRAM-SHA-256', '--iterations', '8192', '--password-stdin', ...L],
      {env, input: 'secret-pw'},
    )
    expect(u.code, u.stderr).to.equal(0)
    const svc = await kctl(['users', 'create', `${p}-svc`, '--mechanism', 'SCRAM-SHA-512', '--password-stdin', ...L], {
      env,
      input: 'secret-pw',
    })
    expect(svc.code, svc.stderr).to.equal(0)
    // The deny binding and the AclCommand ones are in the brokers' caches once a describe shows all 10.
    await waitFor(async () => (await exportDoc()).acls.length >= 5, {what: 'ACLs visible'})
  })

  after(async () => {
    // Everything this run made is inside the scope: one pruning apply removes it.
    const clean = file('clean.yaml', {
      prune: true,
      scope: exported?.scope ?? {topics: {prefixes: [`${p}.`]}},
      topics: {},
      acls: [],
      quotas: [],
      users: {},
    })
    const r = await k(['apply', '-f', clean, '--prune', '--yes'])
    if (r.code !== 0) process.stderr.write(`cleanup: ${r.stderr}\n`)
    await deleteTopics([orders, events, outside, `${p}.new`])
    rmSync(dir, {recursive: true, force: true})
  })

  it('export writes only real overrides and never a password; diff right after finds nothing @smoke', async () => {
    exported = await exportDoc()
    expect(exported.topics[orders]).to.deep.equal({
      partitions: 3,
      replicationFactor: 2,
      configs: {'cleanup.policy': 'compact,delete', 'max.message.bytes': '2000000', 'retention.ms': '86400000'},
    })
    expect(exported.topics[events]).to.deep.equal({partitions: 1, replicationFactor: 1})
    expect(exported.topics[outside]).to.equal(undefined)
    expect(exported.quotas.map((q: {entity: unknown}) => q.entity)).to.have.deep.members([
      {user: `${p}-app`},
      {'client-id': `${p}-client`},
      {user: `${p}-app`, 'client-id': `${p}-client`},
      {ip},
      {user: `${p}-app`, 'client-id': '<default>'},
      {user: '<default>'},
      {'client-id': '<default>'},
      {user: '<default>', 'client-id': '<default>'},
      {ip: '<default>'},
    ])
    expect(exported.users).to.deep.equal({
      [`${p}-app`]: {mechanisms: [{mechanism: 'SCRAM-SHA-256', iterations: 8192}]},
      [`${p}-svc`]: {mechanisms: [{mechanism: 'SCRAM-SHA-512', iterations: 4096}]},
    })
    expect(JSON.stringify(exported)).not.to.match(/password|secret-pw/)
    exportFile = file('export.yaml', exported)
    const d = await k(['diff', '-f', exportFile])
    expect(d.code, d.stdout + d.stderr).to.equal(0)
    expect(d.stdout).to.include('No changes')
    // The file's shortcuts mean exactly what kafka-acls' --producer/--consumer/--idempotent created.
    const shortcuts = file('shortcuts.yaml', {
      scope: {principals: [`User:${p}-app`]},
      acls: [
        {
          principal: `User:${p}-app`,
          producer: true,
          idempotent: true,
          topics: [`${p}.`],
          transactionalIds: [`${p}-tx`],
          patternType: 'prefixed',
        },
        {principal: `User:${p}-app`, consumer: true, topics: [orders], groups: [`${p}-g`]},
      ],
    })
    expect((await diff(shortcuts)).changes).to.deep.equal([])
  })

  it('a change made with kafka-configs shows as exactly that field (exit 3); apply puts it back; diff then exits 0 @smoke', async () => {
    await kafkaTool('ConfigCommand', [
      '--alter',
      '--entity-type',
      'topics',
      '--entity-name',
      orders,
      '--add-config',
      'retention.ms=3600000',
    ])
    const drift = await waitFor(
      async () => {
        const d = await diff(exportFile)
        return d.code === 3 && d
      },
      {what: 'the drift'},
    )
    expect(drift.changes.map((c) => [c.kind, c.name, c.field, c.before, c.after])).to.deep.equal([
      ['topics', orders, 'configs.retention.ms', '3600000', '86400000'],
    ])
    const a = await k(['apply', '-f', exportFile, '--yes', '--json'])
    expect(a.code, a.stderr).to.equal(0)
    expect(a.json().changes.map((c: {status: string}) => c.status)).to.deep.equal(['applied'])
    // Read back independently (kafkajs); a 3.9 broker other than the one kctl read may apply the change a moment later.
    await waitFor(async () => (await dynamicConfigs('topics', orders))['retention.ms'] === '86400000', {
      what: 'retention.ms back on every broker',
    })
    expect((await diff(exportFile)).code).to.equal(0)
  })

  it('a stale plan is refused and changes nothing', async () => {
    const wanted = file('retention-2d.yaml', {
      ...exported,
      topics: {
        ...exported.topics,
        [orders]: {...exported.topics[orders], configs: {...exported.topics[orders].configs, 'retention.ms': '2d'}},
      },
    })
    const planFile = join(dir, 'plan.json')
    const d = await k(['diff', '-f', wanted, '--out', planFile, '--json'])
    expect(d.code, d.stderr).to.equal(3)
    await kafkaTool('ConfigCommand', [
      '--alter',
      '--entity-type',
      'topics',
      '--entity-name',
      orders,
      '--add-config',
      'retention.ms=7200000',
    ])
    await waitFor(async () => (await dynamicConfigs('topics', orders))['retention.ms'] === '7200000')
    const a = await k(['apply', '--plan', planFile, '--yes', '--json'])
    expect(a.code, a.stdout).to.equal(2)
    expect(a.json().error.code).to.equal('STALE_PLAN')
    expect(a.json().error.message).to.include('retention.ms: planned from 86400000, now 7200000')
    expect((await dynamicConfigs('topics', orders))['retention.ms']).to.equal('7200000')
    const back = await k(['apply', '-f', exportFile, '--yes'])
    expect(back.code, back.stderr).to.equal(0)
  })

  it('--undo restores exactly the values an apply replaced', async () => {
    const before = await exportDoc()
    const changed = file('changed.yaml', {
      ...before,
      topics: {
        ...before.topics,
        [orders]: {
          ...before.topics[orders],
          configs: {
            ...before.topics[orders].configs,
            'retention.ms': '2d',
            'segment.ms': '1d',
            'max.message.bytes': null,
          },
        },
        // A replication-factor change goes through the reassignment engine (and back on undo).
        [events]: {...before.topics[events], replicationFactor: 2},
        [`${p}.new`]: {partitions: 2, replicationFactor: 1},
      },
      acls: [...before.acls, {principal: `User:${p}-ops`, operations: ['read'], groups: [`${p}-ops-g`]}],
      // The user's own producer quota (units: 2MiB); the default entities stay.
      quotas: before.quotas.map((q: {entity: {user?: string; 'client-id'?: string}; values: object}) =>
        q.entity.user === `${p}-app` && q.entity['client-id'] === undefined
          ? {...q, values: {...q.values, producer_byte_rate: '2MiB'}}
          : q,
      ),
    })
    const a = await k(['apply', '-f', changed, '--yes', '--json'])
    expect(a.code, a.stderr).to.equal(0)
    expect(a.json().changes.filter((c: {status: string}) => c.status === 'applied')).to.have.length(7)
    expect(a.json().changes.find((c: {field: string}) => c.field === 'replicationFactor'))
      .to.include({before: 1, after: 2})
      .and.have.property('risks')
      .deep.equal(['replication-factor-change'])
    expect(
      (await withKafka((admin) => admin.fetchTopicMetadata({topics: [events]}))).topics[0].partitions[0].replicas,
    ).to.have.length(2)
    expect((await diff(changed)).code).to.equal(0)
    const u = await k(['apply', '--undo', '--yes', '--json'])
    expect(u.code, u.stderr).to.equal(0)
    expect(u.json().undoOf).to.equal(a.json().journalId)
    expect(await exists(`${p}.new`)).to.equal(false)
    expect(await exportDoc()).to.deep.equal(before)
  })

  it('deletes only with prune: true in the file AND --prune, only inside the scope', async () => {
    const {[events]: _gone, ...kept} = exported.topics
    const noPrune = file('no-prune.yaml', {...exported, topics: kept})
    const d = await diff(noPrune)
    expect(d.code).to.equal(0)
    let a = await k(['apply', '-f', noPrune, '--prune', '--yes'])
    expect(a.code, a.stderr).to.equal(0)
    expect(await exists(events)).to.equal(true)
    const prune = file('prune.yaml', {...exported, prune: true, topics: kept})
    expect((await diff(prune)).changes.map((c) => [c.action, c.name])).to.deep.equal([['delete', events]])
    a = await k(['apply', '-f', prune, '--yes', '--json'])
    expect(a.code, a.stderr).to.equal(0)
    expect(a.json().changes[0]).to.include({status: 'skipped', reason: 'deletes need --prune'})
    expect(await exists(events)).to.equal(true)
    a = await k(['apply', '-f', prune, '--prune', '--yes'])
    expect(a.code, a.stderr).to.equal(0)
    expect(await exists(events)).to.equal(false)
    expect(await exists(outside)).to.equal(true)
    expect((await diff(prune)).code).to.equal(0)
  })

  it('malformed files exit 2 naming file, line and field, and change nothing', async () => {
    const before = await exportDoc()
    const scopeYaml = `scope:\n  topics: {prefixes: [${p}.]}\n`
    const cases: [string, string, RegExp][] = [
      ['yaml-error.yaml', `${scopeYaml}topics:\n  ${orders}: {partitions: 3\n`, /yaml-error\.yaml:\d+: .*YAML error/],
      [
        'schema.yaml',
        `${scopeYaml}topics:\n  ${orders}:\n    partitions: many\n`,
        new RegExp(`schema\\.yaml:5: topics\\.${p}\\.orders\\.partitions: must be integer`),
      ],
      [
        'unknown-key.yaml',
        `${scopeYaml}topics:\n  ${orders}:\n    configs:\n      retention.msec: 1d\n`,
        /unknown-key\.yaml:6: .*retention\.msec: unknown topic config key/,
      ],
      [
        'empty-scope.yaml',
        `scope: {}\ntopics:\n  ${orders}: {partitions: 3}\n`,
        /empty-scope\.yaml:1: scope: the scope is empty/,
      ],
      [
        'decrease.yaml',
        `${scopeYaml}topics:\n  ${orders}:\n    partitions: 1\n    configs: {retention.ms: 1h}\n`,
        new RegExp(`decrease\\.yaml:5: topics\\.${p}\\.orders\\.partitions: Kafka cannot decrease`),
      ],
    ]
    for (const [name, text, expected] of cases) {
      const r = await k(['apply', '-f', file(name, text), '--yes'])
      expect(r.code, `${name}: ${r.stderr}`).to.equal(2)
      expect(r.stderr).to.match(expected)
    }
    const unknown = await k(['diff', '-f', join(dir, 'unknown-key.yaml')])
    expect(unknown.stderr).to.include('Hint: Did you mean retention.ms?')
    expect(await exportDoc()).to.deep.equal(before)
  })
})
