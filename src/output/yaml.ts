import {createRequire} from 'node:module'

// Loaded on first use (~25 ms to import): only YAML output and the config file need it.
const require = createRequire(import.meta.url)
const yaml = () => require('yaml') as typeof import('yaml')

/** YAML of the same data as --json: bigints are plain integers (never strings), as in JSON. */
export function toYaml(value: unknown): string {
  return yaml()
    .stringify(value, (_key, v) => (typeof v === 'bigint' && Number.isSafeInteger(Number(v)) ? Number(v) : v), {
      lineWidth: 0,
    })
    .trimEnd()
}
