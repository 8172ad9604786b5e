import {expect} from 'chai'

import {clusterService} from '../../src/admin/cluster/cluster.js'
import {transactionsService} from '../../src/admin/records/transactions.js'
import TxnAbort from '../../src/commands/txn/abort.js'
import TxnHanging from '../../src/commands/txn/hanging.js'
import TxnList from '../../src/commands/txn/list.js'
import {FIXTURES} from './fixtures.js'
import {replace, runCmd, servicesReplaced} from './helpers.js'

const plan = FIXTURES.abortPlan

describe('txn commands (services replaced)', () => {
  const restores = servicesReplaced()

  it('txn list passes canonical states, the duration and the pattern to the service', async () => {
    let seen: unknown
    restores.push(replace(transactionsService, {listTransactions: async (_c, filter) => ((seen = filter), [])}))
    const r = await runCmd(TxnList, [
      '--json',
      '-b',
      'x:9092',
      '--state',
      'ONGOING,prepareCommit',
      '--duration-filter',
      '10m',
      '--pattern',
      'app-.*',
    ])
    expect(JSON.parse(r.stdout)).to.deep.equal({transactions: []})
    expect(seen).to.deep.equal({states: ['Ongoing', 'PrepareCommit'], minDurationMs: 600_000, pattern: 'app-.*'})
  })

  it('txn abort --dry-run plans but never aborts or journals; --yes does both, the journal first', async () => {
    const calls: string[] = []
    restores.push(
      replace(transactionsService, {
        planAbort: async () => (calls.push('plan'), plan),
        journalAbort: () => void calls.push('journal'),
        abortTransaction: async () => void calls.push('abort'),
      }),
    )
    const dry = await runCmd(TxnAbort, ['--json', '-b', 'x:9092', 'orders:0', '--start-offset', '7', '--dry-run'])
    expect(JSON.parse(dry.stdout)).to.include({dryRun: true, aborted: false, producerId: 5_000_000_000})
    expect(calls).to.deep.equal(['plan'])
    const refused = await runCmd(TxnAbort, ['-b', 'x:9092', 'orders:0', '--start-offset', '7'])
    expect(refused.exitCode).to.equal(2)
    expect(calls).to.deep.equal(['plan', 'plan'])
    restores.push(replace(clusterService, {clusterId: async () => 'c1'}))
    const done = await runCmd(TxnAbort, ['--json', '-b', 'x:9092', 'orders:0', '--start-offset', '7', '--yes'])
    expect(JSON.parse(done.stdout)).to.include({dryRun: false, aborted: true})
    expect(calls).to.deep.equal(['plan', 'plan', 'plan', 'journal', 'abort'])
  })

  it('txn hanging exits 3 when it finds any, 0 when none', async () => {
    const found = {
      ...plan,
      broker: 2,
      lastSequence: 0,
      lastTimestamp: 0,
      coordinatorEpoch: null,
      txnStartOffset: 7n,
      durationMs: 1000,
      transactionalId: null,
      abortCommand: 'kctl txn abort orders:0 --start-offset 7',
    }
    restores.push(replace(transactionsService, {findHangingTransactions: async () => [found]}))
    const bad = await runCmd(TxnHanging, ['-b', 'x:9092', '--broker', '2'])
    expect(bad.exitCode).to.equal(3)
    expect(bad.stdout).to.include('kctl txn abort orders:0 --start-offset 7')
    restores.push(replace(transactionsService, {findHangingTransactions: async () => []}))
    expect((await runCmd(TxnHanging, ['-b', 'x:9092', '--topic', 'orders'])).exitCode).to.equal(0)
  })
})
