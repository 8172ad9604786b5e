import {expect} from 'chai'

import {Encoder} from '../../../src/protocol/encoder.js'
import {decodeMetadata, encodeMetadata, kafkaUuid} from '../../../src/protocol/metadata.js'
import {Reader} from '../../../src/protocol/wire.js'

// Expected bytes from Kafka 4.4's MetadataRequestData / MetadataResponseData serializers.
const V12 =
  '0000000002000000010268000023840000046162630000000202000002742e0189a401a3476da0a298c37662b0020002000500000000ffffffff0000000302000000030200000003020000000300800000000000'

const EXPECTED = {
  throttleTimeMs: 0,
  brokers: [{nodeId: 1, host: 'h', port: 9092, rack: null}],
  clusterId: 'abc',
  controllerId: 2,
  topics: [
    {
      errorCode: 0,
      name: 't',
      topicId: 'LgGJpAGjR22gopjDdmKwAg',
      isInternal: false,
      partitions: [
        {
          errorCode: 5,
          partitionIndex: 0,
          leaderId: -1,
          leaderEpoch: 3,
          replicaNodes: [3],
          isrNodes: [3],
          offlineReplicas: [3],
        },
      ],
    },
  ],
  errorCode: 0,
}

describe('Metadata (API 3) v12-v13 bytes', () => {
  it('encodes an all-topics v12 request exactly as Kafka does', async () => {
    const e = new Encoder()
    encodeMetadata(e, null)
    expect(e.buffer.toString('hex')).to.equal('00000000')
  })

  it('encodes named topics with a zero topic id', async () => {
    const e = new Encoder()
    encodeMetadata(e, ['t'])
    expect(e.buffer.toString('hex')).to.equal('02' + '00'.repeat(16) + '0274' + '00' + '000000')
  })

  it('decodes a v12 response with a leaderless partition (error 5) instead of throwing', () => {
    const r = new Reader(Buffer.from(V12, 'hex'))
    expect(decodeMetadata(r, 12)).to.deep.equal(EXPECTED)
    expect(r.remaining).to.equal(0)
  })

  it('decodes v13 (top-level error code) and skips a non-empty tagged field on a broker', () => {
    // Kafka's v13 bytes, with the broker's empty tag buffer replaced by tag 1, 1 byte.
    const V13 =
      '0000000002000000010268000023840000046162630000000202000002742e0189a401a3476da0a298c37662b0020002000500000000ffffffff00000003020000000302000000030200000003008000000000000000'
    const v13 = V13.replace('026800002384' + '00' + '00', '026800002384' + '00' + '01010107')
    const r = new Reader(Buffer.from(v13, 'hex'))
    expect(decodeMetadata(r, 13)).to.deep.equal(EXPECTED)
    expect(r.remaining).to.equal(0)
  })

  it("prints topic ids in Kafka's base64url form, the zero UUID as null", () => {
    expect(kafkaUuid('2e0189a401a3476da0a298c37662b002')).to.equal('LgGJpAGjR22gopjDdmKwAg')
    expect(kafkaUuid('00000000000000000000000000000000')).to.equal(null)
  })
})
