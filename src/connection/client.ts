import {connectionError, toKctlError} from '../errors.js'
import {Encoder} from '../protocol/encoder.js'
import type {EncoderConstructor, KafkaBroker, ProtocolRequest, RequestEvent} from '../protocol/kafkajs-internals.js'
import {MetadataApi, metadataRequest} from '../protocol/metadata.js'
import {protocolErrorToKctl} from '../protocol/protocol-error.js'
import {type ApiSpec, brokerLabel, negotiateVersion} from '../protocol/wire.js'
import type {SaslOptionsContext} from './auth/sasl.js'
import {tlsOptions as nodeTlsOptions} from './auth/tls.js'
import {BrokerConnection, type SaslMechanism, kctlVersion} from './broker-connection.js'
import {type BrokerInfo, type ClusterMetadata, brokerAddress, parseAddress} from './cluster-metadata.js'
import type {ConnectionSpec} from './resolve.js'

export interface ConnectionOptions {
  /** Whole-command deadline in ms; connection and request timeouts never exceed it. */
  timeoutMs: number
  /** Receives one line per Kafka request when --debug is on. */
  debug?: (line: string) => void
}

/**
 * Something a command could not reach or read while it answered for the rest: a broker down, a
 * partition without a leader. Services record it on the connection; the command reports it
 * (`Warning:` lines on stderr, `warnings` in JSON) and check commands turn it into exit 3.
 */
export interface Degradation {
  code: string
  message: string
  brokers?: number[]
  partitions?: string[]
}

/** How long a broker that did not answer is given up on within one command (or a --watch refresh). */
const UNREACHABLE_MEMORY_MS = 10_000

/** After this long without an answer from one bootstrap address, the next one is tried too. */
const BOOTSTRAP_STAGGER_MS = 1500

/**
 * The request timeout: a hung broker costs one request timeout, not the whole deadline. Kafka's
 * request.timeout.ms, when set, is honoured up to the deadline.
 */
export function requestTimeoutFor(deadlineMs: number, configured?: number): number {
  if (configured !== undefined) return Math.max(100, Math.min(configured, deadlineMs))
  return Math.max(1000, Math.min(10_000, Math.floor(deadlineMs / 3)))
}

/**
 * kctl's connection to one cluster: its own Metadata (partition errors kept as data), per-broker
 * connections opened on first use (BrokerConnection: sockets, TLS, ApiVersions, SASL), and no
 * kafkajs module on the way (see docs/reliability.md).
 */
export class KafkaConnection {
  readonly spec: ConnectionSpec
  /** Requests sent per API name, for --debug and for tests that prove batching. */
  readonly requestCounts = new Map<string, number>()
  /** What could not be reached, in the order it happened (deduplicated by message). */
  readonly warnings: Degradation[] = []
  readonly requestTimeoutMs: number
  private readonly options: ConnectionOptions
  private seed?: KafkaBroker
  private seedAddress?: string
  /** Live brokers from the latest Metadata response. */
  private known = new Map<number, BrokerInfo>()
  private knownLoaded = false
  private connections = new Map<number, Promise<KafkaBroker>>()
  private opened: KafkaBroker[] = []
  private closed = false

  constructor(spec: ConnectionSpec, options: ConnectionOptions) {
    this.spec = spec
    this.options = options
    this.requestTimeoutMs = requestTimeoutFor(options.timeoutMs, spec.requestTimeoutMs)
  }

  get address(): string {
    return this.spec.brokers.join(',')
  }

  /** Record something the command could not reach; the command reports it. */
  warn(d: Degradation): void {
    if (!this.warnings.some((w) => w.message === d.message)) this.warnings.push(d)
  }

  private opening?: Promise<void>

  /** Connect to one of the bootstrap servers (ApiVersions and authentication); once. */
  open(): Promise<void> {
    this.opening ??= this.bootstrap()
    return this.opening
  }

