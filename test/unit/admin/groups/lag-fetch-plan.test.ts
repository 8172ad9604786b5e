import {expect} from 'chai'

import {planFetches} from '../../../../src/admin/groups/lag.js'
import type {TopicLayout} from '../../../../src/admin/groups/offsets.js'

// Topic a: partitions 0-5, leaders 1,2,1,2,1,2; topic b: partition 0 led by 3, partition 1 leaderless.
const layout: TopicLayout = {
  leaders: new Map([
    ['a', new Map([0, 1, 2, 3, 4, 5].map((p) => [p, (p % 2) + 1]))],
    [
      'b',
      new Map([
        [0, 3],
        [1, -1],
      ]),
    ],
  ]),
}
const at = (topic: string, partition: number, offset: bigint) => ({topic, partition, offset})
const summary = (plan: ReturnType<typeof planFetches>) =>
  plan.map((f) => `${f.leader}: ${f.positions.map((p) => `${p.topic}${p.partition}@${p.offset}`).join(' ')}`)

describe('time-lag Fetch planning', () => {
  it('one request per leader for all its partitions; leaderless partitions are skipped', () => {
    const items = [at('a', 0, 5n), at('a', 1, 5n), at('a', 2, 7n), at('a', 3, 1n), at('b', 0, 9n), at('b', 1, 3n)]
    expect(summary(planFetches(items, layout))).to.deep.equal(['1: a0@5 a2@7', '2: a1@5 a3@1', '3: b0@9'])
  })

  it('a partition wanted at several offsets (several groups) goes into separate requests; duplicates once', () => {
    const items = [at('a', 0, 5n), at('a', 0, 8n), at('a', 0, 5n), at('a', 2, 1n)]
    expect(summary(planFetches(items, layout))).to.deep.equal(['1: a0@5 a2@1', '1: a0@8'])
  })

  it("splits a leader's partitions so each response fits the brokers' fetch.max.bytes", () => {
    const items = [0, 1, 2, 3, 4, 5].map((p) => at('a', p, 0n))
    expect(summary(planFetches(items, layout, 2))).to.deep.equal(['1: a0@0 a2@0', '1: a4@0', '2: a1@0 a3@0', '2: a5@0'])
    // The default allows 12,800 partitions per request (50 MiB / 4 KiB).
    const big: TopicLayout = {leaders: new Map([['t', new Map(Array.from({length: 30_000}, (_, p) => [p, 1]))]])}
    const plan = planFetches(
      Array.from({length: 30_000}, (_, p) => at('t', p, 0n)),
      big,
    )
    expect(plan.map((f) => f.positions.length)).to.deep.equal([12_800, 12_800, 4400])
  })
})
