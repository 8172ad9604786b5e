import {expect} from 'chai'

import {decodeDescribeLogDirs, encodeDescribeLogDirs} from '../../../src/protocol/describe-log-dirs.js'
import {encodeHex, reader} from './helpers.js'

// Reference bytes from Kafka 4.4's serializer: scripts/kafka-bytes.java DescribeLogDirs{Request,Response}Data.
describe('DescribeLogDirs (API 35)', () => {
  it('encodes a v4 request for two partitions of one topic', async () => {
    expect(await encodeHex((e) => encodeDescribeLogDirs(e, 4, [{topic: 'orders', partitions: [0, 1]}]))).to.equal(
      '02076f72646572730300000000000000010000',
    )
  })

  it('encodes a v1 request for every topic (null array)', async () => {
    expect(await encodeHex((e) => encodeDescribeLogDirs(e, 1, null))).to.equal('ffffffff')
  })

  it('encodes a v2+ request for every topic as a null compact array', async () => {
    expect(await encodeHex((e) => encodeDescribeLogDirs(e, 3, null))).to.equal('0000')
  })

  it('decodes a v4 response: sizes beyond 32 bits, a future replica, total and usable bytes', () => {
    const r = reader(
      '000000000000020000062f6461746102076f7264657273030000000000000000000004d20000000000000000000000000001000000012a05f200000000000000000701000000000000000186a00000000000009c400000',
    )
    expect(decodeDescribeLogDirs(r, 4)).to.deep.equal({
      throttleTimeMs: 0,
      errorCode: 0,
      results: [
        {
          errorCode: 0,
          logDir: '/data',
          topics: [
            {
              name: 'orders',
              partitions: [
                {partitionIndex: 0, partitionSize: 1234n, offsetLag: 0n, isFutureKey: false},
                {partitionIndex: 1, partitionSize: 5_000_000_000n, offsetLag: 7n, isFutureKey: true},
              ],
            },
          ],
          totalBytes: 100_000n,
          usableBytes: 40_000n,
          isCordoned: false,
        },
      ],
    })
    expect(r.remaining).to.equal(0)
  })

  it('decodes a v1 (non-flexible) response', () => {
    const r = reader('0000000000000001000000022f640000000100017400000001000000030000000000000063000000000000000000')
    const res = decodeDescribeLogDirs(r, 1)
    expect(res.results).to.deep.equal([
      {
        errorCode: 0,
        logDir: '/d',
        topics: [{name: 't', partitions: [{partitionIndex: 3, partitionSize: 99n, offsetLag: 0n, isFutureKey: false}]}],
        totalBytes: -1n,
        usableBytes: -1n,
        isCordoned: false,
      },
    ])
    expect(r.remaining).to.equal(0)
  })

  it('decodes a v5 response with is_cordoned and skips a non-empty tagged field', () => {
    // Kafka's bytes, with the log dir's empty tag buffer replaced by tag 3 (2 bytes).
    const r = reader('00000000 0000 02 0000 032f64 01 000000000000000a 0000000000000005 01 01 03 02 beef 00')
    const res = decodeDescribeLogDirs(r, 5)
    expect(res.results[0]).to.include({logDir: '/d', totalBytes: 10n, usableBytes: 5n, isCordoned: true})
    expect(r.remaining).to.equal(0)
    // The unmodified serializer output decodes the same.
    expect(
      decodeDescribeLogDirs(reader('000000000000020000032f6401000000000000000a0000000000000005010000'), 5),
    ).to.deep.equal(res)
  })
})
