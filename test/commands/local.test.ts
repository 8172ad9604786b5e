import {expect} from 'chai'
import {existsSync, mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import LocalLogs from '../../src/commands/local/logs.js'
import LocalStatus from '../../src/commands/local/status.js'
import LocalStop from '../../src/commands/local/stop.js'
import {parseJson} from '../helpers/json.js'
import {sandbox} from './fixtures.js'
import {runCmd} from './helpers.js'

describe('local status, logs and stop (a recorded cluster whose process is gone; no Kafka)', () => {
  const saved = process.env.KCTL_LOCAL_DIR
  let env: Record<string, string>
  beforeEach(() => {
    env = sandbox(mkdtempSync(join(tmpdir(), 'kctl-local-cmd-')))
    process.env.KCTL_LOCAL_DIR = env.KCTL_LOCAL_DIR
  })
  afterEach(() => {
    if (saved === undefined) delete process.env.KCTL_LOCAL_DIR
    else process.env.KCTL_LOCAL_DIR = saved
    process.exitCode = undefined
  })

  it('local status reports the node down and exits 3', async () => {
    const r = await runCmd(LocalStatus, ['--json'])
    expect(r.exitCode).to.equal(3)
    const status = parseJson(r.stdout)
    expect(status.exists).to.equal(true)
    expect(status.nodes.map((n: {id: number; running: boolean}) => [n.id, n.running])).to.deep.equal([[1, false]])
    expect((await runCmd(LocalStatus, [])).stdout).to.match(/^\s*1\s.*\bstopped\b/m)
  })

  it('local logs prints the node log as it is', async () => {
    const r = await runCmd(LocalLogs, [])
    expect(r.exitCode).to.equal(0)
    expect(r.stdout).to.include('INFO started, "quoted", comma (kafka.Kafka)')
    expect(r.stdout).to.include('second line')
  })

  it('local stop with nothing running says so; --purge removes the directory', async () => {
    const r = await runCmd(LocalStop, ['--json'])
    expect(parseJson(r.stdout)).to.deep.equal({dir: env.KCTL_LOCAL_DIR, stopped: [], purged: false})
    expect((await runCmd(LocalStop, [])).stdout).to.match(/^Nothing was running\.$/m)
    const purged = await runCmd(LocalStop, ['--purge', '--json'])
    expect(parseJson(purged.stdout)).to.include({purged: true})
    expect(existsSync(env.KCTL_LOCAL_DIR)).to.equal(false)
  })
})
