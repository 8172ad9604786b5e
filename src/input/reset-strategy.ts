import {readFileSync} from 'node:fs'

import {usageError} from '../errors.js'
import {parseDateTime} from './datetime.js'
import {parseDuration} from './duration.js'
import {INT32_MAX, INT64_MAX} from './numbers.js'

/** Where `offsets reset` moves a group (kafka-consumer-groups' strategies). */
export type ResetStrategy =
  | {kind: 'earliest'}
  | {kind: 'latest'}
  | {kind: 'current'}
  | {kind: 'offset'; offset: bigint}
  | {kind: 'shift'; by: bigint}
  | {kind: 'datetime'; timestamp: number}
  /** `--by-duration`: the timestamp is computed when the plan is made (now - duration). */
  | {kind: 'duration'; ms: number}
  | {kind: 'file'; rows: ResetFileRow[]}

export interface ResetFileRow {
  /** Set in the multi-group form `group,topic,partition,offset`. */
  group: string | null
  topic: string
  partition: number
  offset: bigint
}

export interface StrategyFlags {
  'to-earliest'?: boolean
  'to-latest'?: boolean
  'to-current'?: boolean
  'to-offset'?: string
  'shift-by'?: string
  'to-datetime'?: string
  'by-duration'?: string
  'from-file'?: string
}

export const STRATEGY_FLAGS = [
  'to-earliest',
  'to-latest',
  'to-current',
  'to-offset',
  'shift-by',
  'to-datetime',
  'by-duration',
  'from-file',
] as const

const INTEGER = /^[+-]?\d+$/

export function parseOffsetValue(text: string, flag: string, allowNegative = false): bigint {
  const t = text.trim()
  if (!INTEGER.test(t))
    throw usageError(
      `Invalid ${flag} "${text}": not an integer offset`,
      allowNegative ? `Use e.g. ${flag} -100 or ${flag} 250.` : `Use a non-negative integer, e.g. ${flag} 1000.`,
      'INVALID_OFFSET',
    )
  const v = BigInt(t)
  if (!allowNegative && v < 0n)
    throw usageError(
      `Invalid ${flag} "${text}": offsets are not negative`,
      `Use a non-negative integer, e.g. ${flag} 0.`,
      'INVALID_OFFSET',
    )
  if (v > INT64_MAX || v < -INT64_MAX)
    throw usageError(
      `Invalid ${flag} "${text}": out of the 64-bit range`,
      `Offsets are at most ${INT64_MAX}.`,
      'INVALID_OFFSET',
    )
  return v
}

/** Exactly one strategy flag, parsed; null when none is given (the wizard may ask). */
export function parseStrategy(
  flags: StrategyFlags,
  readFile: (path: string) => string = (p) => readFileSync(p, 'utf8'),
): ResetStrategy | null {
  const given = STRATEGY_FLAGS.filter((f) => flags[f] !== undefined && flags[f] !== false)
  if (given.length > 1)
    throw usageError(
      `Choose one reset strategy, not ${given.map((f) => `--${f}`).join(' and ')}`,
      undefined,
      'CONFLICTING_STRATEGIES',
    )
  if (given.length === 0) return null
  switch (given[0]) {
    case 'to-earliest':
      return {kind: 'earliest'}
    case 'to-latest':
      return {kind: 'latest'}
    case 'to-current':
      return {kind: 'current'}
    case 'to-offset':
      return {kind: 'offset', offset: parseOffsetValue(flags['to-offset']!, '--to-offset')}
    case 'shift-by':
      return {kind: 'shift', by: parseOffsetValue(flags['shift-by']!, '--shift-by', true)}
    case 'to-datetime':
      return {kind: 'datetime', timestamp: parseDateTime(flags['to-datetime']!, '--to-datetime')}
    case 'by-duration': {
      const ms = parseDuration(flags['by-duration']!, '--by-duration')
      if (ms <= 0)
        throw usageError(
          `Invalid --by-duration "${flags['by-duration']}": must be positive`,
          'Use e.g. --by-duration PT30M to go back 30 minutes.',
          'INVALID_DURATION',
        )
      // Before the epoch the timestamp would be negative: -1/-2 mean latest/earliest to the broker.
      if (ms > Date.now())
        throw usageError(
          `Invalid --by-duration "${flags['by-duration']}": goes back before 1970-01-01`,
          'Use --to-earliest to go back to the start of every partition.',
          'INVALID_DURATION',
        )
      return {kind: 'duration', ms}
    }
    default: {
      const path = flags['from-file']!
      let text: string
      try {
        text = readFile(path)
      } catch (error) {
        throw usageError(`Cannot read --from-file ${path}: ${(error as Error).message}`, undefined, 'INVALID_FILE')
      }
      return {kind: 'file', rows: parseResetCsv(text, path)}
    }
  }
}

