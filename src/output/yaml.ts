import {stringify} from 'yaml'

/** YAML of the same data as --json: bigints become plain integers. */
export function toYaml(value: unknown): string {
  return stringify(value, (_key, v) => (typeof v === 'bigint' ? (Number.isSafeInteger(Number(v)) ? Number(v) : v.toString()) : v), {
    lineWidth: 0,
  }).trimEnd()
}
