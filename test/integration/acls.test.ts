import {expect} from 'chai'
import {execFile} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {promisify} from 'node:util'

import {toKctlError} from '../../src/errors.js'
import {kctl} from '../helpers/cli.js'
import {saslProperties, testCluster} from '../helpers/cluster.js'
import {
  type BrokerDecision,
  brokerDecision,
  clientAs,
  consume,
  kafkaErrorType,
  produce,
} from '../helpers/kafka-client.js'
import {createTopic, deleteTopics, kafka as plaintextClient} from '../helpers/kafka.js'
import {uniqueName, waitFor} from '../helpers/poll.js'

const run = promisify(execFile)
const L = ['--context', 'local']

interface Binding {
  resourceType: string
  resourceName: string
  patternType: string
  principal: string
  host: string
  operation: string
  permission: string
}

const key = (b: Binding) =>
  `${b.permission} ${b.principal}@${b.host} ${b.operation} ${b.resourceType}:${b.resourceName}:${b.patternType}`

async function listAcls(...args: string[]): Promise<Binding[]> {
  const r = await kctl(['acls', 'list', ...L, '--json', ...args])
  expect(r.code, r.stderr).to.equal(0)
  return r.json().bindings
}

/** Create a SCRAM user with kctl (password on stdin) and wait until the brokers accept it. */
async function createUser(name: string, password: string): Promise<void> {
  const r = await kctl(['users', 'create', name, '--mechanism', 'SCRAM-SHA-512', '--password-stdin', ...L, '--json'], {
    input: `${password}\n`,
  })
  expect(r.code, r.stderr).to.equal(0)
  await waitFor(
    async () => {
      const admin = clientAs(name, password).admin()
      await admin.connect()
      await admin.disconnect()
      return true
    },
    {what: `SCRAM user ${name} to authenticate`},
  )
}

/** Delete the user's literal bindings, the user and the topic. */
async function cleanup(user: string, topic: string): Promise<void> {
  await kctl(['acls', 'delete', '--principal', `User:${user}`, '--yes', ...L])
  await deleteUser(user)
  await deleteTopics(topic)
}

async function deleteUser(name: string): Promise<void> {
  await kctl(['users', 'delete', name, '--yes', ...L])
}

