import {ExitCode, KctlError} from '../errors.js'
import {type ResetStrategy, parseOffsetValue, strategyToFlags} from '../input/reset-strategy.js'
import {parseDateTime} from '../input/datetime.js'
import {parseDuration} from '../input/duration.js'
import type {TopicPartitionsSpec} from '../input/topic-partitions.js'
import type {Prompter} from './prompter.js'

/** What the wizard needs from the cluster (the command supplies it; tests fake it). */
export interface ResetWizardSource {
  groups(): Promise<{group: string; state: string}[]>
  /** Topics and partitions the group has committed offsets for (or all topics when none). */
  partitionsOf(group: string): Promise<{topic: string; partitions: number[]}[]>
}

export interface ResetWizardAnswer {
  group: string
  topics: TopicPartitionsSpec[]
  strategy: ResetStrategy
}

/** Run a parser as an inquirer validator: true, or the parser's error message. */
function validator(parse: (v: string) => unknown): (v: string) => string | true {
  return (v) => {
    try {
      parse(v)
      return true
    } catch (error) {
      return error instanceof KctlError ? `${error.message}${error.hint ? `. ${error.hint}` : ''}` : String(error)
    }
  }
}

/**
 * The interactive `offsets reset`: pick a group (searchable, with states), its topics and
 * partitions, a strategy and its value. The plan, confirmation and execution stay in the command.
 */
export async function resetWizard(
  p: Prompter,
  source: ResetWizardSource,
  preset: {group?: string} = {},
): Promise<ResetWizardAnswer> {
  let group = preset.group
  if (!group) {
    const groups = await source.groups()
    group = await p.search(
      'Consumer group',
      groups.map((g) => ({name: `${g.group}  (${g.state})`, value: g.group, description: g.state})),
    )
  }
  const layout = await source.partitionsOf(group)
  const picked = await p.checkbox(
    'Topics and partitions to reset',
    layout.flatMap((t) =>
      t.partitions.map((partition) => ({
        name: `${t.topic}:${partition}`,
        value: {topic: t.topic, partition},
        checked: true,
      })),
    ),
  )
  if (picked.length === 0)
    throw new KctlError('INVALID_INPUT', ExitCode.usage, 'No partitions selected: nothing to reset', {
      hint: 'Select at least one partition with the space bar.',
    })
  const topics = layout
    .map((t) => {
      const ps = picked.filter((x) => x.topic === t.topic).map((x) => x.partition)
      return ps.length === t.partitions.length ? {topic: t.topic} : {topic: t.topic, partitions: ps}
    })
    .filter((t) => !('partitions' in t) || (t.partitions?.length ?? 0) > 0)
  const kind = await p.select('Reset strategy', [
    {name: 'to earliest (re-read everything retained)', value: 'earliest'},
    {name: 'to latest (skip everything)', value: 'latest'},
    {name: 'to a date-time', value: 'datetime'},
    {name: 'back by a duration', value: 'duration'},
    {name: 'to an offset', value: 'offset'},
    {name: 'shift by N', value: 'shift'},
    {name: 'to current (re-commit)', value: 'current'},
  ] as const)
  let strategy: ResetStrategy
  switch (kind) {
    case 'offset': {
      const v = await p.input('Offset', {validate: validator((x) => parseOffsetValue(x, 'offset'))})
      strategy = {kind, offset: parseOffsetValue(v, 'offset')}
      break
    }
    case 'shift': {
      const v = await p.input('Shift by (negative goes back)', {
        validate: validator((x) => parseOffsetValue(x, 'shift', true)),
      })
      strategy = {kind, by: parseOffsetValue(v, 'shift', true)}
      break
    }
    case 'datetime': {
      const v = await p.input('Date-time (ISO-8601, e.g. 2024-01-31T12:00:00Z)', {
        validate: validator((x) => parseDateTime(x)),
      })
      strategy = {kind, timestamp: parseDateTime(v)}
      break
    }
    case 'duration': {
      const v = await p.input('Go back by (e.g. 15m, 2h, PT30M)', {
        validate: validator((x) => parseDuration(x, 'duration')),
      })
      strategy = {kind, ms: parseDuration(v, 'duration')}
      break
    }
    default:
      strategy = {kind}
  }
  return {group, topics, strategy}
}

/** The non-interactive command that does what the wizard did (printed at its end). */
export function equivalentCommand(bin: string, answer: ResetWizardAnswer): string {
  const quote = (s: string) => (/^[\w.:,=+\-/]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`)
  const parts = [bin, 'offsets', 'reset', '--group', answer.group]
  for (const t of answer.topics) parts.push('--topic', t.partitions ? `${t.topic}:${t.partitions.join(',')}` : t.topic)
  parts.push(...strategyToFlags(answer.strategy), '--execute')
  return parts.map(quote).join(' ')
}
