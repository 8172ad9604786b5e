import {expect} from 'chai'
import {execFile} from 'node:child_process'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {promisify} from 'node:util'

import {kctl} from '../helpers/cli.js'
import {saslProperties, testCluster} from '../helpers/cluster.js'
import {clientAs, kafkaErrorType} from '../helpers/kafka-client.js'
import {uniqueName, waitFor} from '../helpers/poll.js'

const L = ['--context', 'local']
const run = promisify(execFile)

/** Does a fresh connection authenticate as user/password (SCRAM-SHA-256 or -512)? */
async function authenticates(
  user: string,
  password: string,
  mechanism: 'scram-sha-256' | 'scram-sha-512',
): Promise<boolean> {
  const admin = clientAs(user, password, mechanism).admin()
  try {
    await admin.connect()
    return true
  } catch (error) {
    if (/SASL|Authentication/i.test(String((error as Error).message)) || kafkaErrorType(error).includes('SASL'))
      return false
    throw error
  } finally {
    await admin.disconnect().catch(() => {})
  }
}

describe('users (SCRAM credentials) on the secure cluster', function () {
  this.timeout(120_000)

  it('create, list, describe (never secrets), update the password (old fails, new works), delete @smoke', async () => {
    const user = uniqueName('scram')
    const [oldPw, newPw] = [`old-${uniqueName('p')}`, `new-${uniqueName('p')}`]
    const c = testCluster()
    const pwFile = join(c.dir, `${user}.pw`)
    writeFileSync(pwFile, `${oldPw}\n`, {mode: 0o600})
    try {
      const created = await kctl([
        'users',
        'create',
        user,
        '--mechanism',
        'SCRAM-SHA-256',
        '--iterations',
        '8192',
        '--password-file',
        pwFile,
        ...L,
        '--json',
        '--debug',
      ])
      expect(created.code, created.stderr).to.equal(0)
      expect(created.json()).to.deep.equal({user, mechanism: 'SCRAM-SHA-256', iterations: 8192, action: 'created'})
      expect(created.stdout + created.stderr).not.to.include(oldPw)
      expect(created.stderr).to.match(/AlterUserScramCredentials=1 /)
      const second = await kctl(['users', 'create', user, '--mechanism', 'SCRAM-SHA-512', '--password-stdin', ...L], {
        input: oldPw,
      })
      expect(second.code, second.stderr).to.equal(0)
      const again = await kctl(
        ['users', 'create', user, '--mechanism', 'SCRAM-SHA-256', '--password-stdin', ...L, '--json'],
        {input: oldPw},
      )
      expect(again.code).to.equal(1)
      expect(again.json().error.code).to.equal('USER_EXISTS')

      await waitFor(() => authenticates(user, oldPw, 'scram-sha-256'), {what: 'the new user to authenticate'})
      expect(await authenticates(user, oldPw, 'scram-sha-512')).to.equal(true)
      // kctl itself connects as the new user through SASL_SSL.
      const asUser = await kctl([
        'cluster',
        'describe',
        '-b',
        c.saslBootstrap,
        '--command-config',
        saslProperties(user, oldPw, 'SCRAM-SHA-256'),
        '--json',
      ])
      expect(asUser.code, asUser.stderr).to.equal(0)

      const described = await kctl(['users', 'describe', user, ...L, '--json'])
      expect(described.json()).to.deep.equal({
        users: [
          {
            name: user,
            credentials: [
              {mechanism: 'SCRAM-SHA-256', iterations: 8192},
              {mechanism: 'SCRAM-SHA-512', iterations: 4096},
            ],
          },
        ],
      })
      const listed = await kctl(['users', 'list', ...L])
      expect(listed.stdout).to.match(new RegExp(`^${user}\\s+SCRAM-SHA-256\\s+8192$`, 'm'))
      expect(listed.stdout).to.match(/^admin\s+SCRAM-SHA-512\s+\d+$/m)

      const updated = await kctl(
        ['users', 'update', user, '--mechanism', 'SCRAM-SHA-256', '--password-stdin', ...L, '--json'],
        {input: `${newPw}\n`},
      )
      expect(updated.code, updated.stderr).to.equal(0)
      expect(updated.json()).to.deep.equal({user, mechanism: 'SCRAM-SHA-256', iterations: 4096, action: 'updated'})
      await waitFor(async () => !(await authenticates(user, oldPw, 'scram-sha-256')), {
        what: 'the old password to stop working',
      })
      expect(await authenticates(user, newPw, 'scram-sha-256')).to.equal(true)
      const oldViaKctl = await kctl([
        'cluster',
        'describe',
        '-b',
        c.saslBootstrap,
        '--command-config',
        saslProperties(user, oldPw, 'SCRAM-SHA-256'),
        '--timeout',
        '15s',
      ])
      expect(oldViaKctl.code).to.equal(4)
      expect(oldViaKctl.stderr).to.match(/^Error: Authentication failed/m)
      // The SCRAM-SHA-512 credential was not touched.
      expect(await authenticates(user, oldPw, 'scram-sha-512')).to.equal(true)

      const refused = await kctl(['users', 'delete', user, ...L])
      expect(refused.code).to.equal(2)
      const deleted = await kctl(['users', 'delete', user, '--yes', ...L, '--json'])
      expect(deleted.code, deleted.stderr).to.equal(0)
      expect(deleted.json()).to.deep.equal({
        dryRun: false,
        changes: [
          {user, mechanism: 'SCRAM-SHA-256', action: 'deleted'},
          {user, mechanism: 'SCRAM-SHA-512', action: 'deleted'},
        ],
      })
      const gone = await kctl(['users', 'describe', user, ...L, '--json'])
      expect([gone.code, gone.json().error.code]).to.deep.equal([1, 'USER_NOT_FOUND'])
      await waitFor(async () => !(await authenticates(user, newPw, 'scram-sha-256')), {
        what: 'the deleted user to stop authenticating',
      })
    } finally {
      await kctl(['users', 'delete', user, '--yes', ...L])
    }
  })

  it('update of a credential that does not exist fails with exit 1 and creates nothing', async () => {
    const user = uniqueName('ghost')
    const r = await kctl(['users', 'update', user, '--password-stdin', ...L, '--json'], {input: 'pw'})
    expect([r.code, r.json().error.code]).to.deep.equal([1, 'USER_NOT_FOUND'])
    expect((await kctl(['users', 'describe', user, ...L])).code).to.equal(1)
  })
})

