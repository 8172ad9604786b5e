import {capturedOutputs, knownSecrets, secretsIn} from '../helpers/cli.js'
import {startTestCluster, stopTestCluster} from '../helpers/cluster.js'

/**
 * Root hooks: one cluster for the whole integration run, stopped even when tests fail; and after
 * every test, the check that no known secret (SCRAM passwords, wrong passwords tried) appeared in
 * anything any kctl run printed: output, `--debug` lines, JSON errors, a terminal's screen.
 */
const redact = (text: string) => [...knownSecrets].reduce((t, s) => t.replaceAll(s, '***'), text)

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(300_000)
    await startTestCluster()
  },
  async afterAll(this: Mocha.Context) {
    this.timeout(120_000)
    try {
      const leaks = capturedOutputs.flatMap(({args, output}) =>
        secretsIn(output).length > 0 ? [`kctl ${redact(args.join(' '))}`] : [],
      )
      if (leaks.length > 0)
        throw new Error(`A known secret appeared in the output of ${leaks.length} kctl run(s):\n${leaks.join('\n')}`)
      process.stderr.write(`Secrets scan: ${capturedOutputs.length} kctl outputs checked, no known secret found.\n`)
    } finally {
      await stopTestCluster()
    }
  },
}
