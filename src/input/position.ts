import {usageError} from '../errors.js'
import {parseDateTime} from './datetime.js'
import {parseDuration} from './duration.js'

/**
 * A position in a partition, for `consume --from/--to`: `earliest`, `latest`, an offset, `+N`
 * (N after the earliest), `-N` (N before the end), `@<datetime>` (UTC when no zone), `@-1h`
 * (a duration ago), `committed:GROUP` (the group's committed offset; nothing is joined).
 */
export type PositionSpec =
  | {kind: 'earliest'}
  | {kind: 'latest'}
  | {kind: 'offset'; offset: bigint}
  | {kind: 'fromStart'; n: bigint}
  | {kind: 'fromEnd'; n: bigint}
  | {kind: 'time'; timestamp: number}
  | {kind: 'committed'; group: string}

const HINT =
  'Positions: earliest, latest, 42 (an offset), +10 (after the earliest), -10 (before the end), @2024-01-31T12:00:00 (UTC unless a zone is given), @-1h (a duration ago), committed:GROUP.'

export function parsePosition(input: string, flag: string, now = Date.now()): PositionSpec {
  const text = input.trim()
  if (text === 'earliest' || text === 'beginning') return {kind: 'earliest'}
  if (text === 'latest' || text === 'end') return {kind: 'latest'}
  if (/^\d+$/.test(text)) return {kind: 'offset', offset: BigInt(text)}
  if (/^\+\d+$/.test(text)) return {kind: 'fromStart', n: BigInt(text.slice(1))}
  if (/^-\d+$/.test(text)) return {kind: 'fromEnd', n: BigInt(text.slice(1))}
  if (text.startsWith('committed:')) {
    const group = text.slice('committed:'.length)
    if (!group) throw usageError(`Invalid ${flag} "${input}": committed: needs a group id`, HINT, 'INVALID_POSITION')
    return {kind: 'committed', group}
  }
  if (text.startsWith('@')) {
    const rest = text.slice(1)
    if (/^-/.test(rest)) {
      const ms = parseDuration(rest.slice(1), flag)
      if (ms <= 0)
        throw usageError(`Invalid ${flag} "${input}": the duration must be positive`, HINT, 'INVALID_POSITION')
      return {kind: 'time', timestamp: now - ms}
    }
    if (!/^\d{4}-\d{2}-\d{2}/.test(rest)) throw usageError(`Invalid ${flag} "${input}"`, HINT, 'INVALID_POSITION')
    const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(rest) && /\d{2}:\d{2}|T/.test(rest) ? rest : `${rest}Z`
    try {
      return {kind: 'time', timestamp: parseDateTime(zoned, flag)}
    } catch {
      throw usageError(`Invalid ${flag} "${input}": no such date or time`, HINT, 'INVALID_POSITION')
    }
  }
  throw usageError(`Invalid ${flag} "${input}"`, HINT, 'INVALID_POSITION')
}
