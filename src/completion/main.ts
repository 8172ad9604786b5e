/**
 * The completion entry point the shell functions call: `node main.js -- WORD…` (the words after
 * the program name, the last being completed) or `node main.js --line TEXT` (the command line up
 * to the cursor, split here) prints one candidate a line. It loads neither oclif nor kafkajs:
 * names come from the per-cluster cache; when there is none yet, a detached refresh asks the
 * cluster and this process waits for its answer at most until 0.9 s after its own start.
 * `node main.js --refresh KEY [flags]` is that refresh (it loads the connection layer).
 */
import {spawn} from 'node:child_process'
import {closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {dirname} from 'node:path'
import {fileURLToPath} from 'node:url'

import {type NamesCache, FRESH_MS, cacheFile, readNames, specFile} from './cache.js'
import {
  type Answer,
  type CompletionSpec,
  candidates,
  completeWords,
  cutAtWordbreaks,
  needsCluster,
  splitLine,
} from './complete.js'

const DEADLINE_MS = 900
/** bash only: the value is no file name (see scripts.ts). */
const NO_FILES = '\u0001no-files'
/** fish only: the value may be a file name. */
const FILES = '\u0001files'

type ConnectionFlags = {context?: string; 'bootstrap-server'?: string; 'command-config'?: string}

/** The connection flags on the line (the last of each), else their KCTL_* variables. */
function connectionFlags(words: string[], env: NodeJS.ProcessEnv): ConnectionFlags {
  const value = (long: string, short: string) => {
    for (let i = words.length - 2; i >= 0; i--) {
      if (words[i] === `--${long}` || words[i] === `-${short}`) return words[i + 1]
      if (words[i].startsWith(`--${long}=`)) return words[i].slice(long.length + 3)
    }
    return undefined
  }
  const context = value('context', '\0') ?? env.KCTL_CONTEXT
  const bootstrap = value('bootstrap-server', 'b') ?? env.KCTL_BOOTSTRAP_SERVER
  const commandConfig = value('command-config', '\0') ?? env.KCTL_COMMAND_CONFIG
  return {
    ...(context ? {context} : {}),
    ...(bootstrap ? {'bootstrap-server': bootstrap} : {}),
    ...(commandConfig ? {'command-config': commandConfig} : {}),
  }
}

/** The context names and the current one (kctl's own config file is read without the yaml package). */
async function loadContexts(): Promise<{names: string[]; current?: string}> {
  const {loadConfig} = await import('../connection/config-file.js')
  try {
    const config = loadConfig()
    return {
      names: Object.keys(config.contexts).sort(),
      ...(config.currentContext ? {current: config.currentContext} : {}),
    }
  } catch {
    return {names: []}
  }
}

/** Take a lock file unless one younger than 10 s exists (then another process does the work). */
function takeLock(lock: string): boolean {
  try {
    if (Date.now() - statSync(lock).mtimeMs < 10_000) return false
  } catch {
    // No lock.
  }
  try {
    mkdirSync(dirname(lock), {recursive: true, mode: 0o700})
    writeFileSync(lock, String(process.pid))
    return true
  } catch {
    return false
  }
}

/** A node process that outlives this one, without a terminal (it can never prompt). */
function spawnDetached(args: string[]): void {
  const execArgv = fileURLToPath(import.meta.url).endsWith('.ts') ? ['--import', 'tsx'] : []
  const devNull = openSync('/dev/null', 'a')
  spawn(process.execPath, [...execArgv, ...args], {detached: true, stdio: ['ignore', devNull, devNull]}).unref()
  closeSync(devNull)
}

/** One background refresh at a time per cluster. */
function spawnRefresh(key: string, flags: Record<string, string>): void {
  if (!takeLock(`${cacheFile(key)}.lock`)) return
  spawnDetached([
    fileURLToPath(import.meta.url),
    '--refresh',
    key,
    ...Object.entries(flags).flatMap(([k, v]) => [`--${k}`, v]),
  ])
}

/** No spec (the cache directory was cleaned): `kctl autocomplete` writes it again, in the background. */
function respawnSpec(): void {
  if (!takeLock(`${specFile()}.lock`)) return
  const bin = fileURLToPath(new URL(`../../bin/${import.meta.url.endsWith('.ts') ? 'dev' : 'run'}.js`, import.meta.url))
  spawnDetached([bin, 'autocomplete'])
}

/** The cached names of the cluster the line addresses (undefined when there are none within the deadline). */
async function cachedNames(words: string[]): Promise<NamesCache | undefined> {
  const env = process.env
  const flags = connectionFlags(words, env)
  if (!flags.context && !flags['bootstrap-server']) {
    const current = (await loadContexts()).current
    if (current) flags.context = current
  }
  const key = flags.context ? `context:${flags.context}` : `bootstrap:${flags['bootstrap-server'] ?? 'default'}`
  let cache: NamesCache | undefined = readNames(key)
  if (cache) {
    if (Date.now() - cache.updatedAt > FRESH_MS) spawnRefresh(key, flags)
    return cache
  }
  // No cache yet: a background refresh asks the cluster (it outlives this process, so the next
  // TAB has names); wait for it up to the deadline. A cluster that is down gives nothing.
  spawnRefresh(key, flags)
  // Counted from the process start: Node's own start-up is part of the second the shell waits.
  const deadline = performance.timeOrigin + DEADLINE_MS
  while (!cache && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 25))
    cache = readNames(key)
  }
  return cache
}

