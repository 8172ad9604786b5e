/**
 * RSS of `kctl lag --all-groups --watch` at each refresh (read from /proc while it runs):
 * a flat profile means nothing accumulates between refreshes.
 *   node --import tsx bench/watch-memory.ts BOOTSTRAP [REFRESHES=200] [INTERVAL=500ms]
 */
import {spawn} from 'node:child_process'
import {readFileSync} from 'node:fs'

const [bootstrap = '127.0.0.1:9092', refreshes = '200', interval = '500ms'] = process.argv.slice(2)
// WATCH_NODE_ARGS (e.g. --max-old-space-size=128) go to the watching process only.
const nodeArgs = [
  '--expose-gc',
  '--require',
  './bench/gc-preload.cjs',
  ...(process.env.WATCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
]
const child = spawn(
  process.execPath,
  [
    ...nodeArgs,
    'bin/run.js',
    'lag',
    '--all-groups',
    '-b',
    bootstrap,
    '--watch',
    interval,
    '--iterations',
    refreshes,
    '--timeout',
    '1h',
  ],
  {stdio: ['ignore', 'pipe', 'pipe']},
)
const rssMiB = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024
const samples = new Map<number, number>()
// Heap in use right after a full GC, before each refresh is printed (bench/gc-preload.cjs).
const heaps: number[] = []
let errBuffer = ''
child.stderr.on('data', (d: Buffer) => {
  errBuffer += d.toString()
  const lines = errBuffer.split('\n')
  errBuffer = lines.pop() ?? ''
  for (const line of lines) {
    const m = /^heap-after-gc (\d+)$/.exec(line)
    if (m) heaps.push(Number(m[1]) / 1024 / 1024)
    else if (line.trim()) process.stderr.write(`${line}\n`)
  }
})
let buffer = ''
child.stdout.on('data', (d: Buffer) => {
  buffer += d.toString()
  for (let m = /refresh #(\d+)/.exec(buffer); m; m = /refresh #(\d+)/.exec(buffer)) {
    try {
      samples.set(Number(m[1]), rssMiB())
    } catch {
      // The process ended between the refresh and the read.
    }
    buffer = buffer.slice(m.index + m[0].length)
  }
})
child.on('close', (code) => {
  const at = (n: number) => samples.get(n)?.toFixed(1) ?? '-'
  const values = [...samples.values()]
  console.log(`exit ${code}; refreshes seen ${samples.size}`)
  console.log(
    `RSS MiB at refresh 1: ${at(1)}, 10: ${at(10)}, 100: ${at(100)}, ${refreshes}: ${at(Number(refreshes))}; max ${Math.max(...values).toFixed(1)}`,
  )
  const heap = (n: number) => heaps[n - 1]?.toFixed(1) ?? '-'
  console.log(
    `heap used after GC, MiB, at refresh 1: ${heap(1)}, 10: ${heap(10)}, 100: ${heap(100)}, ${refreshes}: ${heap(Number(refreshes))}`,
  )
})
