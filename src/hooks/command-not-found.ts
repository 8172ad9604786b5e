import type {Hook} from '@oclif/core'

import {type KctlError, usageError} from '../errors.js'
import {closestMatch} from '../input/did-you-mean.js'
import {toJson} from '../output/json.js'

/** Whether argv asks for JSON output (--json, -o json, --output=json, -ojson). */
export function wantsJson(argv: readonly string[]): boolean {
  return argv.some(
    (a, i) =>
      a === '--json' ||
      a === '-ojson' ||
      a === '--output=json' ||
      ((a === '-o' || a === '--output') && argv[i + 1] === 'json'),
  )
}

/**
 * The nearest command (space-separated) to what was typed: `words` are the command words oclif
 * collected (e.g. ["topic", "list"]). A known topic narrows the candidates to its commands.
 */
export function suggestCommand(words: readonly string[], commandIds: readonly string[]): string | undefined {
  const ids = commandIds.map((id) => id.split(':'))
  for (let k = Math.min(words.length, 3); k >= 1; k--) {
    const typed = words.slice(0, k).join(' ')
    const candidates = new Set(ids.filter((p) => p.length >= k).map((p) => p.slice(0, k).join(' ')))
    const match = closestMatch(typed, candidates)
    if (match !== undefined && match !== typed) {
      // Complete a topic to a command when the topic has exactly one (or the typed rest matches one).
      const rest = words.slice(k).join(' ')
      const below = ids
        .filter((p) => p.slice(0, k).join(' ') === match && p.length > k)
        .map((p) => p.slice(k).join(' '))
      const tail = rest ? (closestMatch(rest, below) ?? (below.includes(rest) ? rest : undefined)) : undefined
      return tail ? `${match} ${tail}` : match
    }
  }
  return undefined
}

/**
 * An unknown command or topic (`kctl topic list`) is a usage error: exit 2 with the reason and a
 * did-you-mean, and the JSON error shape under --json (replaces @oclif/plugin-not-found's exit 127).
 */
const hook: Hook<'command_not_found'> = async function (opts) {
  const words = opts.id.split(':')
  const visible = opts.config.commands.filter((c) => !c.hidden).map((c) => c.id)
  const known = new Set(visible.flatMap((id) => id.split(':').map((_, i, p) => p.slice(0, i + 1).join(':'))))
  // The longest known prefix ("topics" in "topics lst") says where to look for help.
  let topic = ''
  for (let k = words.length; k >= 1; k--) {
    if (known.has(words.slice(0, k).join(':'))) {
      topic = words.slice(0, k).join(' ')
      break
    }
  }
  const command = topic ? opts.config.findCommand(topic.replaceAll(' ', ':')) : undefined
  if (command && !command.hidden) {
    // oclif joins extra words to the id when the command takes no arguments: say so.
    const extra = words.slice(topic.split(' ').length).join(' ')
    return report(
      usageError(`Unexpected argument: ${extra}`, `See \`${opts.config.bin} ${topic} --help\`.`, 'INVALID_ARGUMENTS'),
      opts.argv ?? [],
    )
  }
  const suggestion = suggestCommand(words, visible)
  const help = `Run \`${opts.config.bin}${topic ? ` ${topic}` : ''} --help\` for the commands.`
  const error = usageError(
    `Unknown command: ${opts.config.bin} ${words.join(' ')}`,
    suggestion ? `Did you mean \`${opts.config.bin} ${suggestion}\`? ${help}` : help,
    'UNKNOWN_COMMAND',
  )
  report(error, opts.argv ?? [])
}

function report(error: KctlError, argv: readonly string[]): void {
  process.exitCode = error.exitCode
  if (wantsJson(argv)) {
    process.stdout.write(`${toJson({error: error.toJSON()})}\n`)
    return
  }
  process.stderr.write(`Error: ${error.message}\n${error.hint ? `Hint: ${error.hint}\n` : ''}`)
}

export default hook
