import {expect} from 'chai'

import {decodeElectLeaders, encodeElectLeaders} from '../../../src/protocol/elect-leaders.js'
import {encodeHex, reader} from './helpers.js'

// Reference bytes from Kafka 4.4's serializer: scripts/kafka-bytes.java ElectLeaders{Request,Response}Data.
describe('ElectLeaders (API 43)', () => {
  it('encodes a v2 (flexible) preferred election of two partitions', async () => {
    const hex = await encodeHex((e) =>
      encodeElectLeaders(e, 2, {
        electionType: 0,
        topicPartitions: [{topic: 'orders', partitions: [0, 2]}],
        timeoutMs: 30_000,
      }),
    )
    expect(hex).to.equal('0002076f7264657273030000000000000002000000753000')
  })

  it('encodes a v1 unclean election of every partition (null array)', async () => {
    const hex = await encodeHex((e) =>
      encodeElectLeaders(e, 1, {electionType: 1, topicPartitions: null, timeoutMs: 30_000}),
    )
    expect(hex).to.equal('01ffffffff00007530')
  })

  it('decodes a v2 response with a per-partition error', () => {
    const r = reader(
      '00000000000002076f726465727303000000000000000000000002005414456c656374696f6e206e6f74206e6565646564000000',
    )
    expect(decodeElectLeaders(r, 2)).to.deep.equal({
      throttleTimeMs: 0,
      errorCode: 0,
      results: [
        {
          topic: 'orders',
          partitions: [
            {partitionId: 0, errorCode: 0, errorMessage: null},
            {partitionId: 2, errorCode: 84, errorMessage: 'Election not needed'},
          ],
        },
      ],
    })
    expect(r.remaining).to.equal(0)
  })

  it('decodes a v2 response whose partition carries an unknown tagged field', () => {
    // Same partition 0 result, with tag 7 (2 bytes) instead of an empty tag buffer.
    const r = reader('000000000000 02 076f7264657273 02 00000000 0000 00 01 07 02 abcd 00 00')
    const res = decodeElectLeaders(r, 2)
    expect(res.results[0].partitions).to.deep.equal([{partitionId: 0, errorCode: 0, errorMessage: null}])
    expect(r.remaining).to.equal(0)
  })

  it('decodes a v1 response', () => {
    const r = reader('0000000500000000000100017400000001000000010000ffff')
    expect(decodeElectLeaders(r, 1)).to.deep.equal({
      throttleTimeMs: 5,
      errorCode: 0,
      results: [{topic: 't', partitions: [{partitionId: 1, errorCode: 0, errorMessage: null}]}],
    })
    expect(r.remaining).to.equal(0)
  })
})
