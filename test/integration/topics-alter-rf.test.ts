import {expect} from 'chai'

import {kctl, requestCount} from '../helpers/cli.js'
import {testCluster} from '../helpers/cluster.js'
import {assignment, createTopic, deleteTopics, noThrottles, produce} from '../helpers/kafka.js'
import {uniqueName, waitFor} from '../helpers/poll.js'

const local = ['--context', 'local']
const sorted = (parts: {replicas: number[]}[]) => parts.map((p) => [...p.replicas].sort((a, b) => a - b))

describe('topics alter --replication-factor and topics describe sizes', function () {
  this.timeout(180_000)
  const created: string[] = []
  after(async () => deleteTopics(created))

  it('--replication-factor 1 -> 3 with a throttle and --wait: 3 replicas each, throttles gone; then 3 -> 2 @smoke', async () => {
    const topic = uniqueName('alter-rf')
    created.push(topic)
    await createTopic(topic, [[1], [2], [3]])
    await produce(topic, [200, 200, 200], {size: 1000})
    const up = await kctl([
      'topics',
      'alter',
      topic,
      '--replication-factor',
      '3',
      '--throttle',
      '10MB/s',
      '--yes',
      '--wait',
      '--json',
      '--debug',
      '--timeout',
      '90s',
      ...local,
    ])
    expect(up.code, up.stderr).to.equal(0)
    const u = up.json()
    expect(Object.keys(u)).to.deep.equal([
      'topic',
      'dryRun',
      'partitionsBefore',
      'partitionsAfter',
      'replicationFactorBefore',
      'replicationFactorAfter',
      'reassignment',
    ])
    expect(u).to.include({
      topic,
      dryRun: false,
      partitionsBefore: 3,
      partitionsAfter: 3,
      replicationFactorBefore: 1,
      replicationFactorAfter: 3,
    })
    expect(Object.keys(u.reassignment)).to.deep.equal([
      'throttle',
      'movedReplicas',
      'complete',
      'throttlesRemoved',
      'moves',
    ])
    expect(u.reassignment).to.include({throttle: 10_000_000, movedReplicas: 6, complete: true, throttlesRemoved: true})
    expect(requestCount(up.stderr, 'AlterPartitionReassignments')).to.equal(1)
    const after = await assignment(topic)
    expect(sorted(after)).to.deep.equal([
      [1, 2, 3],
      [1, 2, 3],
      [1, 2, 3],
    ])
    expect(after.map((p) => p.replicas[0])).to.deep.equal([1, 2, 3]) // the existing replica stays the preferred leader
    expect(after.every((p) => p.isr.length === 3)).to.equal(true)
    await waitFor(async () => noThrottles([topic]), {what: 'every throttle config to be gone'})

    const down = await kctl([
      'topics',
      'alter',
      topic,
      '--replication-factor',
      '2',
      '--yes',
      '--wait',
      '--json',
      '--timeout',
      '90s',
      ...local,
    ])
    expect(down.code, down.stderr).to.equal(0)
    expect(down.json()).to.include({replicationFactorBefore: 3, replicationFactorAfter: 2})
    expect(down.json().reassignment).to.include({movedReplicas: 0, complete: true, throttlesRemoved: false})
    const two = await waitFor(
      async () => {
        const a = await assignment(topic)
        return a.every((p) => p.replicas.length === 2 && p.isr.length === 2) ? a : undefined
      },
      {what: '2 replicas per partition'},
    )
    expect(two.map((p) => p.replicas[0])).to.deep.equal([1, 2, 3])
    // Balanced: 6 replicas over 3 brokers, 2 each.
    expect(testCluster().brokerIds.map((b) => two.filter((p) => p.replicas.includes(b)).length)).to.deep.equal([
      2, 2, 2,
    ])
  })

  it('--partitions and --replication-factor together: the new partitions end with the new factor too', async () => {
    const topic = uniqueName('alter-both')
    created.push(topic)
    await createTopic(topic, [[1], [2]])
    const dry = await kctl([
      'topics',
      'alter',
      topic,
      '--partitions',
      '4',
      '--replication-factor',
      '2',
      '--dry-run',
      '--json',
      ...local,
    ])
    expect(dry.code, dry.stderr).to.equal(0)
    expect(dry.json()).to.include({dryRun: true, partitionsAfter: 4, replicationFactorAfter: 2})
    expect(dry.json().reassignment.moves.map((m: {partition: number}) => m.partition)).to.deep.equal([0, 1, 2, 3])
    expect(sorted(await assignment(topic))).to.deep.equal([[1], [2]])
    const r = await kctl([
      'topics',
      'alter',
      topic,
      '--partitions',
      '4',
      '--replication-factor',
      '2',
      '--yes',
      '--wait',
      '--json',
      '--timeout',
      '90s',
      ...local,
    ])
    expect(r.code, r.stderr).to.equal(0)
    expect(r.json().reassignment.complete).to.equal(true)
    const a = await waitFor(
      async () => {
        const now = await assignment(topic)
        return now.length === 4 && now.every((p) => p.replicas.length === 2) ? now : undefined
      },
      {what: '4 partitions with 2 replicas'},
    )
    expect(a.slice(0, 2).map((p) => p.replicas[0])).to.deep.equal([1, 2])
  })

  it('bad inputs (0, above the broker count, unchanged, unknown topic, nothing to change, no --yes) exit 2 and change nothing', async () => {
    const topic = uniqueName('alter-bad')
    created.push(topic)
    await createTopic(topic, [[1], [2]])
    const before = await assignment(topic)
    const cases: [string[], RegExp][] = [
      [['--replication-factor', '0'], /replication factor must be at least 1/],
      [['--replication-factor', '4'], /Replication factor 4 is more than the cluster's 3 live broker/],
      [['--replication-factor', '1'], /already has replication factor 1/],
      [['--partitions', '2'], /already has 2 partitions/],
      [['--partitions', '1', '--replication-factor', '2'], /cannot decrease the count to 1/],
      [[], /Say what to change/],
      [['--throttle', '1MB'], /--throttle and --wait apply to a replication-factor change/],
      [['--replication-factor', '2', '--throttle', 'fast'], /throttle/i],
      [['--replication-factor', '2'], /Refusing to make this change without confirmation/],
    ]
    for (const [flags, message] of cases) {
      const r = await kctl(['topics', 'alter', topic, ...flags, ...local])
      expect(r.code, `${flags.join(' ')}: ${r.stderr}`).to.equal(2)
      expect(r.stderr, flags.join(' '))
        .to.match(/^Error: /m)
        .and.match(message)
        .and.match(/^Hint: /m)
    }
    const unknown = await kctl(['topics', 'alter', `${topic}-nope`, '--replication-factor', '2', '--yes', ...local])
    expect(unknown.code).to.equal(2)
    expect(unknown.stderr)
      .to.match(/^Error: Topic not found/m)
      .and.match(/^Hint: /m)
    expect(await assignment(topic)).to.deep.equal(before)
    expect(await noThrottles([topic])).to.equal(true)
    const list = await kctl(['partitions', 'reassign', '--list', '--json', ...local])
    expect(list.json().reassignments.filter((r: {topic: string}) => r.topic === topic)).to.deep.equal([])
  })

  it('topics describe --json: sizeBytes equals the largest replica in logdirs describe, one DescribeLogDirs per broker, and grows with data', async () => {
    const topic = uniqueName('size')
    created.push(topic)
    await createTopic(topic, [
      [1, 2, 3],
      [2, 3, 1],
      [3, 1, 2],
    ])
    await produce(topic, [100, 100], {size: 1000})
    const sizesOf = async () => {
      const r = await kctl(['topics', 'describe', topic, '--json', '--debug', ...local])
      expect(r.code, r.stderr).to.equal(0)
      expect(requestCount(r.stderr, 'DescribeLogDirs')).to.equal(testCluster().brokerIds.length)
      return r.json().topics[0].partitions.map((p: {sizeBytes: number}) => p.sizeBytes) as number[]
    }
    const largest = async () => {
      const r = await kctl(['logdirs', 'describe', '--topic', topic, '--json', ...local])
      expect(r.code, r.stderr).to.equal(0)
      const replicas = r.json().replicas as {partition: number; sizeBytes: number}[]
      return [0, 1, 2].map((p) => Math.max(...replicas.filter((x) => x.partition === p).map((x) => x.sizeBytes)))
    }
    // Followers may still be fetching the last batch: compare once the replicas agree.
    const first = await waitFor(
      async () => {
        const [d, l] = [await sizesOf(), await largest()]
        return JSON.stringify(d) === JSON.stringify(l) ? d : undefined
      },
      {what: 'topics describe sizes to equal logdirs describe'},
    )
    expect(first[0]).to.be.greaterThan(100_000)
    expect(first[1]).to.be.greaterThan(100_000)
    expect(first[2]).to.equal(0)
    await produce(topic, [50, 0, 50], {size: 1000})
    const second = await sizesOf()
    expect(second[0]).to.be.greaterThan(first[0])
    expect(second[1]).to.equal(first[1])
    expect(second[2]).to.be.greaterThan(40_000)
    const table = await kctl(['topics', 'describe', topic, ...local])
    expect(table.stdout).to.match(/LATEST\s+SIZE/)
    expect(table.stdout).to.match(/KiB/)
  })
})
