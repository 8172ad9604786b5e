import {expect} from 'chai'
import {createRequire} from 'node:module'

import {decodeDescribeQuorum, encodeDescribeQuorum} from '../../../src/protocol/describe-quorum.js'
import {Reader} from '../../../src/protocol/wire.js'

const require = createRequire(import.meta.url)
const Encoder = require('kafkajs/src/protocol/encoder.js')

// Expected bytes come from Kafka 4.4's own serializer (scripts/kafka-bytes.java).
describe('DescribeQuorum (API 55) bytes', () => {
  it('encodes the request for __cluster_metadata partition 0 like Kafka', () => {
    const e = new Encoder()
    encodeDescribeQuorum(e, [{topicName: '__cluster_metadata', partitions: [0]}])
    expect(e.buffer.toString('hex')).to.equal('02135f5f636c75737465725f6d657461646174610200000000000000')
  })

  it('decodes v2 (error message, directory ids, nodes with listeners)', () => {
    const hex =
      '00000002135f5f636c75737465725f6d657461646174610200000000000000000000030000000700000000000004d202000000010000000000000000000000000000000100000000000004d20000018bcfe568000000018bcfe56801000100000200000001020b434f4e54524f4c4c45520a3132372e302e302e31276c000000'
    const d = decodeDescribeQuorum(new Reader(Buffer.from(hex, 'hex')), 2)
    const p = d.topics[0].partitions[0]
    expect(d.topics[0].topicName).to.equal('__cluster_metadata')
    expect(p.leaderId).to.equal(3)
    expect(p.leaderEpoch).to.equal(7)
    expect(p.highWatermark).to.equal(1234n)
    expect(p.currentVoters).to.deep.equal([
      {
        replicaId: 1,
        replicaDirectoryId: '00000000000000000000000000000001',
        logEndOffset: 1234n,
        lastFetchTimestamp: 1_700_000_000_000n,
        lastCaughtUpTimestamp: 1_700_000_000_001n,
      },
    ])
    expect(d.nodes).to.deep.equal([{nodeId: 1, listeners: [{name: 'CONTROLLER', host: '127.0.0.1', port: 10_092}]}])
  })

  it('decodes v0 (voters and observers, no timestamps)', () => {
    const hex =
      '000002135f5f636c75737465725f6d65746164617461020000000000000000000100000002000000000000000a0200000001000000000000000a000200000004000000000000000900000000'
    const d = decodeDescribeQuorum(new Reader(Buffer.from(hex, 'hex')), 0)
    const p = d.topics[0].partitions[0]
    expect(p.leaderId).to.equal(1)
    expect(p.currentVoters.map((v) => v.replicaId)).to.deep.equal([1])
    expect(p.observers).to.deep.equal([
      {replicaId: 4, replicaDirectoryId: null, logEndOffset: 9n, lastFetchTimestamp: -1n, lastCaughtUpTimestamp: -1n},
    ])
    expect(d.nodes).to.deep.equal([])
  })
})
