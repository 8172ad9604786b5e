/** The per-cluster cache of live names for completion (small JSON files, refreshed in the background). */
import {createHash} from 'node:crypto'
import {mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {cacheDir} from '../local/paths.js'
import type {LiveNames} from './complete.js'

export interface NamesCache extends LiveNames {
  /** ms since the epoch. */
  updatedAt: number
  cluster: string
}

/** A cache is fresh for a minute; older answers are still given while a refresh runs. */
export const FRESH_MS = 60_000

export const completionDir = (env: NodeJS.ProcessEnv = process.env) => join(cacheDir(env), 'completion')
export const specFile = (env: NodeJS.ProcessEnv = process.env) => join(completionDir(env), 'spec.json')

/** One file per cluster: the context name, or the bootstrap address of an ad-hoc connection. */
export function cacheFile(clusterKey: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(completionDir(env), `names-${createHash('sha256').update(clusterKey).digest('hex').slice(0, 16)}.json`)
}

export function readNames(clusterKey: string, env: NodeJS.ProcessEnv = process.env): NamesCache | undefined {
  try {
    return JSON.parse(readFileSync(cacheFile(clusterKey, env), 'utf8')) as NamesCache
  } catch {
    return undefined
  }
}

export function writeNames(cache: NamesCache, env: NodeJS.ProcessEnv = process.env): void {
  mkdirSync(completionDir(env), {recursive: true, mode: 0o700})
  const file = cacheFile(cache.cluster, env)
  const tmp = `${file}.${process.pid}.tmp`
  writeFileSync(tmp, JSON.stringify(cache), {mode: 0o600})
  renameSync(tmp, file)
}
