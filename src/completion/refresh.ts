/** Fetch the live names of one cluster into the completion cache (run in the background). */
import {clientMetricsNames} from '../admin/configs/client-metrics.js'
import {describeCluster} from '../admin/cluster/cluster.js'
import {listGroups} from '../admin/groups/groups.js'
import {listTopics} from '../admin/topics/topics.js'
import {describeUsers} from '../admin/security/users.js'
import {connections} from '../connection/client.js'
import {resolveConnection} from '../connection/resolve.js'
import {type NamesCache, readNames, writeNames} from './cache.js'
import type {LiveKind} from './complete.js'

export async function refreshNames(
  clusterKey: string,
  flags: {context?: string; 'bootstrap-server'?: string; 'command-config'?: string},
  timeoutMs: number,
): Promise<NamesCache> {
  const spec = resolveConnection(flags)
  const conn = await connections.open(spec, {timeoutMs})
  try {
    // A kind that fails this time (not allowed, not supported, a broker timing out) keeps the
    // names of the previous refresh: a transient error never empties it.
    const previous = readNames(clusterKey)
    const names: Partial<Record<LiveKind, string[]>> = {}
    let partitions: Record<string, number> = previous?.partitions ?? {}
    const kinds: [LiveKind, () => Promise<string[]>][] = [
      [
        'topics',
        async () => {
          const topics = await listTopics(conn)
          partitions = Object.fromEntries(topics.map((t) => [t.name, t.partitions]))
          return topics.map((t) => t.name)
        },
      ],
      ['groups', async () => (await listGroups(conn)).map((g) => g.group)],
      ['brokers', async () => (await describeCluster(conn)).brokers.map((b) => String(b.id))],
      ['users', async () => (await describeUsers(conn)).map((u) => u.name)],
      ['client-metrics', () => clientMetricsNames(conn)],
    ]
    // In parallel: the first TAB on a new cluster waits for this (up to a second).
    await Promise.all(
      kinds.map(async ([kind, get]) => {
        try {
          names[kind] = [...new Set(await get())].sort()
        } catch {
          if (previous?.names[kind]) names[kind] = previous.names[kind]
        }
      }),
    )
    const cache = {updatedAt: Date.now(), cluster: clusterKey, names, partitions}
    writeNames(cache)
    return cache
  } finally {
    await conn.close()
  }
}
