import {expect} from 'chai'

import {kctl} from '../helpers/cli.js'

/** 20 kctl processes at once against the cluster: every one answers (no shared state, no lock-up). */
describe('load: many kctl processes at once', function () {
  this.timeout(300_000)

  it('20 concurrent commands all succeed @smoke', async () => {
    const commands = [
      ['topics', 'list'],
      ['groups', 'list'],
      ['cluster', 'describe'],
      ['brokers', 'list'],
      ['lag', '--all-groups'],
    ]
    const runs = await Promise.all(
      Array.from({length: 20}, (_, i) =>
        kctl([...commands[i % commands.length], '--context', 'local', '--json', '--timeout', '120s'], {
          timeoutMs: 240_000,
        }),
      ),
    )
    const failed = runs.map((r, i) => ({r, args: commands[i % commands.length]})).filter(({r}) => r.code !== 0)
    expect(failed.map(({r, args}) => `${args.join(' ')}: exit ${r.code} ${r.stderr.slice(0, 200)}`)).to.deep.equal([])
    for (const r of runs) expect(() => r.json()).not.to.throw()
  })
})
