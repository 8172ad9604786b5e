#!/usr/bin/env node
const args = process.argv.slice(2)
/**
 * Commands with a start-up fast path (src/fast/main.ts; a test holds both lists equal): they run
 * from one bundled module without loading oclif's config, plugins and help. `--help`, `-h`, `--`
 * and KCTL_NO_FAST=1 take the oclif path.
 */
const FAST = [
  'brokers list',
  'cluster describe',
  'groups describe',
  'groups list',
  'lag',
  'lag check',
  'topics describe',
  'topics list',
]
function fastId() {
  if (process.env.KCTL_NO_FAST || args.some((a) => a === '--help' || a === '-h' || a === '--')) return undefined
  if (args[1] !== undefined && !args[1].startsWith('-') && FAST.includes(`${args[0]} ${args[1]}`))
    return `${args[0]}:${args[1]}`
  return FAST.includes(args[0]) ? args[0] : undefined
}
/**
 * `kctl [topic...] [command] --help` printed to a pipe (not a terminal: 80 columns, no colour) is
 * served from the text oclif rendered at build time (scripts/render-help.mjs); anything else, or
 * a subject without a rendered file, goes to oclif.
 */
async function prerenderedHelp() {
  if (args.at(-1) !== '--help' || process.stdout.isTTY || process.env.KCTL_NO_FAST) return undefined
  if (process.env.OCLIF_COLUMNS || process.env.FORCE_COLOR) return undefined
  const subject = args.slice(0, -1)
  if (!subject.every((a) => /^[a-z][a-z0-9-]*$/.test(a))) return undefined
  const {readFile} = await import('node:fs/promises')
  const file = new URL(`../dist/help/${subject.join('_') || 'index'}.txt`, import.meta.url)
  return readFile(file, 'utf8').catch(() => undefined)
}
const id = fastId()
const help = await prerenderedHelp()
if (help !== undefined) {
  process.stdout.write(help)
} else if (args.length === 1 && (args[0] === '--version' || args[0] === '-v' || args[0] === 'version')) {
  // Answered before oclif loads (oclif alone costs ~80 ms to import).
  const {readFileSync} = await import('node:fs')
  const {version} = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
  process.stdout.write(`kctl/${version} ${process.platform}-${process.arch} node-${process.version}\n`)
} else if (id) {
  const {runFast} = await import('../dist/bundle/main.js')
  await runFast(id, args.slice(id.split(':').length))
} else {
  const {execute} = await import('@oclif/core/execute')
  await execute({dir: import.meta.url})
}
// Kafka sockets closing in the background must not keep a finished command alive.
setTimeout(() => process.exit(), 500).unref()
