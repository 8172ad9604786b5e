/**
 * The shapes kctl's protocol modules and its broker connection share (the file keeps its old name:
 * the encoder interface is byte-compatible with kafkajs's Encoder, and kafkajs's own request objects
 * for the few APIs kctl has no module of its own for are sent in this shape too).
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

/** What a broker connection sends: it writes the v1 request header, then encode()'s bytes. */
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
  send<T>(r: ProtocolRequest<T>): Promise<T>
  isConnected(): boolean
  connect(): Promise<void>
  disconnect(): Promise<void>
}

export interface RequestEvent {
  broker: string
  apiName: string
  apiKey: number
  apiVersion: number
  duration: number
  size: number
}
