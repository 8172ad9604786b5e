import {usageError} from '../../errors.js'
import {parseDuration} from '../../input/duration.js'

const SIZE_UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
}

/** `10MiB`, `1GB`, `512KiB`, `100b`: a byte count; undefined when the text has no unit. */
export function parseSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]i?b|b)\s*$/i.exec(text)
  if (!m) return undefined
  return Math.floor(Number(m[1]) * SIZE_UNITS[m[2].toLowerCase()])
}

const isDurationKey = (key: string) => key.endsWith('.ms')
const isSizeKey = (key: string) => /bytes/.test(key)

/**
 * A config value of a state file as Kafka stores it: numbers and booleans as text, lists joined
 * with commas, `7d` / `12h` in keys ending in `.ms` as milliseconds, `10MiB` / `1GB` in keys about
 * bytes as a byte count. A plain number is never reinterpreted (Kafka's own unit is kept).
 */
export function configValueText(key: string, value: unknown): string {
  if (typeof value === 'boolean') return String(value)
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw usageError(`Invalid value for ${key}: ${value}`, undefined, 'INVALID_CONFIG_VALUE')
    return String(value)
  }
  if (Array.isArray(value)) return value.map(String).join(',')
  const text = String(value)
  if (isDurationKey(key) && /^\s*(\d+(\.\d+)?(ms|s|m|h|d))+\s*$/.test(text))
    return String(parseDuration(text.trim(), key))
  if (isSizeKey(key) && /[a-z]/i.test(text)) {
    const bytes = parseSize(text)
    if (bytes === undefined)
      throw usageError(
        `Invalid size "${text}" for ${key}`,
        'Use a number of bytes or a size like 10MiB, 512KiB, 1GB.',
        'INVALID_CONFIG_VALUE',
      )
    return String(bytes)
  }
  return text
}
