import {expect} from 'chai'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {clusterService} from '../../src/admin/cluster/cluster.js'
import {type GroupDescription, groupsService} from '../../src/admin/groups/groups.js'
import {type PlannedReset, type ResetRow, offsetResetService} from '../../src/admin/groups/offset-reset.js'
import {appendJournal} from '../../src/admin/journal.js'
import OffsetsReset from '../../src/commands/offsets/reset.js'
import OffsetsUndo from '../../src/commands/offsets/undo.js'
import {replace, runCmd, servicesReplaced} from './helpers.js'

const row = (partition: number, current: bigint | null, next: bigint): ResetRow => ({
  group: 'billing',
  topic: 'orders',
  partition,
  currentOffset: current,
  newOffset: next,
  logStartOffset: 0n,
  logEndOffset: 20n,
  lagBefore: current === null ? null : 20n - current,
  lagAfter: 20n - next,
})

const description = (state: string, members = 0): GroupDescription => ({
  group: 'billing',
  state,
  type: 'classic',
  protocolType: 'consumer',
  assignor: null,
  coordinator: 1,
  members: Array.from({length: members}, (_, i) => ({memberId: `m${i}`}) as never),
})

const planned = (rows: ResetRow[], state = 'Empty', members = 0): PlannedReset => ({
  strategy: 'to earliest',
  groups: [{group: 'billing', state, members}],
  rows,
  executed: false,
  journal: [],
  descriptions: [description(state, members)],
  coordinators: new Map([['billing', 1]]),
  committed: new Map(),
})

