import {usageError} from '../errors.js'

export interface RecordFields {
  key: Buffer | null
  value: Buffer | null
  headers: {key: string; value: Buffer | null}[]
}

export type RecordFilter = (r: RecordFields) => boolean

const HINT =
  'Use PATTERN (key, value or a header value), key:PATTERN, value:PATTERN, header:NAME or header:NAME=PATTERN; a leading ! negates. PATTERN is a regular expression.'

/**
 * `consume --grep` filters, all of which must hold: on the raw bytes (as UTF-8), before any value
 * decoding. `key:P`, `value:P`, `header:NAME`, `header:NAME=P`, or a bare `P` (key, value or any
 * header value); `!` negates.
 */
export function parseGrep(specs: string[]): RecordFilter | undefined {
  if (specs.length === 0) return undefined
  const filters = specs.map((spec) => parseOne(spec))
  return (r) => filters.every((f) => f(r))
}

function regex(pattern: string, spec: string): RegExp {
  try {
    return new RegExp(pattern)
  } catch (error) {
    throw usageError(`Invalid --grep "${spec}": ${(error as Error).message}`, HINT, 'INVALID_GREP')
  }
}

const text = (b: Buffer | null) => (b === null ? null : b.toString('utf8'))

function parseOne(spec: string): RecordFilter {
  const negate = spec.startsWith('!')
  const body = negate ? spec.slice(1) : spec
  if (body === '') throw usageError(`Invalid --grep "${spec}": empty pattern`, HINT, 'INVALID_GREP')
  let test: RecordFilter
  const m = /^(key|value|header):(.*)$/s.exec(body)
  if (m && m[1] === 'header') {
    const eq = m[2].indexOf('=')
    const name = eq === -1 ? m[2] : m[2].slice(0, eq)
    if (name === '') throw usageError(`Invalid --grep "${spec}": header: needs a header name`, HINT, 'INVALID_GREP')
    const re = eq === -1 ? undefined : regex(m[2].slice(eq + 1), spec)
    test = (r) => r.headers.some((h) => h.key === name && (!re || re.test(text(h.value) ?? '')))
  } else if (m) {
    const re = regex(m[2], spec)
    const field = m[1] as 'key' | 'value'
    test = (r) => r[field] !== null && re.test(text(r[field])!)
  } else {
    const re = regex(body, spec)
    test = (r) => [r.key, r.value, ...r.headers.map((h) => h.value)].some((b) => b !== null && re.test(text(b)!))
  }
  return negate ? (r) => !test(r) : test
}
