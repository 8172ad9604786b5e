import type {Admin} from 'kafkajs'

import {connectionError, toKctlError} from '../errors.js'
import {type EncoderConstructor, type KafkaBroker, type KafkaCluster, type KafkajsTopicMetadata, type ProtocolRequest, type RequestEvent, loadKafkaInternals} from '../protocol/kafkajs-internals.js'
import {type ApiSpec, brokerLabel, negotiateVersion} from '../protocol/wire.js'
import {saslOptions} from './auth/sasl.js'
import {tlsOptions} from './auth/tls.js'
import type {ConnectionSpec} from './resolve.js'

export interface ConnectionOptions {
  /** Whole-command deadline in ms; connection and request timeouts never exceed it. */
  timeoutMs: number
  /** Receives one line per Kafka request (and kafkajs warnings) when --debug is on. */
  debug?: (line: string) => void
}

/**
 * The one place that builds a kafkajs client. One kafkajs Cluster (one set of broker
 * connections) serves both kafkajs's admin client and kctl's own protocol requests.
 */
export class KafkaConnection {
  readonly spec: ConnectionSpec
  /** Requests sent per API name, for --debug and for tests that prove batching. */
  readonly requestCounts = new Map<string, number>()
  private clusterPromise?: Promise<KafkaCluster>
  private adminClient?: Admin
  private topicMetadataServed = false
  private readonly options: ConnectionOptions

  constructor(spec: ConnectionSpec, options: ConnectionOptions) {
    this.spec = spec
    this.options = options
  }

  get address(): string {
    return this.spec.brokers.join(',')
  }

  /** The connected kafkajs cluster (metadata loaded). */
  cluster(): Promise<KafkaCluster> {
    this.clusterPromise ??= this.connect()
    return this.clusterPromise
  }

  async admin(): Promise<Admin> {
    await this.cluster()
    return this.adminClient!
  }

  /**
   * Every topic's partitions and leaders. The first call of a command reuses the metadata kafkajs
   * already loaded for it (e.g. to find brokers), saving a round trip on large clusters; later
   * calls (a --watch refresh, a check after a change) fetch a fresh view.
   */
  async topicMetadata(): Promise<KafkajsTopicMetadata[]> {
    const cluster = await this.cluster()
    const first = !this.topicMetadataServed
    this.topicMetadataServed = true
    // With no target topics, kafkajs's metadata covers every topic.
    if (cluster.targetTopics.size === 0) {
      if (!first || !cluster.brokerPool.metadata?.topicMetadata) await this.refresh(cluster)
      return cluster.brokerPool.metadata?.topicMetadata ?? []
    }
    const {topics} = await this.adminClient!.fetchTopicMetadata()
    return topics.map((t) => ({topic: t.name, partitionMetadata: t.partitions}))
  }

  private async refresh(cluster: KafkaCluster): Promise<void> {
    try {
      await cluster.refreshMetadata()
    } catch (error) {
      throw toKctlError(error, {address: this.address})
    }
  }

  /** Any connected broker (the one kafkajs already talks to). */
  async anyBroker(): Promise<KafkaBroker> {
    const cluster = await this.cluster()
    return cluster.brokerPool.findConnectedBroker()
  }

  async broker(nodeId: number): Promise<KafkaBroker> {
    const cluster = await this.cluster()
    try {
      return await cluster.findBroker({nodeId})
    } catch (error) {
      // kafkajs knows only the brokers of its last own Metadata request: refresh once and retry.
      if ((error as Error).name !== 'KafkaJSBrokerNotFound') throw toKctlError(error, {address: `broker ${nodeId}`})
    }
    try {
      await cluster.refreshMetadata()
      return await cluster.findBroker({nodeId})
    } catch (error) {
      throw toKctlError(error, {address: `broker ${nodeId}`})
    }
  }

