import {expect} from 'chai'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {clusterService} from '../../src/admin/cluster/cluster.js'
import {topicsService} from '../../src/admin/topics/topics.js'
import TopicsCreate from '../../src/commands/topics/create.js'
import TopicsList from '../../src/commands/topics/list.js'
import {saveConfig} from '../../src/connection/config-file.js'
import {replace, runCmd, withoutBroker} from './helpers.js'

describe('guards follow the cluster (services replaced)', () => {
  const restores: (() => void)[] = []
  let saved: string | undefined
  let identityCalls = 0
  let created = 0
  beforeEach(() => {
    saved = process.env.KCTL_CONFIG
    process.env.KCTL_CONFIG = join(mkdtempSync(join(tmpdir(), 'kctl-guards-cmd-')), 'config.yaml')
    ;[identityCalls, created] = [0, 0]
    restores.push(
      withoutBroker(),
      replace(clusterService, {
        clusterIdentity: async () => (identityCalls++, {clusterId: 'PROD', brokers: [{host: '10.1.1.1', port: 9092}]}),
      }),
      replace(topicsService, {
        topicsAndBrokers: async () => ({topics: new Set<string>(), brokerIds: [1]}),
        createTopics: async (_c, topics) =>
          topics.map((t) => (created++, {name: t.name, status: 'created' as const, error: null})),
      }),
    )
  })
  afterEach(() => {
    while (restores.length > 0) restores.pop()!()
    if (saved === undefined) delete process.env.KCTL_CONFIG
    else process.env.KCTL_CONFIG = saved
    process.exitCode = undefined
  })

  const create = ['t1', '--partitions', '1', '--replication-factor', '1', '--json']

  it('a read-only context pinned to the cluster id refuses an ad-hoc mutation (exit 2), whatever the address', async () => {
    saveConfig({contexts: {prod: {bootstrapServers: ['prod-lb.example:9093'], readOnly: true, clusterId: 'PROD'}}})
    const r = await runCmd(TopicsCreate, [...create, '-b', '10.1.1.1:9092'])
    expect(r.exitCode, r.stdout + r.stderr).to.equal(2)
    expect(JSON.parse(r.stdout).error).to.include({
      code: 'READ_ONLY_CONTEXT',
      message: '10.1.1.1:9092 is the cluster of read-only context prod (same cluster id): refusing to change it',
    })
    expect([identityCalls, created]).to.deep.equal([1, 0])
  })

  it('an unguarded config (or another cluster) costs no guard and changes nothing in the flow', async () => {
    saveConfig({contexts: {dev: {bootstrapServers: ['10.1.1.1:9092'], clusterId: 'PROD'}}})
    const first = await runCmd(TopicsCreate, [...create, '-b', '10.1.1.1:9092'])
    expect(first.exitCode, first.stdout).to.equal(0)
    expect([identityCalls, created]).to.deep.equal([0, 1])
    saveConfig({contexts: {other: {bootstrapServers: ['10.9.9.9:9092'], readOnly: true, clusterId: 'OTHER'}}})
    expect((await runCmd(TopicsCreate, [...create, '-b', '10.1.1.1:9092'])).exitCode).to.equal(0)
    expect([identityCalls, created]).to.deep.equal([1, 2])
  })

  it("a protected context's cluster needs --yes off a terminal; reads are not guarded", async () => {
    saveConfig({contexts: {prod: {bootstrapServers: ['10.1.1.1:9092'], protected: true}}})
    const refused = await runCmd(TopicsCreate, [...create, '-b', '10.1.1.1:9092'])
    expect(refused.exitCode).to.equal(2)
    expect(JSON.parse(refused.stdout).error.code).to.equal('CONFIRMATION_REQUIRED')
    expect((await runCmd(TopicsCreate, [...create, '-b', '10.1.1.1:9092', '--yes'])).exitCode).to.equal(0)
    expect(created).to.equal(1)
    restores.push(replace(topicsService, {listTopics: async () => []}))
    const calls = identityCalls
    await runCmd(TopicsList, ['-b', '10.1.1.1:9092', '--json'])
    expect(identityCalls).to.equal(calls)
  })
})
