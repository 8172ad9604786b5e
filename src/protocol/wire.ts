import {usageError} from '../errors.js'
import type {KafkaBroker, KafkaEncoder, ProtocolRequest, VersionRange} from './kafkajs-internals.js'
import {KafkaProtocolError} from './protocol-error.js'

/**
 * Decoding for kctl's own protocol requests. kafkajs's Decoder mis-sizes non-empty tagged
 * fields and compact bytes, so responses are read with this small reader instead.
 */
export class Reader {
  offset = 0
  constructor(private readonly buf: Buffer) {}

  get remaining(): number {
    return this.buf.length - this.offset
  }

  private need(n: number): void {
    if (this.offset + n > this.buf.length)
      throw new RangeError(`Truncated Kafka response: need ${n} bytes at offset ${this.offset}, have ${this.remaining}`)
  }

  int8(): number {
    this.need(1)
    return this.buf.readInt8(this.offset++)
  }

  bool(): boolean {
    return this.int8() !== 0
  }

  int16(): number {
    this.need(2)
    const v = this.buf.readInt16BE(this.offset)
    this.offset += 2
    return v
  }

  uint16(): number {
    this.need(2)
    const v = this.buf.readUInt16BE(this.offset)
    this.offset += 2
    return v
  }

  int32(): number {
    this.need(4)
    const v = this.buf.readInt32BE(this.offset)
    this.offset += 4
    return v
  }

  int64(): bigint {
    this.need(8)
    const v = this.buf.readBigInt64BE(this.offset)
    this.offset += 8
    return v
  }

  float64(): number {
    this.need(8)
    const v = this.buf.readDoubleBE(this.offset)
    this.offset += 8
    return v
  }

  uvarint(): number {
    let value = 0
    let shift = 0
    for (;;) {
      this.need(1)
      const b = this.buf[this.offset++]
      value += (b & 0x7f) * 2 ** shift
      if ((b & 0x80) === 0) return value
      shift += 7
      if (shift > 35) throw new RangeError('Malformed unsigned varint in Kafka response')
    }
  }

  varint(): number {
    const u = this.uvarint()
    return u % 2 === 0 ? u / 2 : -(u + 1) / 2
  }

  uuid(): string {
    this.need(16)
    const hex = this.buf.subarray(this.offset, this.offset + 16).toString('hex')
    this.offset += 16
    return hex
  }

  bytes(n: number): Buffer {
    this.need(n)
    const b = this.buf.subarray(this.offset, this.offset + n)
    this.offset += n
    return b
  }

  /** INT16-length string (non-flexible versions). */
  string(): string {
    const s = this.nullableString()
    if (s === null) throw new RangeError('Unexpected null string in Kafka response')
    return s
  }

  nullableString(): string | null {
    const n = this.int16()
    return n < 0 ? null : this.bytes(n).toString('utf8')
  }

  compactString(): string {
    const s = this.compactNullableString()
    if (s === null) throw new RangeError('Unexpected null compact string in Kafka response')
    return s
  }

  compactNullableString(): string | null {
    const n = this.uvarint()
    return n === 0 ? null : this.bytes(n - 1).toString('utf8')
  }

  compactNullableBytes(): Buffer | null {
    const n = this.uvarint()
    return n === 0 ? null : this.bytes(n - 1)
  }

  array<T>(read: (r: Reader) => T): T[] {
    const n = this.int32()
    const out: T[] = []
    for (let i = 0; i < n; i++) out.push(read(this))
    return out
  }

  compactArray<T>(read: (r: Reader) => T): T[] {
    const n = this.uvarint()
    const out: T[] = []
    for (let i = 1; i < n; i++) out.push(read(this))
    return out
  }

  /** A tag buffer: count, then (tag, size, bytes) each. Returns the raw fields by tag. */
  taggedFields(): Map<number, Buffer> {
    const fields = new Map<number, Buffer>()
    const count = this.uvarint()
    for (let i = 0; i < count; i++) {
      const tag = this.uvarint()
      const size = this.uvarint()
      fields.set(tag, this.bytes(size))
    }
    return fields
  }
}

/**
 * An unsigned varint, the same bytes as kafkajs's writeUVarInt, which allocates a Buffer per
 * call: requests with thousands of partitions write tens of thousands of these.
 */
export function uvarint(e: KafkaEncoder, n: number): KafkaEncoder {
  return n >= 0 && n < 0x80 ? e.writeInt8(n) : e.writeUVarInt(n)
}

