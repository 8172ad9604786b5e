import {expect} from 'chai'

import {kctl} from '../helpers/cli.js'
import {testCluster} from '../helpers/cluster.js'
import {kafkaTool} from '../helpers/kafka-tools.js'
import {uniqueName, waitFor} from '../helpers/poll.js'

/**
 * kafka-topics' partition filters on a cluster where a broker is down: stop the last node, check
 * every filter of `topics list` and `topics describe`, restart it and wait until no partition is
 * under-replicated.
 */
describe('topic filters with a stopped broker', function () {
  this.timeout(240_000)
  const prefix = uniqueName('flt')
  const t = {
    atMin: `${prefix}-atmin`, // RF 3, min.insync.replicas 2: at min ISR once a broker is down
    underMin: `${prefix}-undermin`, // RF 3, min.insync.replicas 3: under min ISR once a broker is down
    offline: `${prefix}-offline`, // RF 1 on the stopped broker, min.insync.replicas 1: unavailable
    healthy: `${prefix}-healthy`, // RF 2 on live brokers, min.insync.replicas 1: matches nothing
  }
  let bootstrap: string
  let stopped: number
  let live: number

  const k = (args: string[]) => kctl([...args, '-b', bootstrap])
  const listNames = async (filter: string) => {
    const r = await k(['topics', 'list', '--match', `^${prefix}-`, filter, '--json'])
    expect(r.code, r.stderr).to.equal(0)
    return r.json().topics.map((x: {name: string}) => x.name)
  }

  before(async () => {
    const c = testCluster()
    bootstrap = c.bootstrap.split(',')[0] // the first node stays up
    stopped = c.brokerIds.at(-1)!
    live = c.brokerIds[0]
    const create = async (args: string[]) => {
      const r = await k(['topics', 'create', ...args])
      expect(r.code, r.stderr).to.equal(0)
    }
    await create([t.atMin, '--partitions', '3', '--replication-factor', '3', '--config', 'min.insync.replicas=2'])
    await create([t.underMin, '--partitions', '1', '--replication-factor', '3', '--config', 'min.insync.replicas=3'])
    await create([t.offline, '--replica-assignment', String(stopped), '--config', 'min.insync.replicas=1'])
    await create([t.healthy, '--replica-assignment', `${live}:${c.brokerIds[1]}`, '--config', 'min.insync.replicas=1'])
  })

  after(async function () {
    this.timeout(240_000)
    const c = testCluster()
    // Restart whatever is stopped and wait for full recovery before the next test file.
    const env = {KCTL_LOCAL_DIR: c.dir}
    const start = await kctl(
      [
        'local',
        'start',
        '--brokers',
        '3',
        '--secure',
        '--port',
        String(Number(c.bootstrap.split(',')[0].split(':')[1])),
        '--json',
      ],
      {env, timeoutMs: 200_000},
    )
    expect(start.code, start.stderr).to.equal(0)
    await waitFor(
      async () => {
        const r = await kctl(['topics', 'list', '--under-replicated-partitions', '--json', '--context', 'local'])
        return r.code === 0 && r.json().topics.length === 0
      },
      {timeoutMs: 120_000, what: 'no under-replicated partitions'},
    )
    await kctl(['topics', 'delete', '--match', `^${prefix}-`, '--yes', '--context', 'local'])
  })

  it('healthy cluster: no partition is under-replicated, unavailable or under min ISR', async () => {
    for (const f of ['--under-replicated-partitions', '--unavailable-partitions', '--under-min-isr-partitions'])
      expect(await listNames(f), f).to.deep.equal([])
    // ISR size equal to min.insync.replicas is "at min ISR" (Kafka's definition), healthy or not.
    expect(await listNames('--at-min-isr-partitions')).to.deep.equal([t.offline, t.underMin].sort())
  })

  it('every list and describe filter once a broker is stopped @smoke', async () => {
    const stop = await kctl(['local', 'stop', '--broker', String(stopped)], {env: {KCTL_LOCAL_DIR: testCluster().dir}})
    expect(stop.code, stop.stderr).to.equal(0)
    await waitFor(async () => (await listNames('--unavailable-partitions')).length === 1, {
      timeoutMs: 60_000,
      what: 'the stopped broker to leave the ISRs',
    })

    // (Whether the leaderless RF-1 partition counts depends on its ISR, which differs between Kafka versions.)
    expect(await listNames('--under-replicated-partitions'))
      .to.include.members([t.atMin, t.underMin])
      .and.not.include(t.healthy)
    expect(await listNames('--unavailable-partitions')).to.deep.equal([t.offline])
    expect(await listNames('--under-min-isr-partitions')).to.deep.equal([t.offline, t.underMin].sort())
    // The leaderless partition's ISR (and so whether it is "at min") differs between Kafka versions;
    // kafka-topics is compared below.
    const atMin = await listNames('--at-min-isr-partitions')
    expect(atMin).to.include(t.atMin)
    expect(atMin).not.to.include.members([t.underMin, t.healthy])
    expect(await listNames('--topics-with-overrides')).to.deep.equal(Object.values(t).sort())

    // describe keeps only the matching partitions, with the offline replica named (no size: its only replica is down).
    const d = await k(['topics', 'describe', '--match', `^${prefix}-`, '--unavailable-partitions', '--json'])
    expect(d.code, d.stderr).to.equal(0)
    const [offline] = d.json().topics
    expect(offline.name).to.equal(t.offline)
    // The ISR of a leaderless partition differs between Kafka versions (4.x empties it for ELR).
    expect(offline.partitions).to.deep.equal([
      {
        partition: 0,
        leader: null,
        replicas: [stopped],
        isr: offline.partitions[0].isr,
        offlineReplicas: [stopped],
        earliestOffset: null,
        latestOffset: null,
        sizeBytes: null,
      },
    ])
    expect(offline.topicId).to.match(/^[\w-]{22}$/)
    const at = (await k(['topics', 'describe', '--match', `^${prefix}-`, '--at-min-isr-partitions', '--json'])).json()
    expect(at.topics.map((x: {name: string}) => x.name)).to.deep.equal(atMin)
    expect(at.topics[0].partitions).to.have.length(3)
    expect(
      at.topics[0].partitions.every(
        (p: {isr: number[]; replicas: number[]}) =>
          p.isr.length === 2 && p.replicas.length === 3 && !p.isr.includes(stopped),
      ),
    ).to.equal(true)
    const under = (
      await k(['topics', 'describe', t.underMin, t.healthy, '--under-min-isr-partitions', '--json'])
    ).json()
    expect(under.topics.map((x: {name: string}) => x.name)).to.deep.equal([t.underMin])
    const ur = (
      await k(['topics', 'describe', '--match', `^${prefix}-`, '--under-replicated-partitions', '--json'])
    ).json()
    expect(
      ur.topics.map((x: {name: string; partitions: unknown[]}) => [x.name, x.partitions.length]),
    ).to.deep.include.members([
      [t.atMin, 3],
      [t.underMin, 1],
    ])

    // Kafka's own kafka-topics agrees on the under-replicated and unavailable partitions.
    const kafka = async (filter: string) => {
      const out = await kafkaTool('org.apache.kafka.tools.TopicCommand', [
        '--bootstrap-server',
        bootstrap,
        '--describe',
        '--topic',
        `${prefix}-.*`,
        filter,
      ])
      return [...out.matchAll(/Topic: (\S+)\s+Partition: (\d+)/g)].map((m) => `${m[1]}:${m[2]}`).sort()
    }
    const mine = (r: {topics: {name: string; partitions: {partition: number}[]}[]}) =>
      r.topics.flatMap((x) => x.partitions.map((p) => `${x.name}:${p.partition}`)).sort()
    expect(await kafka('--under-replicated-partitions')).to.deep.equal(mine(ur))
    expect(await kafka('--at-min-isr-partitions')).to.deep.equal(mine(at))
  })
})
