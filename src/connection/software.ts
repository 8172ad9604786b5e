import {readFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

let version: string | undefined

/**
 * kctl's version for ApiVersions' client software fields: from the nearest package.json named
 * kctl above this module (dist/ or a bundle), read once; "0" when none is found.
 */
export function kctlVersion(): string {
  if (version !== undefined) return version
  version = '0'
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 5; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {name?: string; version?: string}
      if (pkg.name === 'kctl' && pkg.version && /^[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?$/.test(pkg.version)) {
        version = pkg.version
        break
      }
    } catch {
      // Not here: one level up.
    }
    const up = dirname(dir)
    if (up === dir) break
    dir = up
  }
  return version
}
