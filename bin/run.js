#!/usr/bin/env node
// `kctl --version` is answered before oclif loads (oclif alone costs ~80 ms to import).
const args = process.argv.slice(2)
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v' || args[0] === 'version')) {
  const {readFileSync} = await import('node:fs')
  const {version} = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
  process.stdout.write(`kctl/${version} ${process.platform}-${process.arch} node-${process.version}\n`)
} else {
  const {execute} = await import('@oclif/core/execute')
  await execute({dir: import.meta.url})
  // Kafka sockets closing in the background must not keep a finished command alive.
  setTimeout(() => process.exit(), 500).unref()
}
