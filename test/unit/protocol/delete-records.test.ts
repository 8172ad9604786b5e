import {expect} from 'chai'

import {decodeDeleteRecords, encodeDeleteRecords} from '../../../src/protocol/delete-records.js'
import {encodeHex, reader} from './helpers.js'

// Reference bytes from Kafka 4.4's serializer: scripts/kafka-bytes.java DeleteRecords{Request,Response}Data.
describe('DeleteRecords (API 21)', () => {
  it('encodes v2 (flexible) with a 64-bit offset', async () => {
    const hex = await encodeHex((e) =>
      encodeDeleteRecords(e, 2, {
        topics: [
          {
            name: 'orders',
            partitions: [
              {partitionIndex: 0, offset: 5n},
              {partitionIndex: 1, offset: 8_589_934_592n},
            ],
          },
        ],
        timeoutMs: 30_000,
      }),
    )
    expect(hex).to.equal('02076f7264657273030000000000000000000000050000000001000000020000000000000000753000')
  })

  it('encodes v1 with offset -1 (the high watermark)', async () => {
    const hex = await encodeHex((e) =>
      encodeDeleteRecords(e, 1, {
        topics: [{name: 't', partitions: [{partitionIndex: 2, offset: -1n}]}],
        timeoutMs: 1000,
      }),
    )
    expect(hex).to.equal('000000010001740000000100000002ffffffffffffffff000003e8')
  })

  it('decodes v2 and v0 responses with per-partition errors', () => {
    const r = reader('0000000002076f72646572730300000000000000000000000500000000000001ffffffffffffffff0001000000')
    expect(decodeDeleteRecords(r, 2)).to.deep.equal({
      throttleTimeMs: 0,
      topics: [
        {
          name: 'orders',
          partitions: [
            {partitionIndex: 0, lowWatermark: 5n, errorCode: 0},
            {partitionIndex: 1, lowWatermark: -1n, errorCode: 1},
          ],
        },
      ],
    })
    expect(r.remaining).to.equal(0)
    expect(
      decodeDeleteRecords(reader('00000000000000010001740000000100000002000000000000000a0000'), 0).topics,
    ).to.deep.equal([{name: 't', partitions: [{partitionIndex: 2, lowWatermark: 10n, errorCode: 0}]}])
  })
})
