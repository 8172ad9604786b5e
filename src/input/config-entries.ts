import {usageError} from '../errors.js'

export interface ConfigAssignment {
  key: string
  value: string
}

/** `key=value` (the value may contain '=' and be empty). */
export function parseConfigAssignment(text: string, what = 'config'): ConfigAssignment {
  const i = text.indexOf('=')
  const key = i === -1 ? text.trim() : text.slice(0, i).trim()
  if (i === -1 || key === '') {
    throw usageError(
      `Invalid ${what} "${text}": expected key=value`,
      'Write each setting as key=value, e.g. retention.ms=86400000.',
      'INVALID_CONFIG_ENTRY',
    )
  }
  return {key, value: text.slice(i + 1)}
}

/**
 * kafka-configs' `--add-config` syntax: `k1=v1,k2=[a,b],k3=v3` — commas separate entries, and a
 * value in square brackets is a list whose commas belong to the value.
 */
export function parseKafkaConfigList(text: string): ConfigAssignment[] {
  const out: ConfigAssignment[] = []
  let i = 0
  while (i < text.length) {
    const eq = text.indexOf('=', i)
    const comma = text.indexOf(',', i)
    if (eq === -1 || (comma !== -1 && comma < eq)) {
      throw usageError(
        `Invalid --add-config "${text}": "${text.slice(i, comma === -1 ? undefined : comma)}" is not key=value`,
        'Use --add-config k1=v1,k2=[v2,v3] (brackets around list values).',
        'INVALID_CONFIG_ENTRY',
      )
    }
    const key = text.slice(i, eq).trim()
    let value: string
    if (text[eq + 1] === '[') {
      const close = text.indexOf(']', eq + 2)
      if (close === -1)
        throw usageError(
          `Invalid --add-config "${text}": unclosed [ in the value of ${key}`,
          'Close the list: k=[a,b].',
          'INVALID_CONFIG_ENTRY',
        )
      value = text.slice(eq + 2, close)
      i = close + 1
      if (i < text.length && text[i] !== ',')
        throw usageError(
          `Invalid --add-config "${text}": expected ',' after ] in ${key}`,
          undefined,
          'INVALID_CONFIG_ENTRY',
        )
      i++
    } else {
      const end = comma === -1 ? text.length : comma
      value = text.slice(eq + 1, end)
      i = end + 1
    }
    if (key === '') throw usageError(`Invalid --add-config "${text}": empty key`, undefined, 'INVALID_CONFIG_ENTRY')
    out.push({key, value})
  }
  return out
}

/** kafka-configs' `--delete-config k1,k2`. */
export function parseKeyList(text: string): string[] {
  return text
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '')
}

/** Reject the same key twice in one command (the result would depend on order). */
export function assertUniqueKeys(keys: string[]): void {
  const seen = new Set<string>()
  for (const k of keys) {
    if (seen.has(k))
      throw usageError(
        `Config key ${k} is given more than once`,
        'Name each key once per command.',
        'DUPLICATE_CONFIG_KEY',
      )
    seen.add(k)
  }
}
