/**
 * The small surface of kafkajs internals (2.2.4, no typings for src/) that kctl uses to send
 * requests kafkajs does not implement over kafkajs's own connections.
 */
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
  request: {
    apiKey: number
    apiVersion: number
    apiName: string
    encode: () => Promise<KafkaEncoder>
    expectResponse?: () => boolean
  }
  response: {decode: (payload: Buffer) => Promise<unknown>; parse: (decoded: unknown) => Promise<T>}
  requestTimeout?: number
}

export interface VersionRange {
  minVersion: number
  maxVersion: number
}

export interface KafkaBroker {
  nodeId?: number | null
  brokerAddress: string
  versions: Record<number, VersionRange> | null
  connectionPool: {send<T>(r: ProtocolRequest<T>): Promise<T>}
  isConnected(): boolean
  connect(): Promise<void>
  disconnect(): Promise<void>
}

export interface KafkaInternals {
  Broker: new (options: {
    connectionPool: unknown
    logger: unknown
    nodeId: number | null
    authenticationTimeout: number
    allowAutoTopicCreation: boolean
  }) => KafkaBroker
  ConnectionPool: new (options: Record<string, unknown>) => unknown
  createLogger: (options: {level: number; logCreator: unknown}) => unknown
  InstrumentationEventEmitter: new () => {
    addListener(name: string, fn: (event: {payload: RequestEvent}) => void): () => void
  }
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
    const [broker, pool, loggers, emitter, encoder, sockets] = await Promise.all([
      import('kafkajs/src/broker/index.js' as string),
      import('kafkajs/src/network/connectionPool.js' as string),
      import('kafkajs/src/loggers/index.js' as string),
      import('kafkajs/src/instrumentation/emitter.js' as string),
      import('kafkajs/src/protocol/encoder.js' as string),
      import('kafkajs/src/network/socketFactory.js' as string),
    ])
    return {
      Broker: broker.default,
      ConnectionPool: pool.default,
      createLogger: loggers.default.createLogger,
      InstrumentationEventEmitter: emitter.default,
      Encoder: encoder.default,
      socketFactory: sockets.default,
    }
  })()
  return internals
}
