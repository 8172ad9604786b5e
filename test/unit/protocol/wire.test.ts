import {expect} from 'chai'

import {Reader, flex, int64, negotiateVersion, uvarint} from '../../../src/protocol/wire.js'
import {KafkajsEncoder, encodeHex} from './helpers.js'

describe('protocol wire helpers', () => {
  it('reads unsigned varints across byte boundaries', () => {
    expect(new Reader(Buffer.from([0x00])).uvarint()).to.equal(0)
    expect(new Reader(Buffer.from([0x7f])).uvarint()).to.equal(127)
    expect(new Reader(Buffer.from([0x80, 0x01])).uvarint()).to.equal(128)
    expect(new Reader(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f])).uvarint()).to.equal(4_294_967_295)
  })

  it("writes the same bytes as kafkajs's slower varint, int64 and compact-string writers", async () => {
    for (const n of [0, 1, 127, 128, 300, 16_384, 2_147_483_647]) {
      expect(await encodeHex((e) => uvarint(e, n)), `uvarint ${n}`).to.equal(
        new KafkajsEncoder().writeUVarInt(n).buffer.toString('hex'),
      )
    }
    for (const v of [
      0n,
      1n,
      -1n,
      8_589_934_592n,
      -9_223_372_036_854_775_808n,
      9_223_372_036_854_775_807n,
      1_764_000_000_000n,
    ]) {
      expect(await encodeHex((e) => int64(e, v)), `int64 ${v}`).to.equal(
        new KafkajsEncoder().writeInt64(v.toString()).buffer.toString('hex'),
      )
    }
    for (const s of ['', 'orders', 'ünïcode-тема', 'x'.repeat(200)]) {
      expect(await encodeHex((e) => flex.string(e, s)), `string ${s.slice(0, 10)}`).to.equal(
        new KafkajsEncoder().writeUVarIntString(s).buffer.toString('hex'),
      )
    }
    expect(await encodeHex((e) => flex.nullableString(e, null))).to.equal('00')
    expect(
      await encodeHex((e) =>
        flex.array(
          e,
          Array.from({length: 200}, () => 1),
          (e, x) => e.writeInt8(x),
        ),
      ),
    ).to.equal(`c901${'01'.repeat(200)}`)
  })

  it('reads zigzag varints', () => {
    expect(new Reader(Buffer.from([0x01])).varint()).to.equal(-1)
    expect(new Reader(Buffer.from([0x02])).varint()).to.equal(1)
  })

  it('reads tagged fields with their exact sizes (kafkajs mis-sizes them)', () => {
    const r = new Reader(Buffer.from('0200030a0b0c0501ff7e', 'hex'))
    const tags = r.taggedFields()
    expect([...tags.keys()]).to.deep.equal([0, 5])
    expect(tags.get(0)!.toString('hex')).to.equal('0a0b0c')
    expect(tags.get(5)!.toString('hex')).to.equal('ff')
    expect(r.int8()).to.equal(0x7e)
  })

  it('reads compact nullable strings and bytes with the length+1 convention', () => {
    const r = new Reader(Buffer.from('00036869030102', 'hex'))
    expect(r.compactNullableString()).to.equal(null)
    expect(r.compactString()).to.equal('hi')
    expect(r.compactNullableBytes()!.toString('hex')).to.equal('0102')
  })

  it('fails loudly on a truncated response', () => {
    expect(() => new Reader(Buffer.from('0001', 'hex')).int32()).to.throw(/Truncated/)
  })

  describe('version negotiation', () => {
    const api = {apiKey: 60, apiName: 'DescribeCluster', minVersion: 0, maxVersion: 2, flexibleVersion: 0}
    it('picks the highest common version', () => {
      expect(negotiateVersion(api, {60: {minVersion: 0, maxVersion: 1}})).to.equal(1)
      expect(negotiateVersion(api, {60: {minVersion: 0, maxVersion: 5}})).to.equal(2)
    })
    it('refuses when the broker minimum is above what kctl implements', () => {
      expect(() => negotiateVersion(api, {60: {minVersion: 3, maxVersion: 5}})).to.throw(
        /supports DescribeCluster v3-v5/,
      )
    })
    it('refuses when the broker lacks the API', () => {
      expect(() => negotiateVersion(api, {18: {minVersion: 0, maxVersion: 3}})).to.throw(
        /does not support DescribeCluster/,
      )
    })
  })
})
