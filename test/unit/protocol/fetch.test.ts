import {expect} from 'chai'

import {decodeFetch, encodeFetch} from '../../../src/protocol/fetch.js'
import {recordTimestampAt} from '../../../src/protocol/record-batch.js'
import {encodeHex, reader} from './helpers.js'

// Reference bytes from Kafka 4.4's serializer: scripts/kafka-bytes.java Fetch{Request,Response}Data 12.
describe('Fetch (API 1) v12', () => {
  it('encodes a one-shot client fetch (no session, no wait) with 64-bit offsets', async () => {
    const hex = await encodeHex((e) =>
      encodeFetch(e, {
        maxBytes: 1_048_576,
        topics: [
          {
            name: 'orders',
            partitions: [
              {partitionIndex: 0, fetchOffset: 5n, maxBytes: 4096},
              {partitionIndex: 2, fetchOffset: 8_589_934_592n, maxBytes: 4096},
            ],
          },
        ],
      }),
    )
    expect(hex).to.equal(
      'ffffffff0000000000000000001000000000000000ffffffff02076f72646572730300000000ffffffff0000000000000005ffffffffffffffffffffffff000010000000000002ffffffff0000000200000000ffffffffffffffffffffffff000010000000010100',
    )
  })

  it('decodes partitions with records, aborted transactions, and an error with null records', () => {
    const r = reader(
      '0000000000000000000002076f726465727303000000000000000000000000000c000000000000000c0000000000000000020000000000000003000000000000000400ffffffff0400010200000000020006ffffffffffffffffffffffffffffffffffffffffffffffff00ffffffff00000000',
    )
    const res = decodeFetch(r)
    expect(r.remaining).to.equal(0)
    expect(res.topics).to.have.length(1)
    const [p0, p2] = res.topics[0].partitions
    expect(res.topics[0].name).to.equal('orders')
    expect(p0).to.deep.include({
      partitionIndex: 0,
      errorCode: 0,
      highWatermark: 12n,
      lastStableOffset: 12n,
      logStartOffset: 0n,
    })
    expect(p0.abortedTransactions).to.deep.equal([{producerId: 3n, firstOffset: 4n}])
    expect(p0.records?.toString('hex')).to.equal('000102')
    expect(p2).to.deep.equal({
      partitionIndex: 2,
      errorCode: 6,
      highWatermark: -1n,
      lastStableOffset: -1n,
      logStartOffset: -1n,
      abortedTransactions: [],
      records: null,
    })
  })
})

// Record sets from Kafka 4.4's MemoryRecords: test/unit/protocol/KafkaRecords.java.
const t0 = 1_764_000_000_000
const sets = {
  plain:
    '000000000000000a00000063ffffffff02bce03c910000000000020000019ab697e8000000019ab697efd0ffffffffffffffffffffffffffff000000031e000000046b300e76616c75652d30002000d00f02046b310e76616c75652d31002000a01f04046b320e76616c75652d3200000000000000000d00000041ffffffff0259404c0e0000000000000000019ab697fb880000019ab697fb88ffffffffffffffffffffffffffff000000011e000000046b300e76616c75652d3000',
  gzip: '00000000000000000000006cffffffff02a59871170001000000020000019ab697e8000000019ab697efd0ffffffffffffffffffffffffffff000000031f8b08000000000000ff9363606060c936e02b4bcc294dd535605060b8c0cfc4926d081530040a2c906761c936820a183100003b6c67e632000000',
  lz4: '000000000000000000000071ffffffff02926098760003000000020000019ab697e8000000019ab697efd0ffffffffffffffffffffffffffff0000000304224d1860408231000000f3091e000000046b300e76616c75652d30002000d00f02046b311100f00431002000a01f04046b320e76616c75652d320000000000',
  appendTime:
    '0000000000000007000000510000000002cea097430008000000010000019ab6980b28000001a211268ed70000000000000000000000000000000000021e000000046b300e76616c75652d30001e000002046b310e76616c75652d3100',
  control:
    '0000000000000014000000420000000002755308cb0030000000000000019ab697e8000000019ab697e80000000000000000010000ffffffff000000012000000008000000010c00000000000000000000000000001500000041ffffffff02e7e145390000000000000000019ab697f3b80000019ab697f3b8ffffffffffffffffffffffffffff000000011e000000046b300e76616c75652d3000',
  legacy:
    '00000000000000040000001fea66eb9501000000019ab697e864000000026b300000000776616c75652d3000000000000000050000001fe910b0d701000000019ab697e8c8000000026b310000000776616c75652d31',
}
const buf = (hex: string) => Buffer.from(hex, 'hex')

