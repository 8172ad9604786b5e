import {expect} from 'chai'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import type {Plan} from '../../src/admin/state/plan.js'
import {stateService} from '../../src/admin/state/service.js'
import Apply from '../../src/commands/apply.js'
import Diff from '../../src/commands/diff.js'
import Export from '../../src/commands/export.js'
import {replace, runCmd, withoutBroker} from './helpers.js'

const change = {
  kind: 'topics' as const,
  action: 'update' as const,
  name: 'app.orders',
  field: 'configs.retention.ms',
  before: '100',
  after: '50',
  risks: ['retention-decrease' as const],
  source: 'f.yaml:4',
}
const plan = (changes: Plan['changes']): Plan => ({
  version: 1,
  clusterId: 'c1',
  createdAt: '',
  files: ['f.yaml'],
  prune: false,
  scope: {
    topics: {prefixes: ['app.'], patterns: [], exclude: [], excludePatterns: []},
    principals: [],
    users: [],
    quotas: [],
    groups: [],
    clientMetrics: [],
  },
  kinds: ['topics'],
  changes,
  unmanaged: [],
})

describe('export, diff, apply (services replaced)', () => {
  const restores: (() => void)[] = []
  const calls: string[] = []
  const dir = mkdtempSync(join(tmpdir(), 'kctl-state-cmd-'))
  const good = join(dir, 'good.yaml')
  writeFileSync(good, 'scope: {topics: {prefixes: [app.]}}\ntopics:\n  app.orders: {partitions: 3}\n')
  let pending: Plan['changes'] = [change]
  beforeEach(() => {
    calls.length = 0
    pending = [change]
    restores.push(
      withoutBroker(),
      replace(stateService, {
        planAgainstCluster: async () => (calls.push('plan'), {plan: plan(pending), desired: undefined as never}),
        applyPrepared: async (_c, _p, prepared) => (
          calls.push('apply'),
          prepared.run.map((c) => ({id: `${c.kind}/${c.name}/${c.field}`, status: 'applied' as const, reason: null}))
        ),
        exportState: async () => (calls.push('export'), {scope: {}}),
      }),
    )
  })
  afterEach(() => {
    while (restores.length > 0) restores.pop()!()
    process.exitCode = undefined
  })
  after(() => rmSync(dir, {recursive: true, force: true}))

  it('diff exits 3 with pending changes (JSON shape pinned), 0 without', async () => {
    let r = await runCmd(Diff, ['-f', good, '-b', 'x:9092', '--json'])
    expect(r.exitCode).to.equal(3)
    expect(JSON.parse(r.stdout)).to.deep.equal({
      cluster: 'c1',
      files: [good],
      against: null,
      planFile: null,
      pending: 1,
      changes: [change],
      unmanaged: [],
    })
    pending = []
    r = await runCmd(Diff, ['-f', good, '-b', 'x:9092'])
    expect(r.exitCode).to.equal(0)
    expect(r.stdout).to.include('No changes')
  })

  it('bad input exits 2 with Error and Hint before connecting or changing anything', async () => {
    const bad = join(dir, 'bad.yaml')
    writeFileSync(bad, 'scope: {topics: {prefixes: [app.]}}\ntopics:\n  app.orders: {partitions: 0}\n')
    for (const [cmd, argv] of [
      [Diff, ['-f', bad]],
      [Diff, ['-f', join(dir, 'missing.yaml')]],
      [Apply, ['-f', bad, '--yes']],
      [Apply, []],
      [Apply, ['--undo', '--prune']],
      [Apply, ['--plan', good]],
      [Apply, ['-f', good, '--throttle', 'fast']],
      [Export, ['--kinds', 'topics,tables']],
      [Export, ['--scope', 'everything']],
    ] as const) {
      const r = await runCmd(cmd, [...argv, '-b', 'x:9092'])
      expect(r.exitCode, argv.join(' ')).to.equal(2)
      expect(r.stderr, argv.join(' '))
        .to.match(/^Error: /m)
        .and.match(/^Hint: /m)
    }
    expect(calls).to.deep.equal([])
  })

  it('apply refuses without --yes off a terminal, changes nothing with --dry-run, applies with --yes', async () => {
    const env = process.env.KCTL_STATE_DIR
    process.env.KCTL_STATE_DIR = dir
    try {
      let r = await runCmd(Apply, ['-f', good, '-b', 'x:9092'])
      expect(r.exitCode).to.equal(2)
      expect(r.stderr).to.include('Refusing to make this change without confirmation')
      r = await runCmd(Apply, ['-f', good, '-b', 'x:9092', '--dry-run', '--json'])
      expect(r.exitCode).to.equal(0)
      expect(JSON.parse(r.stdout).changes.map((c: {status: string}) => c.status)).to.deep.equal(['planned'])
      expect(calls).to.deep.equal(['plan', 'plan'])
      r = await runCmd(Apply, ['-f', good, '-b', 'x:9092', '--yes', '--json'])
      expect(r.exitCode, r.stderr).to.equal(0)
      const result = JSON.parse(r.stdout)
      expect(result.changes[0]).to.include({status: 'applied'})
      expect(result.journalId).to.match(/^\d{8}T\d{6}-[0-9a-f]{6}$/)
      expect(calls).to.deep.equal(['plan', 'plan', 'plan', 'apply'])
    } finally {
      if (env === undefined) delete process.env.KCTL_STATE_DIR
      else process.env.KCTL_STATE_DIR = env
    }
  })

  it('apply skips deletes unless the file says prune: true and --prune is given', async () => {
    pending = [
      {
        kind: 'topics',
        action: 'delete',
        name: 'app.old',
        field: null,
        before: 'exists',
        after: null,
        risks: ['delete'],
        source: null,
      },
    ]
    const r = await runCmd(Apply, ['-f', good, '-b', 'x:9092', '--prune', '--yes', '--json'])
    expect(JSON.parse(r.stdout).changes[0]).to.include({status: 'skipped', reason: 'the file does not say prune: true'})
    expect(calls).to.deep.equal(['plan'])
  })

  it('runs against several contexts in turn (--context a,b), stopping at the first failure unless --keep-going', async () => {
    const config = join(dir, 'config.yaml')
    writeFileSync(
      config,
      'contexts:\n  a: {bootstrap-servers: ["127.0.0.1:1"]}\n  b: {bootstrap-servers: ["127.0.0.1:2"], read-only: true}\n',
    )
    const env = {config: process.env.KCTL_CONFIG, state: process.env.KCTL_STATE_DIR}
    Object.assign(process.env, {KCTL_CONFIG: config, KCTL_STATE_DIR: dir})
    try {
      let r = await runCmd(Diff, ['-f', good, '--context', 'a,b', '--json'])
      expect(r.exitCode).to.equal(3)
      expect(
        JSON.parse(r.stdout).contexts.map((o: {context: string; status: string; result: {pending: number}}) => [
          o.context,
          o.status,
          o.result.pending,
        ]),
      ).to.deep.equal([
        ['a', 'ok', 1],
        ['b', 'ok', 1],
      ])
      r = await runCmd(Apply, ['-f', good, '--context', 'b,a', '--yes', '--json'])
      expect(r.exitCode).to.equal(2)
      expect(
        JSON.parse(r.stdout).contexts.map((o: {context: string; status: string}) => [o.context, o.status]),
      ).to.deep.equal([
        ['b', 'failed'],
        ['a', 'not-run'],
      ])
      expect(JSON.parse(r.stdout).contexts[0].error.code).to.equal('READ_ONLY_CONTEXT')
      calls.length = 0
      r = await runCmd(Apply, ['-f', good, '--context', 'b,a', '--yes', '--keep-going', '--json'])
      expect(r.exitCode).to.equal(2)
      expect(
        JSON.parse(r.stdout).contexts.map((o: {context: string; status: string}) => [o.context, o.status]),
      ).to.deep.equal([
        ['b', 'failed'],
        ['a', 'ok'],
      ])
      expect(calls).to.deep.equal(['plan', 'plan', 'apply'])
    } finally {
      for (const [k, v] of [
        ['KCTL_CONFIG', env.config],
        ['KCTL_STATE_DIR', env.state],
      ] as const) {
        if (v === undefined) delete process.env[k]
        else process.env[k] = v
      }
    }
  })
})
