/**
 * Shell completion, answered without loading oclif: commands, flags and flag values from a spec
 * written by `kctl completion`, live names (topics, groups, contexts, SCRAM users, brokers) from a
 * per-cluster cache. Pure functions here; I/O in cache.ts and main.ts.
 */

export type LiveKind = 'topics' | 'groups' | 'contexts' | 'users' | 'brokers'

export interface FlagSpec {
  char?: string
  /** The flag takes a value. */
  value: boolean
  options?: string[]
}

export interface CommandSpec {
  args: string[]
  flags: Record<string, FlagSpec>
}

export interface CompletionSpec {
  commands: Record<string, CommandSpec>
}

/** Which live names an argument or a flag value takes, by its name. */
export function liveKind(name: string, commandId: string): LiveKind | undefined {
  const n = name.toLowerCase()
  const topic = commandId.split(' ')[0]
  if (/^(topic|topics|from-topic|to-topic)$/.test(n)) return 'topics'
  if (/^(group|groups)$/.test(n)) return 'groups'
  if (/^(user|users)$/.test(n)) return 'users'
  if (/^(broker|brokers|broker-id|node|nodes)$/.test(n)) return 'brokers'
  if (n === 'context') return 'contexts'
  // Arguments named after their command's topic: `topics describe NAMES`, `brokers describe ID`.
  if (/^(name|names)$/.test(n))
    return ({topics: 'topics', groups: 'groups', users: 'users', context: 'contexts'} as Record<string, LiveKind>)[
      topic
    ]
  if (/^(id|ids)$/.test(n) && topic === 'brokers') return 'brokers'
  return undefined
}

export interface CompletionRequest {
  /** The words after the program name, the last being the one completed (maybe empty). */
  words: string[]
}

export type Answer = {kind: 'words'; words: string[]} | {kind: 'live'; live: LiveKind; prefix: string}

/** What to offer for the last word. */
export function completeWords(spec: CompletionSpec, words: string[]): Answer {
  const current = words.at(-1) ?? ''
  const before = words.slice(0, -1)
  const ids = Object.keys(spec.commands)
  // The longest command id the words start with.
  let id = ''
  let used = 0
  for (let n = 1; n <= before.length; n++) {
    const candidate = before.slice(0, n).join(' ')
    if (spec.commands[candidate]) [id, used] = [candidate, n]
    else if (!ids.some((i) => i.startsWith(`${candidate} `))) break
  }
  if (!id) {
    const typed = before.join(' ')
    const level = typed === '' ? 0 : before.length
    if (typed !== '' && !ids.some((i) => i.startsWith(`${typed} `))) return {kind: 'words', words: []}
    const next = new Set(ids.filter((i) => typed === '' || i.startsWith(`${typed} `)).map((i) => i.split(' ')[level]))
    return {kind: 'words', words: [...next].filter((w) => w.startsWith(current)).sort()}
  }
  const command = spec.commands[id]
  const rest = before.slice(used)
  // A flag value?
  const last = rest.at(-1)
  const flagOf = (word: string | undefined) => {
    if (!word) return undefined
    if (word.startsWith('--')) return [word.slice(2), command.flags[word.slice(2)]] as const
    if (/^-[A-Za-z]$/.test(word)) return Object.entries(command.flags).find(([, f]) => f.char === word[1])
    return undefined
  }
  const pending = flagOf(last)
  if (pending?.[1]?.value && !current.startsWith('-')) {
    const [name, flag] = pending
    if (flag.options) return {kind: 'words', words: flag.options.filter((o) => o.startsWith(current))}
    const live = liveKind(name, id)
    return live ? {kind: 'live', live, prefix: current} : {kind: 'words', words: []}
  }
  if (current.startsWith('--') && current.includes('=')) {
    const [name, value] = [current.slice(2, current.indexOf('=')), current.slice(current.indexOf('=') + 1)]
    const flag = command.flags[name]
    if (flag?.options)
      return {kind: 'words', words: flag.options.filter((o) => o.startsWith(value)).map((o) => `--${name}=${o}`)}
    return {kind: 'words', words: []}
  }
  if (current.startsWith('-')) {
    return {
      kind: 'words',
      words: Object.keys(command.flags)
        .map((f) => `--${f}`)
        .filter((f) => f.startsWith(current))
        .sort(),
    }
  }
  // Positional: count the arguments already given (flags and their values skipped).
  let position = 0
  for (let i = 0; i < rest.length; i++) {
    const f = flagOf(rest[i])
    if (f) {
      if (f[1]?.value && !rest[i].includes('=')) i++
      continue
    }
    if (!rest[i].startsWith('-')) position++
  }
  const argName = command.args[Math.min(position, command.args.length - 1)]
  const live = argName ? liveKind(argName, id) : undefined
  return live ? {kind: 'live', live, prefix: current} : {kind: 'words', words: []}
}
