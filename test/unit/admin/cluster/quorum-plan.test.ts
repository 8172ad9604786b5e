import {expect} from 'chai'

import {
  type QuorumMember,
  type QuorumState,
  planAddition,
  planRemoval,
  quorumState,
} from '../../../../src/admin/cluster/quorum.js'
import {KctlError} from '../../../../src/errors.js'

const DIRS = ['mfy4aOA3IbXgWby4n5-uFw', 'XTWEKufDZnlZEMeTOhP2RQ', '7YAvm7a93KVOk7t6Dp7KlQ']

function member(id: number, role: QuorumMember['role'], active = true): QuorumMember {
  return {
    id,
    role,
    directoryId: DIRS[id - 1] ?? null,
    logEndOffset: 10n,
    lag: 0n,
    lastFetchAgeMs: active ? 100 : 60_000,
    active,
    endpoints: role === 'observer' ? [] : [`CONTROLLER://127.0.0.1:${9000 + id}`],
  }
}

function quorum(voters: QuorumMember[], observers: QuorumMember[] = []): QuorumState {
  const endpoints = Object.fromEntries(
    voters.map((v) => [v.id, [{name: 'CONTROLLER', host: '127.0.0.1', port: 9000 + v.id}]]),
  )
  return {leaderId: 1, leaderEpoch: 3, highWatermark: 10n, dynamic: true, voters, observers, endpoints}
}

const three = () => quorum([member(1, 'leader'), member(2, 'follower'), member(3, 'follower')])
const code = (fn: () => unknown) => {
  try {
    fn()
  } catch (error) {
    return [(error as KctlError).code, (error as KctlError).exitCode]
  }
  return 'no error'
}

describe('KRaft quorum: removing a voter', () => {
  it('plans the removal of a voter, with its directory id and the voters that stay', () => {
    const plan = planRemoval(three(), 'c1', {controller: 3})
    expect(plan).to.include({clusterId: 'c1', controller: 3, directoryId: DIRS[2], leader: 1})
    expect(plan.votersBefore).to.deep.equal([1, 2, 3])
    expect(plan.votersAfter).to.deep.equal([1, 2])
    expect(plan.notes.join(' ')).to.match(/2 voter\(s\) tolerate 0 failure/)
    expect(planRemoval(three(), 'c1', {controller: 1}).notes.join(' ')).to.match(/is the quorum leader/)
  })

  it('refuses (exit 2) what Kafka would refuse or what would stop the quorum', () => {
    expect(code(() => planRemoval(three(), 'c1', {controller: 4}))).to.deep.equal(['NOT_A_VOTER', 2])
    expect(code(() => planRemoval(three(), 'c1', {controller: 3, directoryId: DIRS[0]}))).to.deep.equal([
      'DIRECTORY_ID_MISMATCH',
      2,
    ])
    expect(code(() => planRemoval(quorum([member(1, 'leader')]), 'c1', {controller: 1}))).to.deep.equal([
      'QUORUM_MAJORITY',
      2,
    ])
    // 3 voters, 3 down: removing the healthy 2 leaves 1 and 3, one of them caught up: no majority.
    const oneDown = quorum([member(1, 'leader'), member(2, 'follower'), member(3, 'follower', false)])
    expect(code(() => planRemoval(oneDown, 'c1', {controller: 2}))).to.deep.equal(['QUORUM_MAJORITY', 2])
    // Removing the one that is down is fine.
    expect(planRemoval(oneDown, 'c1', {controller: 3}).votersAfter).to.deep.equal([1, 2])
    // --unregister only for a controller that stopped fetching (a running one registers again).
    expect(code(() => planRemoval(three(), 'c1', {controller: 2, unregister: true}))).to.deep.equal([
      'CONTROLLER_STILL_RUNNING',
      2,
    ])
    expect(planRemoval(oneDown, 'c1', {controller: 3, unregister: true}).controller).to.equal(3)
  })

  it('refuses a static quorum (no directory ids) with exit 1', () => {
    const q = {...three(), dynamic: false}
    expect(code(() => planRemoval(q, 'c1', {controller: 3}))).to.deep.equal(['STATIC_QUORUM', 1])
    expect(code(() => planAddition(q, 'c1', {controller: 3}))).to.deep.equal(['STATIC_QUORUM', 1])
  })
})

