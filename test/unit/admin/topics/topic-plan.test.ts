import {expect} from 'chai'

import {
  type TopicCreateInput,
  partialFailureMessage,
  planTopicCreation,
} from '../../../../src/admin/topics/topic-plan.js'
import {collidingTopics, validateTopicName} from '../../../../src/admin/topics/topics.js'
import {KctlError} from '../../../../src/errors.js'

const ctx = {brokerIds: [1, 2, 3], existing: new Set(['orders_v1']), defaults: {partitions: 1, replicationFactor: 3}}

const rejects = (input: TopicCreateInput, pattern: RegExp) => {
  try {
    planTopicCreation(input, ctx)
  } catch (error) {
    expect((error as KctlError).exitCode).to.equal(2)
    expect((error as KctlError).message).to.match(pattern)
    return
  }
  expect.fail(`expected ${JSON.stringify(input)} to be rejected`)
}

describe('topic creation planning (client-side validation)', () => {
  it("Kafka's topic-name rules", () => {
    for (const ok of ['orders', 'a.b_c-D9', 'x'.repeat(249)]) validateTopicName(ok)
    for (const [bad, pattern] of [
      ['', /empty/],
      ['.', /cannot be "\."/],
      ['..', /cannot be "\.\."/],
      ['x'.repeat(250), /limit is 249/],
      ['a b', /illegal character " "/],
      ['ä', /illegal/],
      ['a/b', /illegal character "\/"/],
    ] as const) {
      expect(() => validateTopicName(bad)).to.throw(KctlError, pattern)
    }
  })

  it('warns about names that collide by . and _', () => {
    expect(collidingTopics('orders.v1', ['orders_v1', 'orders.v1', 'other'])).to.deep.equal(['orders_v1'])
    const plan = planTopicCreation({names: ['orders.v1'], partitions: 1}, ctx)
    expect(plan.warnings).to.deep.equal([
      "Topic orders.v1 collides with orders_v1: names that differ only in '.' and '_' share metric names.",
    ])
  })

  it('uses the broker defaults when the flags are omitted, and an assignment when given', () => {
    expect(planTopicCreation({names: ['a'], configs: ['retention.ms=5']}, ctx).topics).to.deep.equal([
      {name: 'a', partitions: 1, replicationFactor: 3, replicaAssignment: undefined, configs: {'retention.ms': '5'}},
    ])
    expect(planTopicCreation({names: ['a'], replicaAssignment: '1:2,2:3,3:1'}, ctx).topics[0]).to.deep.include({
      partitions: 3,
      replicationFactor: 2,
      replicaAssignment: [
        [1, 2],
        [2, 3],
        [3, 1],
      ],
    })
  })

  it('rejects bad counts, keys, assignments and duplicates before any request', () => {
    rejects({names: []}, /No topic name/)
    rejects({names: ['a', 'a']}, /named twice/)
    rejects({names: ['a'], partitions: 0}, /at least 1/)
    rejects({names: ['a'], replicationFactor: 4}, /larger than the number of brokers \(3\)/)
    rejects({names: ['a'], configs: ['retension.ms=1']}, /Unknown topic config key/)
    rejects({names: ['a'], configs: ['retention.ms=1', 'retention.ms=2']}, /more than once/)
    rejects({names: ['a'], replicaAssignment: '1:4'}, /broker 4 is not in the cluster/)
    rejects({names: ['a'], replicaAssignment: '1,x'}, /has "x"/)
    rejects({names: ['a'], replicaAssignment: '1:2', partitions: 3}, /sets the partitions/)
  })

  it('names the failed topics of a batch', () => {
    expect(partialFailureMessage([{name: 'a', status: 'created', error: null}], 'create')).to.equal(undefined)
    expect(
      partialFailureMessage(
        [
          {name: 'a', status: 'created', error: null},
          {name: 'b', status: 'failed', error: 'boom'},
        ],
        'create',
      ),
    ).to.equal('Could not create 1 of 2 topic(s): b (boom)')
  })
})
