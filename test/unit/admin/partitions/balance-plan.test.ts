import {expect} from 'chai'

import {brokerBalance, planDrain, planRebalance} from '../../../../src/admin/partitions/balance-plan.js'
import type {PartitionState} from '../../../../src/admin/topics/partition-state.js'
import {movedReplicas} from '../../../../src/admin/partitions/reassign-plan.js'
import {KctlError} from '../../../../src/errors.js'

const state = (topic: string, partition: number, replicas: number[], leader = replicas[0]): PartitionState => ({
  topic,
  partition,
  leader,
  replicas,
  isr: replicas,
  offlineReplicas: [],
})
const brokers = (...ids: number[]) => ids.map((id) => ({id, rack: null}))
const racked = (racks: Record<number, string>) => Object.entries(racks).map(([id, rack]) => ({id: Number(id), rack}))
/** Replicas per partition after a plan. */
const applied = (states: PartitionState[], moves: {topic: string; partition: number; proposed: number[]}[]) =>
  states.map((s) => moves.find((m) => m.topic === s.topic && m.partition === s.partition)?.proposed ?? s.replicas)
const count = (assignment: number[][], id: number) => assignment.filter((r) => r.includes(id)).length
const leads = (assignment: number[][], id: number) => assignment.filter((r) => r[0] === id).length

function refusal(fn: () => unknown): KctlError {
  try {
    fn()
  } catch (error) {
    expect(error).to.be.instanceOf(KctlError)
    return error as KctlError
  }
  throw new Error('expected a refusal')
}

