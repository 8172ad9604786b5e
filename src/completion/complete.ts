/**
 * Shell completion, answered without loading oclif: commands, flags and flag values from a spec
 * written by `kctl autocomplete`, live names (topics, groups, contexts, SCRAM users, brokers,
 * client-metrics subscriptions, partitions) from a per-cluster cache, config keys from the spec.
 * Pure functions here; I/O in cache.ts and main.ts.
 */

export type LiveKind = 'topics' | 'groups' | 'contexts' | 'users' | 'brokers' | 'client-metrics'

/** The config entity types of `kctl configs`, as completion offers them. */
export const CONFIG_TYPES = ['topic', 'broker', 'broker-logger', 'group', 'client-metrics', 'user', 'client', 'ip']

export interface FlagSpec {
  char?: string
  /** The flag takes a value. */
  value: boolean
  options?: string[]
}

export interface CommandSpec {
  args: string[]
  /** The allowed values of arguments that have a fixed set. */
  argOptions?: Record<string, string[]>
  flags: Record<string, FlagSpec>
}

export interface CompletionSpec {
  commands: Record<string, CommandSpec>
  /** Known config keys per entity type (topic, broker, group, client-metrics, user, client, ip). */
  configKeys?: Record<string, string[]>
}

/** What the cache holds for one cluster (see cache.ts). */
export interface LiveNames {
  names: Partial<Record<LiveKind, string[]>>
  /** Partition count per topic. */
  partitions?: Record<string, number>
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
    return (
      {
        topics: 'topics',
        groups: 'groups',
        users: 'users',
        context: 'contexts',
        'client-metrics': 'client-metrics',
      } as Record<string, LiveKind>
    )[topic]
  if (/^(id|ids)$/.test(n) && topic === 'brokers') return 'brokers'
  return undefined
}

export type Answer =
  /** files: kctl knows nothing of this value (a path, a free text): the shell may offer files. */
  | {kind: 'words'; words: string[]; files?: true}
  /** Live names starting with prefix, each between head (`--topic=`) and suffix (`:`). */
  | {kind: 'live'; live: LiveKind; prefix: string; head?: string; suffix?: string; taken?: string[]}
  /**
   * Partition numbers of a topic: `head` (what precedes them in the word: `orders:`, `0,1,`) then
   * a number not yet in `taken`, for numbers starting with `prefix`; `then` follows each.
   */
  | {kind: 'partitions'; topic: string; head: string; prefix: string; taken: string[]; then?: string}

/** Flags whose value is a partition number (or a comma-separated list of them) of the topic on the line. */
const PARTITION_FLAGS = /^(partition|partitions)$/
/** Commands where --partitions is a count, not partition numbers. */
const PARTITION_COUNT_COMMANDS = new Set(['topics create', 'topics alter'])
/** Arguments and flags that take TOPIC or TOPIC:PARTITIONS (required: the colon part must be given). */
const TOPIC_PARTITION_VALUES: Record<string, Record<string, {required: boolean; then?: string}>> = {
  'records get': {record: {required: true, then: '@'}},
  'txn abort': {partition: {required: true}},
  'txn producers': {partition: {required: true}},
  'offsets get': {topic: {required: false}},
  'offsets reset': {topic: {required: false}},
  'records delete': {topic: {required: false}},
  'partitions elect-leaders': {topic: {required: false}},
}
/** Commands whose argument names something new: existing names are no help. */
const NEW_NAMES = new Set(['topics create'])
/** Commands that take topics as positional words without declaring an argument. */
const POSITIONAL_TOPICS = new Set(['consume'])

/** The longest command id the words start with, and how many words it took. */
function commandOf(spec: CompletionSpec, before: string[]): {id: string; used: number} {
  const ids = Object.keys(spec.commands)
  let id = ''
  let used = 0
  for (let n = 1; n <= before.length; n++) {
    const candidate = before.slice(0, n).join(' ')
    if (spec.commands[candidate]) [id, used] = [candidate, n]
    else if (!ids.some((i) => i.startsWith(`${candidate} `))) break
  }
  return {id, used}
}