describe('offsets reset and undo (services replaced)', () => {
  const restores = servicesReplaced()
  let calls: string[]
  let planOptions: Parameters<typeof offsetResetService.planReset>[1] | undefined
  let executed: Parameters<typeof offsetResetService.executeReset>[2] | undefined

  const services = (plan: PlannedReset) => {
    calls = []
    planOptions = undefined
    executed = undefined
    restores.push(
      replace(groupsService, {findCoordinators: async () => new Map([['billing', 1]])}),
      replace(clusterService, {describeCluster: async () => ({clusterId: 'c1'}) as never}),
      replace(offsetResetService, {
        planReset: async (_c, options) => ((planOptions = options), calls.push('plan'), plan),
        executeReset: async (_c, _plan, journal) => ((executed = journal), calls.push('execute'), ['j1']),
      }),
    )
  }

  it('without --execute shows the plan and changes nothing', async () => {
    services(planned([row(0, 5n, 0n), row(1, null, 0n)]))
    const r = await runCmd(OffsetsReset, [
      '--group',
      'billing',
      '--topic',
      'orders',
      '--to-earliest',
      '-b',
      'x:9092',
      '--json',
    ])
    expect(r.exitCode, r.stderr).to.equal(0)
    const out = JSON.parse(r.stdout)
    expect(out.executed).to.equal(false)
    expect(out.rows.map((x: {partition: number; newOffset: number}) => [x.partition, x.newOffset])).to.deep.equal([
      [0, 0],
      [1, 0],
    ])
    expect(calls).to.deep.equal(['plan'])
    expect(planOptions).to.deep.include({groups: ['billing'], strategy: {kind: 'earliest'}, requireExisting: true})
    expect(planOptions?.scope.topics).to.deep.equal([{topic: 'orders'}])
  })

  it('--execute --yes journals and commits through the service, with the cluster id, and says so', async () => {
    services(planned([row(0, 5n, 0n)]))
    const r = await runCmd(OffsetsReset, [
      '--group',
      'billing',
      '--topic',
      'orders:0',
      '--shift-by=-5',
      '--execute',
      '--yes',
      '-b',
      'x:9092',
      '--json',
    ])
    expect(r.exitCode, r.stderr).to.equal(0)
    expect(calls).to.deep.equal(['plan', 'execute'])
    expect(executed).to.deep.include({clusterId: 'c1'})
    expect(JSON.parse(r.stdout)).to.include({executed: true}).and.to.have.deep.property('journal', ['j1'])
  })

  it('--execute without --yes and without a terminal refuses (exit 2), committing nothing', async () => {
    services(planned([row(0, 5n, 0n)]))
    const r = await runCmd(OffsetsReset, [
      '--group',
      'billing',
      '--all-topics',
      '--to-latest',
      '--execute',
      '-b',
      'x:9092',
    ])
    expect(r.exitCode).to.equal(2)
    expect(calls).to.deep.equal(['plan'])
  })

  it('an active group: the plan warns; --execute refuses (exit 1) before committing', async () => {
    services(planned([row(0, 5n, 0n)], 'Stable', 2))
    const plan = await runCmd(OffsetsReset, ['--group', 'billing', '--all-topics', '--to-earliest', '-b', 'x:9092'])
    expect(plan.exitCode).to.equal(0)
    expect(plan.stderr).to.match(/group billing is Stable with 2 member\(s\): --execute will refuse/)
    const run = await runCmd(OffsetsReset, [
      '--group',
      'billing',
      '--all-topics',
      '--to-earliest',
      '--execute',
      '--yes',
      '-b',
      'x:9092',
    ])
    expect(run.exitCode).to.equal(1)
    expect(calls).to.not.include('execute')
  })

  it("--export prints Kafka's CSV (topic,partition,offset)", async () => {
    services(planned([row(0, 5n, 3n), row(1, 5n, 4n)]))
    const r = await runCmd(OffsetsReset, [
      '--group',
      'billing',
      '--topic',
      'orders',
      '--to-offset',
      '3',
      '--export',
      '-b',
      'x:9092',
    ])
    expect(r.stdout).to.equal('orders,0,3\norders,1,4\n')
  })

  describe('undo', () => {
    let stateDir: string | undefined
    beforeEach(() => {
      stateDir = process.env.KCTL_STATE_DIR
      process.env.KCTL_STATE_DIR = mkdtempSync(join(tmpdir(), 'kctl-undo-'))
    })
    afterEach(() => {
      if (stateDir === undefined) delete process.env.KCTL_STATE_DIR
      else process.env.KCTL_STATE_DIR = stateDir
    })

    it("plans the journal's previous offsets back; partitions that had none are deleted; --execute applies both", async () => {
      const entry = appendJournal({
        clusterId: 'c1',
        group: 'billing',
        action: 'to earliest',
        offsets: [
          {topic: 'orders', partition: 0, previous: '5', new: '0'},
          {topic: 'orders', partition: 1, previous: null, new: '0'},
        ],
      })
      services(planned([row(0, 0n, 5n), row(1, 0n, 0n)]))
      const preview = await runCmd(OffsetsUndo, ['--group', 'billing', '-b', 'x:9092', '--json'])
      expect(preview.exitCode, preview.stderr).to.equal(0)
      const p = JSON.parse(preview.stdout)
      expect(p).to.include({undoOf: entry.id, executed: false})
      expect(p.rows.map((x: {partition: number}) => x.partition)).to.deep.equal([0])
      expect(p.deletes.map((x: {partition: number}) => x.partition)).to.deep.equal([1])
      expect(planOptions?.strategy).to.deep.equal({
        kind: 'file',
        rows: [
          {group: 'billing', topic: 'orders', partition: 0, offset: 5n},
          {group: 'billing', topic: 'orders', partition: 1, offset: 0n},
        ],
      })
      expect(calls).to.deep.equal(['plan'])

      services(planned([row(0, 0n, 5n), row(1, 0n, 0n)]))
      const done = await runCmd(OffsetsUndo, ['--group', 'billing', '--execute', '--yes', '-b', 'x:9092', '--json'])
      expect(done.exitCode, done.stderr).to.equal(0)
      expect(calls).to.deep.equal(['plan', 'execute'])
      expect(executed?.action).to.equal(`undo of ${entry.id}`)
      expect(executed?.deletes?.map((d) => d.partition)).to.deep.equal([1])
    })

    it('nothing in the journal for the group on this cluster: exit 2, nothing planned', async () => {
      appendJournal({clusterId: 'other', group: 'billing', action: 'to earliest', offsets: []})
      services(planned([]))
      const r = await runCmd(OffsetsUndo, ['--group', 'billing', '-b', 'x:9092'])
      expect(r.exitCode).to.equal(2)
      expect(r.stderr).to.match(/The journal has no reset of group billing on cluster c1/)
      expect(calls).to.deep.equal([])
    })

    it('--list shows the journal, newest first, filtered by --group', async () => {
      appendJournal({clusterId: 'c1', group: 'billing', action: 'to earliest', offsets: []})
      appendJournal({clusterId: 'c1', group: 'audit', action: 'to latest', offsets: []})
      appendJournal({clusterId: 'c1', group: 'billing', action: 'shift by -5', offsets: []})
      const r = await runCmd(OffsetsUndo, ['--list', '--group', 'billing', '--json'])
      expect(JSON.parse(r.stdout).entries.map((e: {action: string}) => e.action)).to.deep.equal([
        'shift by -5',
        'to earliest',
      ])
    })
  })
})
