import {expect} from 'chai'
import {readdirSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {kctl, requestCount} from '../helpers/cli.js'
import {testCluster} from '../helpers/cluster.js'
import {assignment, createTopic, deleteTopics, produce, withKafka} from '../helpers/kafka.js'
import {bootstrapServer, kafkaTool} from '../helpers/kafka-tools.js'
import {uniqueName, waitFor} from '../helpers/poll.js'

const local = ['--context', 'local']

describe('cluster operations', () => {
  const created: string[] = []
  after(async () => deleteTopics(created))

  it('cluster health: exit 0 on a healthy cluster; the quorum leader is the one kafka-metadata-quorum names @smoke', async () => {
    // Earlier tests may have moved leaders: make them preferred first.
    await kctl(['partitions', 'elect-leaders', '--preferred', '--all-topics', '--yes', ...local])
    const r = await waitFor(
      async () => {
        const x = await kctl(['cluster', 'health', '--json', ...local])
        return x.code === 0 ? x : undefined
      },
      {timeoutMs: 60_000, what: 'a healthy cluster'},
    )
    const h = r.json()
    expect(Object.keys(h)).to.deep.equal(['healthy', 'checks', 'brokers', 'quorum'])
    expect(h.healthy).to.equal(true)
    expect(h.checks.map((c: {name: string}) => c.name)).to.deep.equal([
      'offline-partitions',
      'under-replicated',
      'under-min-isr',
      'preferred-leader',
      'leader-skew',
      'quorum',
      'brokers',
      'stuck-transactions',
    ])
    expect(Object.keys(h.checks[0])).to.deep.equal(['name', 'ok', 'skipped', 'summary', 'partitions', 'brokers'])
    expect(Object.keys(h.brokers[0])).to.deep.equal([
      'id',
      'host',
      'port',
      'rack',
      'fenced',
      'registered',
      'leaders',
      'preferredLeaders',
      'replicas',
      'imbalance',
    ])
    expect(h.brokers.map((b: {id: number}) => b.id)).to.deep.equal(testCluster().brokerIds)
    expect(Object.keys(h.quorum)).to.deep.equal(['leaderId', 'leaderEpoch', 'highWatermark', 'voters', 'observers'])
    const out = await kafkaTool('org.apache.kafka.tools.MetadataQuorumCommand', [
      ...bootstrapServer(),
      'describe',
      '--status',
    ])
    expect(h.quorum.leaderId).to.equal(Number(/LeaderId:\s+(\d+)/.exec(out)![1]))
    expect(h.quorum.voters.map((v: {id: number}) => v.id)).to.deep.equal(testCluster().brokerIds)
    const table = await kctl(['cluster', 'health', ...local])
    expect(table.stdout).to.match(/^Status: HEALTHY/m)
    expect(table.stdout).to.match(new RegExp(`^\\s+${h.quorum.leaderId}\\s+leader\\s`, 'm'))
  })

  it('cluster features: metadata.version and the finalized levels match kafka-features @smoke', async () => {
    const r = await kctl(['cluster', 'features', '--json', ...local])
    expect(r.code, r.stderr).to.equal(0)
    const f = r.json()
    expect(Object.keys(f)).to.deep.equal(['broker', 'epoch', 'metadataVersion', 'features'])
    expect(Object.keys(f.features[0])).to.deep.equal([
      'name',
      'finalizedLevel',
      'supportedMin',
      'supportedMax',
      'finalizedVersion',
    ])
    const out = await kafkaTool('org.apache.kafka.tools.FeatureCommand', [...bootstrapServer(), 'describe'])
    const theirs = [
      ...out.matchAll(
        /Feature:\s+(\S+)\s+SupportedMinVersion:\s+(\S+)\s+SupportedMaxVersion:\s+(\S+)\s+FinalizedVersionLevel:\s+(\S+)/g,
      ),
    ]
    expect(theirs.length).to.be.greaterThan(0)
    for (const [, name, , , finalized] of theirs) {
      const mine = f.features.find((x: {name: string}) => x.name === name)
      expect(mine, name).to.not.equal(undefined)
      expect(name === 'metadata.version' ? mine.finalizedVersion : String(mine.finalizedLevel), name).to.equal(
        finalized,
      )
    }
    expect(f.metadataVersion).to.equal(/Feature: metadata.version.*FinalizedVersionLevel:\s+(\S+)/.exec(out)![1])
  })

  it('brokers list and describe: leader and replica counts from the metadata, log-dir sizes, dynamic configs', async () => {
    const topic = uniqueName('brokers')
    created.push(topic)
    await createTopic(topic, [
      [1, 2],
      [1, 3],
      [2, 3],
    ])
    await produce(topic, [20, 20, 20], {size: 200})
    const list = await kctl(['brokers', 'list', '--json', '--debug', ...local])
    expect(list.code, list.stderr).to.equal(0)
    const brokers = list.json().brokers
    expect(Object.keys(brokers[0])).to.deep.equal([
      'id',
      'host',
      'port',
      'rack',
      'controller',
      'fenced',
      'leaders',
      'replicas',
      'logDirBytes',
    ])
    expect(requestCount(list.stderr, 'DescribeLogDirs')).to.equal(3)
    const metadata = await withKafka(async (admin) =>
      (await admin.fetchTopicMetadata()).topics.flatMap((t) => t.partitions),
    )
    for (const b of brokers) {
      expect(b.leaders, `broker ${b.id} leaders`).to.equal(metadata.filter((p) => p.leader === b.id).length)
      expect(b.replicas, `broker ${b.id} replicas`).to.equal(metadata.filter((p) => p.replicas.includes(b.id)).length)
      expect(b.logDirBytes).to.be.greaterThan(0)
    }
    const d = await kctl(['brokers', 'describe', '1', '--json', ...local])
    expect(d.code, d.stderr).to.equal(0)
    const one = d.json()
    expect(Object.keys(one)).to.include.members(['configs', 'logDirs', 'leaderOf'])
    expect(one.leaderOf.map((p: {topic: string; partition: number}) => `${p.topic}:${p.partition}`)).to.include.members(
      [`${topic}:0`, `${topic}:1`],
    )
    expect(one.leaderOf.length).to.equal(metadata.filter((p) => p.leader === 1).length)
    // The cluster-wide dynamic default the local cluster sets.
    expect(one.configs).to.deep.include({
      name: 'min.insync.replicas',
      value: '1',
      source: 'dynamic-default',
      sensitive: false,
    })
    expect(one.logDirs[0].path).to.equal(join(testCluster().dir, 'node-1', 'data'))
  })

  it('logdirs describe: replica sizes equal the segment sizes on disk, one DescribeLogDirs per broker @smoke', async () => {
    const topic = uniqueName('logdirs')
    created.push(topic)
    await createTopic(topic, [
      [1, 2],
      [2, 3],
    ])
    await produce(topic, [50], {size: 1000})
    await produce(topic, [0, 10], {size: 1000})
    const r = await kctl(['logdirs', 'describe', '--topic', topic, '--json', '--debug', ...local])
    expect(r.code, r.stderr).to.equal(0)
    expect(requestCount(r.stderr, 'DescribeLogDirs')).to.equal(3)
    const {logDirs, replicas} = r.json()
    expect(Object.keys(replicas[0])).to.deep.equal([
      'broker',
      'path',
      'topic',
      'partition',
      'sizeBytes',
      'offsetLag',
      'future',
    ])
    expect(Object.keys(logDirs[0])).to.deep.equal([
      'broker',
      'path',
      'error',
      'sizeBytes',
      'totalBytes',
      'usableBytes',
      'replicas',
    ])
    expect(replicas.map((x: {partition: number; broker: number}) => `${x.partition}@${x.broker}`)).to.deep.equal([
      '0@1',
      '0@2',
      '1@2',
      '1@3',
    ])
    for (const x of replicas) {
      const dir = join(testCluster().dir, `node-${x.broker}`, 'data', `${topic}-${x.partition}`)
      const files = readdirSync(dir).map((f) => ({f, size: statSync(join(dir, f)).size}))
      const segments = files.filter(({f}) => f.endsWith('.log')).reduce((n, {size}) => n + size, 0)
      expect(x.sizeBytes, `${x.topic}-${x.partition} on ${x.broker}`).to.equal(segments)
      expect(x.sizeBytes).to.be.greaterThan(x.partition === 0 ? 50_000 : 10_000)
    }
    const table = await kctl(['logdirs', 'describe', '--topic', topic, '--broker', '2', ...local])
    expect(table.code).to.equal(0)
    expect(table.stdout).to.match(new RegExp(`^${topic}\\s+0\\s+2\\s+\\d+(\\.\\d)? KiB`, 'm'))
    expect(table.stdout).not.to.match(new RegExp(`^${topic}\\s+\\d\\s+[13]\\s`, 'm'))
  })

  it("records delete moves each partition's earliest offset exactly to the requested offset; one DeleteRecords per leader", async () => {
    const topic = uniqueName('records')
    created.push(topic)
    await createTopic(topic, [
      [1, 2],
      [2, 3],
      [3, 1],
    ])
    await produce(topic, [30, 30, 30], {size: 100})
    const earliest = () =>
      withKafka(async (admin) =>
        (await admin.fetchTopicOffsets(topic)).sort((a, b) => a.partition - b.partition).map((o) => Number(o.low)),
      )

    const dry = await kctl([
      'records',
      'delete',
      '--topic',
      topic,
      '--partition',
      '0',
      '--before-offset',
      '10',
      '--dry-run',
      '--json',
      ...local,
    ])
    expect(dry.code, dry.stderr).to.equal(0)
    expect(dry.json().partitions.map((p: {records: number}) => p.records)).to.deep.equal([10])
    expect(await earliest()).to.deep.equal([0, 0, 0])

    const r = await kctl([
      'records',
      'delete',
      '--topic',
      topic,
      '--partition',
      '0',
      '--before-offset',
      '10',
      '--yes',
      '--json',
      ...local,
    ])
    expect(r.code, r.stderr).to.equal(0)
    const res = r.json()
    expect(Object.keys(res)).to.deep.equal(['dryRun', 'recordsDeleted', 'partitions'])
    expect(Object.keys(res.partitions[0])).to.deep.equal([
      'topic',
      'partition',
      'leader',
      'earliest',
      'latest',
      'deleteBefore',
      'records',
      'lowWatermark',
      'error',
    ])
    expect(res.recordsDeleted).to.equal(10)
    expect(await earliest()).to.deep.equal([10, 0, 0])

    const file = join(testCluster().dir, `${topic}-offsets.json`)
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        partitions: [
          {topic, partition: 1, offset: 25},
          {topic, partition: 2, offset: 7},
          {topic, partition: 0, offset: 12},
        ],
      }),
    )
    const f = await kctl(['records', 'delete', '--offset-json-file', file, '--yes', '--json', '--debug', ...local])
    expect(f.code, f.stderr).to.equal(0)
    expect(f.json().partitions.map((p: {records: number}) => p.records)).to.deep.equal([2, 25, 7])
    expect(requestCount(f.stderr, 'DeleteRecords')).to.equal(3) // three partitions, three different leaders
    expect(await earliest()).to.deep.equal([12, 25, 7])

    const all = await kctl([
      'records',
      'delete',
      '--topic',
      topic,
      '--before-datetime',
      '2999-01-01T00:00:00Z',
      '--yes',
      '--json',
      '--debug',
      ...local,
    ])
    expect(all.code, all.stderr).to.equal(0)
    expect(all.json().recordsDeleted).to.equal(18 + 5 + 23)
    expect(requestCount(all.stderr, 'ListOffsets')).to.be.at.most(9)
    expect(await earliest()).to.deep.equal([30, 30, 30])
  })

  it('elect-leaders reports each partition; --unclean refuses without confirmation; one ElectLeaders request', async () => {
    const topic = uniqueName('elect')
    created.push(topic)
    await createTopic(topic, [
      [1, 2],
      [2, 3],
      [3, 1],
    ])
    const r = await kctl([
      'partitions',
      'elect-leaders',
      '--preferred',
      '--topic',
      topic,
      '--json',
      '--debug',
      ...local,
    ])
    expect(r.code, r.stderr).to.equal(0)
    expect(requestCount(r.stderr, 'ElectLeaders')).to.equal(1)
    const out = r.json()
    expect(Object.keys(out)).to.deep.equal(['electionType', 'results'])
    expect(Object.keys(out.results[0])).to.deep.equal(['topic', 'partition', 'result', 'error', 'message', 'leader'])
    expect(
      out.results.map((x: {partition: number; result: string; leader: number}) => [x.partition, x.result, x.leader]),
    ).to.deep.equal([
      [0, 'not-needed', 1],
      [1, 'not-needed', 2],
      [2, 'not-needed', 3],
    ])
    const unclean = await kctl(['partitions', 'elect-leaders', '--unclean', '--topic', `${topic}:0`, ...local])
    expect(unclean.code).to.equal(2)
    expect(unclean.stderr).to.match(/^Error: Refusing to make this change without confirmation/m)
    const yes = await kctl([
      'partitions',
      'elect-leaders',
      '--unclean',
      '--topic',
      `${topic}:0`,
      '--yes',
      '--json',
      ...local,
    ])
    expect(yes.code, yes.stderr).to.equal(0)
    expect(yes.json().results[0]).to.include({partition: 0, result: 'not-needed'})
    expect((await assignment(topic)).map((p) => p.leader)).to.deep.equal([1, 2, 3])
  })
})
