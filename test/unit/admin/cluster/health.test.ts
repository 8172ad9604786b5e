import {expect} from 'chai'

import {brokerHealth, evaluate, toQuorumHealth} from '../../../../src/admin/cluster/health.js'
import type {PartitionState} from '../../../../src/admin/topics/partition-state.js'

const p = (topic: string, partition: number, leader: number, replicas: number[], isr: number[]): PartitionState => ({
  topic,
  partition,
  leader,
  replicas,
  isr,
  offlineReplicas: [],
})
const registered = [1, 2, 3].map((id) => ({id, host: 'h', port: 9092 + id, rack: null, fenced: false}))

describe('cluster health checks', () => {
  it('passes every check on a healthy cluster', () => {
    const states = [p('a', 0, 1, [1, 2], [1, 2]), p('a', 1, 2, [2, 3], [2, 3]), p('a', 2, 3, [3, 1], [3, 1])]
    const checks = evaluate(states, new Map([['a', 2]]), brokerHealth(registered, states), null)
    expect(checks.filter((c) => !c.ok)).to.deep.equal([])
    expect(checks.find((c) => c.name === 'quorum')!.skipped).to.equal(true)
  })

  it('names exactly the offline, under-replicated, under-min-ISR and not-preferred partitions', () => {
    const states = [
      p('a', 0, 1, [1, 2], [1, 2]),
      p('a', 1, 3, [2, 3], [3]),
      p('b', 0, -1, [2], []),
      p('b', 1, 1, [1, 3], [1, 3]),
    ]
    const regs = registered.map((b) => (b.id === 2 ? {...b, fenced: true} : b))
    const checks = evaluate(
      states,
      new Map([
        ['a', 2],
        ['b', 1],
      ]),
      brokerHealth(regs, states),
      null,
    )
    const names = (n: string) => checks.find((c) => c.name === n)!.partitions.map((x) => `${x.topic}-${x.partition}`)
    expect(names('offline-partitions')).to.deep.equal(['b-0'])
    expect(names('under-replicated')).to.deep.equal(['a-1', 'b-0'])
    expect(names('under-min-isr')).to.deep.equal(['a-1', 'b-0'])
    expect(names('preferred-leader')).to.deep.equal(['a-1'])
    expect(checks.find((c) => c.name === 'brokers'))
      .to.include({ok: false})
      .and.to.have.property('brokers')
      .deep.equal([2])
  })

  it('reports a broker that partitions name but the cluster does not know as missing, and skew per broker', () => {
    const states = [p('a', 0, 1, [1, 4], [1]), p('a', 1, 1, [2, 1], [2, 1]), p('a', 2, 1, [3, 1], [3, 1])]
    const brokers = brokerHealth(registered, states)
    expect(brokers.find((b) => b.id === 4)).to.include({registered: false, replicas: 1})
    const checks = evaluate(states, new Map(), brokers, null)
    expect(checks.find((c) => c.name === 'brokers')!.summary).to.equal('4 missing')
    expect(checks.find((c) => c.name === 'leader-skew'))
      .to.include({ok: false})
      .and.to.have.property('brokers')
      .deep.equal([2, 3])
  })

  it('skipped checks pass but say so', () => {
    const states = [p('a', 0, 2, [1, 2], [1, 2])]
    const checks = evaluate(states, new Map(), brokerHealth(registered, states), null, {
      skip: ['preferred-leader', 'leader-skew'],
    })
    expect(checks.every((c) => c.ok)).to.equal(true)
    expect(checks.find((c) => c.name === 'preferred-leader')!.skipped).to.equal(true)
  })

  it('fails the quorum check for a voter behind the leader for longer than the limit (leader clock)', () => {
    const replica = (id: number, leo: bigint, fetch: number, caughtUp: number) => ({
      replicaId: id,
      replicaDirectoryId: null,
      logEndOffset: leo,
      lastFetchTimestamp: BigInt(fetch),
      lastCaughtUpTimestamp: BigInt(caughtUp),
    })
    const q = toQuorumHealth({
      partitionIndex: 0,
      errorCode: 0,
      errorMessage: null,
      leaderId: 1,
      leaderEpoch: 4,
      highWatermark: 100n,
      currentVoters: [
        replica(1, 100n, 50_000, 50_000),
        replica(2, 100n, 49_900, 49_900),
        replica(3, 60n, 20_000, 20_000),
      ],
      observers: [],
    })
    expect(q.voters.map((v) => [v.id, v.lag, v.lastCaughtUpAgoMs])).to.deep.equal([
      [1, 0n, 0],
      [2, 0n, 100],
      [3, 40n, 30_000],
    ])
    const check = evaluate([], new Map(), [], q).find((c) => c.name === 'quorum')!
    expect(check).to.include({ok: false})
    expect(check.brokers).to.deep.equal([3])
    expect(evaluate([], new Map(), [], q, {maxQuorumLagMs: 60_000}).find((c) => c.name === 'quorum')!.ok).to.equal(true)
  })
})
