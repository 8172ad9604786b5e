import {expect} from 'chai'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

import {FAST_COMMANDS} from '../../../src/fast/main.js'
import {ROOT} from '../../helpers/cli.js'

describe('start-up fast path: the command lists', () => {
  it('bin/run.js routes exactly the commands src/fast/main.ts bundles', () => {
    const run = readFileSync(join(ROOT, 'bin', 'run.js'), 'utf8')
    const list = /const FAST = \[([^\]]*)\]/.exec(run)
    expect(list, 'the FAST list in bin/run.js').to.not.equal(null)
    const routed = [...list![1].matchAll(/'([^']+)'/g)].map((m) => m[1].replace(' ', ':'))
    expect(routed.sort()).to.deep.equal(Object.keys(FAST_COMMANDS).sort())
  })

  it('bundles read-only commands only (none that changes the cluster or prompts)', () => {
    for (const [id, Cmd] of Object.entries(FAST_COMMANDS)) {
      const flags = Object.keys((Cmd as unknown as {flags: Record<string, unknown>}).flags ?? {})
      expect(flags, id).to.not.include.members(['yes', 'execute', 'dry-run'])
    }
  })
})
