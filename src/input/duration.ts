import {usageError} from '../errors.js'

const UNIT_MS: Record<string, number> = {ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000}

/**
 * Parse a duration into milliseconds: Go-style `500ms`, `30s`, `1h30m`, `2d`, or ISO-8601
 * `PT15M`, `P1DT2H`, `-PT1H` (kafka-consumer-groups --by-duration syntax). A bare number is seconds.
 */
export function parseDuration(input: string, flag = 'duration'): number {
  const text = input.trim()
  const hint = `Use e.g. 500ms, 30s, 5m, 1h30m or ISO-8601 like PT15M.`
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000)
  const iso =
    /^([-+])?P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(text)
  if (iso && text.toUpperCase() !== 'P' && !/T$/i.test(text)) {
    const [, sign, d, h, m, s] = iso
    const ms =
      Number(d ?? 0) * UNIT_MS.d + Number(h ?? 0) * UNIT_MS.h + Number(m ?? 0) * UNIT_MS.m + Number(s ?? 0) * 1000
    return Math.round(sign === '-' ? -ms : ms)
  }
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy
  let total = 0
  let matched = 0
  for (let m = re.exec(text); m; m = re.exec(text)) {
    total += Number(m[1]) * UNIT_MS[m[2]]
    matched = re.lastIndex
  }
  if (matched === 0 || matched !== text.length) throw usageError(`Invalid ${flag} "${input}"`, hint, 'INVALID_DURATION')
  return Math.round(total)
}

/** Node's timer limit: a longer setTimeout fires at once (TimeoutOverflowWarning), so no deadline or interval may exceed it. */
export const TIMER_MAX_MS = 2_147_483_647

/**
 * A duration kctl waits for (--timeout, --watch): more than 0 (or `minMs`) and at most Node's
 * timer limit (about 24.8 days). `25d` or `0` would otherwise end the command at once.
 */
export function parseWaitDuration(
  input: string,
  flag: string,
  options: {minMs?: number; example?: string} = {},
): number {
  const ms = parseDuration(input, flag)
  const minMs = options.minMs ?? 1
  const hint = `Use ${formatDuration(minMs)} up to ${formatDuration(TIMER_MAX_MS)} (${TIMER_MAX_MS} ms, the longest timer Node.js can run), e.g. ${flag} ${options.example ?? '30s'}.`
  if (ms < minMs)
    throw usageError(
      `Invalid ${flag} "${input}": ${ms <= 0 ? 'must be more than 0' : `must be at least ${formatDuration(minMs)}`}`,
      hint,
      'INVALID_DURATION',
    )
  if (ms > TIMER_MAX_MS)
    throw usageError(
      `Invalid ${flag} "${input}": longer than ${TIMER_MAX_MS} ms, the longest timer Node.js can run`,
      hint,
      'INVALID_DURATION',
    )
  return ms
}

/** A threshold (lag, quorum lag): not negative. */
export function parseNonNegativeDuration(input: string, flag: string, example = '5m'): number {
  const ms = parseDuration(input, flag)
  if (ms < 0)
    throw usageError(
      `Invalid ${flag} "${input}": must not be negative`,
      `Use e.g. ${flag} ${example}.`,
      'INVALID_DURATION',
    )
  return ms
}

/** Human form for tables: 4m12s, 1h2m, 350ms. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`
  let s = Math.floor(ms / 1000)
  const d = Math.floor(s / 86_400)
  s -= d * 86_400
  const h = Math.floor(s / 3600)
  s -= h * 3600
  const m = Math.floor(s / 60)
  s -= m * 60
  if (d > 0) return `${d}d${h}h`
  if (h > 0) return `${h}h${m}m`
  if (m > 0) return `${m}m${s}s`
  return `${s}s`
}
