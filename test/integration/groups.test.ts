import {expect} from 'chai'
import {type ChildProcess, spawn} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {kctl} from '../helpers/cli.js'
import {testCluster} from '../helpers/cluster.js'
import {
  activeConsumer,
  commitGroupOffsets,
  committedOffsets,
  createTopic,
  deleteGroups,
  deleteTopics,
  produce,
} from '../helpers/kafka.js'
import {uniqueName, waitFor} from '../helpers/poll.js'

const run = (args: string[]) => kctl([...args, '--context', 'local'])

describe('consumer groups on a real cluster', function () {
  this.timeout(180_000)
  const topic = uniqueName('grp-t')
  const idle = uniqueName('grp-idle')
  const busy = uniqueName('grp-busy')
  let consumer: Awaited<ReturnType<typeof activeConsumer>> | undefined

  before(async () => {
    await createTopic(topic, 3)
    await produce(topic, [4, 4, 4])
    await commitGroupOffsets(idle, topic, {0: 1, 1: 2, 2: 3})
    consumer = await activeConsumer(busy, topic)
  })

  after(async () => {
    await consumer?.stop()
    await deleteGroups(idle, busy)
    await deleteTopics(topic)
  })

  it('groups list filters by state and type on the brokers, with a stable JSON shape @smoke', async () => {
    const all = await run(['groups', 'list', '--json'])
    expect(all.code, all.stderr).to.equal(0)
    const byId = new Map(all.json().groups.map((g: {group: string}) => [g.group, g]))
    expect(Object.keys(all.json().groups[0])).to.deep.equal([
      'group',
      'state',
      'type',
      'protocolType',
      'coordinator',
      'members',
    ])
    expect(byId.get(idle)).to.deep.include({state: 'Empty', protocolType: 'consumer', members: 0})
    expect(byId.get(busy)).to.deep.include({state: 'Stable', protocolType: 'consumer', members: 1})
    const stable = await run(['groups', 'list', '--state', 'STABLE', '--json'])
    const ids = stable.json().groups.map((g: {group: string}) => g.group)
    expect(ids).to.include(busy)
    expect(ids).not.to.include(idle)
    const classicEmpty = await run(['groups', 'list', '--state', 'empty', '--type', 'classic', '-o', 'csv'])
    expect(classicEmpty.stdout).to.include(`${idle},Empty,classic,consumer,0`)
    expect(classicEmpty.stdout).not.to.include(busy)
  })

  it('groups describe shows state, coordinator, assignor, members with assignment, and offsets with lag @smoke', async () => {
    const r = await run(['groups', 'describe', busy, idle, '--json'])
    expect(r.code, r.stderr).to.equal(0)
    const [a, b] = r.json().groups
    expect(Object.keys(a)).to.deep.equal([
      'group',
      'state',
      'type',
      'protocolType',
      'assignor',
      'coordinator',
      'lag',
      'members',
      'offsets',
    ])
    const busyG = a.group === busy ? a : b
    const idleG = a.group === idle ? a : b
    expect(busyG).to.deep.include({state: 'Stable', type: 'classic', protocolType: 'consumer'})
    expect(testCluster().brokerIds).to.include(busyG.coordinator)
    expect(busyG.assignor).to.be.a('string').and.not.equal('')
    expect(busyG.members).to.have.length(1)
    expect(busyG.members[0]).to.deep.include({clientId: 'kctl-test', assignment: [{topic, partitions: [0, 1, 2]}]})
    expect(busyG.members[0].host).to.match(/127\.0\.0\.1/)
    expect(
      idleG.offsets.map((o: {partition: number; committed: number; logEnd: number; lag: number}) => [
        o.partition,
        o.committed,
        o.logEnd,
        o.lag,
      ]),
    ).to.deep.equal([
      [0, 1, 4, 3],
      [1, 2, 4, 2],
      [2, 3, 4, 1],
    ])
    expect(idleG.lag).to.equal(6)
    const members = await run(['groups', 'describe', busy, '--members'])
    expect(members.stdout).to.match(new RegExp(`${busy}\\s+kctl-test\\s+\\S*127\\.0\\.0\\.1\\s+3\\s+${topic}:0,1,2`))
    const missing = await run(['groups', 'describe', 'no-such-group-kctl', '--state', '--json'])
    // A group that does not exist is an error, not a Dead group (a typo must not look like an idle group).
    expect(missing.code, missing.stdout).to.equal(2)
    expect(missing.json().error).to.deep.include({code: 'GROUP_NOT_FOUND'})
  })

  it('describes a KIP-848 consumer-protocol group with ConsumerGroupDescribe, not as Dead', async function () {
    const group = uniqueName('grp-848')
    const state = JSON.parse(readFileSync(join(testCluster().dir, 'state.json'), 'utf8'))
    const java: ChildProcess = spawn(
      'java',
      [
        '-cp',
        state.classpath,
        'org.apache.kafka.tools.consumer.ConsoleConsumer',
        '--bootstrap-server',
        testCluster().bootstrap,
        '--topic',
        topic,
        '--group',
        group,
        '--from-beginning',
        '--consumer-property',
        'group.protocol=consumer',
        '--consumer-property',
        'client.id=kip848-client',
      ],
      {stdio: 'ignore'},
    )
    try {
      const described = await waitFor(
        async () => {
          const r = await run(['groups', 'describe', group, '--json', '--debug'])
          const g = r.json().groups[0]
          return g.state === 'Stable' && g.members[0]?.assignment.length ? {g, stderr: r.stderr} : undefined
        },
        {timeoutMs: 90_000, intervalMs: 1000, what: `${group} to become Stable`},
      )
      expect(described.g).to.deep.include({type: 'consumer', protocolType: 'consumer'})
      expect(described.g.members[0]).to.deep.include({
        clientId: 'kip848-client',
        assignment: [{topic, partitions: [0, 1, 2]}],
      })
      expect(described.stderr).to.match(/ConsumerGroupDescribe=1/)
      const listed = await run(['groups', 'list', '--type', 'consumer', '--json'])
      expect(listed.json().groups.find((g: {group: string}) => g.group === group)).to.deep.include({
        type: 'consumer',
        state: 'Stable',
        members: 1,
      })
      const refused = await run(['groups', 'delete', group, '--yes'])
      expect(refused.code).to.equal(1)
      expect(refused.stderr).to.match(/kip848-client/)
    } finally {
      java.kill('SIGTERM')
      await new Promise((r) => java.once('exit', r))
      await waitFor(
        async () => (await run(['groups', 'describe', group, '--json'])).json().groups[0].members.length === 0,
        {timeoutMs: 60_000, intervalMs: 1000, what: `${group} to empty`},
      )
      await deleteGroups(group)
    }
  })

  it('groups delete refuses a group with members (naming them), asks without --yes, deletes an empty one', async () => {
    const refused = await run(['groups', 'delete', busy, idle, '--yes'])
    expect(refused.code).to.equal(1)
    expect(refused.stderr).to.match(
      new RegExp(`^Error: Cannot delete: group ${busy} \\(Stable; members: kctl-test@`, 'm'),
    )
    expect(await committedOffsets(idle, topic)).to.deep.equal({0: 1, 1: 2, 2: 3})
    const unconfirmed = await run(['groups', 'delete', idle])
    expect(unconfirmed.code).to.equal(2)
    expect(unconfirmed.stderr).to.match(/without confirmation/)
    const dry = await run(['groups', 'delete', idle, '--dry-run', '--json'])
    expect(dry.json()).to.deep.equal({
      dryRun: true,
      groups: [{group: idle, deleted: false, error: null}],
      internalTopics: [],
    })
    const unknown = await run(['groups', 'delete', uniqueName('nope'), '--yes'])
    expect(unknown.code).to.equal(2)
    const extra = uniqueName('grp-del')
    await commitGroupOffsets(extra, topic, {0: 1})
    const deleted = await run(['groups', 'delete', extra, '--yes', '--json'])
    expect(deleted.code, deleted.stderr).to.equal(0)
    expect(deleted.json()).to.deep.equal({
      dryRun: false,
      groups: [{group: extra, deleted: true, error: null}],
      internalTopics: [],
    })
    const list = await run(['groups', 'list', '--json'])
    expect(list.json().groups.map((g: {group: string}) => g.group)).not.to.include(extra)
  })

  it('offsets delete removes the committed offsets of chosen partitions only (OffsetDelete)', async () => {
    const g = uniqueName('grp-offdel')
    await commitGroupOffsets(g, topic, {0: 1, 1: 1, 2: 1})
    try {
      const dry = await run(['offsets', 'delete', '--group', g, '--topic', `${topic}:0,1`, '--dry-run'])
      expect(dry.code).to.equal(0)
      expect(await committedOffsets(g, topic)).to.deep.equal({0: 1, 1: 1, 2: 1})
      const r = await run(['offsets', 'delete', '--group', g, '--topic', `${topic}:0,1`, '--yes', '--json', '--debug'])
      expect(r.code, r.stderr).to.equal(0)
      expect(
        r.json().offsets.map((o: {partition: number; deleted: boolean}) => [o.partition, o.deleted]),
      ).to.deep.equal([
        [0, true],
        [1, true],
      ])
      expect(r.stderr).to.match(/OffsetDelete=1/)
      expect(await committedOffsets(g, topic)).to.deep.equal({0: null, 1: null, 2: 1})
      // The busy group consumes the topic: Kafka refuses (GROUP_SUBSCRIBED_TO_TOPIC), reported per partition.
      const subscribed = await run(['offsets', 'delete', '--group', busy, '--topic', topic, '--yes'])
      expect(subscribed.code).to.equal(1)
      expect(subscribed.stderr).to.match(/GROUP_SUBSCRIBED_TO_TOPIC|KAFKA_ERROR_86/)
    } finally {
      await deleteGroups(g)
    }
  })
})
