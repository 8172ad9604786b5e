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
  const iso = /^([-+])?P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(text)
  if (iso && text.toUpperCase() !== 'P' && !/T$/i.test(text)) {
    const [, sign, d, h, m, s] = iso
    const ms = Number(d ?? 0) * UNIT_MS.d + Number(h ?? 0) * UNIT_MS.h + Number(m ?? 0) * UNIT_MS.m + Number(s ?? 0) * 1000
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