describe('planDrain (brokers drain)', () => {
  it('swaps only the drained replica of each partition on it, in its place; the others do not move', () => {
    const states = [
      state('t', 0, [1, 3]),
      state('t', 1, [2, 3]),
      state('t', 2, [1, 2]),
      state('t', 3, [2, 1, 3]),
      state('u', 0, [3, 1]),
    ]
    const {moves} = planDrain(states, states, 3, brokers(1, 2, 3, 4))
    expect(moves.map((m) => `${m.topic}:${m.partition}`)).to.deep.equal(['t:0', 't:1', 't:3', 'u:0'])
    for (const m of moves) {
      expect(m.removing).to.deep.equal([3])
      expect(m.adding).to.have.length(1)
      expect(m.proposed).to.have.length(m.current.length)
      expect(m.proposed).not.to.include(3)
    }
    expect(movedReplicas(moves)).to.equal(4)
    // Not the preferred leader: the new replica takes the drained one's place.
    expect(moves[0].proposed).to.deep.equal([1, 4])
    expect(moves[2].proposed.slice(0, 2)).to.deep.equal([2, 1])
  })

  it('spreads the new replicas over the least-loaded brokers', () => {
    const states = [0, 1, 2, 3].map((p) => state('t', p, [3, 1]))
    const load = [...states, state('big', 0, [2]), state('big', 1, [2])]
    const {moves} = planDrain(states, load, 3, brokers(1, 2, 3, 4))
    const added = moves.map((m) => m.adding[0])
    // Broker 4 is empty, broker 2 holds two replicas already: 4 gets the first two, then they alternate.
    expect(added.filter((b) => b === 4)).to.have.length(3)
    expect(added.filter((b) => b === 2)).to.have.length(1)
  })

  it('where the drained broker was the preferred leader, the replica leading the fewest partitions goes first', () => {
    const states = [state('t', 0, [3, 1, 2]), state('t', 1, [3, 1, 2]), state('t', 2, [1, 2, 4])]
    const {moves, elections} = planDrain(states, states, 3, brokers(1, 2, 3, 4))
    expect(moves.map((m) => m.proposed)).to.deep.equal([
      [2, 1, 4],
      [4, 1, 2],
    ])
    expect(elections).to.deep.equal([
      {topic: 't', partition: 0, leader: 2},
      {topic: 't', partition: 1, leader: 4},
    ])
  })

  it('elects only moved partitions whose leader changes: a partition led elsewhere keeps its leader', () => {
    const states = [state('t', 0, [1, 3]), state('t', 1, [3, 1], 1)]
    const {elections} = planDrain(states, states, 3, brokers(1, 2, 3))
    // t:0 keeps leader 1 in front; t:1 is led by 1 now but gets preferred leader 1 or 2 first.
    expect(elections.every((e) => e.partition === 1)).to.equal(true)
  })

  it('is rack-aware: the new replica goes to a rack the partition does not use yet', () => {
    const states = [state('t', 0, [3, 1]), state('t', 1, [1, 3])]
    // Broker 2 shares rack a with broker 1; broker 4 is in rack b, as the drained broker 3.
    const {moves} = planDrain(states, states, 3, racked({1: 'a', 2: 'a', 3: 'b', 4: 'b'}))
    expect(moves.map((m) => m.adding)).to.deep.equal([[4], [4]])
  })

  it('uses a rack twice only when no other rack has a free broker', () => {
    const states = [state('t', 0, [3, 1, 4])]
    const {moves} = planDrain(states, states, 3, racked({1: 'a', 2: 'a', 3: 'b', 4: 'b'}))
    expect(moves[0].adding).to.deep.equal([2])
  })

  it('keeps the replication factor: refuses (exit 2, DRAIN_NOT_POSSIBLE) when a topic needs the broker', () => {
    const states = [state('__consumer_offsets', 0, [1, 2, 3]), state('t', 0, [1, 3])]
    const e = refusal(() => planDrain(states, states, 3, brokers(1, 2, 3)))
    expect(e.exitCode).to.equal(2)
    expect(e.code).to.equal('DRAIN_NOT_POSSIBLE')
    expect(e.message).to.match(
      /Cannot drain broker 3: 1 partition\(s\) of __consumer_offsets have replication factor 3/,
    )
    expect(e.hint).to.match(/--exclude-internal/)
  })

  it('refuses to drain the only broker', () => {
    const states = [state('t', 0, [1])]
    const e = refusal(() => planDrain(states, states, 1, brokers(1)))
    expect(e.code).to.equal('DRAIN_NOT_POSSIBLE')
    expect(e.message).to.match(/only broker/)
  })

  it('plans nothing for a broker that holds no replica', () => {
    const states = [state('t', 0, [1, 2])]
    expect(planDrain(states, states, 3, brokers(1, 2, 3))).to.deep.equal({moves: [], elections: []})
  })

  it('can drain a broker that is down (not among the live brokers) onto the live ones', () => {
    const states = [state('t', 0, [1, 3], 1)]
    const {moves} = planDrain(states, states, 3, [...brokers(1, 2), {id: 3, rack: null}])
    expect(moves[0].proposed).to.deep.equal([1, 2])
  })
})

