import {expect} from 'chai'

import type {PartitionState} from '../../../../src/admin/topics/partition-state.js'
import {
  generateAssignment,
  movedReplicas,
  movesFromPlan,
  throttleConfigs,
} from '../../../../src/admin/partitions/reassign-plan.js'
import {KctlError} from '../../../../src/errors.js'

const state = (topic: string, partition: number, replicas: number[]): PartitionState => ({
  topic,
  partition,
  leader: replicas[0],
  replicas,
  isr: replicas,
  offlineReplicas: [],
})
const brokers = (...ids: number[]) => ids.map((id) => ({id, rack: null}))
const load = (assignment: number[][]) => {
  const counts = new Map<number, number>()
  for (const r of assignment) for (const b of r) counts.set(b, (counts.get(b) ?? 0) + 1)
  return counts
}

describe('generateAssignment (reassignment plans)', () => {
  it('moves a topic from brokers 1,2 to 2,3 with one added replica per partition, balanced', () => {
    const states = [state('t', 0, [1, 2]), state('t', 1, [2, 1]), state('t', 2, [1, 2]), state('t', 3, [2, 1])]
    const moves = generateAssignment(states, brokers(2, 3))
    expect(moves).to.have.length(4)
    for (const m of moves) {
      expect([...m.proposed].sort()).to.deep.equal([2, 3])
      expect(m.adding).to.deep.equal([3])
      expect(m.removing).to.deep.equal([1])
    }
    expect(movedReplicas(moves)).to.equal(4)
    // Preferred leaders spread over both brokers.
    const leaders = load(moves.map((m) => [m.proposed[0]]))
    expect(leaders.get(2)).to.equal(2)
    expect(leaders.get(3)).to.equal(2)
  })

  it('moves nothing when the topics already sit balanced on the target brokers', () => {
    const states = [state('t', 0, [1, 2]), state('t', 1, [2, 3]), state('t', 2, [3, 1])]
    expect(generateAssignment(states, brokers(1, 2, 3))).to.deep.equal([])
  })

  it('moves as little as possible when adding a broker: only the excess goes to the new one', () => {
    const states = [0, 1, 2, 3, 4, 5].map((p) => state('t', p, p % 2 === 0 ? [1, 2] : [2, 1]))
    const moves = generateAssignment(states, brokers(1, 2, 3))
    expect(movedReplicas(moves)).to.equal(4)
    const after = states.map((s) => moves.find((m) => m.partition === s.partition)?.proposed ?? s.replicas)
    expect([...load(after).values()]).to.deep.equal([4, 4, 4])
  })

  it('raises the replication factor 1 -> 3 keeping the existing replica as the leader', () => {
    const moves = generateAssignment([state('t', 0, [2]), state('t', 1, [3])], brokers(1, 2, 3), 3)
    expect(moves.map((m) => m.proposed[0])).to.deep.equal([2, 3])
    for (const m of moves) expect([...m.proposed].sort()).to.deep.equal([1, 2, 3])
    expect(movedReplicas(moves)).to.equal(4)
  })

  it('lowers the replication factor without adding replicas', () => {
    const moves = generateAssignment([state('t', 0, [1, 2, 3])], brokers(1, 2, 3), 2)
    expect(moves[0].adding).to.deep.equal([])
    expect(moves[0].proposed).to.have.length(2)
  })

  it('is rack-aware: a new replica goes to a rack the partition does not use yet', () => {
    const racked = [
      {id: 1, rack: 'a'},
      {id: 2, rack: 'a'},
      {id: 3, rack: 'b'},
      {id: 4, rack: 'b'},
    ]
    const moves = generateAssignment(
      [state('t', 0, [1]), state('t', 1, [2]), state('t', 2, [3]), state('t', 3, [4])],
      racked,
      2,
    )
    for (const m of moves) {
      const racks = m.proposed.map((b) => racked.find((r) => r.id === b)!.rack)
      expect(new Set(racks).size, `partition ${m.partition}: ${m.proposed}`).to.equal(2)
    }
  })

  it('refuses a replication factor above the number of target brokers (exit 2)', () => {
    expect(() => generateAssignment([state('t', 0, [1, 2, 3])], brokers(1, 2)))
      .to.throw(KctlError, /more than the 2 target broker/)
      .with.property('exitCode', 2)
  })
})

describe('movesFromPlan', () => {
  const states = [state('t', 0, [1, 2]), state('t', 1, [2, 3])]
  it('keeps only the partitions that change', () => {
    const moves = movesFromPlan(
      [
        {topic: 't', partition: 0, replicas: [1, 2]},
        {topic: 't', partition: 1, replicas: [3, 1]},
      ],
      states,
      [1, 2, 3],
    )
    expect(moves).to.deep.equal([
      {topic: 't', partition: 1, current: [2, 3], proposed: [3, 1], adding: [1], removing: [2]},
    ])
  })
  it('rejects unknown brokers and partitions with exit 2', () => {
    expect(() => movesFromPlan([{topic: 't', partition: 0, replicas: [1, 9]}], states, [1, 2, 3]))
      .to.throw(/broker 9/)
      .with.property('exitCode', 2)
    expect(() => movesFromPlan([{topic: 't', partition: 7, replicas: [1, 2]}], states, [1, 2, 3]))
      .to.throw(/t:7/)
      .with.property('exitCode', 2)
  })
})

describe('throttleConfigs', () => {
  it('throttles the current replicas as leaders and the added ones as followers, on every broker involved', () => {
    const t = throttleConfigs([
      {topic: 't', partition: 0, current: [1, 2], proposed: [2, 3], adding: [3], removing: [1]},
      {topic: 't', partition: 1, current: [2, 1], proposed: [2, 1], adding: [], removing: []},
      {topic: 'u', partition: 2, current: [1], proposed: [1, 4], adding: [4], removing: []},
    ])
    expect(Object.fromEntries(t.topics)).to.deep.equal({
      t: {leader: '0:1,0:2', follower: '0:3'},
      u: {leader: '2:1', follower: '2:4'},
    })
    expect(t.brokers).to.deep.equal([1, 2, 3, 4])
  })
})
