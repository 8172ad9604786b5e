import {expect} from 'chai'

import {kctl} from '../helpers/cli.js'
import {testCluster} from '../helpers/cluster.js'
import {kafka} from '../helpers/kafka.js'
import {kafkaTool} from '../helpers/kafka-tools.js'
import {uniqueName, waitFor} from '../helpers/poll.js'

const ctx = ['--context', 'local']

async function ok(args: string[]) {
  const r = await kctl([...args, ...ctx])
  expect(r.code, `kctl ${args.join(' ')}\n${r.stdout}\n${r.stderr}`).to.equal(0)
  return r
}

const requests = (stderr: string, api: string) =>
  Number(new RegExp(`\\[debug\\] requests:.*\\b${api}=(\\d+)`).exec(stderr)?.[1] ?? 0)

describe('topics on a real cluster', function () {
  this.timeout(180_000)

  it('creates 200 topics with one CreateTopics request; --if-not-exists re-run changes nothing; --match delete removes them', async () => {
    const prefix = uniqueName('bulk')
    const names = Array.from({length: 200}, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`)
    const r = await ok([
      'topics',
      'create',
      ...names,
      '--partitions',
      '1',
      '--replication-factor',
      '1',
      '--config',
      'retention.ms=600000',
      '--debug',
      '--json',
    ])
    expect(requests(r.stderr, 'CreateTopics')).to.equal(1)
    const created = r.json()
    expect(created.dryRun).to.equal(false)
    expect(created.topics).to.have.length(200)
    expect(created.topics.every((t: {status: string}) => t.status === 'created')).to.equal(true)
    const listed = await waitFor(
      async () => {
        const l = (await ok(['topics', 'list', '--match', `^${prefix}-`, '--json'])).json()
        return l.topics.length === 200 ? l : undefined
      },
      {what: '200 topics in metadata'},
    )
    expect(listed.topics.map((t: {name: string}) => t.name)).to.deep.equal(names)

    const again = await ok([
      'topics',
      'create',
      ...names,
      '--partitions',
      '1',
      '--replication-factor',
      '1',
      '--if-not-exists',
      '--debug',
      '--json',
    ])
    expect(requests(again.stderr, 'CreateTopics')).to.equal(0)
    expect(again.json().topics.every((t: {status: string}) => t.status === 'exists')).to.equal(true)

    const del = await ok(['topics', 'delete', '--match', `^${prefix}-`, '--yes', '--debug', '--json'])
    expect(requests(del.stderr, 'DeleteTopics')).to.equal(1)
    expect(del.json().topics).to.have.length(200)
    await waitFor(
      async () => (await ok(['topics', 'list', '--match', `^${prefix}-`, '--json'])).json().topics.length === 0,
      {what: 'topics deleted'},
    )
  })

  it('describe: partitions, ISR, offsets, sizes, overrides, in one Metadata, one DescribeConfigs, two ListOffsets per leader and one DescribeLogDirs per broker @smoke', async () => {
    const topic = uniqueName('desc')
    await ok([
      'topics',
      'create',
      topic,
      '--partitions',
      '3',
      '--replication-factor',
      '3',
      '--config',
      'retention.ms=7200000',
    ])
    try {
      const producer = kafka().producer()
      await producer.connect()
      await producer.send({topic, messages: Array.from({length: 5}, (_, i) => ({value: `m${i}`, partition: 1}))})
      await producer.disconnect()
      const r = await ok(['topics', 'describe', topic, '--json', '--debug'])
      const d = r.json()
      expect(Object.keys(d)).to.deep.equal(['topics'])
      const t = d.topics[0]
      expect(Object.keys(t)).to.deep.equal([
        'name',
        'topicId',
        'internal',
        'partitionCount',
        'replicationFactor',
        'configs',
        'partitions',
      ])
      expect(t).to.include({name: topic, internal: false, partitionCount: 3, replicationFactor: 3})
      expect(t.configs).to.deep.equal({'retention.ms': '7200000'})
      expect(Object.keys(t.partitions[0])).to.deep.equal([
        'partition',
        'leader',
        'replicas',
        'isr',
        'offlineReplicas',
        'earliestOffset',
        'latestOffset',
        'sizeBytes',
      ])
      expect(t.partitions.map((p: {latestOffset: number}) => p.latestOffset)).to.deep.equal([0, 5, 0])
      expect(t.partitions.map((p: {earliestOffset: number}) => p.earliestOffset)).to.deep.equal([0, 0, 0])
      expect(t.partitions[0].sizeBytes).to.equal(0)
      expect(t.partitions[1].sizeBytes).to.be.greaterThan(0)
      // Kafka's own kafka-topics agrees on leaders, replicas and ISR.
      const out = await kafkaTool('org.apache.kafka.tools.TopicCommand', [
        '--bootstrap-server',
        testCluster().bootstrap.split(',')[0],
        '--describe',
        '--topic',
        topic,
      ])
      for (const p of t.partitions) {
        const line = new RegExp(
          `Partition: ${p.partition}\\s+Leader: (\\d+)\\s+Replicas: ([\\d,]+)\\s+Isr: ([\\d,]+)`,
        ).exec(out)!
        expect([Number(line[1]), line[2], line[3]]).to.deep.equal([p.leader, p.replicas.join(','), p.isr.join(',')])
      }
      // kctl's own Metadata, plus kafkajs learning broker addresses for the ListOffsets requests.
      expect(requests(r.stderr, 'Metadata')).to.be.at.most(3)
      expect(requests(r.stderr, 'DescribeConfigs')).to.equal(1)
      expect(requests(r.stderr, 'ListOffsets')).to.be.at.most(2 * testCluster().brokerIds.length)
      expect(requests(r.stderr, 'DescribeLogDirs')).to.equal(testCluster().brokerIds.length)
      const table = await ok(['topics', 'describe', topic])
      expect(table.stdout).to.match(
        new RegExp(`Topic: ${topic}\\s+Partitions: 3\\s+Replication: 3.*retention.ms=7200000`),
      )
      expect(table.stdout).to.match(/PARTITION\s+LEADER\s+REPLICAS\s+ISR/)
    } finally {
      await kctl(['topics', 'delete', topic, '--yes', ...ctx])
    }
  })

  it('a partial create failure exits 1, names the failed topic, and creates the others', async () => {
    const existing = uniqueName('exists')
    const fresh = uniqueName('fresh')
    await ok(['topics', 'create', existing, '--partitions', '1', '--replication-factor', '1'])
    try {
      const r = await kctl([
        'topics',
        'create',
        existing,
        fresh,
        '--partitions',
        '1',
        '--replication-factor',
        '1',
        '--json',
        ...ctx,
      ])
      expect(r.code).to.equal(1)
      expect(r.stderr).to.match(new RegExp(`^Error: Could not create 1 of 2 topic\\(s\\): ${existing}`, 'm'))
      const byName = Object.fromEntries(r.json().topics.map((t: {name: string; status: string}) => [t.name, t.status]))
      expect(byName).to.deep.equal({[existing]: 'failed', [fresh]: 'created'})
    } finally {
      await kctl(['topics', 'delete', existing, fresh, '--if-exists', '--yes', ...ctx])
    }
  })

  it('--dry-run create validates on the broker and creates nothing; replica assignment is honoured', async () => {
    const topic = uniqueName('dry')
    const dry = await ok([
      'topics',
      'create',
      topic,
      '--partitions',
      '2',
      '--replication-factor',
      '2',
      '--dry-run',
      '--json',
    ])
    expect(dry.json()).to.deep.equal({dryRun: true, topics: [{name: topic, status: 'valid', error: null}]})
    expect((await ok(['topics', 'list', '--match', `^${topic}$`, '--json'])).json().topics).to.deep.equal([])
    const [a, b, c] = testCluster().brokerIds
    await ok(['topics', 'create', topic, '--replica-assignment', `${a}:${b},${b}:${c}`])
    try {
      const d = (await ok(['topics', 'describe', topic, '--json'])).json()
      expect(d.topics[0].partitions.map((p: {replicas: number[]}) => p.replicas)).to.deep.equal([
        [a, b],
        [b, c],
      ])
    } finally {
      await kctl(['topics', 'delete', topic, '--yes', ...ctx])
    }
  })

  it('alter raises the partition count; a decrease is exit 2 and changes nothing', async () => {
    const topic = uniqueName('alter')
    await ok(['topics', 'create', topic, '--partitions', '2', '--replication-factor', '1'])
    try {
      const r = await ok(['topics', 'alter', topic, '--partitions', '4', '--json'])
      expect(r.json()).to.deep.equal({
        topic,
        dryRun: false,
        partitionsBefore: 2,
        partitionsAfter: 4,
        replicationFactorBefore: 1,
        replicationFactorAfter: 1,
        reassignment: null,
      })
      await waitFor(
        async () =>
          (await ok(['topics', 'list', '--match', `^${topic}$`, '--json'])).json().topics[0]?.partitions === 4,
        {what: '4 partitions'},
      )
      const down = await kctl(['topics', 'alter', topic, '--partitions', '3', ...ctx])
      expect(down.code).to.equal(2)
      expect(down.stderr).to.match(/^Error: Topic .* has 4 partitions; Kafka cannot decrease/m)
      expect(down.stderr).to.match(/^Hint: /m)
    } finally {
      await kctl(['topics', 'delete', topic, '--yes', ...ctx])
    }
  })

  it('delete confirms: without a TTY and without --yes it refuses; internal topics are refused; a name is never a regex', async () => {
    const topic = uniqueName('del')
    await ok(['topics', 'create', topic, '--partitions', '1', '--replication-factor', '1'])
    try {
      const refused = await kctl(['topics', 'delete', topic, ...ctx])
      expect(refused.code).to.equal(2)
      expect(refused.stderr).to.include(`Topics to delete (1):\n  ${topic} (1 partitions)`)
      expect(refused.stderr).to.match(/^Error: Refusing to make this change without confirmation/m)
      const internal = await kctl(['topics', 'delete', '__consumer_offsets', '--yes', ...ctx])
      expect(internal.code).to.equal(2)
      expect(internal.stderr).to.match(/internal topic/)
      const pattern = await kctl(['topics', 'delete', `${topic.slice(0, 6)}.*`, '--yes', ...ctx])
      expect(pattern.code).to.equal(2)
      // Refused as a name (its characters are not legal in a topic name), never matched as a pattern.
      expect(pattern.stderr).to.match(/contains the illegal character "\*"|not found/)
      expect((await ok(['topics', 'list', '--match', `^${topic}$`, '--json'])).json().topics).to.have.length(1)
      const del = await ok(['topics', 'delete', topic, '--yes', '--json'])
      expect(del.json()).to.deep.equal({dryRun: false, topics: [{name: topic, status: 'deleted', error: null}]})
    } finally {
      await kctl(['topics', 'delete', topic, '--if-exists', '--yes', ...ctx])
    }
  })

  it('list: --match, --exclude-internal, --topics-with-overrides; the JSON shape is stable @smoke', async () => {
    const plain = uniqueName('lst')
    const over = `${plain}-o`
    await ok(['topics', 'create', plain, over, '--partitions', '1', '--replication-factor', '1'])
    try {
      await ok(['configs', 'set', 'topic', over, 'retention.ms=900000'])
      const l = (await ok(['topics', 'list', '--match', `^${plain}`, '--json'])).json()
      expect(l).to.deep.equal({
        topics: [
          {name: plain, partitions: 1, replicationFactor: 1, internal: false},
          {name: over, partitions: 1, replicationFactor: 1, internal: false},
        ],
      })
      const o = (await ok(['topics', 'list', '--match', `^${plain}`, '--topics-with-overrides', '--json'])).json()
      expect(o.topics.map((t: {name: string}) => t.name)).to.deep.equal([over])
      // Make sure __consumer_offsets exists: finding a group coordinator creates it.
      const admin = kafka().admin()
      await admin.connect()
      await waitFor(async () => (await admin.fetchOffsets({groupId: uniqueName('g'), topics: [plain]})) !== undefined, {
        what: 'the offsets topic',
      })
      await admin.disconnect()
      const all = (await ok(['topics', 'list', '--json'])).json().topics.map((t: {name: string}) => t.name)
      const noInternal = (await ok(['topics', 'list', '--exclude-internal', '--json']))
        .json()
        .topics.map((t: {name: string}) => t.name)
      expect(all).to.include('__consumer_offsets')
      expect(noInternal).not.to.include('__consumer_offsets')
      expect(noInternal).to.include(plain)
    } finally {
      await kctl(['topics', 'delete', plain, over, '--yes', ...ctx])
    }
  })
})
