const MARKER = '@@kctl-bigint@@'

/**
 * JSON with 64-bit integers intact: bigint values print as integer literals, never as
 * strings or rounded doubles. Keys keep insertion order (the result types fix it).
 *
 * Speed matters (`lag --all-groups -o json` prints megabytes): bigints that fit a double are
 * converted up front so the native serializer runs without a replacer; only larger ones go
 * through a marker string that is unquoted afterwards.
 */
export function toJson(value: unknown, indent = 2): string {
  const state = {marked: false}
  const text = JSON.stringify(plain(value, state), null, indent) ?? 'null'
  return state.marked ? text.replace(new RegExp(`"${MARKER}(-?\\d+)"`, 'g'), '$1') : text
}

/** A copy with bigints replaced, as JSON.stringify would see it (own enumerable keys). */
function plain(v: unknown, state: {marked: boolean}): unknown {
  if (typeof v === 'bigint') {
    const n = Number(v)
    if (Number.isSafeInteger(n)) return n
    state.marked = true
    return `${MARKER}${v}`
  }
  if (v === null || typeof v !== 'object') return v
  if (Array.isArray(v)) {
    const out = Array.from({length: v.length})
    for (let i = 0; i < v.length; i++) out[i] = plain(v[i], state)
    return out
  }
  if (typeof (v as {toJSON?: unknown}).toJSON === 'function') return v
  const out: Record<string, unknown> = {}
  for (const k of Object.keys(v)) out[k] = plain((v as Record<string, unknown>)[k], state)
  return out
}
