import {parse as parseYaml} from 'yaml'

/** Integers within 2^53 as numbers, larger ones as bigints (what kctl's JSON writer emits). */
function narrow(value: unknown): unknown {
  if (typeof value === 'bigint')
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value
  if (Array.isArray(value)) return value.map(narrow)
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, narrow(v)]))
  return value
}

/** Parse kctl's JSON output keeping 64-bit integers exact (offsets, lag). */
export function parseJson(text: string): any {
  return narrow(parseYaml(text, {intAsBigInt: true}))
}
