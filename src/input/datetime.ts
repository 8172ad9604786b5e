import {usageError} from '../errors.js'

/**
 * Parse an ISO-8601 date-time into epoch milliseconds. Accepts what kafka-consumer-groups accepts
 * (`2024-01-31T12:00:00.000`) plus a zone (`Z`, `+02:00`), seconds or minutes precision, and a
 * date alone (midnight). Text without a zone is UTC, as Kafka's tools read it (they append `Z`),
 * never the machine's time zone: the same text gives the same offsets everywhere.
 * Times before the Unix epoch are refused: Kafka reads negative timestamps as "latest"/"earliest".
 */
export function parseDateTime(input: string, flag = '--to-datetime'): number {
  const text = input.trim()
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(
    text,
  )
  const hint = `Use ISO-8601, e.g. ${flag} 2024-01-31T12:00:00Z, 2024-01-31T12:00:00.000+02:00 or 2024-01-31 (UTC when no zone is given).`
  if (!m) throw usageError(`Invalid ${flag} "${input}"`, hint, 'INVALID_DATETIME')
  const [, y, mo, d, h = '00', mi = '00', s = '00', ms = '0', zone] = m
  const parts = [
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s),
    Number(ms.padEnd(3, '0')),
  ] as const
  const utc = Date.UTC(...parts)
  // Reject impossible dates that Date silently rolls over (2024-02-31, 25:00).
  const check = new Date(utc)
  if (
    check.getUTCMonth() !== parts[1] ||
    check.getUTCDate() !== parts[2] ||
    parts[3] > 23 ||
    parts[4] > 59 ||
    parts[5] > 59
  ) {
    throw usageError(`Invalid ${flag} "${input}": no such date or time`, hint, 'INVALID_DATETIME')
  }
  let epoch = utc
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!
    if (Number(z[2]) > 18 || Number(z[3]) > 59)
      throw usageError(`Invalid ${flag} "${input}": no such zone offset ${zone}`, hint, 'INVALID_DATETIME')
    const offset = (Number(z[2]) * 60 + Number(z[3])) * 60_000
    epoch -= z[1] === '+' ? offset : -offset
  }
  if (epoch < 0)
    throw usageError(
      `Invalid ${flag} "${input}": before 1970-01-01T00:00:00Z`,
      'Kafka timestamps start at the Unix epoch (a negative one means "latest" or "earliest" to the broker).',
      'INVALID_DATETIME',
    )
  return epoch
}

/** The latest epoch milliseconds a JavaScript Date holds (+275760-09-13). */
export const MAX_EPOCH_MS = 8_640_000_000_000_000

/** epoch ms as ISO-8601 UTC, or null for Kafka's "no timestamp" (-1). */
export function formatTimestamp(epochMs: number | bigint | null): string | null {
  if (epochMs === null) return null
  const n = Number(epochMs)
  return n < 0 || n > MAX_EPOCH_MS ? null : new Date(n).toISOString()
}
