/** Fetch the live names of one cluster into the completion cache (run in the background). */
import {clientMetricsNames} from '../admin/client-metrics.js'
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
    const partitions: Record<string, number> = {}
    await settle(
      'topics',
      async () => {
        const topics = await listTopics(conn)
        for (const t of topics) partitions[t.name] = t.partitions
        return topics
      },
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
    await settle(
      'client-metrics',
      () => clientMetricsNames(conn),
      (n) => n,
    )
    const cache = {updatedAt: Date.now(), cluster: clusterKey, names, partitions}
    writeNames(cache)
    return cache
  } finally {
    await conn.close()
  }
}
