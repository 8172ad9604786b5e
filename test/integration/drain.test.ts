import {expect} from 'chai'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {kctl, requestCount} from '../helpers/cli.js'
import {testCluster} from '../helpers/cluster.js'
import {assignment, createTopic, deleteTopics, noThrottles, produce} from '../helpers/kafka.js'
import {bootstrapServer, kafkaTool} from '../helpers/kafka-tools.js'
import {uniqueName, waitFor} from '../helpers/poll.js'

const local = ['--context', 'local']
/** Replicas and leaders per broker over `topics`, from Metadata read with kafkajs. */
async function layout(topics: string[]) {
  const parts = (
    await Promise.all(topics.map(async (t) => (await assignment(t)).map((p) => ({topic: t, ...p}))))
  ).flat()
  const replicas = new Map<number, number>()
  const leaders = new Map<number, number>()
  for (const id of testCluster().brokerIds) {
    replicas.set(id, parts.filter((p) => p.replicas.includes(id)).length)
    leaders.set(id, parts.filter((p) => p.leader === id).length)
  }
  return {parts, replicas, leaders}
}

const spread = (m: Map<number, number>) => Math.max(...m.values()) - Math.min(...m.values())

/** Kafka's own kafka-reassign-partitions --verify on a plan file (throttles left alone: kctl's removal is checked apart). */
function kafkaVerify(planFile: string): Promise<string> {
  return kafkaTool('org.apache.kafka.tools.reassign.ReassignPartitionsCommand', [
    ...bootstrapServer(),
    '--verify',
    '--preserve-throttles',
    '--reassignment-json-file',
    planFile,
  ])
}

