import {expect} from 'chai'
import {readFileSync} from 'node:fs'

import {compress, decompress, lz4FrameDecode, lz4FrameEncode, snappyDecode} from '../../../src/protocol/codecs.js'
import {decodeRecordSet, recordTimestampAt} from '../../../src/protocol/record-batch.js'
import {crc32c, encodeRecordBatch} from '../../../src/protocol/record-batch-encode.js'

// Record sets written by Kafka 4.4's own MemoryRecords and codecs: KafkaRecords.java prints them.
const vectors = Object.fromEntries(
  readFileSync(new URL('kafka-records.txt', import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(' ') as [string, string])
    .map(([name, hex]) => [name, Buffer.from(hex, 'hex')]),
)
const t0 = 1_764_000_000_000
const text = (b: Buffer | null) => (b === null ? null : b.toString('utf8'))
const simple = (name: string) =>
  decodeRecordSet(vectors[name]).batches.flatMap((b) =>
    b.records.map((r) => ({offset: r.offset, timestamp: r.timestamp, key: text(r.key), value: text(r.value)})),
  )

describe('decodeRecordSet (whole batches written by Kafka 4.4)', () => {
  for (const codec of ['plain', 'gzip', 'snappy', 'lz4', 'zstd']) {
    it(`decodes every record of a ${codec} batch`, () => {
      const recs = simple(codec).slice(0, 3)
      const base = codec === 'plain' ? 10n : 0n
      expect(recs).to.deep.equal(
        [0, 1, 2].map((i) => ({offset: base + BigInt(i), timestamp: t0 + 1000 * i, key: `k${i}`, value: `value-${i}`})),
      )
    })
  }

  for (const codec of ['lz4', 'snappy', 'zstd']) {
    it(`decodes a 200 kB ${codec} record spanning several codec blocks`, () => {
      const [batch] = decodeRecordSet(vectors[`big${codec}`]).batches
      const value = batch.records[0].value!
      expect(value.length).to.equal(200_000)
      for (const i of [0, 65_535, 65_536, 131_072, 199_999])
        expect(value[i]).to.equal(97 + ((i * 7 + Math.floor(i / 13)) % 26))
    })
  }

  it('keeps headers in order (repeated keys, null values), null keys and tombstones', () => {
    const [batch] = decodeRecordSet(vectors.headers).batches
    expect(batch.compression).to.equal(1)
    const [a, b] = batch.records
    expect(a.key).to.equal(null)
    expect(text(a.value)).to.equal('no key')
    expect(a.headers.map((h) => [h.key, text(h.value)])).to.deep.equal([
      ['trace', 'abc'],
      ['empty', null],
      ['trace', 'def'],
    ])
    expect(text(b.key)).to.equal('tombstone')
    expect(b.value).to.equal(null)
    expect(b.offset).to.equal(31n)
  })

  it('reads transactional batches and abort markers', () => {
    const [data, marker] = decodeRecordSet(vectors.txn).batches
    expect(data).to.deep.include({
      isTransactional: true,
      producerId: 77n,
      producerEpoch: 2,
      control: null,
      baseOffset: 40n,
      lastOffset: 41n,
    })
    expect(marker).to.deep.include({
      isTransactional: true,
      producerId: 77n,
      control: {type: 'ABORT', coordinatorEpoch: 3},
      baseOffset: 42n,
    })
    const [commit] = decodeRecordSet(vectors.control).batches
    expect(commit.control).to.deep.equal({type: 'COMMIT', coordinatorEpoch: 0})
  })

  it('reads LogAppendTime batches with the broker time', () => {
    const [batch] = decodeRecordSet(vectors.appendtime).batches
    expect(batch.timestampType).to.equal('LogAppendTime')
    expect(batch.records.map((r) => r.timestamp)).to.deep.equal([
      batch.records[0].timestamp,
      batch.records[0].timestamp,
    ])
  })

  it('reads message formats v0 and v1, plain and compressed (gzip, snappy, lz4 with v0 broken header checksum)', () => {
    expect(simple('legacy')).to.deep.equal([
      {offset: 4n, timestamp: t0 + 100, key: 'k0', value: 'value-0'},
      {offset: 5n, timestamp: t0 + 200, key: 'k1', value: 'value-1'},
    ])
    expect(simple('v0gzip')).to.deep.equal(
      [50n, 51n].map((offset, i) => ({offset, timestamp: -1, key: `k${i}`, value: `value-${i}`})),
    )
    expect(simple('v1snappy')).to.deep.equal(
      [0, 1, 2].map((i) => ({offset: 60n + BigInt(i), timestamp: t0 + 1000 * i, key: `k${i}`, value: `value-${i}`})),
    )
    expect(simple('v1lz4')).to.deep.equal(
      [0, 1].map((i) => ({offset: 70n + BigInt(i), timestamp: t0 + 1000 * i, key: `k${i}`, value: `value-${i}`})),
    )
    expect(simple('v0lz4').map((r) => [r.offset, r.value])).to.deep.equal([
      [80n, 'value-0'],
      [81n, 'value-1'],
    ])
    expect(decodeRecordSet(vectors.v0gzip).batches[0]).to.deep.include({
      magic: 0,
      compression: 1,
      timestampType: 'NoTimestamp',
    })
  })

  it('stops at a batch the fetch cut short, saying so', () => {
    const cut = decodeRecordSet(vectors.plain.subarray(0, vectors.plain.length - 5))
    expect(cut.truncated).to.equal(true)
    expect(cut.batches.map((b) => b.baseOffset)).to.deep.equal([10n])
  })
})

describe('codecs', () => {
  const payload = Buffer.from(Array.from({length: 150_000}, (_, i) => 'kafka record '.charCodeAt(i % 13) ^ (i % 7)))
  for (const [name, id] of [
    ['gzip', 1],
    ['snappy', 2],
    ['lz4', 3],
    ['zstd', 4],
  ] as const) {
    it(`round-trips ${name} (encode, then decode)`, async () => {
      const packed = await compress(id, payload)
      expect(packed.length).to.be.lessThan(payload.length)
      expect(decompress(id, packed).equals(payload)).to.equal(true)
      expect(decompress(id, await compress(id, Buffer.alloc(0))).length).to.equal(0)
    })
  }

  it('writes LZ4 frames as Kafka reads them: independent 64 KiB blocks and a correct header checksum', () => {
    const frame = lz4FrameEncode(payload)
    expect(frame.subarray(0, 7).toString('hex')).to.equal('04224d18604082')
    expect(lz4FrameDecode(frame).equals(payload)).to.equal(true)
  })

  it("writes LZ4 blocks within the block format's end rules (last 5 bytes literals, last match 12+ bytes before the end)", () => {
    let seed = 3
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31)
    const inputs: Buffer[] = []
    for (const n of [0, 1, 12, 13, 14, 20, 100, 65_535, 65_536, 65_537, 200_000]) {
      inputs.push(Buffer.alloc(n, 7), Buffer.from(Array.from({length: n}, () => next() % 3)))
      inputs.push(Buffer.from(Array.from({length: n}, (_, i) => (i % 97 < 90 ? 65 + (i % 7) : next() % 256))))
    }
    for (const input of inputs) {
      const frame = lz4FrameEncode(input)
      expect(lz4FrameDecode(frame).equals(input), `${input.length} bytes`).to.equal(true)
      for (let pos = 7; ;) {
        const word = frame.readUInt32LE(pos)
        if (word === 0) break
        const size = word & 0x7fffffff
        if (!(word & 0x80000000)) checkLz4Block(frame.subarray(pos + 4, pos + 4 + size))
        pos += 4 + size
      }
    }
  })

  it('reads snappy with and without the xerial framing', async () => {
    const framed = await compress(2, Buffer.from('hello hello hello'))
    expect(framed.subarray(0, 8).toString('hex')).to.equal('82534e4150505900')
    expect(snappyDecode(framed.subarray(16 + 4)).toString()).to.equal('hello hello hello')
  })

  it('time lag is exact inside lz4, snappy and zstd batches too', () => {
    for (const codec of ['lz4', 'snappy', 'zstd']) {
      expect(recordTimestampAt(vectors[codec], 2n)).to.deep.equal({offset: 2n, timestamp: t0 + 2000, exact: true})
    }
  })
})

