import {homedir} from 'node:os'
import {join} from 'node:path'

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'kctl')
}

/** Where the local cluster lives (data, logs, certificates, state). KCTL_LOCAL_DIR overrides it. */
export function localClusterDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KCTL_LOCAL_DIR) return env.KCTL_LOCAL_DIR
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'kctl', 'local')
}
