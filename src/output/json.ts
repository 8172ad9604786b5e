/**
 * JSON with 64-bit integers intact: bigint values print as integer literals, never as
 * strings or rounded doubles. Keys keep insertion order (the result types fix it).
 */
export function toJson(value: unknown, indent = 2): string {
  const marker = '@@kctl-bigint@@'
  const text = JSON.stringify(
    value,
    (_key, v) => (typeof v === 'bigint' ? `${marker}${v.toString()}` : v),
    indent,
  )
  return (text ?? 'null').replace(new RegExp(`"${marker}(-?\\d+)"`, 'g'), '$1')
}
