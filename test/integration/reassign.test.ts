import {expect} from 'chai'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {kctl, requestCount} from '../helpers/cli.js'
import {testCluster} from '../helpers/cluster.js'
import {assignment, createTopic, deleteTopics, dynamicConfigs, noThrottles, produce} from '../helpers/kafka.js'
import {uniqueName, waitFor} from '../helpers/poll.js'

const local = ['--context', 'local']
const THROTTLE_KEYS = ['leader.replication.throttled.rate', 'follower.replication.throttled.rate']
const REPLICA_KEYS = ['leader.replication.throttled.replicas', 'follower.replication.throttled.replicas']

describe('partitions reassign', () => {
  const created: string[] = []
  after(async () => deleteTopics(created))
  const planFile = (name: string) => join(testCluster().dir, `${name}-${Date.now()}.json`)

  it('moves a topic from brokers 1,2 to 2,3 with a throttle: the plan is applied, the throttles are gone afterwards @smoke', async () => {
    const topic = uniqueName('reassign')
    created.push(topic)
    await createTopic(topic, [
      [1, 2],
      [2, 1],
      [1, 2],
      [2, 1],
    ])
    await produce(topic, [100, 100, 100, 100], {size: 1000})
    const plan = planFile(topic)

    const gen = await kctl([
      'partitions',
      'reassign',
      '--generate',
      '--topics',
      topic,
      '--brokers',
      '2,3',
      '--plan',
      plan,
      '--json',
      ...local,
    ])
    expect(gen.code, gen.stderr).to.equal(0)
    const g = gen.json()
    expect(Object.keys(g)).to.deep.equal(['mode', 'movedReplicas', 'moves', 'current', 'proposed', 'planFile'])
    expect(g.movedReplicas).to.equal(4)
    const written = JSON.parse(readFileSync(plan, 'utf8'))
    expect(written).to.deep.equal(g.proposed)
    expect(written.version).to.equal(1)
    for (const p of written.partitions) expect([...p.replicas].sort()).to.deep.equal([2, 3])

    const dry = await kctl([
      'partitions',
      'reassign',
      '--execute',
      '--plan',
      plan,
      '--throttle',
      '200KB/s',
      '--dry-run',
      ...local,
    ])
    expect(dry.code, dry.stderr).to.equal(0)
    expect(dry.stdout).to.match(/Dry run: 4 replica\(s\) would move/)
    expect((await assignment(topic)).map((p) => p.replicas)).to.deep.equal([
      [1, 2],
      [2, 1],
      [1, 2],
      [2, 1],
    ])

    const exec = await kctl([
      'partitions',
      'reassign',
      '--execute',
      '--plan',
      plan,
      '--throttle',
      '200KB/s',
      '--yes',
      '--json',
      '--debug',
      ...local,
    ])
    expect(exec.code, exec.stderr).to.equal(0)
    const e = exec.json()
    expect(Object.keys(e)).to.deep.equal([
      'mode',
      'throttle',
      'movedReplicas',
      'complete',
      'throttlesRemoved',
      'dryRun',
      'moves',
    ])
    expect(e.throttle).to.equal(200_000)
    expect(requestCount(exec.stderr, 'AlterPartitionReassignments')).to.equal(1)
    expect(requestCount(exec.stderr, 'IncrementalAlterConfigs')).to.equal(3) // one per broker involved
    // The throttles are in place (read back with kafkajs, not kctl; brokers apply config changes a moment later).
    const topicConfigs = await waitFor(
      async () => {
        const c = await dynamicConfigs('topics', topic)
        return c[REPLICA_KEYS[1]] ? c : undefined
      },
      {what: 'the topic throttle'},
    )
    expect(topicConfigs[REPLICA_KEYS[1]].split(',').sort()).to.deep.equal(['0:3', '1:3', '2:3', '3:3'])
    expect(
      await waitFor(async () => (await dynamicConfigs('brokers', '3'))[THROTTLE_KEYS[0]], {
        what: 'the broker throttle',
      }),
    ).to.equal('200000')

    const verify = await kctl([
      'partitions',
      'reassign',
      '--verify',
      '--plan',
      plan,
      '--wait',
      '--json',
      '--timeout',
      '90s',
      ...local,
    ])
    expect(verify.code, verify.stderr).to.equal(0)
    const v = verify.json()
    expect(Object.keys(v)).to.deep.equal(['mode', 'complete', 'partitions', 'throttlesRemoved'])
    expect(v).to.include({complete: true, throttlesRemoved: true})
    expect((await assignment(topic)).map((p) => p.replicas)).to.deep.equal(
      written.partitions.map((p: {replicas: number[]}) => p.replicas),
    )
    await waitFor(async () => noThrottles([topic]), {what: 'every throttle config to be gone'})
    const list = await kctl(['partitions', 'reassign', '--list', '--json', ...local])
    expect(list.json().reassignments.filter((r: {topic: string}) => r.topic === topic)).to.deep.equal([])
  })

  it('raises the replication factor 1 -> 3 (--generate --replication-factor, then --execute --wait)', async () => {
    const topic = uniqueName('rf')
    created.push(topic)
    await createTopic(topic, [[1], [2], [3]])
    await produce(topic, [10, 10, 10], {size: 100})
    const plan = planFile(topic)
    const gen = await kctl([
      'partitions',
      'reassign',
      '--generate',
      '--topics',
      topic,
      '--brokers',
      '1,2,3',
      '--replication-factor',
      '3',
      '--plan',
      plan,
      '--json',
      ...local,
    ])
    expect(gen.code, gen.stderr).to.equal(0)
    expect(gen.json().movedReplicas).to.equal(6)
    const exec = await kctl([
      'partitions',
      'reassign',
      '--execute',
      '--plan',
      plan,
      '--wait',
      '--yes',
      '--json',
      '--timeout',
      '90s',
      ...local,
    ])
    expect(exec.code, exec.stderr).to.equal(0)
    expect(exec.json().complete).to.equal(true)
    const after = await assignment(topic)
    expect(after.map((p) => [...p.replicas].sort())).to.deep.equal([
      [1, 2, 3],
      [1, 2, 3],
      [1, 2, 3],
    ])
    // The existing replica stays the preferred leader: nothing moved leadership.
    expect(after.map((p) => p.replicas[0])).to.deep.equal([1, 2, 3])
    // Every replica in sync, as soon as the broker answering Metadata has caught up.
    await waitFor(async () => (await assignment(topic)).every((p) => p.isr.length === 3), {
      what: `every partition of ${topic} with 3 replicas in sync`,
    })
  })

  it('a balanced topic needs no moves; cancel with nothing in progress changes nothing', async () => {
    const topic = uniqueName('balanced')
    created.push(topic)
    await createTopic(topic, [
      [1, 2],
      [2, 3],
      [3, 1],
    ])
    const plan = planFile(topic)
    const gen = await kctl([
      'partitions',
      'reassign',
      '--generate',
      '--topics',
      topic,
      '--brokers',
      '1,2,3',
      '--plan',
      plan,
      '--json',
      ...local,
    ])
    expect(gen.code, gen.stderr).to.equal(0)
    expect(gen.json()).to.include({movedReplicas: 0, proposed: null, planFile: null})
    expect(existsSync(plan)).to.equal(false)
    writeFileSync(plan, JSON.stringify({version: 1, partitions: [{topic, partition: 0, replicas: [1, 2]}]}))
    const cancel = await kctl(['partitions', 'reassign', '--cancel', '--plan', plan, '--yes', '--json', ...local])
    expect(cancel.code, cancel.stderr).to.equal(0)
    expect(cancel.json()).to.deep.equal({mode: 'cancel', partitions: [], throttlesRemoved: false})
  })

  it('a throttled move in progress: --list shows it, --verify exits 3 and keeps the throttles, --cancel rolls it back and removes them', async () => {
    const topic = uniqueName('cancel')
    created.push(topic)
    await createTopic(topic, [[1, 2]])
    // More than one replica fetch (1 MB) so the throttle holds the move back.
    await produce(topic, [2500], {size: 1000})
    const plan = planFile(topic)
    writeFileSync(
      plan,
      JSON.stringify({version: 1, partitions: [{topic, partition: 0, replicas: [2, 3], log_dirs: ['any', 'any']}]}),
    )
    const exec = await kctl([
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
    expect(exec.code, exec.stderr).to.equal(0)
    expect(exec.stdout).to.match(/Submitted 1 move\(s\), throttled to 1000 B\/s/)

    const list = await kctl(['partitions', 'reassign', '--list', '--json', ...local])
    expect(list.json().reassignments.filter((r: {topic: string}) => r.topic === topic)).to.deep.equal([
      {topic, partition: 0, replicas: [2, 3, 1], adding: [3], removing: [1]},
    ])
    const verify = await kctl(['partitions', 'reassign', '--verify', '--plan', plan, '--json', ...local])
    expect(verify.code).to.equal(3)
    expect(verify.json()).to.include({complete: false, throttlesRemoved: false})
    expect(verify.json().partitions[0]).to.include({status: 'in-progress'})
    await waitFor(async () => REPLICA_KEYS[0] in (await dynamicConfigs('topics', topic)), {what: 'the topic throttle'})

    const cancel = await kctl(['partitions', 'reassign', '--cancel', '--plan', plan, '--yes', '--json', ...local])
    expect(cancel.code, cancel.stderr).to.equal(0)
    expect(cancel.json()).to.deep.equal({
      mode: 'cancel',
      partitions: [{topic, partition: 0, error: null, message: null}],
      throttlesRemoved: true,
    })
    // Kafka reverts to the original replica set (its order may differ: KRaft drops the adding replicas from [2,3,1]).
    expect([...(await assignment(topic))[0].replicas].sort()).to.deep.equal([1, 2])
    await waitFor(async () => noThrottles([topic]), {what: 'every throttle config to be gone'})
  })
})
