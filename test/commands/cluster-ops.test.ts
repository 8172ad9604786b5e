import {expect} from 'chai'
import {existsSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {electionsService} from '../../src/admin/partitions/elections.js'
import {healthService} from '../../src/admin/cluster/health.js'
import {reassignService} from '../../src/admin/partitions/reassign.js'
import {recordsService} from '../../src/admin/records/records.js'
import ClusterHealthCommand from '../../src/commands/cluster/health.js'
import PartitionsElectLeaders from '../../src/commands/partitions/elect-leaders.js'
import PartitionsReassign from '../../src/commands/partitions/reassign.js'
import RecordsDelete from '../../src/commands/records/delete.js'
import {replace, runCmd, servicesReplaced} from './helpers.js'
import {health} from './fixtures.js'

describe('cluster operation commands (services replaced)', () => {
  const restores = servicesReplaced()
  const dir = mkdtempSync(join(tmpdir(), 'kctl-ops-'))

  it('cluster health exits 3 when a check fails and 0 when healthy; --json prints the service result; flags reach the service', async () => {
    let seen: unknown
    restores.push(replace(healthService, {clusterHealth: async (_c, options) => ((seen = options), health(false))}))
    const bad = await runCmd(ClusterHealthCommand, [
      '--json',
      '-b',
      'x:9092',
      '--skip-check',
      'leader-skew',
      '--max-quorum-lag',
      '30s',
      '--max-leader-imbalance',
      '20',
      '--max-transaction-timeout',
      '2m',
    ])
    expect(bad.exitCode).to.equal(3)
    expect(JSON.parse(bad.stdout)).to.deep.equal(health(false))
    expect(seen).to.deep.equal({
      skip: ['leader-skew'],
      maxQuorumLagMs: 30_000,
      maxImbalance: 0.2,
      maxTransactionTimeoutMs: 120_000,
    })
    restores.push(replace(healthService, {clusterHealth: async () => health(true)}))
    const good = await runCmd(ClusterHealthCommand, ['-b', 'x:9092'])
    expect(good.exitCode).to.equal(0)
    expect(good.stdout).to.match(/^Status: HEALTHY/m)
  })

  it('records delete --dry-run never deletes; without --yes and without a TTY it refuses (exit 2)', async () => {
    let deleted = 0
    const plan = [{topic: 't', partition: 0, leader: 1, earliest: 0n, latest: 10n, deleteBefore: 4n, records: 4n}]
    restores.push(
      replace(recordsService, {planRecordDeletion: async () => plan, deleteRecords: async () => ((deleted += 1), [])}),
    )
    const dry = await runCmd(RecordsDelete, [
      '--topic',
      't',
      '--before-offset',
      '4',
      '--dry-run',
      '--json',
      '-b',
      'x:9092',
    ])
    expect(JSON.parse(dry.stdout)).to.deep.equal({
      dryRun: true,
      recordsDeleted: 0,
      partitions: [{...plan[0], earliest: 0, latest: 10, deleteBefore: 4, records: 4, lowWatermark: null, error: null}],
    })
    const refused = await runCmd(RecordsDelete, ['--topic', 't', '--before-offset', '4', '-b', 'x:9092'])
    expect(refused.exitCode).to.equal(2)
    expect(refused.stderr).to.match(/^Error: Refusing to make this change without confirmation/m)
    expect(deleted).to.equal(0)
  })

  it("partitions reassign --generate writes Kafka's plan JSON and never overwrites a file", async () => {
    const moves = [{topic: 't', partition: 0, current: [1, 2], proposed: [2, 3], adding: [3], removing: [1]}]
    restores.push(replace(reassignService, {generateReassignment: async () => ({moves})}))
    const file = join(dir, 'plan.json')
    const r = await runCmd(PartitionsReassign, [
      '--generate',
      '--topics',
      't',
      '--brokers',
      '2,3',
      '--plan',
      file,
      '--json',
      '-b',
      'x:9092',
    ])
    expect(r.exitCode).to.equal(0)
    expect(JSON.parse(readFileSync(file, 'utf8'))).to.deep.equal({
      version: 1,
      partitions: [{topic: 't', partition: 0, replicas: [2, 3], log_dirs: ['any', 'any']}],
    })
    expect(JSON.parse(r.stdout)).to.include({mode: 'generate', movedReplicas: 1, planFile: file})
    const again = await runCmd(PartitionsReassign, [
      '--generate',
      '--topics',
      't',
      '--brokers',
      '2,3',
      '--plan',
      file,
      '-b',
      'x:9092',
    ])
    expect(again.exitCode).to.equal(2)
    expect(again.stderr).to.match(/exists already/)
  })

  it('partitions reassign --verify exits 3 while moves run and keeps the throttles', async () => {
    let removed = 0
    restores.push(
      replace(reassignService, {
        verifyReassignment: async () => [
          {topic: 't', partition: 0, target: [2, 3], current: [2, 3, 1], status: 'in-progress' as const},
        ],
        removeThrottles: async () => void (removed += 1),
      }),
    )
    const file = join(dir, 'verify.json')
    writeFileSync(file, JSON.stringify({version: 1, partitions: [{topic: 't', partition: 0, replicas: [2, 3]}]}))
    const r = await runCmd(PartitionsReassign, ['--verify', '--plan', file, '--json', '-b', 'x:9092'])
    expect(r.exitCode).to.equal(3)
    expect(JSON.parse(r.stdout)).to.include({complete: false, throttlesRemoved: false})
    expect(removed).to.equal(0)
    expect(existsSync(file)).to.equal(true)
  })

  it('elect-leaders exits 1 when a partition fails and reports each partition', async () => {
    restores.push(
      replace(electionsService, {
        resolveElectionTargets: async () => [
          {topic: 't', partition: 0},
          {topic: 't', partition: 1},
        ],
        electLeaders: async () => [
          {topic: 't', partition: 0, result: 'elected' as const, error: null, message: null, leader: 1},
          {
            topic: 't',
            partition: 1,
            result: 'failed' as const,
            error: 'PREFERRED_LEADER_NOT_AVAILABLE',
            message: 'not alive',
            leader: 3,
          },
        ],
      }),
    )
    const r = await runCmd(PartitionsElectLeaders, ['--preferred', '--topic', 't', '--yes', '-b', 'x:9092'])
    expect(r.exitCode).to.equal(1)
    expect(r.stdout).to.match(/^t\s+1\s+failed\s+3\s+PREFERRED_LEADER_NOT_AVAILABLE$/m)
  })
})