describe('quotas on the secure cluster', function () {
  this.timeout(120_000)

  it('set is visible in describe (pinned JSON), keeps other keys, and delete removes exactly the named keys @smoke', async () => {
    const user = uniqueName('quser')
    const client = uniqueName('qclient')
    try {
      const set = await kctl([
        'quotas',
        'set',
        '--user',
        user,
        'producer_byte_rate=1048576',
        'consumer_byte_rate=2097152',
        ...L,
        '--json',
        '--debug',
      ])
      expect(set.code, set.stderr).to.equal(0)
      expect(set.json()).to.deep.equal({
        entity: {user},
        dryRun: false,
        set: {producer_byte_rate: 1_048_576, consumer_byte_rate: 2_097_152},
        quotas: {consumer_byte_rate: 2_097_152, producer_byte_rate: 1_048_576},
      })
      expect(set.stderr).to.match(/AlterClientQuotas=1 /)
      const pair = await kctl([
        'quotas',
        'set',
        '--user',
        user,
        '--client-id',
        client,
        'request_percentage=25',
        ...L,
        '--json',
      ])
      expect(pair.code, pair.stderr).to.equal(0)
      const more = await kctl(['quotas', 'set', '--user', user, 'controller_mutation_rate=10', ...L, '--json'])
      expect(more.json().quotas).to.deep.equal({
        consumer_byte_rate: 2_097_152,
        controller_mutation_rate: 10,
        producer_byte_rate: 1_048_576,
      })

      const described = await kctl(['quotas', 'describe', '--user', user, ...L, '--json', '--debug'])
      expect(described.json()).to.deep.equal({
        entries: [
          {
            entity: {user},
            values: {consumer_byte_rate: 2_097_152, controller_mutation_rate: 10, producer_byte_rate: 1_048_576},
          },
          {entity: {user, clientId: client}, values: {request_percentage: 25}},
        ],
      })
      expect(described.stderr).to.match(/DescribeClientQuotas=1 /)
      const table = await kctl(['quotas', 'describe', '--user', user, ...L])
      expect(table.stdout).to.match(new RegExp(`^user=${user}, client-id=${client}\\s+request_percentage\\s+25$`, 'm'))
      // Kafka's own kafka-configs sees the same quotas.
      const state = JSON.parse(readFileSync(join(testCluster().dir, 'state.json'), 'utf8'))
      const configCommand = /^(3\.|4\.[0-3]\.)/.test(testCluster().version)
        ? 'kafka.admin.ConfigCommand'
        : 'org.apache.kafka.tools.ConfigCommand'
      const {stdout} = await run('java', [
        '-cp',
        state.classpath,
        configCommand,
        '--bootstrap-server',
        testCluster().bootstrap.split(',')[0],
        '--describe',
        '--entity-type',
        'users',
        '--entity-name',
        user,
      ])
      expect(stdout).to.include(
        `Quota configs for user-principal '${user}' are consumer_byte_rate=2097152.0, controller_mutation_rate=10.0, producer_byte_rate=1048576.0`,
      )

      const dry = await kctl(['quotas', 'delete', '--user', user, 'producer_byte_rate', '--dry-run', ...L, '--json'])
      expect(dry.json()).to.deep.include({dryRun: true, deleted: ['producer_byte_rate']})
      const del = await kctl(['quotas', 'delete', '--user', user, 'producer_byte_rate', '--yes', ...L, '--json'])
      expect(del.code, del.stderr).to.equal(0)
      expect(del.json()).to.deep.equal({
        entity: {user},
        dryRun: false,
        deleted: ['producer_byte_rate'],
        quotas: {consumer_byte_rate: 2_097_152, controller_mutation_rate: 10},
      })
      const delAll = await kctl([
        'quotas',
        'delete',
        '--user',
        user,
        '--client-id',
        client,
        '--all',
        '--yes',
        ...L,
        '--json',
      ])
      expect(delAll.json().deleted).to.deep.equal(['request_percentage'])
      await kctl(['quotas', 'delete', '--user', user, '--all', '--yes', ...L])
      const after = await kctl(['quotas', 'describe', '--user', user, ...L, '--json'])
      expect(after.json()).to.deep.equal({entries: []})
    } finally {
      await kctl(['quotas', 'delete', '--user', user, '--all', '--yes', ...L])
      await kctl(['quotas', 'delete', '--user', user, '--client-id', client, '--all', '--yes', ...L])
    }
  })

  it('default entities and IP quotas; --dry-run validates on the broker and changes nothing', async () => {
    const ip = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.7`
    try {
      const dry = await kctl(['quotas', 'set', '--ip', ip, 'connection_creation_rate=5', '--dry-run', ...L, '--json'])
      expect(dry.code, dry.stderr).to.equal(0)
      expect(dry.json()).to.deep.include({dryRun: true, quotas: {}})
      const set = await kctl(['quotas', 'set', '--ip', ip, 'connection_creation_rate=5', ...L, '--json'])
      expect(set.json().quotas).to.deep.equal({connection_creation_rate: 5})
      const described = await kctl(['quotas', 'describe', '--ip', ip, ...L, '--json'])
      expect(described.json().entries).to.deep.equal([{entity: {ip}, values: {connection_creation_rate: 5}}])
      const defaults = await kctl(['quotas', 'describe', '--client-default', ...L, '--json'])
      expect(defaults.code, defaults.stderr).to.equal(0)
      for (const e of defaults.json().entries) expect(e.entity.clientId).to.equal(null)
    } finally {
      await kctl(['quotas', 'delete', '--ip', ip, '--all', '--yes', ...L])
    }
  })
})