describe('planRebalance (partitions rebalance)', () => {
  it('fills a new broker with the fewest moves: even replica counts and preferred leaders', () => {
    const states = [0, 1, 2, 3, 4, 5].map((p) => state('t', p, p % 2 === 0 ? [1, 2] : [2, 1]))
    const {moves, elections} = planRebalance(states, brokers(1, 2, 3))
    const after = applied(states, moves)
    expect(movedReplicas(moves)).to.equal(4)
    expect([1, 2, 3].map((b) => count(after, b))).to.deep.equal([4, 4, 4])
    expect([1, 2, 3].map((b) => leads(after, b))).to.deep.equal([2, 2, 2])
    // Every partition whose preferred leader changed is elected, and only those.
    expect(elections.map((e) => e.partition)).to.deep.equal(
      states.filter((s, i) => after[i][0] !== s.leader).map((s) => s.partition),
    )
    for (const m of moves) expect(m.adding.length).to.be.at.most(1)
  })

  it('moves nothing and elects nothing when the replicas and preferred leaders are even and leading', () => {
    const states = [state('t', 0, [1, 2]), state('t', 1, [2, 3]), state('t', 2, [3, 1])]
    expect(planRebalance(states, brokers(1, 2, 3))).to.deep.equal({moves: [], elections: []})
  })

  it('spreads preferred leaders by reordering replicas only (no data copied)', () => {
    const states = [0, 1, 2, 3].map((p) => state('t', p, [1, 2]))
    const {moves, elections} = planRebalance(states, brokers(1, 2))
    expect(movedReplicas(moves)).to.equal(0)
    const after = applied(states, moves)
    expect([leads(after, 1), leads(after, 2)]).to.deep.equal([2, 2])
    expect(elections).to.have.length(2)
  })

  it('elects a preferred leader that is not leading now (in sync), without moving anything', () => {
    const states = [state('t', 0, [1, 2], 2), state('t', 1, [2, 1])]
    expect(planRebalance(states, brokers(1, 2))).to.deep.equal({
      moves: [],
      elections: [{topic: 't', partition: 0, leader: 1}],
    })
  })

  it('does not elect a preferred leader that is out of sync', () => {
    const s = {...state('t', 0, [1, 2], 2), isr: [2]}
    expect(planRebalance([s, state('t', 1, [2, 1])], brokers(1, 2)).elections).to.deep.equal([])
  })

  it('never leaves a partition on fewer racks', () => {
    // Broker 3 (rack a) is empty, but every partition has one replica in rack a already (broker 1) and one in rack b.
    const states = [0, 1, 2, 3].map((p) => state('t', p, p % 2 === 0 ? [1, 2] : [2, 1]))
    const {moves} = planRebalance(states, racked({1: 'a', 2: 'b', 3: 'a'}))
    const after = applied(states, moves)
    // Only broker 1's replicas may go to broker 3 (same rack): 1 and 3 share rack a's four replicas.
    expect(count(after, 2)).to.equal(4)
    expect(count(after, 1) + count(after, 3)).to.equal(4)
    expect(count(after, 3)).to.equal(2)
  })

  it('by size: evens the bytes, moving the big partition rather than the count', () => {
    const states = [state('big', 0, [1]), ...[0, 1, 2, 3, 4].map((p) => state('small', p, [1])), state('other', 0, [2])]
    const size = (s: {topic: string}) => (s.topic === 'big' ? 100 : 10)
    const bySize = planRebalance(states, brokers(1, 2), size)
    // 150 and 10 bytes: the big partition goes (50/110), then a small one comes back (60/100).
    expect(bySize.moves.map((m) => `${m.topic}:${m.partition}`)).to.deep.equal(['big:0', 'other:0'])
    const rows = brokerBalance(states, bySize, brokers(1, 2), size)
    expect(rows.map((r) => [r.sizeBytesBefore, r.sizeBytesAfter])).to.deep.equal([
      [150, 60],
      [10, 100],
    ])
    expect(rows.map((r) => [r.replicaCountBefore, r.replicaCountAfter])).to.deep.equal([
      [6, 6],
      [1, 1],
    ])
    // By count the same cluster moves two replicas from broker 1: 4 and 3.
    const byCount = planRebalance(states, brokers(1, 2))
    expect(byCount.moves).to.have.length(2)
    expect(byCount.moves.every((m) => m.removing[0] === 1 && m.adding[0] === 2)).to.equal(true)
  })

  it('by size: empty partitions weigh nothing and stay', () => {
    const states = [0, 1, 2].map((p) => state('t', p, [1]))
    expect(planRebalance(states, brokers(1, 2), () => 0).moves).to.deep.equal([])
  })

  it('with a subset of brokers, replicas on the other brokers stay where they are', () => {
    const states = [0, 1, 2, 3].map((p) => state('t', p, [3, 1]))
    const {moves} = planRebalance(states, brokers(1, 2))
    for (const m of moves) {
      expect(m.proposed).to.include(3)
      expect(m.proposed[0]).to.equal(3)
    }
    expect(count(applied(states, moves), 2)).to.equal(2)
  })
})

