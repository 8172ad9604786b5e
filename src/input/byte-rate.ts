import {usageError} from '../errors.js'

const UNITS: Record<string, number> = {b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3}

/**
 * Parse a replication throttle in bytes per second: `10485760`, `10MB`, `50MiB/s`, `1.5GB/s`.
 * Decimal units are powers of 1000, binary ones (KiB, MiB, GiB) powers of 1024.
 */
export function parseByteRate(input: string, flag = '--throttle'): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b|b)?\s*(?:\/\s*s(?:ec)?)?\s*$/i.exec(input)
  const hint = `Give bytes per second, e.g. ${flag} 10485760, ${flag} 10MB or ${flag} 50MiB/s.`
  if (!m) throw usageError(`Invalid ${flag} "${input}"`, hint, 'INVALID_THROTTLE')
  const bytes = Math.floor(Number(m[1]) * UNITS[(m[2] ?? 'b').toLowerCase()])
  if (bytes < 1)
    throw usageError(
      `Invalid ${flag} "${input}": the rate must be at least 1 byte per second`,
      hint,
      'INVALID_THROTTLE',
    )
  if (!Number.isSafeInteger(bytes)) throw usageError(`Invalid ${flag} "${input}": too large`, hint, 'INVALID_THROTTLE')
  return bytes
}
