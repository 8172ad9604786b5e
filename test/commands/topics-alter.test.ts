import {expect} from 'chai'

import {reassignService} from '../../src/admin/partitions/reassign.js'
import {type TopicAlterPlan, topicAlterService} from '../../src/admin/topics/topic-alter.js'
import {topicsService} from '../../src/admin/topics/topics.js'
import TopicsAlter from '../../src/commands/topics/alter.js'
import {replace, runCmd, withoutBroker} from './helpers.js'

const move = (partition: number, current: number[], proposed: number[]) => ({
  topic: 't',
  partition,
  current,
  proposed,
  adding: proposed.filter((b) => !current.includes(b)),
  removing: current.filter((b) => !proposed.includes(b)),
})

const plan: TopicAlterPlan = {
  topic: 't',
  partitionsBefore: 2,
  partitionsAfter: 3,
  replicationFactorBefore: 1,
  replicationFactorAfter: 2,
  newAssignments: [[3]],
  moves: [move(0, [1], [1, 2]), move(1, [2], [2, 3]), move(2, [3], [3, 1])],
}

describe('topics alter (services replaced)', () => {
  const restores: (() => void)[] = []
  const calls: string[] = []
  beforeEach(() => {
    calls.length = 0
    restores.push(
      withoutBroker(),
      replace(topicAlterService, {
        planTopicAlter: async () => (calls.push('plan'), plan),
        createPlannedPartitions: async () => void calls.push('create'),
      }),
      replace(topicsService, {
        increasePartitions: async (_c, _n, _count, o) =>
          void calls.push(`increase dryRun=${o.dryRun} assignments=${JSON.stringify(o.assignments)}`),
      }),
      replace(reassignService, {
        runReassignment: async (_c, moves, o) => (
          calls.push(`run throttle=${o.throttle} wait=${o.wait}`),
          {
            moves: moves.map((m) => ({...m, error: null})),
            complete: o.wait,
            throttlesRemoved: o.wait && o.throttle !== null,
          }
        ),
      }),
    )
  })
  afterEach(() => {
    while (restores.length > 0) restores.pop()!()
    process.exitCode = undefined
  })

  it('rejects bad flag combinations before connecting (exit 2, hint, no service call)', async () => {
    for (const argv of [
      ['t'],
      ['t', '--replication-factor', '0'],
      ['t', '--partitions', '0'],
      ['t', '--wait'],
      ['t', '--replication-factor', '2', '--throttle', '10 parsecs'],
    ]) {
      const r = await runCmd(TopicsAlter, [...argv, '-b', 'x:9092'])
      expect(r.exitCode, argv.join(' ')).to.equal(2)
      expect(r.stderr)
        .to.match(/^Error: /m)
        .and.match(/^Hint: /m)
    }
    expect(calls).to.deep.equal([])
  })

  it('a replication-factor change is destructive: without --yes off a terminal it refuses after planning, changing nothing', async () => {
    const r = await runCmd(TopicsAlter, ['t', '--replication-factor', '2', '--partitions', '3', '-b', 'x:9092'])
    expect(r.exitCode).to.equal(2)
    expect(r.stderr).to.match(/^Error: Refusing to make this change without confirmation/m)
    expect(calls).to.deep.equal(['plan'])
  })

  it('--dry-run validates the partition increase on the broker only; JSON shape is stable', async () => {
    const r = await runCmd(TopicsAlter, [
      't',
      '--replication-factor',
      '2',
      '--partitions',
      '3',
      '--dry-run',
      '--json',
      '-b',
      'x:9092',
    ])
    expect(r.exitCode).to.equal(0)
    expect(calls).to.deep.equal(['plan', 'increase dryRun=true assignments=[[3]]'])
    const d = JSON.parse(r.stdout)
    expect(Object.keys(d)).to.deep.equal([
      'topic',
      'dryRun',
      'partitionsBefore',
      'partitionsAfter',
      'replicationFactorBefore',
      'replicationFactorAfter',
      'reassignment',
    ])
    expect(d.reassignment).to.deep.include({throttle: null, movedReplicas: 3, complete: null, throttlesRemoved: false})
  })

  it('--yes --wait --throttle: creates the partitions, then runs the reassignment; the table shows the moves', async () => {
    const r = await runCmd(TopicsAlter, [
      't',
      '--replication-factor',
      '2',
      '--partitions',
      '3',
      '--throttle',
      '1MB/s',
      '--wait',
      '--yes',
      '-b',
      'x:9092',
    ])
    expect(r.exitCode, r.stderr).to.equal(0)
    expect(calls).to.deep.equal(['plan', 'create', 'run throttle=1000000 wait=true'])
    expect(r.stdout).to.match(/^Replication factor: +1 -> 2$/m)
    expect(r.stdout).to.match(/^t +2 +3 +3,1 +1 +complete$/m)
    expect(r.stdout).to.match(/Submitted 3 move\(s\), throttled to 1000000 B\/s\. Complete\. Throttles removed\./)
  })
})
