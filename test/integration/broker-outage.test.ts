import {expect} from 'chai'

import {kctl} from '../helpers/cli.js'
import {restartTestCluster} from '../helpers/cluster.js'
import {assignment, createTopic, deleteTopics, withKafka} from '../helpers/kafka.js'
import {uniqueName, waitFor} from '../helpers/poll.js'

const local = ['--context', 'local']

interface Check {
  name: string
  ok: boolean
  partitions: {topic: string; partition: number}[]
  brokers: number[]
}
const check = (h: {checks: Check[]}, name: string) => h.checks.find((c) => c.name === name)!
const names = (c: Check) => c.partitions.map((p) => `${p.topic}-${p.partition}`)

async function health(): Promise<{code: number; h: {healthy: boolean; checks: Check[]}; stdout: string}> {
  const r = await kctl(['cluster', 'health', '--json', ...local])
  return {code: r.code, h: r.json(), stdout: r.stdout}
}

const restartAndRecover = restartTestCluster

describe('a broker outage', function () {
  this.timeout(360_000)
  const topic = uniqueName('outage')
  let stopped = false

  after(async () => {
    if (stopped) await restartAndRecover()
    await deleteTopics([topic])
  })

  it('cluster health exits 3 naming exactly the affected partitions; after a restart and elect-leaders --preferred, exit 0', async () => {
    await createTopic(
      topic,
      [
        [1, 2],
        [2, 3],
        [3, 1],
        [1, 3],
      ],
      {configs: {'min.insync.replicas': '2'}},
    )
    const before = await withKafka(async (admin) =>
      (await admin.fetchTopicMetadata()).topics.flatMap((t) =>
        t.partitions.map((p) => ({topic: t.name, partition: p.partitionId, replicas: p.replicas})),
      ),
    )
    const onBroker2 = before
      .filter((p) => p.replicas.includes(2) && p.replicas.length > 1)
      .map((p) => `${p.topic}-${p.partition}`)
      .sort()

    const stop = await kctl(['local', 'stop', '--broker', '2'])
    expect(stop.code, stop.stderr).to.equal(0)
    stopped = true

    const down = await waitFor(
      async () => {
        const x = await health()
        return x.code === 3 && names(check(x.h, 'under-replicated')).length === onBroker2.length ? x : undefined
      },
      {timeoutMs: 60_000, intervalMs: 1000, what: 'health to report the outage'},
    )
    const h = down.h
    expect(h.healthy).to.equal(false)
    // Exactly the partitions with a replica on broker 2, across the whole cluster.
    expect(names(check(h, 'under-replicated')).sort()).to.deep.equal(onBroker2)
    expect(names(check(h, 'under-replicated')).filter((n) => n.startsWith(topic))).to.deep.equal([
      `${topic}-0`,
      `${topic}-1`,
    ])
    expect(names(check(h, 'under-min-isr')).filter((n) => n.startsWith(topic))).to.deep.equal([
      `${topic}-0`,
      `${topic}-1`,
    ])
    // Only single-replica partitions on broker 2 can go offline (none of this topic's).
    const singleOn2 = before
      .filter((p) => p.replicas.length === 1 && p.replicas[0] === 2)
      .map((p) => `${p.topic}-${p.partition}`)
      .sort()
    expect(names(check(h, 'offline-partitions')).sort()).to.deep.equal(singleOn2)
    expect(check(h, 'brokers')).to.include({ok: false}).and.to.have.property('brokers').deep.equal([2])
    // Broker 2 led partition 1: another replica leads it now, so it is not on its preferred leader.
    expect(names(check(h, 'preferred-leader'))).to.include(`${topic}-1`)
    const table = await kctl(['cluster', 'health', ...local])
    expect(table.code).to.equal(3)
    expect(table.stdout).to.match(/^Status: UNHEALTHY/m)
    expect(table.stdout).to.match(new RegExp(`^under-replicated\\s+FAIL\\s.*${topic}-0`, 'm'))

    await restartAndRecover()
    stopped = false
    // Leadership stays off the restarted broker until a preferred election.
    const elect = await kctl([
      'partitions',
      'elect-leaders',
      '--preferred',
      '--all-topics',
      '--yes',
      '--json',
      ...local,
    ])
    expect(elect.code, elect.stderr).to.equal(0)
    expect(elect.json().results.filter((r: {result: string}) => r.result === 'failed')).to.deep.equal([])
    await waitFor(
      () =>
        withKafka(async (admin) => {
          const {topics} = await admin.fetchTopicMetadata()
          return topics.every((t) => t.partitions.every((p) => p.leader === p.replicas[0]))
        }),
      {timeoutMs: 30_000, what: 'every leader to be the preferred replica'},
    )
    expect((await assignment(topic)).map((p) => p.leader)).to.deep.equal([1, 2, 3, 1])
    const healthy = await waitFor(
      async () => {
        const x = await health()
        return x.code === 0 ? x : undefined
      },
      {timeoutMs: 60_000, intervalMs: 1000, what: 'a healthy cluster again'},
    )
    expect(healthy.h.healthy).to.equal(true)
  })
})
