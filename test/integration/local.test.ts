import {expect} from 'chai'
import {mkdtempSync, symlinkSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {execFileSync} from 'node:child_process'

import {kctl} from '../helpers/cli.js'
import {testCluster} from '../helpers/cluster.js'

/** A PATH holding only the given programs (node is always there). */
function pathWith(...programs: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'kctl-path-'))
  for (const p of ['node', ...programs])
    symlinkSync(execFileSync('which', [p], {encoding: 'utf8'}).trim(), join(dir, p))
  return dir
}

describe('kctl local', () => {
  it('status reports the running secure cluster with its listeners @smoke', async () => {
    const c = testCluster()
    const r = await kctl(['local', 'status', '--json'])
    expect(r.code, r.stderr).to.equal(0)
    const s = r.json()
    expect(s).to.include({exists: true, running: true, secure: true, clusterId: c.clusterId, bootstrap: c.bootstrap})
    expect(s.nodes.map((n: {id: number; running: boolean}) => [n.id, n.running])).to.deep.equal([
      [1, true],
      [2, true],
      [3, true],
    ])
    expect(s.nodes[0].listeners.saslSsl).to.equal(c.saslBootstrap.split(',')[0])
  })

  it('logs prints the end of a node log', async () => {
    const r = await kctl(['local', 'logs', '--broker', '2', '--lines', '5', '--json'])
    expect(r.code, r.stderr).to.equal(0)
    expect(r.json().nodeId).to.equal(2)
    expect(r.json().lines).to.have.length(5)
  })

  it('status of a directory without a cluster exits 3', async () => {
    const r = await kctl(['local', 'status', '--json'], {
      env: {KCTL_LOCAL_DIR: mkdtempSync(join(tmpdir(), 'kctl-none-'))},
    })
    expect(r.code).to.equal(3)
    expect(r.json()).to.include({exists: false, running: false})
  })

  it('a missing Java is a clear error saying what to install', async () => {
    const r = await kctl(['local', 'start'], {
      env: {PATH: pathWith(), KCTL_LOCAL_DIR: mkdtempSync(join(tmpdir(), 'kctl-nojava-'))},
    })
    expect(r.code).to.equal(1)
    expect(r.stderr)
      .to.match(/^Error: Java is not installed/m)
      .and.match(/^Hint: Install Java 17/m)
  })

  it('a missing Maven is a clear error saying what to install', async () => {
    const r = await kctl(['local', 'start', '--kafka-version', '4.3.1'], {
      env: {
        PATH: pathWith('java'),
        KCTL_LOCAL_DIR: mkdtempSync(join(tmpdir(), 'kctl-nomvn-')),
        XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'kctl-cache-')),
        KAFKA_HOME: '',
      },
    })
    expect(r.code).to.equal(1)
    expect(r.stderr)
      .to.match(/^Error: Maven is not installed/m)
      .and.match(/^Hint: Install Maven/m)
  })

  it('rejects a malformed or unsupported Kafka version with exit 2', async () => {
    for (const v of ['latest', '2.8.0']) {
      const r = await kctl(['local', 'start', '--kafka-version', v], {
        env: {KCTL_LOCAL_DIR: mkdtempSync(join(tmpdir(), 'kctl-badv-'))},
      })
      expect(r.code, v).to.equal(2)
    }
  })
})