  private async bootstrap(): Promise<void> {
    const addresses = this.spec.brokers
    const failures: {address: string; error: unknown}[] = []
    const winner = await new Promise<{broker: KafkaBroker; address: string} | undefined>((resolve) => {
      let next = 0
      let pending = 0
      let done = false
      const start = () => {
        if (done || next >= addresses.length) return
        const address = addresses[next++]
        pending++
        const stagger = setTimeout(start, BOOTSTRAP_STAGGER_MS)
        stagger.unref()
        const {host, port} = parseAddress(address)
        this.connectBroker(host, port, null).then(
          (broker) => {
            clearTimeout(stagger)
            pending--
            if (done) return void broker.disconnect().catch(() => undefined)
            done = true
            resolve({broker, address})
          },
          (error) => {
            clearTimeout(stagger)
            pending--
            failures.push({address, error})
            if (done) return
            if (next < addresses.length) start()
            else if (pending === 0) {
              done = true
              resolve(undefined)
            }
          },
        )
      }
      start()
    })
    if (!winner) throw this.bootstrapError(failures)
    this.seed = winner.broker
    this.seedAddress = winner.address
  }

  private bootstrapError(failures: {address: string; error: unknown}[]): Error {
    // Authentication, authorization and TLS errors say more than "cannot connect": keep the first.
    const errors = failures.map((f) => toKctlError(f.error, {address: f.address}))
    const specific = errors.find((e) => e.code !== 'CONNECTION_FAILED') ?? errors[0]
    if (!specific) return connectionError(`Cannot connect to Kafka at ${this.address}`)
    if (specific.code !== 'CONNECTION_FAILED') return specific
    const reasons = failures.map(
      (f, i) => `${f.address}: ${errors[i].message.replace(/^Cannot connect to Kafka at \S+: /, '')}`,
    )
    return connectionError(`Cannot connect to Kafka at ${this.address} (${reasons.join('; ')})`, {
      hint: specific.hint,
      retriable: true,
      cause: failures[0].error,
    })
  }