describe('brokers drain and partitions rebalance', () => {
  const created: string[] = []
  after(async () => deleteTopics(created))
  const file = (name: string) => join(testCluster().dir, `${name}-${Date.now()}.json`)

  it('drains broker 3 of two RF-2 topics to zero replicas and leaders (throttled, verified, throttles gone), rebalances back evenly, and the rollback file undoes the drain @smoke', async () => {
    const a = uniqueName('drain-a')
    const b = uniqueName('drain-b')
    const topics = [a, b]
    created.push(a, b)
    const original = {
      [a]: [
        [3, 1],
        [1, 3],
        [2, 3],
        [3, 2],
      ],
      [b]: [
        [3, 1],
        [1, 2],
        [2, 3],
      ],
    }
    await Promise.all([createTopic(a, original[a]), createTopic(b, original[b])])
    await Promise.all([produce(a, [50, 50, 50, 50], {size: 1000}), produce(b, [50, 50, 50], {size: 1000})])
    const drainPlan = file(`${a}-drain`)
    const rollback = file(`${a}-rollback`)

    // The dry run shows the plan and the counts, and changes nothing.
    const dry = await kctl(['brokers', 'drain', '3', '--topics', `${a},${b}`, '--dry-run', '--json', ...local])
    expect(dry.code, dry.stderr).to.equal(0)
    const d = dry.json()
    expect(d).to.include({operation: 'drain', broker: 3, dryRun: true, balanced: false, movedReplicaCount: 6})
    const three = d.brokers.find((x: {id: number}) => x.id === 3)
    expect(three).to.include({replicaCountBefore: 6, replicaCountAfter: 0, leaderCountAfter: 0})
    // Minimal: each partition on broker 3 swaps that replica only; the other replica stays.
    for (const m of d.moves) {
      expect(m.removing).to.deep.equal([3])
      expect(m.adding).to.have.length(1)
      expect(m.proposed).to.include(m.current.find((x: number) => x !== 3))
    }
    expect((await assignment(a)).map((p) => p.replicas)).to.deep.equal(original[a])

    const run = await kctl([
      'brokers',
      'drain',
      '3',
      '--topics',
      `${a},${b}`,
      '--throttle',
      '10MB',
      '--wait',
      '--plan-out',
      drainPlan,
      '--rollback-out',
      rollback,
      '--yes',
      '--json',
      '--debug',
      '--timeout',
      '90s',
      ...local,
    ])
    expect(run.code, run.stderr).to.equal(0)
    const r = run.json()
    expect(r).to.include({complete: true, throttlesRemoved: true, verified: true, throttle: 10_000_000})
    expect(r.elections.every((e: {result: string}) => e.result === 'elected' || e.result === 'not-needed')).to.equal(
      true,
    )
    expect(requestCount(run.stderr, 'AlterPartitionReassignments')).to.equal(1)
    expect(requestCount(run.stderr, 'ElectLeaders')).to.equal(1)

    // Read back with kafkajs: broker 3 holds no replica and leads nothing; the replication factor stays.
    const drained = await waitFor(
      async () => {
        const l = await layout(topics)
        return l.replicas.get(3) === 0 && l.leaders.get(3) === 0 ? l : undefined
      },
      {what: 'broker 3 without replicas and leaders'},
    )
    for (const p of drained.parts) expect(p.replicas).to.have.length(2)
    await waitFor(async () => noThrottles(topics), {what: 'every throttle config to be gone'})
    // Kafka's own tool agrees the plan is complete.
    expect(await kafkaVerify(drainPlan)).to.match(new RegExp(`Reassignment of partition ${a}-0 is completed`))

    const rebalance = await kctl([
      'partitions',
      'rebalance',
      '--topics',
      `${a},${b}`,
      '--throttle',
      '10MB',
      '--wait',
      '--yes',
      '--json',
      '--timeout',
      '90s',
      ...local,
    ])
    expect(rebalance.code, rebalance.stderr).to.equal(0)
    const rb = rebalance.json()
    expect(rb).to.include({operation: 'rebalance', complete: true, throttlesRemoved: true, verified: true})
    // 14 replicas and 7 partitions over 3 brokers: 5/5/4 replicas, leaders within one.
    const even = await waitFor(
      async () => {
        const l = await layout(topics)
        return spread(l.replicas) <= 1 && spread(l.leaders) <= 1 ? l : undefined
      },
      {what: 'replicas and leaders even over the brokers'},
    )
    expect([...even.replicas.values()].sort()).to.deep.equal([4, 5, 5])
    expect(rb.movedReplicaCount).to.equal(4)
    await waitFor(async () => noThrottles(topics), {what: 'every throttle config to be gone'})

    // Balanced now: says so, exit 0, nothing sent.
    const again = await kctl(['partitions', 'rebalance', '--topics', `${a},${b}`, '--json', '--debug', ...local])
    expect(again.code, again.stderr).to.equal(0)
    expect(again.json()).to.include({balanced: true, movedReplicaCount: 0})
    expect(requestCount(again.stderr, 'AlterPartitionReassignments')).to.equal(0)
    expect(requestCount(again.stderr, 'ElectLeaders')).to.equal(0)

    // By size: the bytes per broker come from DescribeLogDirs (50 records of 1000 bytes per partition).
    const bySize = await kctl([
      'partitions',
      'rebalance',
      '--topics',
      `${a},${b}`,
      '--by-size',
      '--dry-run',
      '--json',
      ...local,
    ])
    expect(bySize.code, bySize.stderr).to.equal(0)
    const sized = bySize.json()
    expect(sized.by).to.equal('size')
    for (const x of sized.brokers) expect(x.sizeBytesBefore, `broker ${x.id}`).to.be.at.least(4 * 50_000)

    // Undo: the rollback file is a plan `partitions reassign --execute` takes back to the first layout.
    const undo = await kctl([
      'partitions',
      'reassign',
      '--execute',
      '--plan',
      rollback,
      '--wait',
      '--yes',
      '--json',
      '--timeout',
      '90s',
      ...local,
    ])
    expect(undo.code, undo.stderr).to.equal(0)
    const rolledBack = JSON.parse(readFileSync(rollback, 'utf8')).partitions as {
      topic: string
      partition: number
      replicas: number[]
    }[]
    expect(rolledBack).to.have.length(6)
    for (const t of topics)
      expect((await assignment(t)).map((p) => p.replicas)).to.deep.equal(original[t as keyof typeof original])
  })

  it('refuses what it cannot do (exit 2, Error and Hint) and changes nothing @smoke', async () => {
    const rf3 = uniqueName('drain-rf3')
    const rf2 = uniqueName('drain-rf2')
    created.push(rf3, rf2)
    await Promise.all([createTopic(rf3, [[1, 2, 3]]), createTopic(rf2, [[1, 2]])])
    const cases: [string[], RegExp, string][] = [
      [
        ['brokers', 'drain', '2', '--topics', rf3, '--dry-run'],
        new RegExp(`Cannot drain broker 2: 1 partition\\(s\\) of ${rf3} have replication factor 3, and only 2 other`),
        'DRAIN_NOT_POSSIBLE',
      ],
      // Every topic (the default scope) includes the RF-3 topic: refused the same way, even with --yes.
      [['brokers', 'drain', '2', '--yes'], /Cannot drain broker 2: .* have replication factor 3/, 'DRAIN_NOT_POSSIBLE'],
      [['brokers', 'drain', '42', '--topics', rf2, '--yes'], /Unknown broker: 42/, 'UNKNOWN_BROKER'],
      [['brokers', 'drain', '1', '--topics', `${rf2}-missing`, '--yes'], /Unknown topic/, 'UNKNOWN_TOPIC'],
      [['partitions', 'rebalance', '--brokers', '1,42', '--yes'], /Unknown broker: 42/, 'UNKNOWN_BROKER'],
      [['partitions', 'rebalance', '--topics', `${rf2}-missing`, '--yes'], /Unknown topic/, 'UNKNOWN_TOPIC'],
      // Without a terminal and without --yes, a drain that would move something is not started.
      [
        ['brokers', 'drain', '1', '--topics', rf2],
        /Refusing to make this change without confirmation/,
        'CONFIRMATION_REQUIRED',
      ],
    ]
    const withJson = new Set(['DRAIN_NOT_POSSIBLE', 'CONFIRMATION_REQUIRED'])
    const failures: string[] = []
    await Promise.all(
      cases.map(async ([args, pattern, code]) => {
        const text = await kctl([...args, ...local])
        const lines = text.stderr.split('\n').filter((l) => l !== '')
        if (
          text.code !== 2 ||
          !pattern.test(text.stderr) ||
          lines.filter((l) => l.startsWith('Error: ')).length !== 1 ||
          lines.filter((l) => l.startsWith('Hint: ')).length !== 1 ||
          text.stdout !== ''
        )
          failures.push(`kctl ${args.join(' ')}: exit ${text.code}\n${text.stdout}${text.stderr}`)
        // With --json, the error's stable code (for two of them: each run is a process on a small machine).
        if (!withJson.has(code) || args.includes('--yes')) return
        const json = await kctl([...args, '--json', ...local])
        if (json.code !== 2 || JSON.parse(json.stdout || json.stderr).error?.code !== code)
          failures.push(`kctl ${args.join(' ')} --json: exit ${json.code}\n${json.stdout}${json.stderr}`)
      }),
    )
    expect(failures, failures.join('\n---\n')).to.deep.equal([])
    expect((await assignment(rf3)).map((p) => p.replicas)).to.deep.equal([[1, 2, 3]])
    expect((await assignment(rf2)).map((p) => p.replicas)).to.deep.equal([[1, 2]])
    expect(await noThrottles([rf3, rf2])).to.equal(true)
  })

  it('refuses to move a partition that is being reassigned already', async () => {
    const busy = uniqueName('drain-busy')
    created.push(busy)
    await createTopic(busy, [[1, 2]])
    // More than one replica fetch (1 MB) so a 1000 B/s throttle holds the move back.
    await produce(busy, [2500], {size: 1000})
    const plan = file(`${busy}-plan`)
    writeFileSync(plan, JSON.stringify({version: 1, partitions: [{topic: busy, partition: 0, replicas: [2, 3]}]}))
    const start = await kctl([
      'partitions',
      'reassign',
      '--execute',
      '--plan',
      plan,
      '--throttle',
      '1000',
      '--yes',
      ...local,
    ])
    expect(start.code, start.stderr).to.equal(0)
    try {
      const refused = await kctl(['brokers', 'drain', '1', '--topics', busy, '--dry-run', '--json', ...local])
      expect(refused.code, refused.stderr).to.equal(2)
      expect(JSON.parse(refused.stdout || refused.stderr).error.code).to.equal('REASSIGNMENT_IN_PROGRESS')
    } finally {
      const cancel = await kctl(['partitions', 'reassign', '--cancel', '--plan', plan, '--yes', ...local])
      expect(cancel.code, cancel.stderr).to.equal(0)
    }
    await waitFor(async () => noThrottles([busy]), {what: 'the throttles of the cancelled move to be gone'})
  })
})
