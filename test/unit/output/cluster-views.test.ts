import {expect} from 'chai'

import type {ClusterHealth} from '../../../src/admin/cluster/health.js'
import {healthView} from '../../../src/commands/cluster/health.js'
import type {ReassignResult} from '../../../src/cli/views/reassign.js'
import {render} from '../../../src/output/render.js'
import {moveLines, moveQuestion, progressBar, reassignProgress, reassignView} from '../../../src/cli/views/reassign.js'

const partitions = Array.from({length: 12}, (_, i) => ({
  topic: 'orders',
  partition: i,
  leader: 1,
  replicas: [1, 2],
  isr: [1],
}))
const health: ClusterHealth = {
  healthy: false,
  checks: [
    {
      name: 'under-replicated',
      ok: false,
      skipped: false,
      summary: '12 under-replicated partitions',
      partitions,
      brokers: [],
    },
    {name: 'brokers', ok: false, skipped: false, summary: '2 fenced', partitions: [], brokers: [2]},
    {name: 'leader-skew', ok: true, skipped: true, summary: 'leaders per broker 1:12', partitions: [], brokers: []},
  ],
  brokers: [
    {
      id: 1,
      host: 'h',
      port: 9092,
      rack: null,
      fenced: false,
      registered: true,
      leaders: 12,
      preferredLeaders: 12,
      replicas: 12,
      imbalance: 0,
    },
  ],
  quorum: {
    leaderId: 1,
    leaderEpoch: 3,
    highWatermark: 100n,
    voters: [{id: 1, logEndOffset: 100n, lag: 0n, lastFetchAgoMs: 0, lastCaughtUpAgoMs: 0}],
    observers: [],
  },
}

describe('cluster views', () => {
  it('health table: status, failing checks with the first 10 partitions (all with -o wide), brokers and quorum', () => {
    const table = render(health, healthView(false, false), 'table', {color: false})
    expect(table).to.match(/^Status: UNHEALTHY \(2 of 3 checks failed\)$/m)
    expect(table).to.match(
      /^under-replicated\s+FAIL\s+12 under-replicated partitions\s+orders-0, .*orders-9 \(\+2 more, see -o wide\)$/m,
    )
    expect(table).to.match(/^brokers\s+FAIL\s+2 fenced\s+broker 2$/m)
    expect(table).to.match(/^leader-skew\s+skipped/m)
    expect(table).to.match(/^\s+1\s+leader\s+100\s+0\s+0ms ago$/m)
    const wide = render(health, healthView(false, true), 'wide', {color: false})
    expect(wide).to.include('orders-11')
    expect(wide).not.to.include('more, see')
    // No ANSI codes without colour.
    expect(table).not.to.match(/\u001B\[/)
  })

  it('health csv has one row per check', () => {
    const csv = render(health, healthView(false, false), 'csv', {color: false}).trim().split('\n')
    expect(csv[0]).to.equal('check,status,summary,affected')
    expect(csv).to.have.length(4)
  })

  it('reassign views per mode', () => {
    const gen: ReassignResult = {
      mode: 'generate',
      movedReplicas: 1,
      moves: [{topic: 't', partition: 0, current: [1, 2], proposed: [2, 3], adding: [3], removing: [1]}],
      current: {version: 1, partitions: [{topic: 't', partition: 0, replicas: [1, 2], log_dirs: ['any', 'any']}]},
      proposed: {version: 1, partitions: [{topic: 't', partition: 0, replicas: [2, 3], log_dirs: ['any', 'any']}]},
      planFile: null,
    }
    const out = render(gen, reassignView(false), 'table', {color: false})
    expect(out).to.match(/^t\s+0\s+1,2\s+2,3\s+3\s+1\s+planned$/m)
    expect(out).to.include(
      'Proposed plan:\n{"version":1,"partitions":[{"topic":"t","partition":0,"replicas":[2,3],"log_dirs":["any","any"]}]}',
    )
    const verify: ReassignResult = {
      mode: 'verify',
      complete: false,
      partitions: [{topic: 't', partition: 0, target: [2, 3], current: [2, 3, 1], status: 'in-progress'}],
      throttlesRemoved: false,
    }
    expect(render(verify, reassignView(false), 'table', {color: false})).to.match(
      /^t\s+0\s+2,3,1\s+2,3\s+-\s+-\s+in-progress$/m,
    )
    expect(
      render({mode: 'list', reassignments: []} as ReassignResult, reassignView(false), 'table', {color: false}),
    ).to.include('No reassignments in progress.')
  })

  it('reassignment confirmation text, move lines and progress', () => {
    const moves = [
      {topic: 't', partition: 0, current: [1], proposed: [1, 2, 3], adding: [2, 3], removing: []},
      {topic: 't', partition: 1, current: [1, 2, 3], proposed: [2, 3], adding: [], removing: [1]},
    ]
    expect(moveLines(moves)).to.equal('t:0  1 -> 1,2,3\nt:1  1,2,3 -> 2,3')
    expect(moveQuestion(moves, 1000)).to.equal(
      'Reassign 2 partition(s): copy 2 replica(s), remove 1, throttled to 1000 B/s?',
    )
    expect(moveQuestion(moves.slice(0, 1), null)).to.equal('Reassign 1 partition(s): copy 2 replica(s)?')
    expect(progressBar(1, 4, 8)).to.equal('[##......]')
    const lines: string[] = []
    const progress = reassignProgress((l) => lines.push(l))
    progress(0, 2)
    progress(0, 2)
    progress(2, 2)
    expect(lines).to.deep.equal([
      'reassignment: 0/2 partitions done [..............................]',
      'reassignment: 2/2 partitions done [##############################]',
    ])
  })
})