describe('acls on the secure cluster, as real clients', function () {
  this.timeout(180_000)

  it('a new SCRAM user is denied a read, allowed after acls create --consumer, denied again after acls delete @smoke', async () => {
    const user = uniqueName('reader')
    const password = `pw-${uniqueName('x')}`
    const topic = uniqueName('acl-read')
    const group = uniqueName('acl-group')
    await createTopic(topic, 1)
    await produce(plaintextClient(), topic, ['m1', 'm2', 'm3'], 8)
    await createUser(user, password)
    const kafka = clientAs(user, password)
    try {
      // Denied: the broker refuses the consumer's topic metadata (no DESCRIBE/READ binding).
      const denied = await consume(kafka, topic, group, 3).then(
        () => undefined,
        (error: unknown) => error,
      )
      expect(kafkaErrorType(denied)).to.equal('TOPIC_AUTHORIZATION_FAILED')
      // kctl's error model maps that to exit 4 naming the denied operation.
      const mapped = toKctlError(denied, {operation: `READ on topic ${topic}`})
      expect(mapped.exitCode).to.equal(4)
      expect(mapped.message).to.equal(
        `Not authorized: the cluster denied READ on topic ${topic} (TOPIC_AUTHORIZATION_FAILED)`,
      )
      // kctl itself, connected as the user: the topic is invisible, ACL administration is denied with exit 4.
      const props = saslProperties(user, password, 'SCRAM-SHA-512')
      const asUser = ['-b', testCluster().saslBootstrap, '--command-config', props]
      const topics = await kctl(['topics', 'list', ...asUser, '--json'])
      expect(topics.code, topics.stderr).to.equal(0)
      expect(topics.json().topics.map((t: {name: string}) => t.name)).not.to.include(topic)
      const aclsAsUser = await kctl(['acls', 'list', ...asUser])
      expect(aclsAsUser.code).to.equal(4)
      expect(aclsAsUser.stderr).to.include(
        'Error: Not authorized: the cluster denied describing ACLs (DESCRIBE on the CLUSTER) (CLUSTER_AUTHORIZATION_FAILED)',
      )

      const created = await kctl([
        'acls',
        'create',
        '--allow-principal',
        `User:${user}`,
        '--consumer',
        '--topic',
        topic,
        '--group',
        group,
        ...L,
        '--json',
      ])
      expect(created.code, created.stderr).to.equal(0)
      expect(created.json().created.map(key)).to.deep.equal([
        `ALLOW User:${user}@* READ GROUP:${group}:LITERAL`,
        `ALLOW User:${user}@* DESCRIBE TOPIC:${topic}:LITERAL`,
        `ALLOW User:${user}@* READ TOPIC:${topic}:LITERAL`,
      ])
      // Brokers apply new bindings from the metadata log within moments (visibly on 3.9): poll.
      expect(
        await waitFor(() => consume(kafka, topic, group, 3, 10_000), {
          what: 'the read to be allowed',
          timeoutMs: 40_000,
        }),
      ).to.deep.equal(['m1', 'm2', 'm3'])
      const visible = await kctl(['topics', 'list', ...asUser, '--json'])
      expect(visible.json().topics.map((t: {name: string}) => t.name)).to.deep.equal([topic])

      const deleted = await kctl([
        'acls',
        'delete',
        '--allow-principal',
        `User:${user}`,
        '--consumer',
        '--topic',
        topic,
        '--group',
        group,
        '--yes',
        ...L,
        '--json',
      ])
      expect(deleted.code, deleted.stderr).to.equal(0)
      expect(deleted.json().deleted.map(key)).to.deep.equal(created.json().created.map(key))
      // A broker may answer from metadata that has not applied the deletion yet (visibly on 3.9): poll.
      await waitFor(async () => (await listAcls('--principal', `User:${user}`)).length === 0, {
        what: 'the deleted bindings to be gone',
      })
      await waitFor(
        async () =>
          kafkaErrorType(
            await consume(kafka, topic, `${group}-2`, 1, 10_000).then(
              () => undefined,
              (e: unknown) => e,
            ),
          ) === 'TOPIC_AUTHORIZATION_FAILED',
        {what: 'the read to be denied again'},
      )
    } finally {
      await cleanup(user, topic)
    }
  })

  it('a new SCRAM user is denied a write, allowed after acls create --producer --idempotent, denied again after acls delete', async () => {
    const user = uniqueName('writer')
    const password = `pw-${uniqueName('x')}`
    const topic = uniqueName('acl-write')
    await createTopic(topic, 1)
    await createUser(user, password)
    const kafka = clientAs(user, password)
    const write = () => produce(kafka, topic, ['hello'])
    try {
      expect(await brokerDecision(write)).to.equal('DENIED')
      const mapped = toKctlError(await write().catch((e: unknown) => e), {operation: `WRITE on topic ${topic}`})
      expect([mapped.exitCode, mapped.message]).to.deep.equal([
        4,
        `Not authorized: the cluster denied WRITE on topic ${topic} (TOPIC_AUTHORIZATION_FAILED)`,
      ])

      const created = await kctl([
        'acls',
        'create',
        '--allow-principal',
        `User:${user}`,
        '--producer',
        '--idempotent',
        '--topic',
        topic,
        ...L,
        '--json',
      ])
      expect(created.code, created.stderr).to.equal(0)
      expect(created.json().created.map(key)).to.deep.equal([
        `ALLOW User:${user}@* IDEMPOTENT_WRITE CLUSTER:kafka-cluster:LITERAL`,
        `ALLOW User:${user}@* CREATE TOPIC:${topic}:LITERAL`,
        `ALLOW User:${user}@* DESCRIBE TOPIC:${topic}:LITERAL`,
        `ALLOW User:${user}@* WRITE TOPIC:${topic}:LITERAL`,
      ])
      await waitFor(async () => (await brokerDecision(write)) === 'ALLOWED', {what: 'the write to be allowed'})
      // The message really landed: read it back as the super user.
      expect(await consume(plaintextClient(), topic, uniqueName('verify'), 1)).to.deep.equal(['hello'])

      const deleted = await kctl([
        'acls',
        'delete',
        '--principal',
        `User:${user}`,
        '--resource-pattern-type',
        'any',
        '--yes',
        ...L,
        '--json',
      ])
      expect(deleted.code, deleted.stderr).to.equal(0)
      expect(deleted.json().deleted).to.have.length(4)
      await waitFor(async () => (await brokerDecision(write)) === 'DENIED', {what: 'the write to be denied again'})
    } finally {
      await cleanup(user, topic)
    }
  })

  it("acls check agrees with the broker's real decision on 26 cases @smoke", async () => {
    const b = uniqueName('chk')
    const [u1, u2] = [uniqueName('chk-u1'), uniqueName('chk-u2')]
    const pw = `pw-${uniqueName('x')}`
    const t = (s: string) => `${b}-${s}`
    const topics = ['lit', 'lit2', 'pre-a', 'prx', 'all', 'deny', 'dp-x', 'h1', 'h2', 'h3', 'h4', 'cfg', 'cr'].map(t)
    const create = async (...args: string[]) => {
      const r = await kctl(['acls', 'create', ...args, ...L])
      expect(r.code, r.stderr).to.equal(0)
    }
    const U1 = `User:${u1}`
    const U2 = `User:${u2}`
    await Promise.all([...topics.map((t) => createTopic(t, 1)), createUser(u1, pw), createUser(u2, pw)])
    try {
      await create('--allow-principal', U1, '--operation', 'read', '--topic', t('lit'))
      await create(
        '--allow-principal',
        U1,
        '--operation',
        'write',
        '--topic',
        t('pre-'),
        '--resource-pattern-type',
        'prefixed',
      )
      await create('--allow-principal', 'User:*', '--operation', 'describe', '--topic', t('all'))
      await create('--allow-principal', U1, '--operation', 'all', '--topic', t('deny'))
      await create('--deny-principal', U1, '--deny-principal', U2, '--operation', 'write', '--topic', t('deny'))
      await create('--allow-principal', U1, '--operation', 'write', '--topic', t('dp-x'))
      await create(
        '--deny-principal',
        'User:*',
        '--operation',
        'write',
        '--topic',
        t('dp-'),
        '--resource-pattern-type',
        'prefixed',
      )
      await create('--allow-principal', U1, '--allow-host', '127.0.0.1', '--operation', 'write', '--topic', t('h1'))
      await create('--allow-principal', U1, '--allow-host', '10.9.9.9', '--operation', 'write', '--topic', t('h2'))
      await create('--allow-principal', U1, '--operation', 'describe', '--topic', t('h3'), '--topic', t('h4'))
      await create('--deny-principal', U1, '--deny-host', '10.9.9.9', '--operation', 'describe', '--topic', t('h3'))
      await create('--deny-principal', U1, '--deny-host', '127.0.0.1', '--operation', 'describe', '--topic', t('h4'))
      await create('--allow-principal', U1, '--operation', 'alter-configs', '--topic', t('cfg'))
      await create('--allow-principal', U1, '--operation', 'create', '--topic', t('cr'))
      await create('--allow-principal', U2, '--operation', 'write', '--topic', '*')

      const clients = {[u1]: clientAs(u1, pw), [u2]: clientAs(u2, pw)}
      const admins = {[u1]: clients[u1].admin({retry: {retries: 0}}), [u2]: clients[u2].admin({retry: {retries: 0}})}
      await Promise.all(Object.values(admins).map((a) => a.connect()))
      const real: Record<string, (user: string, topic: string) => Promise<BrokerDecision>> = {
        describe: (u, topic) => brokerDecision(() => admins[u].fetchTopicMetadata({topics: [topic]})),
        write: (u, topic) => brokerDecision(() => produce(clients[u], topic, ['x'])),
        'describe-configs': (u, topic) =>
          brokerDecision(() =>
            admins[u].describeConfigs({includeSynonyms: false, resources: [{type: 2, name: topic}]}),
          ),
      }
      // [user, operation, topic, expected]: the expectation documents the case; both kctl and the broker must match it.
      const cases: [string, string, string, BrokerDecision][] = [
        [u1, 'describe', t('lit'), 'ALLOWED'], // literal READ implies DESCRIBE
        [u1, 'write', t('lit'), 'DENIED'], // no WRITE binding
        [u1, 'describe', t('lit2'), 'DENIED'], // a literal binding is not a prefix
        [u1, 'describe-configs', t('lit'), 'DENIED'], // READ does not imply DESCRIBE_CONFIGS
        [u1, 'write', t('pre-a'), 'ALLOWED'], // prefixed binding
        [u1, 'describe', t('pre-a'), 'ALLOWED'], // prefixed WRITE implies DESCRIBE
        [u1, 'write', t('prx'), 'DENIED'], // not under the prefix
        [u1, 'describe', t('all'), 'ALLOWED'], // wildcard principal User:*
        [u2, 'describe', t('all'), 'ALLOWED'], // wildcard principal, another user
        [u1, 'write', t('all'), 'DENIED'], // User:* grants DESCRIBE only
        [u1, 'write', t('deny'), 'DENIED'], // DENY WRITE overrides ALLOW ALL
        [u1, 'describe', t('deny'), 'ALLOWED'], // DENY WRITE does not deny DESCRIBE
        [u1, 'describe-configs', t('deny'), 'ALLOWED'], // ALLOW ALL
        [u1, 'write', t('dp-x'), 'DENIED'], // prefixed DENY for User:* overrides a literal ALLOW
        [u1, 'describe', t('dp-x'), 'ALLOWED'], // WRITE implies DESCRIBE; the DENY is for WRITE only
        [u1, 'write', t('h1'), 'ALLOWED'], // binding for this client's host 127.0.0.1
        [u1, 'write', t('h2'), 'DENIED'], // binding for another host
        [u1, 'describe', t('h3'), 'ALLOWED'], // DENY from another host does not apply
        [u1, 'describe', t('h4'), 'DENIED'], // DENY from this host wins
        [u1, 'describe-configs', t('cfg'), 'ALLOWED'], // ALTER_CONFIGS implies DESCRIBE_CONFIGS
        [u1, 'describe', t('cfg'), 'DENIED'], // ALTER_CONFIGS does not imply DESCRIBE
        [u1, 'describe', t('cr'), 'DENIED'], // CREATE does not imply DESCRIBE
        [u2, 'write', t('lit'), 'ALLOWED'], // wildcard resource *
        [u2, 'write', t('deny'), 'DENIED'], // literal DENY overrides the * ALLOW
        [u2, 'describe', t('pre-a'), 'ALLOWED'], // WRITE on * implies DESCRIBE
        [u2, 'describe-configs', t('lit'), 'DENIED'], // nothing grants it
      ]
      expect(cases.length).to.be.at.least(20)

      const checks = await Promise.all(
        cases.map(async ([u, op, topic]) => {
          const r = await kctl([
            'acls',
            'check',
            `User:${u}`,
            '--operation',
            op,
            '--topic',
            topic,
            '--host',
            '127.0.0.1',
            ...L,
            '--json',
          ])
          expect(r.code, r.stderr).to.equal(r.json().decision === 'ALLOWED' ? 0 : 3)
          return r.json()
        }),
      )
      const table = (decisions: string[]) =>
        cases.map(
          ([u, op, topic], i) => `${u === u1 ? 'u1' : 'u2'} ${op} ${topic.slice(b.length + 1)}: ${decisions[i]}`,
        )
      const expected = table(cases.map((c) => c[3]))
      expect(table(checks.map((c) => c.decision))).to.deep.equal(expected)
      // The broker applies new bindings from the metadata log within moments: poll until it settles.
      let brokerSays: string[] = []
      await waitFor(
        async () => {
          brokerSays = table(await Promise.all(cases.map(([u, op, topic]) => real[op](u, topic))))
          return brokerSays.join() === expected.join()
        },
        {what: 'the broker decisions', timeoutMs: 20_000},
      ).catch(() => undefined)
      expect(brokerSays).to.deep.equal(expected)
      // The binding that decided is named: a DENY for the deny cases, the right ALLOW otherwise.
      const denyCase = checks[10]
      expect(denyCase.reason).to.equal('deny-binding')
      expect(denyCase.decidedBy).to.deep.include({
        permission: 'DENY',
        operation: 'WRITE',
        resourceName: t('deny'),
        principal: U1,
      })
      expect(checks[4].decidedBy).to.deep.include({patternType: 'PREFIXED', resourceName: t('pre-')})
      expect(checks[2].reason).to.equal('no-binding')
      await Promise.all(Object.values(admins).map((a) => a.disconnect()))
    } finally {
      await kctl([
        'acls',
        'delete',
        '--principal',
        U1,
        '--principal',
        U2,
        '--principal',
        'User:*',
        '--resource-pattern-type',
        'any',
        '--topic',
        '*',
        ...topics.flatMap((x) => ['--topic', x]),
        '--topic',
        t('pre-'),
        '--topic',
        t('dp-'),
        '--yes',
        ...L,
      ])
      await Promise.all([deleteUser(u1), deleteUser(u2), deleteTopics(...topics)])
    }
  })
})

