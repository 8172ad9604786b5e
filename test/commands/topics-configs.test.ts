import {expect} from 'chai'

import {configsService} from '../../src/admin/configs/configs.js'
import {topicsService} from '../../src/admin/topics/topics.js'
import ConfigsDelete from '../../src/commands/configs/delete.js'
import ConfigsSet from '../../src/commands/configs/set.js'
import TopicsCreate from '../../src/commands/topics/create.js'
import TopicsDescribe from '../../src/commands/topics/describe.js'
import {replace, runCmd, servicesReplaced} from './helpers.js'

const detail = {
  name: 'orders',
  topicId: 'LgGJpAGjR22gopjDdmKwAg',
  internal: false,
  partitionCount: 2,
  replicationFactor: 2,
  configs: {'retention.ms': '1000'},
  partitions: [
    {
      partition: 0,
      leader: 1,
      replicas: [1, 2],
      isr: [1, 2],
      offlineReplicas: [],
      earliestOffset: 0n,
      latestOffset: 9007199254740993n,
      sizeBytes: 1_572_864,
    },
    {
      partition: 1,
      leader: null,
      replicas: [2, 3],
      isr: [2],
      offlineReplicas: [3],
      earliestOffset: null,
      latestOffset: null,
      sizeBytes: null,
    },
  ],
}

describe('topics and configs commands (services replaced)', () => {
  const restores = servicesReplaced()

  it('topics describe passes exact names and filters to the service; JSON keeps 64-bit offsets', async () => {
    let seen: unknown
    restores.push(replace(topicsService, {describeTopics: async (_c, sel) => ((seen = sel), [detail])}))
    const {stdout} = await runCmd(TopicsDescribe, [
      'orders',
      'payments',
      '--under-replicated-partitions',
      '--json',
      '-b',
      'x:9092',
    ])
    expect(seen).to.deep.include({names: ['orders', 'payments'], match: undefined})
    expect((seen as {filters: {underReplicated: boolean}}).filters.underReplicated).to.equal(true)
    expect(stdout).to.include('"latestOffset": 9007199254740993')
    expect(JSON.parse(stdout).topics[0].partitions.map((p: {sizeBytes: number | null}) => p.sizeBytes)).to.deep.equal([
      1_572_864,
      null,
    ])
    const table = await runCmd(TopicsDescribe, ['orders', '-b', 'x:9092'])
    expect(table.stdout).to.match(
      /Topic: orders {2}Partitions: 2 {2}Replication: 2 {2}Id: LgGJpAGjR22gopjDdmKwAg {2}Configs: retention.ms=1000/,
    )
    expect(table.stdout).to.match(/^orders +1 +- +2,3 +2 +3 +- +-$/m)
    expect(table.stdout).to.match(/^orders +0 +1 +1,2 +1,2 +- +9007199254740993 +1\.5 MiB$/m)
  })

  it('topics create: a partial failure prints every result and exits 1 naming the failure', async () => {
    restores.push(
      replace(topicsService, {
        topicsAndBrokers: async () => ({topics: new Set<string>(), brokerIds: [1, 2, 3]}),
        createTopics: async () => [
          {name: 'a', status: 'created' as const, error: null},
          {name: 'b', status: 'failed' as const, error: 'Policy violation (POLICY_VIOLATION)'},
        ],
      }),
    )
    const {stdout, stderr, exitCode} = await runCmd(TopicsCreate, [
      'a',
      'b',
      '--partitions',
      '1',
      '--replication-factor',
      '1',
      '--json',
      '-b',
      'x:9092',
    ])
    expect(JSON.parse(stdout).topics.map((t: {status: string}) => t.status)).to.deep.equal(['created', 'failed'])
    expect(stderr).to.match(/^Error: Could not create 1 of 2 topic\(s\): b \(Policy violation/m)
    expect(exitCode).to.equal(1)
  })

  it('configs set validates keys before calling the service; delete needs --yes off a terminal', async () => {
    let calls = 0
    restores.push(
      replace(configsService, {
        alterEntityConfigs: async (_c, entity, changes) => (
          calls++,
          {entity, dryRun: false, changes: changes.map((c) => ({key: c.key, before: null, after: c.value}))}
        ),
      }),
    )
    const bad = await runCmd(ConfigsSet, ['topic', 'orders', 'retension.ms=1', '-b', 'x:9092'])
    expect(bad.exitCode).to.equal(2)
    expect(bad.stderr).to.match(/Hint: Did you mean retention\.ms\?/)
    expect(calls).to.equal(0)
    const ok = await runCmd(ConfigsSet, ['topic', 'orders', 'retention.ms=5', '--json', '-b', 'x:9092'])
    expect(JSON.parse(ok.stdout)).to.deep.equal({
      entity: {type: 'topic', name: 'orders'},
      dryRun: false,
      changes: [{key: 'retention.ms', before: null, after: '5'}],
    })
    const refused = await runCmd(ConfigsDelete, ['topic', 'orders', 'retention.ms', '-b', 'x:9092'])
    expect(refused.exitCode).to.equal(2)
    expect(calls).to.equal(1)
  })
})
