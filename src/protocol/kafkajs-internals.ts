/**
 * The small surface of kafkajs internals (2.2.4, no typings for src/) that kctl uses to send
 * requests kafkajs does not implement over kafkajs's own connections.
 */
import type {Admin} from 'kafkajs'

export interface KafkaEncoder {
  writeInt8(v: number): KafkaEncoder
  writeInt16(v: number): KafkaEncoder
  writeInt32(v: number): KafkaEncoder
  writeUInt32(v: number): KafkaEncoder
  writeInt64(v: bigint | number | string): KafkaEncoder
  writeBoolean(v: boolean): KafkaEncoder
  writeString(v: string | null): KafkaEncoder
  writeUVarIntString(v: string | null): KafkaEncoder
  writeUVarInt(v: number): KafkaEncoder
  writeVarInt(v: number): KafkaEncoder
  writeBytes(v: Buffer | null): KafkaEncoder
  writeUVarIntBytes(v: Buffer | null): KafkaEncoder
  writeDouble(v: number): KafkaEncoder
  writeBuffer(v: Buffer): KafkaEncoder
  writeEncoder(v: KafkaEncoder): KafkaEncoder
  size(): number
  readonly buffer: Buffer
}

export type EncoderConstructor = new () => KafkaEncoder

/** What kafkajs's connection.send() takes: it writes the v1 request header, then encode(). */
export interface ProtocolRequest<T> {
  request: {apiKey: number; apiVersion: number; apiName: string; encode: () => Promise<KafkaEncoder>; expectResponse?: () => boolean}
  response: {decode: (payload: Buffer) => Promise<unknown>; parse: (decoded: unknown) => Promise<T>}
  requestTimeout?: number
}

export interface VersionRange {
  minVersion: number
  maxVersion: number
}

export interface KafkaBroker {
  nodeId?: number
  brokerAddress: string
  versions: Record<number, VersionRange> | null
  connectionPool: {send<T>(r: ProtocolRequest<T>): Promise<T>}
  isConnected(): boolean
  connect(): Promise<void>
}

export interface BrokerMetadata {
  nodeId: number
  host: string
  port: number
  rack: string | null
}

/** A topic of kafkajs's Metadata response (the one it loads while connecting: every topic). */
export interface KafkajsTopicMetadata {
  topic: string
  partitionMetadata: {partitionId: number; leader: number}[]
}

export interface KafkaCluster {
  /** Topics kafkajs restricts its metadata refreshes to; empty: refreshes cover every topic. */
  targetTopics: Set<string>
  connect(): Promise<void>
  disconnect(): Promise<void>
  refreshMetadata(): Promise<void>
  findBroker(args: {nodeId: number | string}): Promise<KafkaBroker>
  findControllerBroker(): Promise<KafkaBroker>
  findGroupCoordinator(args: {groupId: string; coordinatorType?: number}): Promise<KafkaBroker>
  getNodeIds(): number[]
  addMultipleTargetTopics(topics: string[]): Promise<void>
  /** ListOffsets grouped by partition leader (one request per broker for all topics). */
  fetchTopicsOffset(topics: {topic: string; partitions: {partition: number}[]; fromBeginning?: boolean; fromTimestamp?: number}[]): Promise<{topic: string; partitions: {partition: number; offset: string}[]}[]>
  brokerPool: {
    seedBroker: KafkaBroker
    brokers: Record<string, KafkaBroker>
    metadata: {brokers: BrokerMetadata[]; controllerId: number; clusterId: string; topicMetadata?: KafkajsTopicMetadata[]} | null
    findConnectedBroker(): Promise<KafkaBroker>
  }
}

export interface KafkaInternals {
  Cluster: new (options: Record<string, unknown>) => KafkaCluster
  createAdmin: (options: {logger: unknown; instrumentationEmitter: unknown; retry: unknown; cluster: KafkaCluster}) => Admin
  createLogger: (options: {level: number; logCreator: unknown}) => unknown
  InstrumentationEventEmitter: new () => {addListener(name: string, fn: (event: {payload: RequestEvent}) => void): () => void}
  Encoder: EncoderConstructor
  socketFactory: () => unknown
}

export interface RequestEvent {
  broker: string
  apiName: string
  apiKey: number
  apiVersion: number
  duration: number
  size: number
}

let internals: Promise<KafkaInternals> | undefined

/** Loaded on first use: kafkajs costs tens of milliseconds to import. */
export function loadKafkaInternals(): Promise<KafkaInternals> {
  internals ??= (async () => {
    const [cluster, admin, loggers, emitter, encoder, sockets] = await Promise.all([
      import('kafkajs/src/cluster/index.js' as string),
      import('kafkajs/src/admin/index.js' as string),
      import('kafkajs/src/loggers/index.js' as string),
      import('kafkajs/src/instrumentation/emitter.js' as string),
      import('kafkajs/src/protocol/encoder.js' as string),
      import('kafkajs/src/network/socketFactory.js' as string),
    ])
    return {
      Cluster: cluster.default,
      createAdmin: admin.default,
      createLogger: loggers.default.createLogger,
      InstrumentationEventEmitter: emitter.default,
      Encoder: encoder.default,
      socketFactory: sockets.default,
    }
  })()
  return internals
}