/** What to offer for the last word (words: those after the program name, the last being completed). */
export function completeWords(spec: CompletionSpec, words: string[]): Answer {
  const current = words.at(-1) ?? ''
  const before = words.slice(0, -1)
  const ids = Object.keys(spec.commands)
  const {id, used} = commandOf(spec, before)
  if (!id) {
    const typed = before.join(' ')
    const level = typed === '' ? 0 : before.length
    if (typed !== '' && !ids.some((i) => i.startsWith(`${typed} `))) return {kind: 'words', words: []}
    const next = new Set(ids.filter((i) => typed === '' || i.startsWith(`${typed} `)).map((i) => i.split(' ')[level]))
    return {kind: 'words', words: [...next].filter((w) => w.startsWith(current)).sort()}
  }
  const command = spec.commands[id]
  const rest = before.slice(used)
  const flagOf = (word: string | undefined): readonly [string, FlagSpec | undefined] | undefined => {
    if (!word) return undefined
    if (word.startsWith('--')) return [word.slice(2), command.flags[word.slice(2)]] as const
    if (/^-[A-Za-z]$/.test(word)) return Object.entries(command.flags).find(([, f]) => f.char === word[1])
    return undefined
  }
  // The positional words (flags and their values skipped), and the last value of each flag.
  const positionals: string[] = []
  const flagValues: Record<string, string> = {}
  for (let i = 0; i < rest.length; i++) {
    const eq = rest[i].startsWith('--') ? rest[i].indexOf('=') : -1
    if (eq > 0) {
      flagValues[rest[i].slice(2, eq)] = rest[i].slice(eq + 1)
      continue
    }
    const f = flagOf(rest[i])
    if (f) {
      if (!f[1]?.value) flagValues[f[0]] = 'true'
      else if (i + 1 < rest.length) flagValues[f[0]] = rest[++i]
      continue
    }
    if (!rest[i].startsWith('-')) positionals.push(rest[i])
  }
  const ctx: Context = {spec, id, command, positionals, flagValues}

  // A flag value?
  const pending = flagOf(rest.at(-1))
  if (pending?.[1]?.value && !(current.startsWith('-') && current.length > 1)) {
    return flagValue(ctx, pending[0], pending[1], current)
  }
  if (current.startsWith('--') && current.includes('=')) {
    const [name, value] = [current.slice(2, current.indexOf('=')), current.slice(current.indexOf('=') + 1)]
    const flag = command.flags[name]
    if (!flag?.value) return {kind: 'words', words: []}
    return withHead(flagValue(ctx, name, flag, value), `--${name}=`)
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
  if (id === 'configs' || id.startsWith('configs ')) return configsPositional(ctx, current)
  const position = positionals.length
  if (command.args.length === 0)
    return POSITIONAL_TOPICS.has(id) ? {kind: 'live', live: 'topics', prefix: current} : {kind: 'words', words: []}
  const argName = command.args[Math.min(position, command.args.length - 1)]
  const options = command.argOptions?.[argName]
  if (options) return {kind: 'words', words: options.filter((o) => o.startsWith(current))}
  const tp = TOPIC_PARTITION_VALUES[id]?.[argName]
  if (tp) return topicPartitions(current, tp)
  if (NEW_NAMES.has(id)) return {kind: 'words', words: []}
  const live = liveKind(argName, id)
  return live ? {kind: 'live', live, prefix: current} : {kind: 'words', words: [], files: true}
}

interface Context {
  spec: CompletionSpec
  id: string
  command: CommandSpec
  positionals: string[]
  flagValues: Record<string, string>
}

function flagValue(ctx: Context, name: string, flag: FlagSpec, current: string): Answer {
  if (flag.options) return {kind: 'words', words: flag.options.filter((o) => o.startsWith(current))}
  if (PARTITION_FLAGS.test(name) && !PARTITION_COUNT_COMMANDS.has(ctx.id)) {
    const topic = topicOnLine(ctx)
    return topic ? partitionList(topic, '', current) : {kind: 'words', words: []}
  }
  const tp = TOPIC_PARTITION_VALUES[ctx.id]?.[name]
  if (tp) return topicPartitions(current, tp)
  if (ctx.id.startsWith('configs')) {
    if (name === 'entity-type') return {kind: 'words', words: CONFIG_TYPES.filter((t) => t.startsWith(current))}
    const type = configType(ctx)
    if (name === 'entity-name') return type ? entityNames(type, current) : {kind: 'words', words: []}
    if (name === 'add-config' || name === 'delete-config') {
      // Comma-separated: complete the last key.
      const head = current.slice(0, current.lastIndexOf(',') + 1)
      const keys = type ? configKeys(ctx.spec, type, current.slice(head.length), name === 'add-config') : []
      return {kind: 'words', words: keys.map((k) => head + k)}
    }
  }
  if (name === 'config' && ctx.id === 'topics create')
    return {kind: 'words', words: configKeys(ctx.spec, 'topic', current, true)}
  const live = liveKind(name, ctx.id)
  if (!live) return {kind: 'words', words: [], files: true}
  // Comma-separated topics or broker ids (`--brokers 1,2,`): the next one, not one already listed.
  const cut = live === 'topics' || live === 'brokers' ? current.lastIndexOf(',') + 1 : 0
  if (cut === 0) return {kind: 'live', live, prefix: current}
  const head = current.slice(0, cut)
  return {kind: 'live', live, prefix: current.slice(cut), head, taken: head.split(',').filter(Boolean)}
}

/** The topic the line names: the last --topic / -t value, else the first positional topic argument. */
function topicOnLine(ctx: Context): string | undefined {
  const flagged = ctx.flagValues.topic
  if (flagged) return flagged.split(':')[0]
  const index = ctx.command.args.findIndex((a) => /^(topic|topics)$/.test(a))
  if (index >= 0 && ctx.positionals[index]) return ctx.positionals[index].split(':')[0]
  if (POSITIONAL_TOPICS.has(ctx.id) && ctx.positionals[0]) return ctx.positionals[0]
  return undefined
}

/** Partition numbers after `head` in a comma-separated list (`0,1,` -> `0,1,2`). */
function partitionList(topic: string, head: string, word: string, then?: string): Answer {
  const cut = word.lastIndexOf(',') + 1
  const taken = word
    .slice(0, cut)
    .split(',')
    .filter((p) => /^\d+$/.test(p))
  return {
    kind: 'partitions',
    topic,
    head: head + word.slice(0, cut),
    prefix: word.slice(cut),
    taken,
    ...(then ? {then} : {}),
  }
}

function topicPartitions(word: string, how: {required: boolean; then?: string}): Answer {
  const colon = word.indexOf(':')
  if (colon < 0) return {kind: 'live', live: 'topics', prefix: word, ...(how.required ? {suffix: ':'} : {})}
  const topic = word.slice(0, colon)
  return partitionList(topic, `${topic}:`, word.slice(colon + 1), how.then)
}

/** Prefix every word of an answer (a `--flag=` value is completed whole). */
function withHead(answer: Answer, head: string): Answer {
  if (answer.kind === 'words') return {...answer, words: answer.words.map((w) => head + w)}
  if (answer.kind === 'partitions') return {...answer, head: head + answer.head}
  return {...answer, head: head + (answer.head ?? '')}
}

function normalType(text: string | undefined): string | undefined {
  if (!text) return undefined
  const t = text.toLowerCase()
  if (CONFIG_TYPES.includes(t)) return t
  if (t.endsWith('s') && CONFIG_TYPES.includes(t.slice(0, -1))) return t.slice(0, -1)
  return undefined
}

function configType(ctx: Context): string | undefined {
  return normalType(ctx.flagValues['entity-type'] ?? ctx.positionals[0])
}

function entityNames(type: string, prefix: string): Answer {
  const live: Record<string, LiveKind> = {
    topic: 'topics',
    broker: 'brokers',
    'broker-logger': 'brokers',
    group: 'groups',
    user: 'users',
    'client-metrics': 'client-metrics',
  }
  return live[type] ? {kind: 'live', live: live[type], prefix} : {kind: 'words', words: []}
}

function configKeys(spec: CompletionSpec, type: string, prefix: string, assign: boolean): string[] {
  const keys = spec.configKeys?.[type] ?? []
  return keys.filter((k) => k.startsWith(prefix)).map((k) => (assign ? `${k}=` : k))
}

/** `configs [set|delete|describe|…] TYPE NAME ENTRIES…` (TYPE and NAME may come as flags). */
function configsPositional(ctx: Context, current: string): Answer {
  const verb = ctx.id.split(' ')[1] ?? ''
  const p = [...ctx.positionals]
  const typeText = ctx.flagValues['entity-type'] ?? p.shift()
  if (typeText === undefined) return {kind: 'words', words: CONFIG_TYPES.filter((t) => t.startsWith(current))}
  const type = normalType(typeText)
  if (!type) return {kind: 'words', words: []}
  const named = ctx.flagValues['entity-name'] !== undefined || ctx.flagValues.default !== undefined
  if (!named && p.length === 0) return entityNames(type, current)
  if (verb === '' || verb === 'describe') return {kind: 'words', words: []}
  const assign = verb !== 'delete'
  const given = new Set([...p.slice(named ? 0 : 1)].map((e) => e.split('=')[0]))
  return {
    kind: 'words',
    words: configKeys(ctx.spec, type, current, assign).filter((k) => !given.has(k.replace(/=$/, ''))),
  }
}

/** The candidates for an answer, given the cluster's cached names (sorted, prefix-filtered). */
export function candidates(answer: Answer, live: LiveNames | undefined): string[] {
  switch (answer.kind) {
    case 'words':
      return answer.words
    case 'live':
      return (live?.names[answer.live] ?? [])
        .filter((n) => n.startsWith(answer.prefix) && !answer.taken?.includes(n))
        .map((n) => (answer.head ?? '') + n + (answer.suffix ?? ''))
    case 'partitions': {
      const count = live?.partitions?.[answer.topic] ?? 0
      const out: string[] = []
      for (let i = 0; i < count; i++) {
        const n = String(i)
        if (n.startsWith(answer.prefix) && !answer.taken.includes(n)) out.push(answer.head + n + (answer.then ?? ''))
      }
      return out
    }
  }
}

/** Which live kind an answer needs from the cache (contexts come from the config file instead). */
export function needsCluster(answer: Answer): boolean {
  return (answer.kind === 'live' && answer.live !== 'contexts') || answer.kind === 'partitions'
}

/**
 * Split a command line as the shell would (quotes and backslashes; PowerShell keeps backslashes).
 * A line ending in a space ends with an empty word: the one being completed.
 */
export function splitLine(line: string, shell: string): string[] {
  const words: string[] = []
  let word = ''
  let inWord = false
  let quote: string | undefined
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]
    if (quote) {
      if (ch === quote) quote = undefined
      else if (ch === '\\' && quote === '"' && shell !== 'powershell' && i + 1 < line.length) word += line[++i]
      else word += ch
    } else if (ch === "'" || ch === '"') {
      quote = ch
      inWord = true
    } else if (ch === '\\' && shell !== 'powershell' && i + 1 < line.length) {
      word += line[++i]
      inWord = true
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word)
      word = ''
      inWord = false
    } else {
      word += ch
      inWord = true
    }
  }
  words.push(word)
  return words
}

/**
 * bash replaces only the part of the word after its last COMP_WORDBREAKS character (`:` and `=`
 * by default): candidates are cut to that part.
 */
export function cutAtWordbreaks(current: string, out: string[], wordbreaks: string): string[] {
  const breaks = [...wordbreaks].filter((c) => c !== '"' && c !== "'" && !/\s/.test(c))
  const cut = Math.max(-1, ...breaks.map((c) => current.lastIndexOf(c))) + 1
  if (cut === 0) return out
  const head = current.slice(0, cut)
  return out.filter((c) => c.startsWith(head)).map((c) => c.slice(cut))
}
