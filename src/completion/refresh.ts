/** Fetch the live names of one cluster into the completion cache (run in the background). */
import {describeCluster} from '../admin/cluster.js'
import {listGroups} from '../admin/groups.js'
import {listTopics} from '../admin/topics.js'
import {describeUsers} from '../admin/users.js'
import {connections} from '../connection/client.js'
import {resolveConnection} from '../connection/resolve.js'
import {type NamesCache, writeNames} from './cache.js'
import type {LiveKind} from './complete.js'

export async function refreshNames(
  clusterKey: string,
  flags: {context?: string; 'bootstrap-server'?: string},
  timeoutMs: number,
): Promise<NamesCache> {
  const spec = resolveConnection(flags)
  const conn = await connections.open(spec, {timeoutMs})
  try {
    const names: Partial<Record<LiveKind, string[]>> = {}
    const settle = async <T>(kind: LiveKind, get: () => Promise<T[]>, name: (t: T) => string) => {
      try {
        names[kind] = [...new Set((await get()).map(name))].sort()
      } catch {
        // Not allowed or not supported (e.g. SCRAM users on an old broker): that kind stays empty.
      }
    }
    await settle(
      'topics',
      () => listTopics(conn),
      (t) => t.name,
    )
    await settle(
      'groups',
      () => listGroups(conn),
      (g) => g.group,
    )
    await settle(
      'brokers',
      async () => (await describeCluster(conn)).brokers,
      (b) => String(b.id),
    )
    await settle(
      'users',
      () => describeUsers(conn),
      (u) => u.name,
    )
    const cache = {updatedAt: Date.now(), cluster: clusterKey, names}
    writeNames(cache)
    return cache
  } finally {
    await conn.close()
  }
}
