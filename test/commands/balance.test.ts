import {expect} from 'chai'
import {existsSync, mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {type PreparedBalance, balanceService} from '../../src/admin/partitions/balance.js'
import BrokersDrain from '../../src/commands/brokers/drain.js'
import PartitionsRebalance from '../../src/commands/partitions/rebalance.js'
import {parseReassignmentPlan} from '../../src/input/kafka-json.js'
import {replace, runCmd, servicesReplaced} from './helpers.js'

const prepared: PreparedBalance = {
  plan: {
    moves: [
      {topic: 'orders', partition: 0, current: [3, 1], proposed: [1, 2], adding: [2], removing: [3]},
      {topic: 'orders', partition: 1, current: [1, 3], proposed: [1, 2], adding: [2], removing: [3]},
    ],
    elections: [{topic: 'orders', partition: 0, leader: 1}],
  },
  brokers: [],
  states: [],
}
const empty: PreparedBalance = {plan: {moves: [], elections: []}, brokers: [], states: []}
const executed = (overrides: object = {}) => ({
  moves: prepared.plan.moves.map((m) => ({...m, error: null})),
  elections: [{topic: 'orders', partition: 0, leader: 1, result: 'elected' as const, error: null}],
  complete: true,
  throttlesRemoved: true,
  verified: true,
  ...overrides,
})

describe('brokers drain and partitions rebalance (services replaced)', () => {
  const restores = servicesReplaced()
  const dir = mkdtempSync(join(tmpdir(), 'kctl-balance-'))

  it('drain --dry-run: the scope reaches the planner, the plan and rollback files are written, nothing executes', async () => {
    let scope: unknown
    let executions = 0
    restores.push(
      replace(balanceService, {
        planBrokerDrain: async (_c, id, s) => ((scope = {id, ...s}), prepared),
        executeBalance: async () => ((executions += 1), executed()),
      }),
    )
    const planFile = join(dir, 'drain-plan.json')
    const rollbackFile = join(dir, 'drain-rollback.json')
    const dry = await runCmd(BrokersDrain, [
      '3',
      '--topics',
      'orders,payments',
      '--topics',
      'orders',
      '--exclude-internal',
      '--plan-out',
      planFile,
      '--rollback-out',
      rollbackFile,
      '--dry-run',
      '--json',
      '-b',
      'x:9092',
    ])
    expect(dry.exitCode, dry.stderr).to.equal(0)
    expect(scope).to.deep.equal({id: 3, topics: ['orders', 'payments'], excludeInternal: true})
    expect(executions).to.equal(0)
    const r = JSON.parse(dry.stdout)
    expect(r).to.include({operation: 'drain', broker: 3, dryRun: true, balanced: false, movedReplicaCount: 2})
    expect(r.topics).to.deep.equal(['orders', 'payments'])
    expect(r.elections).to.deep.equal([{topic: 'orders', partition: 0, leader: 1, result: 'planned', error: null}])
    // Kafka's reassignment JSON: the plan for `reassign --verify`, the current assignment for undo.
    expect(parseReassignmentPlan(JSON.parse(readFileSync(planFile, 'utf8')))).to.deep.equal([
      {topic: 'orders', partition: 0, replicas: [1, 2]},
      {topic: 'orders', partition: 1, replicas: [1, 2]},
    ])
    expect(parseReassignmentPlan(JSON.parse(readFileSync(rollbackFile, 'utf8')))).to.deep.equal([
      {topic: 'orders', partition: 0, replicas: [3, 1]},
      {topic: 'orders', partition: 1, replicas: [1, 3]},
    ])
    expect(r.rollback).to.deep.equal(JSON.parse(readFileSync(rollbackFile, 'utf8')))
  })

  it('drain without --yes and without a terminal refuses (exit 2) and executes nothing', async () => {
    let executions = 0
    restores.push(
      replace(balanceService, {
        planBrokerDrain: async () => prepared,
        executeBalance: async () => ((executions += 1), executed()),
      }),
    )
    const refused = await runCmd(BrokersDrain, ['3', '-b', 'x:9092'])
    expect(refused.exitCode).to.equal(2)
    expect(refused.stderr).to.match(/^Error: Refusing to make this change without confirmation/m)
    expect(executions).to.equal(0)
  })

  it('drain --yes --wait --throttle: the throttle, wait and drained broker reach the execution; a failed verification is exit 1', async () => {
    let options: Record<string, unknown> = {}
    restores.push(
      replace(balanceService, {
        planBrokerDrain: async () => prepared,
        executeBalance: async (_c, _p, o) => ((options = o), executed()),
      }),
    )
    const ok = await runCmd(BrokersDrain, ['2', '--throttle', '50MiB/s', '--wait', '--yes', '--json', '-b', 'x:9092'])
    expect(ok.exitCode, ok.stderr).to.equal(0)
    expect(options).to.include({throttle: 50 * 1024 * 1024, wait: true, drained: 2})
    expect(JSON.parse(ok.stdout)).to.include({complete: true, throttlesRemoved: true, verified: true})

    restores.push(
      replace(balanceService, {
        planBrokerDrain: async () => prepared,
        executeBalance: async () => executed({verified: false}),
      }),
    )
    const unverified = await runCmd(BrokersDrain, ['2', '--wait', '--yes', '-b', 'x:9092'])
    expect(unverified.exitCode).to.equal(1)
    expect(unverified.stdout).to.match(/Not verified/)
  })

  it('rebalance of a balanced cluster: says so, exit 0, executes nothing and writes no file', async () => {
    let executions = 0
    let options: unknown
    restores.push(
      replace(balanceService, {
        planPartitionRebalance: async (_c, _s, o) => ((options = o), empty),
        executeBalance: async () => ((executions += 1), executed()),
      }),
    )
    const planFile = join(dir, 'balanced-plan.json')
    const r = await runCmd(PartitionsRebalance, [
      '--by-size',
      '--brokers',
      '1,2,2',
      '--plan-out',
      planFile,
      '-b',
      'x:9092',
    ])
    expect(r.exitCode, r.stderr).to.equal(0)
    expect(r.stdout).to.match(/Already balanced \(by size, preferred leaders too\): nothing to move or elect/)
    expect(options).to.deep.equal({brokers: [1, 2], bySize: true})
    expect(executions).to.equal(0)
    expect(existsSync(planFile)).to.equal(false)
  })

  it('rebalance with only elections asks about the elections and reports them', async () => {
    const electionsOnly: PreparedBalance = {...empty, plan: {moves: [], elections: prepared.plan.elections}}
    restores.push(
      replace(balanceService, {
        planPartitionRebalance: async () => electionsOnly,
        executeBalance: async () => executed({moves: [], complete: null, throttlesRemoved: false, verified: null}),
      }),
    )
    const r = await runCmd(PartitionsRebalance, ['--yes', '-b', 'x:9092'])
    expect(r.exitCode, r.stderr).to.equal(0)
    expect(r.stdout).to.match(/Preferred leaders: 1 of 1 elected\./)
  })
})
