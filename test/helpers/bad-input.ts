import {expect} from 'chai'

import {kctl} from './cli.js'

/** Each case must exit 2 with one `Error:` line, a `Hint:` and nothing on stdout; `snapshot` must not change. */
export async function expectBadInputs(
  cases: [string, string[], RegExp][],
  options: {extraArgs: string[]; env?: Record<string, string>; snapshot: () => Promise<unknown>},
): Promise<void> {
  const before = await options.snapshot()
  for (const [what, args, message] of cases) {
    const r = await kctl([...args, ...options.extraArgs], {env: options.env})
    expect(r.code, `${what}: ${r.stderr}`).to.equal(2)
    expect(r.stderr, what).to.match(message)
    expect(r.stderr, what).to.match(/^Error: .+\nHint: .+/m)
    expect(r.stdout, what).to.equal('')
  }
  expect(await options.snapshot()).to.deep.equal(before)
}
