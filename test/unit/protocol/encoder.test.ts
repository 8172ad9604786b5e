import {expect} from 'chai'

import {Encoder} from '../../../src/protocol/encoder.js'
import type {KafkaEncoder} from '../../../src/protocol/kafkajs-internals.js'
import {KafkajsEncoder} from './helpers.js'

/** Both encoders, the same writes: the same bytes. */
function same(label: string, write: (e: KafkaEncoder) => unknown): void {
  const ours = new Encoder()
  const theirs = new KafkajsEncoder()
  write(ours)
  write(theirs)
  expect(ours.buffer.toString('hex'), label).to.equal(theirs.buffer.toString('hex'))
  expect(ours.size(), `${label} size`).to.equal(theirs.size())
}

const INTS = [0, 1, -1, 63, 64, -64, -65, 127, 128, 255, 300, 16_383, 16_384, 2_097_151, 2_097_152, 268_435_455]
const INT32S = [...INTS, 2_147_483_647, -2_147_483_648, -300, -16_384]
const STRINGS = ['', 'a', 'orders', 'ünïcode-тема-🚀', 'x'.repeat(127), 'y'.repeat(128), 'z'.repeat(30_000)]

describe("kctl's Encoder writes kafkajs's bytes", () => {
  it('int8, int16, int32, uint32, boolean, double', () => {
    for (const v of [0, 1, -1, 127, -128]) same(`int8 ${v}`, (e) => e.writeInt8(v))
    for (const v of [0, 1, -1, 32_767, -32_768]) same(`int16 ${v}`, (e) => e.writeInt16(v))
    for (const v of INT32S) same(`int32 ${v}`, (e) => e.writeInt32(v))
    for (const v of [0, 1, 4_294_967_295, 2_147_483_648]) same(`uint32 ${v}`, (e) => e.writeUInt32(v))
    same('booleans', (e) => e.writeBoolean(true).writeBoolean(false))
    for (const v of [0, -0, 1.5, -2.25, Number.MAX_VALUE, Number.MIN_VALUE, Number.NaN, Infinity])
      same(`double ${v}`, (e) => e.writeDouble(v))
  })

  it('int64 from bigint, number and decimal string', () => {
    const values: (bigint | number | string)[] = [
      0n,
      -1n,
      9_223_372_036_854_775_807n,
      -9_223_372_036_854_775_808n,
      8_589_934_592n,
      0,
      -1,
      1_764_000_000_000,
      Number.MAX_SAFE_INTEGER,
      -Number.MAX_SAFE_INTEGER,
      Number.NaN,
      '0',
      '-1',
      '9223372036854775807',
      '-9223372036854775808',
      '1764000000000',
      'NaN',
      'Infinity',
      '-Infinity',
    ]
    for (const v of values) same(`int64 ${typeof v} ${String(v)}`, (e) => e.writeInt64(v))
    expect(() => new Encoder().writeInt64('')).to.throw('empty string')
  })

  it('varints: unsigned, zig-zag signed, negative', () => {
    for (const v of [...INT32S, 4_294_967_295]) same(`uvarint ${v}`, (e) => e.writeUVarInt(v))
    for (const v of INT32S) same(`varint ${v}`, (e) => e.writeVarInt(v))
  })

  it('strings, compact strings and null', () => {
    for (const s of [...STRINGS, null]) {
      same(`string ${String(s).slice(0, 12)}`, (e) => e.writeString(s))
      same(`compact string ${String(s).slice(0, 12)}`, (e) => e.writeUVarIntString(s))
    }
  })

  it('bytes, compact bytes, null, and strings passed as bytes', () => {
    const buffers = [Buffer.alloc(0), Buffer.from([1, 2, 3]), Buffer.alloc(70_000, 7), Buffer.alloc(127, 1)]
    for (const b of [...buffers, null]) {
      same(`bytes ${b?.length ?? 'null'}`, (e) => e.writeBytes(b))
      same(`compact bytes ${b?.length ?? 'null'}`, (e) => e.writeUVarIntBytes(b))
    }
    for (const s of STRINGS) {
      same(`bytes of string ${s.slice(0, 12)}`, (e) => e.writeBytes(s as unknown as Buffer))
      same(`compact bytes of string ${s.slice(0, 12)}`, (e) => e.writeUVarIntBytes(s as unknown as Buffer))
    }
  })

  it('raw buffers, nested encoders, growth across many writes', () => {
    same('buffer', (e) => e.writeBuffer(Buffer.from('abc')))
    same('nested', (e) => {
      const inner = new (e instanceof Encoder ? Encoder : KafkajsEncoder)()
      inner.writeInt32(7).writeUVarIntString('inner')
      e.writeInt8(1).writeEncoder(inner).writeInt8(2)
    })
    same('many', (e) => {
      for (let i = 0; i < 5000; i++)
        e.writeInt32(i)
          .writeUVarInt(i * 31)
          .writeUVarIntString(`t-${i}`)
          .writeBoolean(i % 2 === 0)
    })
    expect(() => new Encoder().writeBuffer('x' as unknown as Buffer)).to.throw('value should be an instance of Buffer')
  })
})
