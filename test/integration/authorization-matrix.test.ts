import {expect} from 'chai'

import {kctl} from '../helpers/cli.js'
import {saslProperties, testCluster} from '../helpers/cluster.js'
import {commitGroupOffsets, createTopic, deleteGroups, deleteTopics, produce} from '../helpers/kafka.js'
import {uniqueName} from '../helpers/poll.js'

/**
 * The authorization matrix (docs/reliability.md): a SCRAM principal without any ACL runs each
 * command family. Where the command needs an ACL it lacks, it exits 4 naming the denied
 * operation and resource (never "not found", never a hang); where it can show part of its
 * answer it does, with a warning.
 */

interface Row {
  name: string
  args: string[]
  code: number
  /** What stderr must say. */
  says: RegExp
}

describe('authorization matrix: a principal without ACLs', function () {
  this.timeout(300_000)
  const topic = uniqueName('authz')
  const group = uniqueName('authz-g')
  let as: string[]

  before(async () => {
    await createTopic(topic, [[1, 2, 3]])
    await produce(topic, [3], {size: 100})
    await commitGroupOffsets(group, topic, {0: 1})
    const c = testCluster()
    as = [
      '-b',
      c.saslBootstrap,
      '--command-config',
      saslProperties('alice', c.users.alice, 'SCRAM-SHA-512'),
      '--timeout',
      '20s',
    ]
  })

  after(async () => {
    await deleteTopics([topic])
    await deleteGroups(group)
  })

  const topicDenied = () => new RegExp(`denied DESCRIBE on topic ${topic}`)
  const rows = (): Row[] => [
    {name: 'topics describe', args: ['topics', 'describe', topic], code: 4, says: topicDenied()},
    {name: 'offsets get', args: ['offsets', 'get', topic], code: 4, says: topicDenied()},
    {
      name: 'records delete',
      args: ['records', 'delete', '--topic', topic, '--before-offset', '1', '--dry-run'],
      code: 4,
      says: topicDenied(),
    },
    {
      name: 'partitions elect-leaders',
      args: ['partitions', 'elect-leaders', '--preferred', '--topic', topic, '--yes'],
      code: 4,
      says: topicDenied(),
    },
    {
      name: 'configs describe topic',
      args: ['configs', 'describe', 'topic', topic],
      code: 4,
      says: new RegExp(`denied .*topic ${topic}|TOPIC_AUTHORIZATION_FAILED`),
    },
    {name: 'groups describe', args: ['groups', 'describe', group], code: 4, says: /GROUP_AUTHORIZATION_FAILED/},
    {name: 'lag', args: ['lag', group], code: 4, says: /GROUP_AUTHORIZATION_FAILED/},
    {name: 'lag check', args: ['lag', 'check', group, '--max-lag', '0'], code: 4, says: /GROUP_AUTHORIZATION_FAILED/},
    {
      name: 'offsets reset',
      args: ['offsets', 'reset', '--group', group, '--topic', topic, '--to-earliest'],
      code: 4,
      says: /AUTHORIZATION_FAILED/,
    },
    {name: 'acls list', args: ['acls', 'list'], code: 4, says: /CLUSTER_AUTHORIZATION_FAILED|DESCRIBE on the CLUSTER/},
    {name: 'users list', args: ['users', 'list'], code: 4, says: /CLUSTER_AUTHORIZATION_FAILED/},
    {name: 'quotas describe', args: ['quotas', 'describe'], code: 4, says: /CLUSTER_AUTHORIZATION_FAILED/},
    {name: 'logdirs describe', args: ['logdirs', 'describe'], code: 4, says: /CLUSTER_AUTHORIZATION_FAILED/},
    {
      name: 'brokers list (sizes left out)',
      args: ['brokers', 'list'],
      code: 0,
      says: /^Warning: .*CLUSTER_AUTHORIZATION_FAILED.*log directories and sizes are missing/m,
    },
    {
      name: 'cluster health (says which check did not run)',
      args: ['cluster', 'health'],
      code: 3,
      says: /^Warning: the quorum check did not run: .*CLUSTER_AUTHORIZATION_FAILED/m,
    },
    {name: 'topics list (only what it may see)', args: ['topics', 'list'], code: 0, says: /^$/},
    {name: 'groups list (only what it may see)', args: ['groups', 'list'], code: 0, says: /^$/},
    {name: 'cluster describe', args: ['cluster', 'describe'], code: 0, says: /^$/},
  ]

  it('exits 4 naming the denied operation and resource, or answers in part with a warning @smoke', async () => {
    const failures: string[] = []
    for (const row of rows()) {
      const started = Date.now()
      const r = await kctl([...row.args, ...as])
      const ms = Date.now() - started
      const problems: string[] = []
      if (r.code !== row.code) problems.push(`exit ${r.code}, expected ${row.code}`)
      if (!row.says.test(r.stderr)) problems.push(`stderr does not match ${row.says}`)
      if (/not found|does not exist/i.test(r.stderr)) problems.push('says "not found"')
      if (ms > 21_000) problems.push(`took ${ms} ms`)
      if (problems.length > 0) failures.push(`${row.name}: ${problems.join('; ')}\n  stderr: ${r.stderr.slice(0, 300)}`)
    }
    expect(failures, failures.join('\n')).to.deep.equal([])
  })

  it('the JSON error names the denied resource', async () => {
    const r = await kctl(['offsets', 'get', topic, '--json', ...as])
    expect(r.code).to.equal(4)
    expect(r.json().error).to.deep.include({code: 'AUTHORIZATION_FAILED'})
    expect(r.json().error.details.topics).to.deep.equal([topic])
  })
})