describe("acls create --producer/--consumer match Kafka's own kafka-acls", function () {
  this.timeout(120_000)

  it('creates exactly the binding sets AclCommand creates for the same arguments', async () => {
    const c = testCluster()
    const state = JSON.parse(readFileSync(join(c.dir, 'state.json'), 'utf8'))
    const ours = uniqueName('kctl-p')
    const theirs = uniqueName('kafka-p')
    const topic = uniqueName('cmp')
    const scenarios = [
      ['--producer', '--idempotent', '--topic', topic, '--topic', `${topic}-2`, '--transactional-id', `${topic}-tx`],
      [
        '--consumer',
        '--topic',
        topic,
        '--group',
        `${topic}-g`,
        '--resource-pattern-type',
        'prefixed',
        '--allow-host',
        '127.0.0.1',
        '--allow-host',
        '10.0.0.1',
      ],
      ['--producer', '--consumer', '--topic', `${topic}-pc`, '--group', `${topic}-pcg`],
    ]
    const aclCommand = (...args: string[]) =>
      run(
        'java',
        [
          '-cp',
          state.classpath,
          'org.apache.kafka.tools.AclCommand',
          '--bootstrap-server',
          c.bootstrap.split(',')[0],
          ...args,
        ],
        {maxBuffer: 10_000_000},
      )
    try {
      for (const args of scenarios) {
        await aclCommand('--add', '--allow-principal', `User:${theirs}`, ...args)
        const r = await kctl(['acls', 'create', '--allow-principal', `User:${ours}`, ...args, ...L])
        expect(r.code, r.stderr).to.equal(0)
      }
      // Kafka's --list output: "Current ACLs for resource `ResourcePattern(resourceType=TOPIC, name=t, patternType=LITERAL)`:" then entries.
      const {stdout} = await aclCommand('--list', '--principal', `User:${theirs}`)
      const kafkaSet: string[] = []
      let resource = ''
      for (const line of stdout.split('\n')) {
        const res = /ResourcePattern\(resourceType=(\w+), name=(.*), patternType=(\w+)\)/.exec(line)
        if (res) resource = `${res[1]}:${res[2]}:${res[3]}`
        const entry = /\(principal=User:(\S+), host=(\S+), operation=(\w+), permissionType=(\w+)\)/.exec(line)
        if (entry) kafkaSet.push(`${entry[4]} User:X@${entry[2]} ${entry[3]} ${resource}`)
      }
      // Brokers apply new bindings from the metadata log within moments: poll until all 20 show.
      const ourBindings = await waitFor(
        async () => {
          const b = await listAcls('--principal', `User:${ours}`)
          return b.length === 20 && b
        },
        {what: 'the 20 new bindings to show'},
      )
      const kctlSet = ourBindings.map((b) => key({...b, principal: 'User:X'}))
      // producer: 2 topics x 3 + 2 on the transactional id + 1 on the cluster; consumer: (2 on the topic + 1 on the group) x 2 hosts; both: 4 on the topic + 1 on the group
      expect(kafkaSet.length).to.equal(9 + 6 + 5)
      expect([...kctlSet].sort()).to.deep.equal([...kafkaSet].sort())
    } finally {
      await kctl([
        'acls',
        'delete',
        '--principal',
        `User:${ours}`,
        '--principal',
        `User:${theirs}`,
        '--resource-pattern-type',
        'any',
        '--yes',
        ...L,
      ])
    }
  })
})