async function answerWith(answer: Answer, words: string[]): Promise<string[]> {
  if (answer.kind === 'live' && answer.live === 'contexts') {
    return candidates(answer, {names: {contexts: (await loadContexts()).names}})
  }
  return candidates(answer, needsCluster(answer) ? await cachedNames(words) : undefined)
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === '--refresh') {
    const [key, ...rest] = argv.slice(1)
    // A cluster that accepts connections and never answers: the refresh gives up at its
    // deadline; this stops the process even if a request outlives it (the lock then expires).
    setTimeout(() => process.exit(0), 15_000).unref()
    const {refreshNames} = await import('./refresh.js')
    await refreshNames(key, connectionFlags([...rest, ''], {}), 10_000).catch(() => undefined)
    rmSync(`${cacheFile(key)}.lock`, {force: true})
    return
  }
  let shell = ''
  let wordbreaks: string | undefined
  let words: string[] = []
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--shell') shell = argv[++i] ?? ''
    else if (argv[i] === '--wordbreaks') wordbreaks = argv[++i] ?? ''
    else if (argv[i] === '--line') {
      words = splitLine(argv[i + 1] ?? '', shell).slice(1)
      break
    } else if (argv[i] === '--') {
      words = argv.slice(i + 1)
      break
    }
  }
  let spec: CompletionSpec
  try {
    spec = JSON.parse(readFileSync(specFile(), 'utf8')) as CompletionSpec
  } catch {
    respawnSpec()
    return
  }
  if (words.length === 0) words = ['']
  const answer = completeWords(spec, words)
  let out = await answerWith(answer, words)
  if (wordbreaks !== undefined) out = cutAtWordbreaks(words.at(-1)!, out, wordbreaks)
  // bash falls back to file names when nothing is offered (complete -o default): a last line
  // NO_FILES tells its function not to, where kctl knows the value is no path.
  if (shell === 'bash' && !(answer.kind === 'words' && answer.files)) out.push(NO_FILES)
  // fish's function offers no files (complete -f) unless told: a last line FILES.
  if (shell === 'fish' && answer.kind === 'words' && answer.files) out.push(FILES)
  if (out.length > 0) process.stdout.write(`${out.join('\n')}\n`)
}

await main(process.argv.slice(2)).catch(() => undefined)
// Connections may linger: completion answers and leaves.
process.exit(0)