  /**
   * Metadata for `topics` (null: every topic; []: none, only brokers), from kctl's own Metadata
   * request. Topic and partition errors are kept in the result. Refreshes the known brokers.
   */
  async metadata(topics: string[] | null = null): Promise<ClusterMetadata> {
    const res = await this.onAnyBroker((broker) =>
      this.request(broker, MetadataApi, (v, Encoder) => metadataRequest(v, topics, Encoder)),
    )
    if (res.errorCode !== 0) throw protocolErrorToKctl(res.errorCode, null, 'Metadata')
    const brokers = res.brokers
      .map((b) => ({id: b.nodeId, host: b.host, port: b.port, rack: b.rack}))
      .sort((a, b) => a.id - b.id)
    this.known = new Map(brokers.map((b) => [b.id, b]))
    this.knownLoaded = true
    return {
      clusterId: res.clusterId,
      controllerId: res.controllerId,
      brokers,
      topics: res.topics
        .filter((t) => t.name !== null)
        .map((t) => ({
          name: t.name!,
          topicId: t.topicId,
          internal: t.isInternal,
          errorCode: t.errorCode,
          partitions: t.partitions
            .map((p) => ({
              partition: p.partitionIndex,
              errorCode: p.errorCode,
              leader: p.leaderId,
              leaderEpoch: p.leaderEpoch,
              replicas: p.replicaNodes,
              isr: p.isrNodes,
              offlineReplicas: p.offlineReplicas,
            }))
            .sort((a, b) => a.partition - b.partition),
        }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    }
  }

  /** The live brokers (from the latest Metadata, or a brokers-only Metadata request). */
  async brokers(): Promise<BrokerInfo[]> {
    if (!this.knownLoaded) await this.metadata([])
    return [...this.known.values()]
  }

  /** Live broker ids, sorted. */
  async brokerIds(): Promise<number[]> {
    return (await this.brokers()).map((b) => b.id)
  }

  /**
   * A connected broker for cluster-wide requests: the bootstrap broker while it answers, else any
   * other live broker.
   */
  async anyBroker(): Promise<KafkaBroker> {
    if (this.closed) throw connectionError('The connection is closed')
    // Always awaited: a second caller while the bootstrap is under way must wait for its seed.
    await this.open()
    if (this.seed?.isConnected()) return this.seed
    if (this.seed) {
      try {
        await this.seed.connect()
        return this.seed
      } catch {
        // The bootstrap broker went away: use another one.
      }
    }
    for (const id of this.known.keys()) {
      try {
        return await this.broker(id)
      } catch {
        // Try the next one.
      }
    }
    throw connectionError(`Cannot reach any broker of ${this.address}`, {
      hint: 'Check that the brokers are up and reachable.',
      retriable: true,
    })
  }

  /** Run `fn` on any broker; on a connection failure, once more on another broker. */
  private async onAnyBroker<T>(fn: (broker: KafkaBroker) => Promise<T>): Promise<T> {
    const broker = await this.anyBroker()
    try {
      return await fn(broker)
    } catch (error) {
      const e = toKctlError(error)
      if (e.code !== 'CONNECTION_FAILED' || this.known.size < 2) throw error
      if (broker === this.seed) this.seed = undefined
      else this.forget(broker)
      return fn(await this.anyBroker())
    }
  }

  /**
   * Brokers that could not be reached, and when: for a while they fail at once, so a hung broker
   * costs a command one request timeout, not one per request.
   */
  private unreachable = new Map<number, {at: number; error: unknown}>()

  /** The connection to broker `nodeId`, opened on first use. */
  async broker(nodeId: number): Promise<KafkaBroker> {
    const failed = this.unreachable.get(nodeId)
    if (failed && Date.now() - failed.at < UNREACHABLE_MEMORY_MS) throw failed.error
    const open = this.connections.get(nodeId)
    if (open) {
      const broker = await open
      if (broker.isConnected()) return broker
      return this.reconnect(nodeId, broker)
    }
    const promise = this.openBroker(nodeId)
    this.connections.set(nodeId, promise)
    promise.catch((error) => {
      this.connections.delete(nodeId)
      if ((error as {exitCode?: number}).exitCode === 4 && (error as {code?: string}).code === 'BROKER_UNREACHABLE')
        this.unreachable.set(nodeId, {at: Date.now(), error})
    })
    return promise
  }

  private async reconnect(nodeId: number, broker: KafkaBroker): Promise<KafkaBroker> {
    try {
      await broker.connect()
      return broker
    } catch (error) {
      this.connections.delete(nodeId)
      const e = this.brokerError(nodeId, error)
      if (e.code === 'BROKER_UNREACHABLE') this.unreachable.set(nodeId, {at: Date.now(), error: e})
      throw e
    }
  }

  private async openBroker(nodeId: number): Promise<KafkaBroker> {
    if (!this.known.has(nodeId)) await this.metadata([])
    const info = this.known.get(nodeId)
    if (!info) {
      throw connectionError(`Broker ${nodeId} is not a live broker of the cluster`, {
        code: 'BROKER_NOT_AVAILABLE',
        hint: 'List the live brokers with `kctl brokers list`.',
        details: {broker: nodeId},
      })
    }
    // The bootstrap connection is reused when it is this broker.
    if (this.seed && this.seed.nodeId == null && this.seedAddress === brokerAddress(info)) {
      this.seed.nodeId = nodeId
      return this.seed
    }
    if (this.seed?.nodeId === nodeId) return this.seed
    try {
      return await this.connectBroker(info.host, info.port, nodeId)
    } catch (error) {
      throw this.brokerError(nodeId, error)
    }
  }

  private brokerError(nodeId: number, error: unknown) {
    const info = this.known.get(nodeId)
    const where = `broker ${nodeId}${info ? ` (${brokerAddress(info)})` : ''}`
    const e = toKctlError(error, {address: where})
    if (e.code !== 'CONNECTION_FAILED') return e
    return connectionError(`Cannot reach ${where}: ${e.message.replace(/^Cannot connect to Kafka at .*?: /, '')}`, {
      code: 'BROKER_UNREACHABLE',
      hint: 'The broker may be down or hung; `kctl brokers list` shows the live brokers.',
      retriable: true,
      details: {broker: nodeId},
      cause: error,
    })
  }

  private forget(broker: KafkaBroker): void {
    for (const [id, p] of this.connections) {
      void p.then(
        (b) => {
          if (b === broker) this.connections.delete(id)
        },
        () => undefined,
      )
    }
  }

  /**
   * Where topic mutations go: the controller the Metadata names (on KRaft any broker forwards them
   * to the active controller, and the Metadata's controller is one of them).
   */
  async controller(): Promise<KafkaBroker> {
    const metadata = await this.metadata([])
    if (metadata.controllerId >= 0 && this.known.has(metadata.controllerId)) {
      try {
        return await this.broker(metadata.controllerId)
      } catch {
        // Any live broker forwards to the controller on KRaft.
      }
    }
    return this.anyBroker()
  }

  /** Send a request built in src/protocol/ to one broker. */
  async send<T>(broker: KafkaBroker, request: ProtocolRequest<T>): Promise<T> {
    try {
      return await broker.send(request)
    } catch (error) {
      const e = toKctlError(error, {address: brokerLabel(broker)})
      if (e.code === 'CONNECTION_FAILED') {
        // A broker answers one request per connection at a time: after a timeout this connection
        // still waits for the old answer (say a DescribeQuorum the broker forwards to a hung
        // controller), and every request sent on it would wait too. It is closed; the next request
        // opens a fresh one.
        broker.disconnect().catch(() => undefined)
        if (broker === this.seed) this.seed = undefined
      }
      // A broker that stopped answering (hung, gone) is given up on for a while.
      if (e.code === 'CONNECTION_FAILED' && broker.nodeId != null) {
        const nodeId = broker.nodeId
        const unreachable = this.brokerError(nodeId, error)
        this.unreachable.set(nodeId, {at: Date.now(), error: unreachable})
        this.connections.delete(nodeId)
        throw unreachable
      }
      throw e
    }
  }

  /**
   * Negotiate a version of one of kctl's own APIs with `broker` and send the request `make` builds.
   */
  async request<T>(
    broker: KafkaBroker,
    api: ApiSpec,
    make: (version: number, Encoder: EncoderConstructor) => ProtocolRequest<T>,
  ): Promise<T> {
    let version: number
    try {
      version = negotiateVersion(api, broker.versions, brokerLabel(broker))
    } catch (error) {
      throw toKctlError(error)
    }
    return this.send(broker, make(version, Encoder))
  }

  async close(): Promise<void> {
    this.closed = true
    const brokers = [...this.opened]
    this.opened = []
    this.connections.clear()
    this.seed = undefined
    await Promise.all(brokers.map((b) => b.disconnect().catch(() => undefined)))
  }

  /** Counts an answered request, and prints its --debug line. */
  private readonly onRequest = (e: RequestEvent): void => {
    this.requestCounts.set(e.apiName, (this.requestCounts.get(e.apiName) ?? 0) + 1)
    this.options.debug?.(
      `request ${e.apiName} v${e.apiVersion} (key ${e.apiKey}) -> ${e.broker} ${e.duration}ms ${e.size}B`,
    )
  }

  private async connectBroker(host: string, port: number, nodeId: number | null): Promise<KafkaBroker> {
    const {spec, options} = this
    const timeout = Math.max(500, options.timeoutMs)
    const broker = new BrokerConnection({
      host,
      port,
      nodeId,
      tls: spec.tls ? tlsOptions(spec) : undefined,
      sasl: await saslOptions(spec, {timeoutMs: timeout, debug: options.debug}),
      clientId: spec.clientId ?? 'kctl',
      software: {name: 'kctl', version: kctlVersion()},
      connectionTimeoutMs: Math.min(timeout, 10_000),
      requestTimeoutMs: this.requestTimeoutMs,
      onRequest: this.onRequest,
    })
    this.opened.push(broker)
    try {
      await broker.connect()
    } catch (error) {
      await broker.disconnect().catch(() => undefined)
      throw error
    }
    if (this.closed) {
      await broker.disconnect().catch(() => undefined)
      throw connectionError('The connection is closed')
    }
    return broker
  }
}

export function tlsOptions(spec: ConnectionSpec): Record<string, unknown> {
  return nodeTlsOptions(spec.tls!)
}

/** One SASL set-up a connection spec: the OAUTHBEARER token and AWS credentials are shared by its brokers. */
const saslBySpec = new WeakMap<ConnectionSpec, SaslMechanism>()

/** The spec's SASL mechanism (its module, with OAuth and AWS, loaded only for a SASL listener). */
export async function saslOptions(
  spec: ConnectionSpec,
  context: SaslOptionsContext,
): Promise<SaslMechanism | undefined> {
  if (!spec.sasl) return undefined
  let mechanism = saslBySpec.get(spec)
  if (!mechanism) {
    const {saslMechanism} = await import('./auth/sasl.js')
    mechanism = saslBySpec.get(spec) ?? saslMechanism(spec.sasl, context)
    saslBySpec.set(spec, mechanism)
  }
  return mechanism
}

/**
 * How commands open connections. Command tests replace `open` to run a command without a broker
 * (the service functions they call are replaced too, through each service's exported object).
 */
export const connections = {
  async open(spec: ConnectionSpec, options: ConnectionOptions): Promise<KafkaConnection> {
    const conn = new KafkaConnection(spec, options)
    try {
      await conn.open()
    } catch (error) {
      await conn.close()
      throw error
    }
    return conn
  },
}
