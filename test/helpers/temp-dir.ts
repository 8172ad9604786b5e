import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

/**
 * Required by the unit and command test run (package.json, test:unit): every temporary directory
 * the tests make (with os.tmpdir(), in this process and in the kctl processes it starts) goes
 * into one directory of this run, removed when the run ends. Loaded before the test files, so
 * directories made when a file loads are inside it too.
 */
const root = mkdtempSync(join(tmpdir(), 'kctl-unit-run-'))
process.env.TMPDIR = root

export const mochaHooks = {
  afterAll(): void {
    rmSync(root, {recursive: true, force: true})
  },
}
