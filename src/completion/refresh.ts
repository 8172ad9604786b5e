/** Fetch the live names of one cluster into the completion cache (run in the background). */
import {clientMetricsNames} from '../admin/client-metrics.js'
import {describeCluster} from '../admin/cluster.js'
import {listGroups} from '../admin/groups.js'
import {listTopics} from '../admin/topics.js'
import {describeUsers} from '../admin/users.js'
import {connections} from '../connection/client.js'
import {resolveConnection} from '../connection/resolve.js'
import {type NamesCache, readNames, writeNames} from './cache.js'
import type {LiveKind} from './complete.js'

export async function refreshNames(
  clusterKey: string,
  flags: {context?: string; 'bootstrap-server'?: string},
  timeoutMs: number,
): Promise<NamesCache> {
  const spec = resolveConnection(flags)
  const conn = await connections.open(spec, {timeoutMs})
  try {
    // A kind that fails this time (not allowed, not supported, a broker timing out) keeps the
    // names of the previous refresh: a transient error never empties it.
    const previous = readNames(clusterKey)
    const names: Partial<Record<LiveKind, string[]>> = {}
    const settle = async <T>(kind: LiveKind, get: () => Promise<T[]>, name: (t: T) => string) => {
      try {
        names[kind] = [...new Set((await get()).map(name))].sort()
      } catch {
        if (previous?.names[kind]) names[kind] = previous.names[kind]
      }
    }
    let partitions: Record<string, number> = previous?.partitions ?? {}
    // In parallel: the first TAB on a new cluster waits for this (up to a second).
    await Promise.all([
      settle(
        'topics',
        async () => {
          const topics = await listTopics(conn)
          partitions = Object.fromEntries(topics.map((t) => [t.name, t.partitions]))
          return topics
        },
        (t) => t.name,
      ),
      settle(
        'groups',
        () => listGroups(conn),
        (g) => g.group,
      ),
      settle(
        'brokers',
        async () => (await describeCluster(conn)).brokers,
        (b) => String(b.id),
      ),
      settle(
        'users',
        () => describeUsers(conn),
        (u) => u.name,
      ),
      settle(
        'client-metrics',
        () => clientMetricsNames(conn),
        (n) => n,
      ),
    ])
    const cache = {updatedAt: Date.now(), cluster: clusterKey, names, partitions}
    writeNames(cache)
    return cache
  } finally {
    await conn.close()
  }
}