  /** Send a request built in src/protocol/ to one broker. */
  async send<T>(broker: KafkaBroker, request: ProtocolRequest<T>): Promise<T> {
    try {
      return await broker.connectionPool.send(request)
    } catch (error) {
      throw toKctlError(error, {address: broker.brokerAddress})
    }
  }

  /**
   * Negotiate a version of one of kctl's own APIs with `broker` and send the request `make` builds.
   */
  async request<T>(broker: KafkaBroker, api: ApiSpec, make: (version: number, Encoder: EncoderConstructor) => ProtocolRequest<T>): Promise<T> {
    const {Encoder} = await loadKafkaInternals()
    let version: number
    try {
      version = negotiateVersion(api, broker.versions, brokerLabel(broker))
    } catch (error) {
      throw toKctlError(error)
    }
    return this.send(broker, make(version, Encoder))
  }

  async close(): Promise<void> {
    const cluster = this.clusterPromise
    this.clusterPromise = undefined
    if (!cluster) return
    try {
      await (await cluster).disconnect()
    } catch {
      // Closing is best-effort: the command's outcome is already decided.
    }
  }

  private async connect(): Promise<KafkaCluster> {
    const k = await loadKafkaInternals()
    const {spec, options} = this
    const debug = options.debug
    const logCreator = () => (entry: {namespace: string; level: number; log: {message: string}}) => {
      debug?.(`kafkajs ${entry.namespace}: ${entry.log.message}`)
    }
    // kafkajs levels: 0 nothing, 1 error, 2 warn. Its errors surface as exceptions anyway.
    const logger = k.createLogger({level: debug ? 2 : 0, logCreator})
    const emitter = new k.InstrumentationEventEmitter()
    emitter.addListener('network.request', ({payload}: {payload: RequestEvent}) => {
      this.requestCounts.set(payload.apiName, (this.requestCounts.get(payload.apiName) ?? 0) + 1)
      debug?.(`request ${payload.apiName} v${payload.apiVersion} (key ${payload.apiKey}) -> ${payload.broker} ${payload.duration}ms ${payload.size}B`)
    })
    const timeout = Math.max(500, options.timeoutMs)
    const retry = {retries: 2, initialRetryTime: 200, maxRetryTime: Math.min(2000, timeout), factor: 0.2, multiplier: 2}
    const cluster = new k.Cluster({
      logger,
      retry,
      offsets: new Map(),
      socketFactory: k.socketFactory(),
      brokers: spec.brokers,
      ssl: spec.tls ? tlsOptions(spec.tls) : undefined,
      sasl: spec.sasl ? saslOptions(spec.sasl, {timeoutMs: timeout, debug}) : undefined,
      clientId: spec.clientId ?? 'kctl',
      connectionTimeout: Math.min(timeout, 10_000),
      authenticationTimeout: Math.min(timeout, 10_000),
      requestTimeout: Math.min(timeout, spec.requestTimeoutMs ?? 30_000),
      enforceRequestTimeout: true,
      metadataMaxAge: 300_000,
      instrumentationEmitter: emitter,
      allowAutoTopicCreation: false,
      maxInFlightRequests: null,
      isolationLevel: 1,
    })
    this.adminClient = k.createAdmin({logger, instrumentationEmitter: emitter, retry, cluster})
    try {
      await this.adminClient.connect()
    } catch (error) {
      const e = toKctlError(error, {address: this.address})
      if (e.exitCode === 4) throw e
      throw connectionError(`Cannot connect to Kafka at ${this.address}: ${e.message}`, {hint: e.hint, cause: error})
    }
    return cluster
  }
}

/**
 * How commands open connections. Command tests replace `open` to run a command without a broker
 * (the service functions they call are replaced too, through each service's exported object).
 */
export const connections = {
  async open(spec: ConnectionSpec, options: ConnectionOptions): Promise<KafkaConnection> {
    const conn = new KafkaConnection(spec, options)
    try {
      await conn.cluster()
    } catch (error) {
      await conn.close()
      throw error
    }
    return conn
  },
}
