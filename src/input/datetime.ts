import {usageError} from '../errors.js'

/**
 * Parse an ISO-8601 date-time into epoch milliseconds. Accepts what kafka-consumer-groups accepts
 * (`2024-01-31T12:00:00.000`, local time when no zone) plus a zone (`Z`, `+02:00`) and seconds
 * or minutes precision. A date without time is midnight local time.
 */
export function parseDateTime(input: string, flag = '--to-datetime'): number {
  const text = input.trim()
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text)
  const hint = `Use ISO-8601, e.g. 2024-01-31T12:00:00Z, 2024-01-31T12:00:00.000+02:00 or 2024-01-31 (local midnight).`
  if (!m) throw usageError(`Invalid ${flag} "${input}"`, hint, 'INVALID_DATETIME')
  const [, y, mo, d, h = '00', mi = '00', s = '00', ms = '0', zone] = m
  const parts = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(ms.padEnd(3, '0'))] as const
  let epoch: number
  if (zone === undefined) epoch = new Date(...parts).getTime()
  else {
    epoch = Date.UTC(...parts)
    if (zone !== 'Z') {
      const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!
      const offset = (Number(z[2]) * 60 + Number(z[3])) * 60_000
      epoch -= z[1] === '+' ? offset : -offset
    }
  }
  // Reject impossible dates that Date silently rolls over (2024-02-31).
  const check = zone === undefined ? new Date(epoch) : new Date(epoch + (zone === 'Z' ? 0 : 0))
  const local = zone === undefined
  const month = local ? check.getMonth() : new Date(Date.UTC(...parts)).getUTCMonth()
  if (Number.isNaN(epoch) || month !== parts[1] || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    throw usageError(`Invalid ${flag} "${input}": no such date or time`, hint, 'INVALID_DATETIME')
  }
  return epoch
}

/** epoch ms as ISO-8601 UTC, or null for Kafka's "no timestamp" (-1). */
export function formatTimestamp(epochMs: number | bigint | null): string | null {
  if (epochMs === null) return null
  const n = Number(epochMs)
  return n < 0 ? null : new Date(n).toISOString()
}