/**
 * Kafka's reset CSV: `topic,partition,offset` (one group) or `group,topic,partition,offset`
 * (many groups), no header. Every line is checked; the first bad one is reported with its number.
 */
export function parseResetCsv(text: string, source = 'the CSV'): ResetFileRow[] {
  const rows: ResetFileRow[] = []
  let width: number | undefined
  const lines = text.split(/\r?\n/)
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim()
    if (line === '') continue
    const where = `${source} line ${i + 1}`
    const cells = line.split(',').map((c) => c.trim())
    if (cells.length !== 3 && cells.length !== 4)
      throw usageError(
        `Invalid ${where}: "${line}" has ${cells.length} fields`,
        'Each line is topic,partition,offset or group,topic,partition,offset.',
        'INVALID_CSV',
      )
    if (width !== undefined && cells.length !== width)
      throw usageError(`Invalid ${where}: mixes ${width}- and ${cells.length}-field lines`, undefined, 'INVALID_CSV')
    width = cells.length
    const [group, topic, partition, offset] = cells.length === 4 ? cells : [null, ...cells]
    if (group === '' || topic === '')
      throw usageError(`Invalid ${where}: empty ${group === '' ? 'group' : 'topic'}`, undefined, 'INVALID_CSV')
    if (!/^\d+$/.test(partition!) || Number(partition) > INT32_MAX)
      throw usageError(
        `Invalid ${where}: partition "${partition}" is not an integer from 0 to ${INT32_MAX}`,
        undefined,
        'INVALID_CSV',
      )
    rows.push({
      group,
      topic: topic!,
      partition: Number(partition),
      offset: parseOffsetValue(offset!, `offset in ${where}`),
    })
  }
  if (rows.length === 0)
    throw usageError(
      `${source} has no offsets`,
      'Each line is topic,partition,offset (as `kctl offsets reset --export` writes).',
      'INVALID_CSV',
    )
  return rows
}

/** The flags that reproduce a strategy (for the wizard's closing hint). */
export function strategyToFlags(s: ResetStrategy): string[] {
  switch (s.kind) {
    case 'earliest':
      return ['--to-earliest']
    case 'latest':
      return ['--to-latest']
    case 'current':
      return ['--to-current']
    case 'offset':
      return ['--to-offset', s.offset.toString()]
    case 'shift':
      return [`--shift-by=${s.by}`]
    case 'datetime':
      return ['--to-datetime', new Date(s.timestamp).toISOString()]
    case 'duration':
      return ['--by-duration', `PT${Math.round(s.ms / 1000)}S`]
    default:
      return ['--from-file', 'FILE']
  }
}

export function describeStrategy(s: ResetStrategy): string {
  switch (s.kind) {
    case 'offset':
      return `to offset ${s.offset}`
    case 'shift':
      return `shift by ${s.by}`
    case 'datetime':
      return `to ${new Date(s.timestamp).toISOString()}`
    case 'duration':
      return `back ${s.ms}ms`
    case 'file':
      return `from file (${s.rows.length} rows)`
    default:
      return `to ${s.kind}`
  }
}