describe('KRaft quorum: adding a voter', () => {
  const two = () => quorum([member(1, 'leader'), member(2, 'follower')], [member(3, 'observer')])
  const endpoint = {name: 'CONTROLLER', host: '127.0.0.1', port: 9003}

  it("takes the observer's directory id and the given endpoint", () => {
    const plan = planAddition(two(), 'c1', {controller: 3, endpoints: [endpoint]})
    expect(plan).to.deep.include({
      controller: 3,
      directoryId: DIRS[2],
      directoryIdFrom: 'observer',
      endpoints: [endpoint],
    })
    expect(plan.votersAfter).to.deep.equal([1, 2, 3])
    expect(
      planAddition(two(), 'c1', {controller: 3, directoryId: DIRS[2], endpoints: [endpoint]}).directoryIdFrom,
    ).to.equal('flag')
  })

  it('refuses a voter, an unknown node, another directory id, and a missing endpoint (exit 2)', () => {
    expect(code(() => planAddition(two(), 'c1', {controller: 2, endpoints: [endpoint]}))).to.deep.equal([
      'ALREADY_A_VOTER',
      2,
    ])
    expect(code(() => planAddition(two(), 'c1', {controller: 7, endpoints: [endpoint]}))).to.deep.equal([
      'NOT_AN_OBSERVER',
      2,
    ])
    expect(
      code(() => planAddition(two(), 'c1', {controller: 3, directoryId: DIRS[0], endpoints: [endpoint]})),
    ).to.deep.equal(['DIRECTORY_ID_MISMATCH', 2])
    expect(code(() => planAddition(two(), 'c1', {controller: 3}))).to.deep.equal(['MISSING_FLAG', 2])
  })
})

describe('KRaft quorum: reading DescribeQuorum', () => {
  it('roles, directory ids in Kafka form, lag and fetch age on the leader clock, voter endpoints', () => {
    const replica = (id: number, dir: string, leo: bigint, fetch: bigint) => ({
      replicaId: id,
      replicaDirectoryId: Buffer.from(dir, 'base64url').toString('hex'),
      logEndOffset: leo,
      lastFetchTimestamp: fetch,
      lastCaughtUpTimestamp: fetch,
    })
    const q = quorumState({
      errorCode: 0,
      errorMessage: null,
      topics: [
        {
          topicName: '__cluster_metadata',
          partitions: [
            {
              partitionIndex: 0,
              errorCode: 0,
              errorMessage: null,
              leaderId: 2,
              leaderEpoch: 5,
              highWatermark: 100n,
              currentVoters: [replica(2, DIRS[1], 100n, 50_000n), replica(1, DIRS[0], 98n, 49_600n)],
              observers: [replica(3, DIRS[2], 90n, 30_000n)],
            },
          ],
        },
      ],
      nodes: [{nodeId: 1, listeners: [{name: 'CONTROLLER', host: 'h1', port: 9093}]}],
    })
    expect(q.dynamic).to.equal(true)
    expect(q.voters.map((v) => [v.id, v.role, v.directoryId, v.lag, v.lastFetchAgeMs, v.active])).to.deep.equal([
      [1, 'follower', DIRS[0], 2n, 400, true],
      [2, 'leader', DIRS[1], 0n, 0, true],
    ])
    expect(q.observers[0]).to.include({id: 3, role: 'observer', lag: 10n, lastFetchAgeMs: 20_000, active: false})
    expect(q.voters[0].endpoints).to.deep.equal(['CONTROLLER://h1:9093'])
  })
})
