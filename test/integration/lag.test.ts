import {expect} from 'chai'
import {CompressionTypes} from 'kafkajs'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {kctl, requestCount} from '../helpers/cli.js'
import {testCluster} from '../helpers/cluster.js'
import {
  commitGroupOffsets,
  consumePartly,
  createTopic,
  deleteGroups,
  deleteTopics,
  kafka,
  produce,
} from '../helpers/kafka.js'
import {bootstrapServer, kafkaTool} from '../helpers/kafka-tools.js'
import {uniqueName} from '../helpers/poll.js'

const env = {KCTL_STATE_DIR: mkdtempSync(join(tmpdir(), 'kctl-lag-state-'))}
const run = (args: string[]) => kctl([...args, '--context', 'local'], {env})

describe('lag on a real cluster', function () {
  this.timeout(180_000)
  const topic = uniqueName('lag-t')
  const group = uniqueName('lag-g')
  let hourAgo = 0

  before(async () => {
    hourAgo = Date.now() - 3_600_000
    await createTopic(topic, 3)
    await produce(topic, [10, 7, 4], {timestamp: hourAgo})
    // A real kafkajs consumer reads part of each partition and commits what it read.
    await consumePartly(group, topic, [3, 7, 0])
  })

  after(async () => {
    await deleteGroups(group)
    await deleteTopics(topic)
  })

  it('equals log-end minus committed for every partition, with time lag, and agrees with kafka-consumer-groups @smoke', async () => {
    const started = Date.now()
    const r = await run(['lag', group, '--json'])
    const ended = Date.now()
    expect(r.code, r.stderr).to.equal(0)
    const out = r.json()
    expect(Object.keys(out)).to.deep.equal(['groups'])
    const g = out.groups[0]
    expect(Object.keys(g)).to.deep.equal(['group', 'state', 'members', 'lag', 'timeLagMs', 'topics'])
    expect(Object.keys(g.topics[0].partitions[0])).to.deep.equal([
      'topic',
      'partition',
      'committed',
      'logEnd',
      'lag',
      'timeLagMs',
      'owner',
    ])
    expect(g).to.include({group, state: 'Empty', members: 0, lag: 7 + 0})
    const parts = g.topics[0].partitions.map(
      (p: {partition: number; committed: number | null; logEnd: number; lag: number | null}) => [
        p.partition,
        p.committed,
        p.logEnd,
        p.lag,
      ],
    )
    // Partition 2 was never consumed: no commit, shown as null (kafka-consumer-groups shows '-').
    expect(parts).to.deep.equal([
      [0, 3, 10, 7],
      [1, 7, 7, 0],
    ])
    // The next unconsumed record of partition 0 was written an hour ago.
    const p0 = g.topics[0].partitions[0]
    expect(p0.timeLagMs).to.be.within(started - hourAgo - 1000, ended - hourAgo + 1000)
    expect(g.topics[0].partitions[1].timeLagMs).to.equal(null)

    const kafka = await kafkaTool('org.apache.kafka.tools.consumer.group.ConsumerGroupCommand', [
      ...bootstrapServer(),
      '--describe',
      '--group',
      group,
    ])
    for (const [partition, committed, logEnd, lag] of parts) {
      expect(kafka).to.match(new RegExp(`${topic}\\s+${partition}\\s+${committed}\\s+${logEnd}\\s+${lag}\\b`))
    }
  })

  it('tables show per-partition rows with --verbose and `-` where nothing is committed; --no-time-lag skips the Fetch', async () => {
    const r = await run(['lag', group, '--verbose', '--no-time-lag', '--debug'])
    expect(r.code, r.stderr).to.equal(0)
    expect(r.stdout).to.match(new RegExp(`${group}\\s+${topic}\\s+0\\s+3\\s+10\\s+7\\s+-`))
    expect(requestCount(r.stderr, 'Fetch')).to.equal(0)
    const csv = await run(['lag', group, '-o', 'csv'])
    expect(csv.stdout.split('\n')[0]).to.equal('group,state,members,topics,lag,timeLagMs')
  })

  it('lag check exits 3 above the threshold and 0 at it @smoke', async () => {
    const over = await run(['lag', 'check', group, '--max-lag', '6', '--json'])
    expect(over.code, over.stderr).to.equal(3)
    expect(over.json()).to.deep.include({ok: false, maxLag: 6, checked: 1})
    expect(over.json().offenders).to.deep.equal([{group, lag: 7, timeLagMs: null, exceeded: ['max-lag']}])
    const at = await run(['lag', 'check', group, '--max-lag', '7'])
    expect(at.code, at.stderr).to.equal(0)
    expect(at.stdout).to.match(/^OK: 1 group/m)
    const time = await run(['lag', 'check', group, '--max-lag', '100', '--max-time-lag', '30m', '--json'])
    expect(time.code).to.equal(3)
    expect(time.json().offenders[0].exceeded).to.deep.equal(['max-time-lag'])
    expect((await run(['lag', 'check', group, '--max-time-lag', '2h'])).code).to.equal(0)
  })

  it('--watch refreshes with a status per group and the rule that fired', async () => {
    const r = await run(['lag', group, '--watch', '1s', '--iterations', '2', '--no-time-lag'])
    expect(r.code, r.stderr).to.equal(0)
    expect(r.stdout.match(/refresh #\d/g)).to.deep.equal(['refresh #1', 'refresh #2'])
    // Lag 7, no members, no commits between the samples: Burrow's STOP.
    expect(r.stdout).to.match(new RegExp(`${group}\\s+STOP\\s+7\\b.*no commits over`))
  })

  it("time lag is the exact record's age inside a batch, uncompressed and gzip (kctl reads raw batches) @smoke", async () => {
    const t = uniqueName('lag-ts')
    const g = uniqueName('lag-ts-g')
    await createTopic(t, 2, {replicationFactor: 1})
    // One batch per partition whose records are 10 minutes apart, the oldest 1 hour old.
    const base = Date.now() - 3_600_000
    const stamps = [0, 1, 2, 3, 4].map((i) => base + i * 600_000)
    const producer = kafka().producer({idempotent: true, maxInFlightRequests: 1})
    await producer.connect()
    try {
      for (const [partition, compression] of [
        [0, CompressionTypes.None],
        [1, CompressionTypes.GZIP],
      ] as const) {
        await producer.send({
          topic: t,
          acks: -1,
          compression,
          messages: stamps.map((ts, i) => ({partition, value: `r${i}`, timestamp: String(ts)})),
        })
      }
      // Committed at offset 3 on both: the next record to consume is the one written at stamps[3].
      await commitGroupOffsets(g, t, {0: 3, 1: 3})
      const before = Date.now()
      const r = await run(['lag', g, '--json'])
      const after = Date.now()
      expect(r.code, r.stderr).to.equal(0)
      const parts = r.json().groups[0].topics[0].partitions
      for (const p of parts) {
        expect(p.lag, `partition ${p.partition}`).to.equal(2)
        expect(p.timeLagMs, `partition ${p.partition}`).to.be.within(
          before - stamps[3] - 1000,
          after - stamps[3] + 1000,
        )
      }
    } finally {
      await producer.disconnect()
      await deleteGroups(g)
      await deleteTopics(t)
    }
  })

  it('request counts grow with brokers, not with groups or partitions (--debug)', async () => {
    const many = uniqueName('lag-many')
    const groups = Array.from({length: 12}, (_, i) => `${many}-g${i}`)
    await createTopic(many, 24, {replicationFactor: 1})
    await produce(
      many,
      Array.from({length: 24}, () => 2),
    )
    try {
      await commitGroupOffsets(groups, many, Object.fromEntries(Array.from({length: 24}, (_, p) => [p, 1])))
      const r = await run(['lag', '--all-groups', '--debug', '--json'])
      expect(r.code, r.stderr).to.equal(0)
      const mine = r.json().groups.filter((g: {group: string}) => g.group.startsWith(many))
      expect(mine).to.have.length(12)
      for (const g of mine) {
        expect(g.lag).to.equal(24)
        for (const p of g.topics[0].partitions) expect(p.lag).to.equal(p.logEnd - p.committed)
      }
      const brokers = testCluster().brokerIds.length
      // 12 groups x 24 partitions = 288 committed offsets, read with at most one request per broker per API.
      expect(requestCount(r.stderr, 'ListGroups')).to.equal(brokers)
      for (const api of ['DescribeGroups', 'OffsetFetch', 'ListOffsets', 'Fetch'])
        expect(requestCount(r.stderr, api), `${api}: ${r.stderr.split('\n').at(-2)}`).to.be.within(1, brokers)
      expect(requestCount(r.stderr, 'OffsetCommit')).to.equal(0)

      const named = await run(['groups', 'describe', ...groups, '--debug', '--json'])
      expect(named.code, named.stderr).to.equal(0)
      expect(named.json().groups).to.have.length(12)
      expect(requestCount(named.stderr, 'FindCoordinator')).to.equal(1)
      for (const api of ['DescribeGroups', 'OffsetFetch', 'ListOffsets'])
        expect(requestCount(named.stderr, api), api).to.be.within(1, brokers)
    } finally {
      await deleteGroups(...groups)
      await deleteTopics(many)
    }
  })

  it('bad input exits 2 before connecting', async () => {
    for (const args of [
      ['lag'],
      ['lag', group, '--all-groups'],
      ['lag', 'check', group],
      ['lag', 'check', group, '--max-lag', 'lots'],
      ['lag', 'check', group, '--max-time-lag', '5 minutes'],
      ['lag', group, '--watch', '100ms'],
      ['lag', group, '--topic', 'no-such-topic-x'],
    ]) {
      const r = await run(args)
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).to.equal(2)
      expect(r.stderr).to.match(/^Error: .+/m)
    }
  })
})