describe('recordTimestampAt (time lag from raw record batches)', () => {
  it('finds the exact record inside an uncompressed batch and in the next batch', () => {
    const records = buf(sets.plain)
    expect(recordTimestampAt(records, 10n)).to.deep.equal({offset: 10n, timestamp: t0, exact: true})
    expect(recordTimestampAt(records, 11n)).to.deep.equal({offset: 11n, timestamp: t0 + 1000, exact: true})
    expect(recordTimestampAt(records, 12n)).to.deep.equal({offset: 12n, timestamp: t0 + 2000, exact: true})
    expect(recordTimestampAt(records, 13n)).to.deep.equal({offset: 13n, timestamp: t0 + 5000, exact: true})
    // Before the first batch (e.g. the committed offset was deleted): the first record there is.
    expect(recordTimestampAt(records, 3n)).to.deep.equal({offset: 10n, timestamp: t0, exact: true})
    // Past everything fetched.
    expect(recordTimestampAt(records, 14n)).to.equal(null)
  })

  it('decompresses gzip batches for the exact record', () => {
    expect(recordTimestampAt(buf(sets.gzip), 2n)).to.deep.equal({offset: 2n, timestamp: t0 + 2000, exact: true})
  })

  it('decompresses lz4 batches for the exact record; a compressed batch cut short falls back to its first timestamp', () => {
    expect(recordTimestampAt(buf(sets.lz4), 0n)).to.deep.equal({offset: 0n, timestamp: t0, exact: true})
    expect(recordTimestampAt(buf(sets.lz4), 2n)).to.deep.equal({offset: 2n, timestamp: t0 + 2000, exact: true})
    const lz4 = buf(sets.lz4)
    expect(recordTimestampAt(lz4.subarray(0, lz4.length - 4), 2n)).to.deep.equal({
      offset: 0n,
      timestamp: t0,
      exact: false,
    })
  })

  it('uses the broker time of LogAppendTime batches', () => {
    expect(recordTimestampAt(buf(sets.appendTime), 8n)).to.deep.equal({
      offset: 8n,
      timestamp: 1_795_584_069_335,
      exact: true,
    })
  })

  it('skips transaction markers, as consumers do', () => {
    expect(recordTimestampAt(buf(sets.control), 20n)).to.deep.equal({offset: 21n, timestamp: t0 + 3000, exact: true})
  })

  it('reads legacy (magic 1) message sets', () => {
    expect(recordTimestampAt(buf(sets.legacy), 5n)).to.deep.equal({offset: 5n, timestamp: t0 + 200, exact: true})
  })

  it('uses the header of a batch the fetch cut short (per-partition byte limit)', () => {
    const plain = buf(sets.plain)
    // Cut inside the second record of the first batch: the header survives, the record does not.
    expect(recordTimestampAt(plain.subarray(0, 61 + 20), 12n)).to.deep.equal({offset: 10n, timestamp: t0, exact: false})
    expect(recordTimestampAt(plain.subarray(0, 61 + 20), 10n)).to.deep.equal({offset: 10n, timestamp: t0, exact: true})
    // Cut inside the header: nothing to read.
    expect(recordTimestampAt(plain.subarray(0, 40), 10n)).to.equal(null)
    expect(recordTimestampAt(Buffer.alloc(0), 0n)).to.equal(null)
  })
})
