import {expect} from 'chai'
import {readFileSync, readdirSync, statSync} from 'node:fs'
import {join} from 'node:path'

import {errorsDoc} from '../../scripts/errors-doc.js'
import {ERROR_CODES} from '../../src/error-codes.js'
import {ROOT} from '../helpers/cli.js'

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : []
  })
}

describe('error codes: one registry, documented, and exit codes only through ExitCode', () => {
  const files = sources(join(ROOT, 'src')).map((p) => ({path: p.slice(ROOT.length + 1), text: readFileSync(p, 'utf8')}))

  it('docs/errors.md is generated from the registry (npm run docs:errors)', () => {
    expect(readFileSync(join(ROOT, 'docs', 'errors.md'), 'utf8')).to.equal(errorsDoc())
  })

  it('every registered code is raised somewhere (no dead entries)', () => {
    const code = files
      .filter((f) => f.path !== 'src/error-codes.ts')
      .map((f) => f.text)
      .join('\n')
    const unused = Object.keys(ERROR_CODES).filter((c) => !code.includes(`'${c}'`))
    expect(unused).to.deep.equal([])
  })

  it('no exit code is a literal number (use ExitCode.*)', () => {
    const literal = /exitWith\(\d|exitCode\s*(=|===|!==)\s*\d|process\.exit\(\d|new KctlError\([^,]+,\s*\d/
    // src/connection/client.ts is being rewritten; its one `e.exitCode === 4` goes with it.
    const offenders = files
      // src/completion/main.ts is the shell's fast entry point (it loads nothing it does not need).
      .filter((f) => f.path !== 'src/connection/client.ts' && f.path !== 'src/completion/main.ts')
      .flatMap((f) => f.text.split('\n').map((line, i) => ({where: `${f.path}:${i + 1}`, line})))
      .filter(({line}) => literal.test(line))
      .map(({where, line}) => `${where}: ${line.trim()}`)
    expect(offenders).to.deep.equal([])
  })
})