describe('acls list and delete', function () {
  this.timeout(120_000)

  it('lists one row per binding with a pinned JSON shape, groups by resource in tables, filters by principal/operation/permission/pattern', async () => {
    const p = `User:${uniqueName('lister')}`
    const topic = uniqueName('lst')
    try {
      let r = await kctl([
        'acls',
        'create',
        '--allow-principal',
        p,
        '--operation',
        'read',
        '--operation',
        'write',
        '--topic',
        topic,
        ...L,
      ])
      expect(r.code, r.stderr).to.equal(0)
      r = await kctl([
        'acls',
        'create',
        '--deny-principal',
        p,
        '--operation',
        'delete',
        '--topic',
        topic.slice(0, 8),
        '--resource-pattern-type',
        'prefixed',
        ...L,
      ])
      expect(r.code, r.stderr).to.equal(0)
      const all = await waitFor(
        async () => {
          const b = await listAcls('--principal', p)
          return b.length === 3 && b
        },
        {what: 'the 3 new bindings to show'},
      )
      expect(all.map((b) => Object.keys(b))).to.deep.equal(
        all.map(() => ['resourceType', 'resourceName', 'patternType', 'principal', 'host', 'operation', 'permission']),
      )
      expect(all.map(key)).to.deep.equal([
        `DENY ${p}@* DELETE TOPIC:${topic.slice(0, 8)}:PREFIXED`,
        `ALLOW ${p}@* READ TOPIC:${topic}:LITERAL`,
        `ALLOW ${p}@* WRITE TOPIC:${topic}:LITERAL`,
      ])
      expect((await listAcls('--principal', p, '--permission', 'deny')).map(key)).to.deep.equal([all[0]].map(key))
      expect((await listAcls('--principal', p, '--operation', 'WRITE')).map(key)).to.deep.equal([all[2]].map(key))
      expect(await listAcls('--principal', p, '--topic', topic, '--resource-pattern-type', 'prefixed')).to.deep.equal(
        [],
      )
      expect(
        (await listAcls('--principal', p, '--topic', topic, '--resource-pattern-type', 'match')).map(key),
      ).to.deep.equal(all.map(key))
      const table = await kctl(['acls', 'list', '--principal', p, ...L])
      const lines = table.stdout.trimEnd().split('\n')
      expect(lines[0]).to.match(/^RESOURCE TYPE\s+NAME\s+PATTERN\s+PRINCIPAL\s+HOST\s+OPERATION\s+PERMISSION$/)
      expect(lines).to.have.length(4)
      expect(lines[3]).to.match(/^\s+User:\S+\s+\*\s+WRITE\s+ALLOW$/) // the resource is printed once per group
      const csv = await kctl(['acls', 'list', '--principal', p, '-o', 'csv', ...L])
      expect(csv.stdout.trim().split('\n')).to.have.length(4)
      expect(csv.stdout.split('\n')[3]).to.include(topic)
    } finally {
      await kctl(['acls', 'delete', '--principal', p, '--resource-pattern-type', 'any', '--yes', ...L])
    }
  })

  it('delete shows the matching bindings, refuses without --yes off a TTY, needs --all for a match-everything filter, and deletes in one request', async () => {
    const p = `User:${uniqueName('deleter')}`
    const keep = `User:${uniqueName('keeper')}`
    const topic = uniqueName('del')
    try {
      await kctl([
        'acls',
        'create',
        '--allow-principal',
        p,
        '--allow-principal',
        keep,
        '--operation',
        'read',
        '--operation',
        'describe',
        '--topic',
        topic,
        '--group',
        topic,
        ...L,
      ])
      const refused = await kctl(['acls', 'delete', '--principal', p, '--resource-pattern-type', 'any', ...L])
      expect(refused.code).to.equal(2)
      expect(refused.stderr).to.match(/^Error: Refusing to make this change without confirmation/m)
      const everything = await kctl(['acls', 'delete', '--yes', ...L])
      expect(everything.code).to.equal(2)
      expect(everything.stderr).to.include('Hint: Pass --all')
      const dry = await kctl(['acls', 'delete', '--principal', p, '--dry-run', ...L, '--json'])
      expect(dry.json()).to.deep.include({dryRun: true})
      expect(dry.json().deleted).to.have.length(4) // read and describe, on the topic and on the group
      expect(await listAcls('--principal', p)).to.have.length(dry.json().deleted.length)
      const r = await kctl(['acls', 'delete', '--principal', p, '--yes', '--debug', ...L, '--json'])
      expect(r.code, r.stderr).to.equal(0)
      expect(Object.keys(r.json())).to.deep.equal(['dryRun', 'deleted'])
      expect(r.json().deleted.map(key).sort()).to.deep.equal(dry.json().deleted.map(key).sort())
      expect(r.stderr).to.match(/requests: .*DeleteAcls=1 /)
      expect(r.stderr).to.match(/DescribeAcls=1 /)
      await waitFor(async () => (await listAcls('--principal', p)).length === 0, {
        what: 'the deleted bindings to be gone',
      })
      expect(await listAcls('--principal', keep)).to.have.length(4)
    } finally {
      await kctl(['acls', 'delete', '--principal', p, '--principal', keep, '--yes', ...L])
    }
  })

  it('create --dry-run prints the bindings and creates nothing; create sends one CreateAcls for all bindings', async () => {
    const p = `User:${uniqueName('dry')}`
    const args = [
      'acls',
      'create',
      '--allow-principal',
      p,
      '--producer',
      '--topic',
      'a',
      '--topic',
      'b',
      '--transactional-id',
      'tx',
      ...L,
    ]
    try {
      const dry = await kctl([...args, '--dry-run', '--json'])
      expect(dry.code, dry.stderr).to.equal(0)
      expect(Object.keys(dry.json())).to.deep.equal(['dryRun', 'created'])
      expect(dry.json().created).to.have.length(8)
      expect(await listAcls('--principal', p)).to.deep.equal([])
      const r = await kctl([...args, '--debug', '--json'])
      expect(r.stderr).to.match(/requests: .*CreateAcls=1 /)
      expect((await listAcls('--principal', p)).map(key)).to.deep.equal(dry.json().created.map(key))
    } finally {
      await kctl(['acls', 'delete', '--principal', p, '--yes', ...L])
    }
  })
})