/** An INT64 from a bigint (kafkajs's writeInt64 parses a decimal string into a Long each time). */
export function int64(e: KafkaEncoder, v: bigint): KafkaEncoder {
  e.writeInt32(Number(BigInt.asIntN(64, v) >> 32n))
  return e.writeUInt32(Number(v & 0xff_ff_ff_ffn))
}

/** Helpers that write flexible-version fields with kafkajs's Encoder. */
export const flex = {
  string: (e: KafkaEncoder, s: string) => flex.nullableString(e, s),
  nullableString(e: KafkaEncoder, s: string | null): KafkaEncoder {
    if (s === null) return e.writeInt8(0)
    const bytes = Buffer.from(s, 'utf8')
    uvarint(e, bytes.length + 1)
    return e.writeBuffer(bytes)
  },
  array<T>(e: KafkaEncoder, items: T[] | null, write: (e: KafkaEncoder, item: T) => void): KafkaEncoder {
    if (items === null) return e.writeInt8(0)
    uvarint(e, items.length + 1)
    for (const item of items) write(e, item)
    return e
  },
  /** An empty tag buffer, ending every flexible struct (and the v2 request header). */
  tags: (e: KafkaEncoder) => e.writeInt8(0),
}

export interface ApiSpec {
  apiKey: number
  apiName: string
  /** The versions kctl implements. */
  minVersion: number
  maxVersion: number
  /**
   * The API's first flexible version, as Kafka's message schema says (`"flexibleVersions": "2+"`), or
   * null when kctl implements no flexible version of it. Flexible versions use compact strings and
   * arrays, tag buffers and request header v2 (test/unit/protocol/flexible-versions.test.ts checks it).
   */
  flexibleVersion: number | null
}

/** Whether `version` of `api` is flexible (compact strings and arrays, tag buffers). */
export function isFlexible(api: ApiSpec, version: number): boolean {
  return api.flexibleVersion !== null && version >= api.flexibleVersion
}

const API_VERSIONS_KEY = 18

/**
 * Whether the response header of `version` has a tag buffer (header v1): for flexible versions,
 * except ApiVersions, which Kafka answers with header v0 before it knows what the client reads
 * (as Kafka's own ApiMessageType.responseHeaderVersion).
 */
function responseHeaderTagged(api: ApiSpec, version: number): boolean {
  return isFlexible(api, version) && api.apiKey !== API_VERSIONS_KEY
}

/** Pick the highest version both sides support, checking both ends of the broker's range. */
export function negotiateVersion(
  api: ApiSpec,
  brokerVersions: Record<number, VersionRange> | null | undefined,
  brokerLabel = 'the broker',
): number {
  const range = brokerVersions?.[api.apiKey]
  if (!range) {
    throw new KafkaProtocolError(
      'UNSUPPORTED_VERSION',
      `${brokerLabel} does not support ${api.apiName} (API ${api.apiKey})`,
      {
        hint: 'This needs a newer Kafka version.',
      },
    )
  }
  const version = Math.min(api.maxVersion, range.maxVersion)
  if (version < api.minVersion || version < range.minVersion) {
    throw new KafkaProtocolError(
      'UNSUPPORTED_VERSION',
      `${brokerLabel} supports ${api.apiName} v${range.minVersion}-v${range.maxVersion}; kctl implements v${api.minVersion}-v${api.maxVersion}`,
    )
  }
  return version
}

/**
 * Build a request kafkajs's connection can send. kafkajs writes request header v1; for flexible
 * versions (the API's `flexibleVersion` on) the header's empty tag buffer comes first in the body,
 * and the response header's tag buffer is read before the body.
 */
export function buildRequest<T>(options: {
  api: ApiSpec
  version: number
  encode: (e: KafkaEncoder) => void
  decode: (r: Reader) => T
  Encoder: new () => KafkaEncoder
  requestTimeout?: number
}): ProtocolRequest<T> {
  const {api, version} = options
  const flexible = isFlexible(api, version)
  const tagged = responseHeaderTagged(api, version)
  return {
    request: {
      apiKey: api.apiKey,
      apiVersion: version,
      apiName: api.apiName,
      async encode() {
        const e = new options.Encoder()
        if (flexible) flex.tags(e)
        options.encode(e)
        return e
      },
    },
    response: {
      async decode(payload: Buffer) {
        const r = new Reader(payload)
        if (tagged) r.taggedFields()
        return options.decode(r)
      },
      async parse(decoded: unknown) {
        return decoded as T
      },
    },
    ...(options.requestTimeout ? {requestTimeout: options.requestTimeout} : {}),
  }
}

export function brokerLabel(broker: KafkaBroker): string {
  return `broker ${broker.nodeId ?? broker.brokerAddress}`
}

export {usageError}
