import {expect} from 'chai'

import {decodeProduce, encodeProduce} from '../../../src/protocol/produce.js'
import {
  decodeAddPartitionsToTxn,
  decodeEndTxn,
  decodeInitProducerId,
  encodeAddPartitionsToTxn,
  encodeEndTxn,
  encodeInitProducerId,
} from '../../../src/protocol/transactions.js'
import {encodeHex, reader} from './helpers.js'

// Reference bytes from Kafka 4.4's serializers: scripts/kafka-bytes.java <Message> <version> <json>.
describe('Produce (API 0) v8 and the transaction APIs', () => {
  it('encodes a Produce request with raw record batches', async () => {
    const hex = await encodeHex((e) =>
      encodeProduce(e, {
        transactionalId: 'tx',
        acks: -1,
        timeoutMs: 30_000,
        topics: [{name: 't', partitions: [{index: 2, records: Buffer.from([0, 1, 2, 3])}]}],
      }),
    )
    expect(hex).to.equal('00027478ffff000075300000000100017400000001000000020000000400010203')
  })

  it('decodes a Produce response with a record error', () => {
    const r = reader(
      '0000000100017400000001000000020000000000000000002affffffffffffffff000000000000000000000001000000000003626164ffff00000000',
    )
    const res = decodeProduce(r)
    expect(r.remaining).to.equal(0)
    expect(res.topics[0].partitions[0]).to.deep.equal({
      index: 2,
      errorCode: 0,
      baseOffset: 42n,
      logAppendTimeMs: -1n,
      logStartOffset: 0n,
      recordErrors: [{batchIndex: 0, message: 'bad'}],
      errorMessage: null,
    })
  })

  it('encodes and decodes InitProducerId v4', async () => {
    expect(await encodeHex((e) => encodeInitProducerId(e, 'tx', 60_000))).to.equal(
      '0374780000ea60ffffffffffffffffffff00',
    )
    const r = reader('00000000000000000000000003e9000300')
    expect(decodeInitProducerId(r)).to.deep.equal({
      throttleTimeMs: 0,
      errorCode: 0,
      producerId: 1001n,
      producerEpoch: 3,
    })
    expect(r.remaining).to.equal(0)
  })

  it('encodes and decodes AddPartitionsToTxn v3', async () => {
    expect(
      await encodeHex((e) =>
        encodeAddPartitionsToTxn(e, 'tx', {producerId: 1001n, producerEpoch: 3}, [{name: 't', partitions: [0, 2]}]),
      ),
    ).to.equal('03747800000000000003e900030202740300000000000000020000')
    const r = reader('000000000202740300000000000000000000020033000000')
    expect(decodeAddPartitionsToTxn(r).results).to.deep.equal([
      {
        name: 't',
        partitions: [
          {partitionIndex: 0, errorCode: 0},
          {partitionIndex: 2, errorCode: 51},
        ],
      },
    ])
    expect(r.remaining).to.equal(0)
  })

  it('encodes and decodes EndTxn v4', async () => {
    expect(await encodeHex((e) => encodeEndTxn(e, 'tx', {producerId: 1001n, producerEpoch: 3}, false))).to.equal(
      '03747800000000000003e900030000',
    )
    expect(decodeEndTxn(reader('00000000000000'))).to.deep.equal({throttleTimeMs: 0, errorCode: 0})
  })
})
