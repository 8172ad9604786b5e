import {expect} from 'chai'

import {kctl} from '../helpers/cli.js'
import {privateConfig, saslProperties, testCluster} from '../helpers/cluster.js'
import {uniqueName} from '../helpers/poll.js'

const topicExists = async (name: string) =>
  (await kctl(['topics', 'list', '--context', 'local', '--json']))
    .json()
    .topics.some((t: {name: string}) => t.name === name)

describe('authorization and context safety', () => {
  it('a missing ACL is exit 4 naming the denied operation (describe and create) @smoke', async () => {
    const c = testCluster()
    const topic = uniqueName('authz')
    expect(
      (await kctl(['topics', 'create', topic, '--partitions', '1', '--replication-factor', '1', '--context', 'local']))
        .code,
    ).to.equal(0)
    const alice = saslProperties('alice', c.users.alice, 'SCRAM-SHA-256')
    const describe = await kctl([
      'topics',
      'describe',
      topic,
      '-b',
      c.saslBootstrap,
      '--command-config',
      alice,
      '--json',
    ])
    expect(describe.code).to.equal(4)
    expect(describe.json().error).to.include({code: 'AUTHORIZATION_FAILED'})
    expect(describe.json().error.message).to.equal(
      `Not authorized: the cluster denied DESCRIBE on topic ${topic} (TOPIC_AUTHORIZATION_FAILED)`,
    )
    const other = uniqueName('authz-create')
    const create = await kctl([
      'topics',
      'create',
      other,
      '--partitions',
      '1',
      '-b',
      c.saslBootstrap,
      '--command-config',
      alice,
    ])
    expect(create.code).to.equal(4)
    expect(create.stderr).to.match(
      new RegExp(`^Error: Not authorized: the cluster denied CREATE on topic ${other}$`, 'm'),
    )
    expect(await topicExists(other)).to.equal(false)
    expect((await kctl(['topics', 'delete', topic, '--yes', '--context', 'local'])).code).to.equal(0)
  })

  it('a read-only context refuses every mutation with exit 2 and changes nothing', async () => {
    const c = testCluster()
    // A config file of this test's own: guards follow the cluster, so a read-only context on the
    // test cluster in the run's file would guard every other test's -b.
    const env = privateConfig()
    expect(
      (await kctl(['context', 'set', 'ro', '--bootstrap-server', c.bootstrap, '--read-only'], {env})).code,
    ).to.equal(0)
    const topic = uniqueName('ro')
    const r = await kctl(['topics', 'create', topic, '--partitions', '1', '--context', 'ro', '--yes', '--json'], {env})
    expect(r.code).to.equal(2)
    expect(r.json().error.code).to.equal('READ_ONLY_CONTEXT')
    expect(await topicExists(topic)).to.equal(false)
    // Reading still works.
    expect((await kctl(['topics', 'list', '--context', 'ro'], {env})).code).to.equal(0)
  })

  it('a protected context needs --yes without a terminal', async () => {
    const c = testCluster()
    const env = privateConfig()
    expect(
      (await kctl(['context', 'set', 'prot', '--bootstrap-server', c.bootstrap, '--protected'], {env})).code,
    ).to.equal(0)
    const topic = uniqueName('prot')
    const refused = await kctl(
      ['topics', 'create', topic, '--partitions', '1', '--replication-factor', '1', '--context', 'prot'],
      {env},
    )
    expect(refused.code).to.equal(2)
    expect(refused.stderr)
      .to.match(/^Error: Refusing to make this change without confirmation/m)
      .and.match(/^Hint: .*--yes/m)
    expect(await topicExists(topic)).to.equal(false)
    const ok = await kctl(
      ['topics', 'create', topic, '--partitions', '1', '--replication-factor', '1', '--context', 'prot', '--yes'],
      {env},
    )
    expect(ok.code, ok.stderr).to.equal(0)
    expect(await topicExists(topic)).to.equal(true)
    expect((await kctl(['topics', 'delete', topic, '--context', 'prot', '--yes'], {env})).code).to.equal(0)
  })
})
