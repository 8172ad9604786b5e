import {expect} from 'chai'
import {chmodSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {type ConfigChange, configsService} from '../../src/admin/configs/configs.js'
import ConfigsEdit from '../../src/commands/configs/edit.js'
import type {DescribedConfig} from '../../src/protocol/describe-configs.js'
import {replace, runCmd, servicesReplaced} from './helpers.js'

const override = (name: string, value: string, isSensitive = false): DescribedConfig => ({
  name,
  value: isSensitive ? null : value,
  readOnly: false,
  configSource: 1, // DYNAMIC_TOPIC_CONFIG
  isSensitive,
  synonyms: [],
  configType: 0,
  documentation: null,
})
const DEFAULT_ONE = {...override('segment.bytes', '1073741824'), configSource: 5}

/** An $EDITOR that runs `script` (sh) on the file it is given, and keeps a copy of what it was shown. */
function editor(script: string): {command: string; shown: () => string} {
  const dir = mkdtempSync(join(tmpdir(), 'kctl-editor-'))
  const path = join(dir, 'editor.sh')
  writeFileSync(path, `#!/bin/sh\ncp "$1" "${dir}/shown"\n${script}\n`)
  chmodSync(path, 0o755)
  return {command: path, shown: () => readFileSync(join(dir, 'shown'), 'utf8')}
}

describe('configs edit (services replaced, a scripted $EDITOR on a pretend terminal)', () => {
  const restores = servicesReplaced()
  let describes: DescribedConfig[][]
  let applied: {changes: ConfigChange[]; dryRun: boolean} | undefined

  beforeEach(() => {
    applied = undefined
    describes = []
    const tty = ['stdin', 'stdout'].map((s) => [s, Object.getOwnPropertyDescriptor(process[s as 'stdin'], 'isTTY')])
    for (const s of ['stdin', 'stdout'] as const)
      Object.defineProperty(process[s], 'isTTY', {value: true, configurable: true})
    const editorEnv = process.env.EDITOR
    const visual = process.env.VISUAL
    delete process.env.VISUAL
    restores.push(() => {
      for (const [s, d] of tty as [string, PropertyDescriptor | undefined][])
        if (d) Object.defineProperty(process[s as 'stdin'], 'isTTY', d)
        else delete (process[s as 'stdin'] as {isTTY?: boolean}).isTTY
      if (editorEnv === undefined) delete process.env.EDITOR
      else process.env.EDITOR = editorEnv
      if (visual !== undefined) process.env.VISUAL = visual
    })
  })

  /** Each describe returns the next snapshot (the last one again when they run out). */
  const cluster = (...snapshots: DescribedConfig[][]) => {
    restores.push(
      replace(configsService, {
        describeEntityRaw: async () => {
          const next = snapshots[Math.min(describes.length, snapshots.length - 1)]
          describes.push(next)
          return next
        },
        alterEntityConfigs: async (_c, entity, changes, options) => {
          applied = {changes, dryRun: options.dryRun}
          return {
            entity,
            dryRun: options.dryRun,
            changes: changes.map((c) => ({key: c.key, before: null, after: c.value})),
          }
        },
      }),
    )
  }

  const current = [override('retention.ms', '86400000'), override('max.message.bytes', '2000000'), DEFAULT_ONE]

  it('shows only the overrides, and applies the minimal patch: one set, one new key, one delete', async () => {
    cluster(current)
    const e = editor(
      `sed -i -e 's/^retention.ms=.*/retention.ms=1000/' -e '/^max.message.bytes=/d' "$1" && echo cleanup.policy=compact >> "$1"`,
    )
    process.env.EDITOR = e.command
    const r = await runCmd(ConfigsEdit, ['topic', 'orders', '-b', 'x:9092', '--yes', '--json'])
    expect(r.exitCode, r.stderr).to.equal(0)
    expect(e.shown()).to.include('retention.ms=86400000\n').and.include('max.message.bytes=2000000\n')
    expect(e.shown(), 'a default is no override').to.not.include('segment.bytes')
    expect(applied?.dryRun).to.equal(false)
    expect(applied?.changes).to.deep.equal([
      {key: 'cleanup.policy', operation: 'set', value: 'compact'},
      {key: 'max.message.bytes', operation: 'delete', value: null},
      {key: 'retention.ms', operation: 'set', value: '1000'},
    ])
    expect(JSON.parse(r.stdout).changes.map((c: {key: string}) => c.key)).to.deep.equal([
      'cleanup.policy',
      'max.message.bytes',
      'retention.ms',
    ])
  })

  it('saved unchanged: "No changes.", nothing applied', async () => {
    cluster(current)
    process.env.EDITOR = editor('true').command
    const r = await runCmd(ConfigsEdit, ['topic', 'orders', '-b', 'x:9092', '--yes'])
    expect(r.exitCode).to.equal(0)
    expect(r.stderr).to.include('No changes.')
    expect(applied).to.equal(undefined)
  })

  it('--dry-run shows the diff and applies nothing for real', async () => {
    cluster(current)
    process.env.EDITOR = editor(`sed -i 's/^retention.ms=.*/retention.ms=5/' "$1"`).command
    const r = await runCmd(ConfigsEdit, ['topic', 'orders', '-b', 'x:9092', '--dry-run', '--json'])
    expect(r.exitCode, r.stderr).to.equal(0)
    expect(applied).to.deep.equal({dryRun: true, changes: [{key: 'retention.ms', operation: 'set', value: '5'}]})
    expect(JSON.parse(r.stdout).dryRun).to.equal(true)
  })

  it('overrides changed on the cluster while editing: exit non-zero, nothing applied', async () => {
    cluster(current, [override('retention.ms', '1'), DEFAULT_ONE])
    process.env.EDITOR = editor(`sed -i 's/^retention.ms=.*/retention.ms=5/' "$1"`).command
    const r = await runCmd(ConfigsEdit, ['topic', 'orders', '-b', 'x:9092', '--yes'])
    expect(r.exitCode).to.not.equal(0)
    expect(r.stderr).to.match(/changed while you were editing; nothing was applied/)
    expect(applied).to.equal(undefined)
  })

  it('a sensitive override is hidden from the file and cannot be set there (exit 2)', async () => {
    cluster([override('retention.ms', '1'), override('sasl.jaas.config', 'secret', true)])
    const e = editor(`echo sasl.jaas.config=x >> "$1"`)
    process.env.EDITOR = e.command
    const r = await runCmd(ConfigsEdit, ['topic', 'orders', '-b', 'x:9092', '--yes'])
    expect(r.exitCode).to.equal(2)
    expect(r.stderr).to.match(/sasl.jaas.config is sensitive/)
    expect(e.shown()).to.include('not shown and stay unchanged: sasl.jaas.config')
    expect(applied).to.equal(undefined)
  })

  it('the editor exiting non-zero cancels: nothing applied', async () => {
    cluster(current)
    process.env.EDITOR = editor('exit 1').command
    const r = await runCmd(ConfigsEdit, ['topic', 'orders', '-b', 'x:9092', '--yes'])
    expect(r.exitCode).to.equal(130)
    expect(applied).to.equal(undefined)
  })
})
