// Renders the --help text of every command and topic and of `kctl` itself into dist/help/, as
// oclif prints it to a pipe (80 columns, no colour). bin/run.js serves these files when the output
// is not a terminal, so `kctl topics list --help | less` and scripts need not load oclif's help
// (docs/benchmarks.md, "startup"). Commands whose help depends on the environment (dynamic flag
// defaults) are left to oclif. Run by `npm run build` after scripts/build-fast.mjs.
import {mkdirSync, rmSync, writeFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

// As oclif sees a pipe: 80 columns, no colour (set before oclif loads: it reads them on import).
process.env.OCLIF_COLUMNS = '80'
process.env.NO_COLOR = '1'
delete process.env.FORCE_COLOR

const root = fileURLToPath(new URL('..', import.meta.url))
const out = fileURLToPath(new URL('../dist/help', import.meta.url))
const {Config} = await import('@oclif/core/config')
const {loadHelpClass} = await import('@oclif/core/help')
const config = await Config.load(root)
const Help = await loadHelpClass(config)
const helpOptions = config.pjson.oclif?.helpOptions ?? {}

async function render(argv) {
  // A fresh config for each: rendering one subject's help can leave oclif's config without its
  // command list for the next (seen with topic listings; the help test compares every file).
  const help = new Help(await Config.load(root), helpOptions)
  const chunks = []
  const write = process.stdout.write
  process.stdout.write = (chunk) => {
    chunks.push(String(chunk))
    return true
  }
  try {
    await help.showHelp(argv)
  } finally {
    process.stdout.write = write
  }
  return chunks.join('')
}

rmSync(out, {recursive: true, force: true})
mkdirSync(out, {recursive: true})
const commands = config.commands.filter((c) => !c.hidden && !c.hasDynamicHelp && c.id !== 'help').map((c) => c.id)
const topics = config.topics.filter((t) => !config.findCommand(t.name)).map((t) => t.name)
writeFileSync(`${out}/index.txt`, await render(['--help']))
for (const id of [...topics, ...commands])
  writeFileSync(`${out}/${id.replaceAll(':', '_')}.txt`, await render([...id.split(':'), '--help']))
