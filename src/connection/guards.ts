import {lookup} from 'node:dns/promises'

import type {Context, KctlConfig} from './config-file.js'

/** What a cluster says about itself (one DescribeCluster). */
export interface ClusterIdentity {
  clusterId: string
  brokers: Array<{host: string; port: number}>
}

/** The context whose guard an ad-hoc connection gets, and why. */
export interface ClusterGuard {
  contextName: string
  readOnly: boolean
  protected: boolean
  matchedBy: 'cluster-id' | 'bootstrap-servers'
}

/** Contexts whose guard an ad-hoc connection to their cluster inherits: read-only or protected. */
export function guardedContexts(config: KctlConfig): Array<[string, Context]> {
  return Object.entries(config.contexts)
    .filter(([, c]) => c.readOnly || c.protected)
    .sort(([a], [b]) => a.localeCompare(b))
}

export type HostResolver = (host: string) => Promise<string[]>

const resolveHost: HostResolver = async (host) => (await lookup(host, {all: true})).map((a) => a.address)

/** `host:port` or `[v6]:port` -> host and port. */
function parseAddress(address: string): {host: string; port: number} {
  const m = /^\[?([^\]]*?)\]?:(\d+)$/.exec(address.trim())
  return m ? {host: m[1], port: Number(m[2])} : {host: address.trim(), port: 0}
}

/** Every way to name an endpoint: the host name and the addresses it resolves to, each with the port. */
async function endpoints(addresses: Array<{host: string; port: number}>, resolve: HostResolver): Promise<Set<string>> {
  const names = await Promise.all(
    addresses.map(async ({host, port}) => {
      const ips = await resolve(host).catch(() => [])
      return [host.toLowerCase(), ...ips.map((ip) => ip.toLowerCase())].map((h) => `${h}|${port}`)
    }),
  )
  return new Set(names.flat())
}

/**
 * The guarded context an ad-hoc connection reaches, if any. A context that pins a cluster id is
 * matched by that id (whatever listener or broker the connection used); one without a pin is
 * matched by address: one of its bootstrap servers is one of the given bootstrap servers or one of
 * the brokers the cluster reports (host names compared by what they resolve to). Read-only wins
 * over protected when several match.
 */
export async function findClusterGuard(
  config: KctlConfig,
  bootstrap: string[],
  identity: ClusterIdentity,
  resolve: HostResolver = resolveHost,
): Promise<ClusterGuard | undefined> {
  const guarded = guardedContexts(config)
  if (guarded.length === 0) return undefined
  let reached: Set<string> | undefined
  const matches: ClusterGuard[] = []
  for (const [name, context] of guarded) {
    let matchedBy: ClusterGuard['matchedBy'] | undefined
    if (context.clusterId) {
      if (context.clusterId === identity.clusterId) matchedBy = 'cluster-id'
    } else {
      reached ??= await endpoints([...bootstrap.map(parseAddress), ...identity.brokers], resolve)
      const own = await endpoints(context.bootstrapServers.map(parseAddress), resolve)
      if ([...own].some((e) => reached!.has(e))) matchedBy = 'bootstrap-servers'
    }
    if (matchedBy)
      matches.push({
        contextName: name,
        readOnly: Boolean(context.readOnly),
        protected: Boolean(context.protected),
        matchedBy,
      })
  }
  return matches.find((m) => m.readOnly) ?? matches[0]
}
