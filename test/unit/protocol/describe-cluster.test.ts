import {expect} from 'chai'
import {createRequire} from 'node:module'

import {
  decodeDescribeCluster,
  describeClusterRequest,
  encodeDescribeCluster,
} from '../../../src/protocol/describe-cluster.js'
import {Reader} from '../../../src/protocol/wire.js'

const require = createRequire(import.meta.url)
const Encoder = require('kafkajs/src/protocol/encoder.js')

// Expected bytes come from Kafka 4.4's own serializer (scripts/kafka-bytes.java).
describe('DescribeCluster (API 60) bytes', () => {
  it('encodes v2 like Kafka', () => {
    const e = new Encoder()
    encodeDescribeCluster(e, 2, {
      includeClusterAuthorizedOperations: false,
      endpointType: 1,
      includeFencedBrokers: true,
    })
    expect(e.buffer.toString('hex')).to.equal('00010100')
  })

  it('encodes v0 like Kafka (no endpoint type, no fenced flag)', () => {
    const e = new Encoder()
    encodeDescribeCluster(e, 0, {includeClusterAuthorizedOperations: true, endpointType: 2, includeFencedBrokers: true})
    expect(e.buffer.toString('hex')).to.equal('0100')
  })

  it('decodes a v2 response with a fenced broker and a rack', () => {
    const hex =
      '00000005000000010461626300000002030000000103683100002384000000000000020368320000238503723201008000000000'
    const d = decodeDescribeCluster(new Reader(Buffer.from(hex, 'hex')), 2)
    expect(d).to.deep.equal({
      throttleTimeMs: 5,
      errorCode: 0,
      errorMessage: null,
      endpointType: 1,
      clusterId: 'abc',
      controllerId: 2,
      brokers: [
        {brokerId: 1, host: 'h1', port: 9092, rack: null, isFenced: false},
        {brokerId: 2, host: 'h2', port: 9093, rack: 'r2', isFenced: true},
      ],
      clusterAuthorizedOperations: -2_147_483_648,
    })
  })

  it('decodes a v0 response', () => {
    const hex = '00000000000000046162630000000102000000010368310000238400008000000000'
    const d = decodeDescribeCluster(new Reader(Buffer.from(hex, 'hex')), 0)
    expect(d.clusterId).to.equal('abc')
    expect(d.controllerId).to.equal(1)
    expect(d.brokers).to.deep.equal([{brokerId: 1, host: 'h1', port: 9092, rack: null, isFenced: false}])
  })

  it('skips non-empty tagged fields in a broker entry and at the end', () => {
    // v0 body with broker tag buffer {tag 5: 2 bytes} and top-level {tag 0: 1 byte, tag 9: 0 bytes}
    const hex = '000000000000000461626300000001020000000103683100002384000105020a0b80000000020001ff0900'
    const d = decodeDescribeCluster(new Reader(Buffer.from(hex, 'hex')), 0)
    expect(d.brokers[0].port).to.equal(9092)
    expect(d.clusterAuthorizedOperations).to.equal(-2_147_483_648)
  })

  it('builds a flexible request: header tag buffer first, response header tags skipped', async () => {
    const req = describeClusterRequest(
      2,
      {includeClusterAuthorizedOperations: false, endpointType: 1, includeFencedBrokers: true},
      Encoder,
    )
    expect(req.request).to.include({apiKey: 60, apiVersion: 2, apiName: 'DescribeCluster'})
    expect((await req.request.encode()).buffer.toString('hex')).to.equal('0000010100')
    const body =
      '00000005000000010461626300000002030000000103683100002384000000000000020368320000238503723201008000000000'
    const decoded = await req.response.decode(Buffer.from(`00${body}`, 'hex'))
    expect(await req.response.parse(decoded)).to.have.property('controllerId', 2)
  })
})
