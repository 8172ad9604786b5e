import {clusterService} from '../admin/cluster/cluster.js'
import {type KafkaConnection, connections} from '../connection/client.js'
import {type ConnectionSpec, resolveConnection} from '../connection/resolve.js'
import {connectionError} from '../errors.js'
import type {Degradation} from './command-output.js'

export type ConnectionFlag = 'bootstrap-server' | 'command-config' | 'context'

/**
 * One command's connection to Kafka: resolved from the connection flags typed on the command line
 * (oclif also fills them from their KCTL_* variables; resolveConnection needs to know which were
 * typed, since the command line beats the environment), opened on first use, closed once.
 */
export class CommandConnection {
  private conn?: KafkaConnection
  private connectingTo?: string
  private contextOverride?: string

  constructor(
    private readonly options: {
      /** A connection flag's value when it was typed on the command line. */
      typed: (name: ConnectionFlag) => string | undefined
      timeoutMs: () => number
      debug?: (line: string) => void
      warn: (message: string) => void
    },
  ) {}

  get spec(): ConnectionSpec {
    const {typed} = this.options
    // One of several contexts (`--context a,b`, see use) counts as typed.
    return resolveConnection(
      {
        'bootstrap-server': typed('bootstrap-server'),
        'command-config': typed('command-config'),
        context: this.contextOverride ?? typed('context'),
      },
      process.env,
    )
  }

  /** For commands run against several contexts in turn: close the connection; the next is to `context`. */
  async use(context: string): Promise<void> {
    if (this.conn) await this.conn.close()
    this.conn = undefined
    this.contextOverride = context
  }

  /** The connection, opened on first use; a context pinned to a cluster id must reach that cluster. */
  async open(): Promise<KafkaConnection> {
    if (this.conn) return this.conn
    const spec = this.spec
    for (const w of spec.warnings) this.options.warn(w)
    const {debug} = this.options
    const from = spec.contextName
      ? `context ${spec.contextName}${spec.source === 'context' ? '' : `, brokers from ${spec.source}`}`
      : `from ${spec.source}`
    debug?.(
      `connecting to ${spec.brokers.join(',')} (${spec.securityProtocol}${spec.sasl ? ` ${spec.sasl.mechanism} as ${spec.sasl.username}` : ''}, ${from})`,
    )
    this.connectingTo = spec.brokers.join(',')
    this.conn = await connections.open(spec, {timeoutMs: this.options.timeoutMs(), debug})
    const actualId = spec.clusterId ? await clusterService.clusterId(this.conn) : undefined
    if (spec.clusterId && actualId !== spec.clusterId) {
      throw connectionError(
        `Context ${spec.contextName} is pinned to cluster ${spec.clusterId}, but ${spec.brokers.join(',')} is cluster ${actualId}`,
        {
          code: 'CLUSTER_ID_MISMATCH',
          hint: 'Check the bootstrap servers of the context, or update its cluster-id with `kctl context set`.',
        },
      )
    }
    return this.conn
  }

  /** The brokers being connected to while no connection is up yet (a deadline then is a connect timeout). */
  get connecting(): string | undefined {
    return this.conn ? undefined : this.connectingTo
  }

  /** What the connection could not reach (a broker down, a partition without a leader). */
  get warnings(): Degradation[] {
    return this.conn?.warnings ?? []
  }

  /** Say what a partial answer is missing (stderr, whatever the format), the request counts with --debug; close. */
  async close(): Promise<void> {
    if (!this.conn) return
    for (const w of this.conn.warnings ?? []) this.options.warn(w.message)
    if (this.options.debug) {
      const counts = [...this.conn.requestCounts.entries()].sort(([a], [b]) => a.localeCompare(b))
      this.options.debug(`requests: ${counts.map(([api, n]) => `${api}=${n}`).join(' ') || 'none'}`)
    }
    await this.conn.close()
  }
}
