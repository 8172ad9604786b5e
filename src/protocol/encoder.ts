import type {KafkaEncoder} from './kafkajs-internals.js'

/** Bits above the low seven of an unsigned 32-bit varint group. */
const ABOVE_SEVEN_BITS = 0xff_ff_ff_80

function nextPowerOfTwo(value: number): number {
  return 1 << (31 - Math.clz32(value) + 1)
}

/** An INT64 from what callers hand over: a bigint, a number or a decimal string (NaN, Infinity: 0). */
function toBigInt64(value: bigint | number | string): bigint {
  if (typeof value === 'bigint') return value
  if (typeof value === 'number') return Number.isNaN(value) ? 0n : BigInt(value)
  if (value.length === 0) throw new Error('empty string')
  if (value === 'NaN' || value === 'Infinity' || value === '+Infinity' || value === '-Infinity') return 0n
  return BigInt(value)
}

/**
 * kctl's request encoder: a growing buffer with Kafka's primitive types. It writes the same bytes
 * as kafkajs's Encoder for every method of KafkaEncoder (a unit test compares them), so protocol
 * modules need no kafkajs module to build a request.
 */
export class Encoder implements KafkaEncoder {
  private buf: Buffer
  private offset = 0

  constructor(initialSize = 511) {
    this.buf = Buffer.alloc(nextPowerOfTwo(initialSize))
  }

  private ensureAvailable(length: number): void {
    if (this.offset + length <= this.buf.length) return
    const grown = Buffer.alloc(nextPowerOfTwo(this.offset + length))
    this.buf.copy(grown, 0, 0, this.offset)
    this.buf = grown
  }

  private append(bytes: Buffer): this {
    this.ensureAvailable(bytes.length)
    bytes.copy(this.buf, this.offset, 0)
    this.offset += bytes.length
    return this
  }

  private utf8(value: string, byteLength: number): void {
    this.ensureAvailable(byteLength)
    this.buf.write(value, this.offset, byteLength, 'utf8')
    this.offset += byteLength
  }

  get buffer(): Buffer {
    return this.buf.subarray(0, this.offset)
  }

  size(): number {
    return this.offset
  }

  writeInt8(v: number): this {
    this.ensureAvailable(1)
    this.buf.writeInt8(v, this.offset)
    this.offset += 1
    return this
  }

  writeInt16(v: number): this {
    this.ensureAvailable(2)
    this.buf.writeInt16BE(v, this.offset)
    this.offset += 2
    return this
  }

  writeInt32(v: number): this {
    this.ensureAvailable(4)
    this.buf.writeInt32BE(v, this.offset)
    this.offset += 4
    return this
  }

  writeUInt32(v: number): this {
    this.ensureAvailable(4)
    this.buf.writeUInt32BE(v, this.offset)
    this.offset += 4
    return this
  }

  writeInt64(v: bigint | number | string): this {
    this.ensureAvailable(8)
    this.buf.writeBigInt64BE(BigInt.asIntN(64, toBigInt64(v)), this.offset)
    this.offset += 8
    return this
  }

  writeDouble(v: number): this {
    this.ensureAvailable(8)
    this.buf.writeDoubleBE(v, this.offset)
    this.offset += 8
    return this
  }

  writeBoolean(v: boolean): this {
    return this.writeInt8(v ? 1 : 0)
  }

  writeString(v: string | null): this {
    if (v == null) return this.writeInt16(-1)
    const n = Buffer.byteLength(v, 'utf8')
    this.writeInt16(n)
    this.utf8(v, n)
    return this
  }

  writeUVarIntString(v: string | null): this {
    if (v == null) return this.writeUVarInt(0)
    const n = Buffer.byteLength(v, 'utf8')
    this.writeUVarInt(n + 1)
    this.utf8(v, n)
    return this
  }

  writeBytes(v: Buffer | string | null): this {
    if (v == null) return this.writeInt32(-1)
    if (Buffer.isBuffer(v)) {
      this.writeInt32(v.length)
      return this.append(v)
    }
    const s = String(v)
    const n = Buffer.byteLength(s, 'utf8')
    this.writeInt32(n)
    this.utf8(s, n)
    return this
  }

  writeUVarIntBytes(v: Buffer | string | null): this {
    if (v == null) return this.writeVarInt(0)
    if (Buffer.isBuffer(v)) {
      this.writeUVarInt(v.length + 1)
      return this.append(v)
    }
    const s = String(v)
    const n = Buffer.byteLength(s, 'utf8')
    this.writeUVarInt(n + 1)
    this.utf8(s, n)
    return this
  }

  /** Zig-zag, then unsigned: the 32-bit varint of record headers and lengths. */
  writeVarInt(v: number): this {
    return this.writeUVarInt((v << 1) ^ (v >> 31))
  }

  writeUVarInt(v: number): this {
    let value = v
    // As Kafka (and kafkajs) do: a negative value is written as its 32-bit two's complement.
    let n = 0
    const bytes = [0, 0, 0, 0, 0, 0]
    while ((value & ABOVE_SEVEN_BITS) !== 0) {
      bytes[n++] = (value & 0x7f) | 0x80
      value >>>= 7
    }
    bytes[n++] = value & 0x7f
    this.ensureAvailable(n)
    for (let i = 0; i < n; i++) this.buf[this.offset + i] = bytes[i]
    this.offset += n
    return this
  }

  writeBuffer(v: Buffer): this {
    if (!Buffer.isBuffer(v)) throw new Error('value should be an instance of Buffer')
    return this.append(v)
  }

  writeEncoder(v: KafkaEncoder): this {
    if (v == null || !Buffer.isBuffer(v.buffer)) throw new Error('value should be an instance of Encoder')
    return this.append(v.buffer)
  }
}
