/**
 * Benchmark: `kctl topics describe` of 2,000 partitions (10 topics x 200 partitions, RF 3) on the
 * local cluster. Prints the median wall time of describe, of a baseline command that only
 * connects and reads metadata, and their difference (the time after connect).
 *
 *   KCTL_LOCAL_DIR=/tmp/kctl-cluster-41092 KCTL_CONFIG=/tmp/kctl-cluster-41092-config.yaml \
 *     node --import tsx bench/topics-describe.ts [--keep]
 */
import {execFileSync, spawnSync} from 'node:child_process'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

const RUN = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'run.js')
const PREFIX = 'bench-2k-'
const TOPICS = Array.from({length: 10}, (_, i) => `${PREFIX}${i}`)
const RUNS = 7

function kctl(args: string[]): {ms: number; stdout: string; stderr: string} {
  const started = process.hrtime.bigint()
  const stderr = ''
  let stdout: string
  try {
    stdout = execFileSync(process.execPath, [RUN, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    })
  } catch (error) {
    const e = error as {stderr?: string; stdout?: string}
    throw new Error(`kctl ${args.join(' ')} failed: ${e.stderr ?? ''}${e.stdout ?? ''}`, {cause: error})
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  return {ms, stdout, stderr}
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

kctl([
  'topics',
  'create',
  ...TOPICS,
  '--partitions',
  '200',
  '--replication-factor',
  '3',
  '--if-not-exists',
  '--timeout',
  '120s',
])
const check = JSON.parse(kctl(['topics', 'describe', '--match', `^${PREFIX}`, '--json']).stdout)
const partitions = check.topics.reduce((n: number, t: {partitions: unknown[]}) => n + t.partitions.length, 0)
if (partitions !== 2000) throw new Error(`expected 2000 partitions, got ${partitions}`)

const describe: number[] = []
const baseline: number[] = []
for (let i = 0; i < RUNS; i++) {
  baseline.push(kctl(['topics', 'list', '--match', '^no-such-topic$']).ms)
  describe.push(kctl(['topics', 'describe', '--match', `^${PREFIX}`]).ms)
}
const debug = spawnSync(process.execPath, [RUN, 'topics', 'describe', '--match', `^${PREFIX}`, '--debug'], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
}).stderr
const counts = /\[debug\] requests: (.*)/.exec(debug)?.[1] ?? 'unknown'
console.log(
  JSON.stringify(
    {
      partitions,
      runs: RUNS,
      describeMedianMs: Math.round(median(describe)),
      baselineMedianMs: Math.round(median(baseline)),
      afterConnectMs: Math.round(median(describe) - median(baseline)),
      requests: counts,
    },
    null,
    2,
  ),
)
if (!process.argv.includes('--keep')) kctl(['topics', 'delete', '--match', `^${PREFIX}`, '--yes'])