describe('brokerBalance (per-broker counts before and after)', () => {
  it('counts replicas and leaders before and after a drain, every broker listed', () => {
    const states = [state('t', 0, [3, 1]), state('t', 1, [1, 2])]
    const plan = planDrain(states, states, 3, brokers(1, 2, 3))
    expect(brokerBalance(states, plan, brokers(1, 2, 3))).to.deep.equal([
      {
        id: 1,
        rack: null,
        replicaCountBefore: 2,
        replicaCountAfter: 2,
        leaderCountBefore: 1,
        leaderCountAfter: 1,
        sizeBytesBefore: null,
        sizeBytesAfter: null,
      },
      {
        id: 2,
        rack: null,
        replicaCountBefore: 1,
        replicaCountAfter: 2,
        leaderCountBefore: 0,
        leaderCountAfter: 1,
        sizeBytesBefore: null,
        sizeBytesAfter: null,
      },
      {
        id: 3,
        rack: null,
        replicaCountBefore: 1,
        replicaCountAfter: 0,
        leaderCountBefore: 1,
        leaderCountAfter: 0,
        sizeBytesBefore: null,
        sizeBytesAfter: null,
      },
    ])
  })
})

describe('planners on seeded random clusters', () => {
  /** A small deterministic generator (mulberry32): the same clusters on every run. */
  function random(seed: number): () => number {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
    }
  }
  const clusters = Array.from({length: 40}, (_, seed) => {
    const next = random(seed + 1)
    const ids = Array.from({length: 3 + Math.floor(next() * 4)}, (_, i) => i + 1)
    const states = Array.from({length: 5 + Math.floor(next() * 40)}, (_, p) => {
      const rf = 2 + Math.floor(next() * Math.min(2, ids.length - 2))
      // Skewed on purpose: the first brokers get most replicas.
      const pool = [...ids].sort((a, b) => a * (0.5 + next()) - b * (0.5 + next()))
      return state(`t${p % 3}`, p, pool.slice(0, rf))
    })
    return {seed, ids, states}
  })

  it('drain: the broker ends with nothing, every other replica stays, one copy per partition on it', () => {
    for (const {seed, ids, states} of clusters) {
      const drained = ids[seed % ids.length]
      const {moves} = planDrain(states, states, drained, brokers(...ids))
      const after = applied(states, moves)
      expect(count(after, drained), `seed ${seed}`).to.equal(0)
      expect(moves.length, `seed ${seed}`).to.equal(states.filter((s) => s.replicas.includes(drained)).length)
      for (const m of moves) {
        expect(m.adding, `seed ${seed}`).to.have.length(1)
        expect(m.removing, `seed ${seed}`).to.deep.equal([drained])
        expect(new Set(m.proposed).size).to.equal(m.current.length)
      }
    }
  })

  it('rebalance (by count): replicas and preferred leaders end within one of each other (replication factors 2 and 3)', () => {
    for (const {seed, ids, states} of clusters) {
      const {moves} = planRebalance(states, brokers(...ids))
      const after = applied(states, moves)
      const replicas = ids.map((b) => count(after, b))
      const leaders = ids.map((b) => leads(after, b))
      expect(Math.max(...replicas) - Math.min(...replicas), `seed ${seed}: ${replicas}`).to.be.at.most(1)
      expect(Math.max(...leaders) - Math.min(...leaders), `seed ${seed}: ${leaders}`).to.be.at.most(1)
      for (const [i, r] of after.entries()) expect(r).to.have.length(states[i].replicas.length)
      // Planning again from the result moves nothing.
      const again = planRebalance(
        states.map((s, i) => state(s.topic, s.partition, after[i])),
        brokers(...ids),
      )
      expect(again.moves, `seed ${seed}`).to.deep.equal([])
    }
  })
})