describe('encodeRecordBatch', () => {
  it("writes the records' bytes Kafka wrote (records re-encoded uncompressed)", async () => {
    for (const name of ['plain', 'headers']) {
      const set = vectors[name]
      const end = 12 + set.readInt32BE(8)
      const [decoded] = decodeRecordSet(set.subarray(0, end)).batches
      const batch = await encodeRecordBatch(
        decoded.records.map((r) => ({key: r.key, value: r.value, headers: r.headers, timestamp: r.timestamp})),
        {compression: 0},
      )
      const records = decompress(decoded.compression, set.subarray(61, end))
      expect(batch.subarray(61).toString('hex'), name).to.equal(records.toString('hex'))
    }
  })

  it('computes the CRC-32C Kafka wrote', () => {
    for (const name of ['plain', 'zstd', 'headers', 'txn']) {
      const set = vectors[name]
      const end = 12 + set.readInt32BE(8)
      expect(crc32c(set.subarray(0, end), 21)).to.equal(set.readUInt32BE(17))
    }
  })

  for (const [name, id] of [
    ['none', 0],
    ['gzip', 1],
    ['snappy', 2],
    ['lz4', 3],
    ['zstd', 4],
  ] as const) {
    it(`writes a ${name} batch that decodes to the same records, headers and timestamps`, async () => {
      const records = [
        {
          key: Buffer.from('k'),
          value: Buffer.from('v'.repeat(70_000)),
          timestamp: t0,
          headers: [
            {key: 'a', value: Buffer.from('1')},
            {key: 'a', value: null},
          ],
        },
        {key: null, value: null, timestamp: t0 - 5},
      ]
      const batch = await encodeRecordBatch(records, {
        compression: id,
        producerId: 9n,
        producerEpoch: 1,
        baseSequence: 4,
        transactional: true,
      })
      expect(crc32c(batch, 21)).to.equal(batch.readUInt32BE(17))
      const [decoded] = decodeRecordSet(batch).batches
      expect(decoded).to.deep.include({
        compression: id,
        producerId: 9n,
        producerEpoch: 1,
        isTransactional: true,
        lastOffset: 1n,
      })
      expect(
        decoded.records.map((r) => [
          r.offset,
          r.timestamp,
          r.key?.toString() ?? null,
          r.value?.length ?? null,
          r.headers.length,
        ]),
      ).to.deep.equal([
        [0n, t0, 'k', 70_000, 2],
        [1n, t0 - 5, null, null, 0],
      ])
    })
  }
})

/** Walks an LZ4 block's sequences and checks the format's end rules. */
function checkLz4Block(block: Buffer): void {
  let ip = 0
  let out = 0
  let lastMatchStart = -1
  let lastLiterals: number
  for (;;) {
    const token = block[ip++]
    let literals = token >> 4
    if (literals === 15) for (let b = 255; b === 255; literals += b) b = block[ip++]
    ip += literals
    out += literals
    lastLiterals = literals
    if (ip >= block.length) break
    ip += 2 // offset
    let match = token & 15
    if (match === 15) for (let b = 255; b === 255; match += b) b = block[ip++]
    lastMatchStart = out
    out += match + 4
  }
  expect(ip).to.equal(block.length)
  if (lastMatchStart >= 0) {
    expect(out - lastMatchStart, 'last match start').to.be.at.least(12)
    expect(lastLiterals, 'last literals').to.be.at.least(5)
  }
}
