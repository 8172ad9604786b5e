import {expect} from 'chai'
import {createRequire} from 'node:module'

import {
  decodeConsumerGroupDescribe,
  encodeConsumerGroupDescribe,
} from '../../../src/protocol/consumer-group-describe.js'
import {
  decodeConsumerAssignment,
  decodeDescribeGroups,
  encodeDescribeGroups,
} from '../../../src/protocol/describe-groups.js'
import {decodeFindCoordinator, encodeFindCoordinator} from '../../../src/protocol/find-coordinator.js'
import type {KafkaEncoder} from '../../../src/protocol/kafkajs-internals.js'
import {decodeListGroups, encodeListGroups} from '../../../src/protocol/list-groups.js'
import {decodeListOffsets, encodeListOffsets} from '../../../src/protocol/list-offsets.js'
import {decodeOffsetDelete, encodeOffsetDelete} from '../../../src/protocol/offset-delete.js'
import {decodeOffsetFetch, encodeOffsetFetch} from '../../../src/protocol/offset-fetch.js'
import {Reader, negotiateVersion} from '../../../src/protocol/wire.js'
import {FindCoordinatorApi} from '../../../src/protocol/find-coordinator.js'
import {OffsetFetchApi} from '../../../src/protocol/offset-fetch.js'

const require = createRequire(import.meta.url)
const Encoder = require('kafkajs/src/protocol/encoder.js') as new () => KafkaEncoder

/**
 * Bytes below were printed by Kafka 4.4's own serializers (test/unit/protocol/KafkaHex.java);
 * several responses carry a non-empty unknown tagged field the decoders must skip.
 */
const KAFKA = {
  findCoordinatorRequestV4: '0003036731076f726465727300',
  findCoordinatorResponseV4:
    '000000000303673100000002026800002384000000010703010203076f7264657273ffffffff01ffffffff000f02780000',
  listGroupsRequestV4: '0307537461626c6506456d70747900',
  listGroupsRequestV5: '010209636f6e73756d657200',
  listGroupsResponseV5:
    '0000000100000303673109636f6e73756d657207537461626c6508636c61737369630003673209636f6e73756d657206456d70747909636f6e73756d6572010304ff00010200',
  listGroupsResponseV4:
    '0000000100000303673109636f6e73756d657207537461626c650003673209636f6e73756d657206456d707479010304ff00010200',
  offsetFetchRequestV8: '03036731000003673202027403000000000000000500000000',
  offsetFetchRequestV9: '0303673100ffffffff000003673200ffffffff02027403000000000000000500000000',
  offsetFetchResponseV8:
    '00000000030367310202740300000000000000012a05f200000000030100000101010900000001ffffffffffffffffffffffff00000000000000000367320100450000',
  offsetDeleteRequestV0: '0002673100000001000174000000020000000000000002',
  offsetDeleteResponseV0: '0000000000000000000100017400000002000000000000000000020056',
  consumerGroupDescribeRequestV0: '030367310367320000',
  consumerGroupDescribeResponseV0:
    '000000000300000003673107537461626c65000000040000000408756e69666f726d02036d310000000000040363310b2f3132372e302e302e3102027400020123456789abcdef0fedcba9876543210274030000000100000000000001000100012a800000000000451447726f7570206732206e6f7420666f756e642e0367320100000000000000000101800000000000',
  consumerGroupDescribeResponseV1:
    '000000000300000003673107537461626c65000000040000000408756e69666f726d02036d310000000000040363310b2f3132372e302e302e3102027400020123456789abcdef0fedcba987654321027403000000010000000000000100000100012a800000000000451447726f7570206732206e6f7420666f756e642e0367320100000000000000000101800000000000',
  describeGroupsRequestV5: '020367310000',
  consumerProtocolAssignment: '0003000000020001740000000200000000000000020001750000000100000001ffffffff',
  describeGroupsResponseV5:
    '0000000002000003673107537461626c6509636f6e73756d65720672616e676502036d31000363310a2f31302e302e302e3101250003000000020001740000000200000000000000020001750000000100000001ffffffff0080000000010502010100',
  describeGroupsResponseV6:
    '000000000200000003673107537461626c6509636f6e73756d65720672616e676502036d31000363310a2f31302e302e302e3101250003000000020001740000000200000000000000020001750000000100000001ffffffff0080000000010502010100',
  listOffsetsRequestV7: 'ffffffff000202740300000000fffffffffffffffffffffffd0000000001ffffffff0000018bcfe56800000000',
  listOffsetsResponseV7:
    '00000000020274030000000000000000018bcfe5687b000000000000002a0000000700000000010000ffffffffffffffffffffffffffffffffffffffff00010202000000',
}

function encoded(write: (e: KafkaEncoder) => void): string {
  const e = new Encoder()
  write(e)
  return e.buffer.toString('hex')
}

const reader = (hex: string) => new Reader(Buffer.from(hex, 'hex'))

/** Decode and check every byte was consumed (a mis-sized field would leave or overrun bytes). */
function decodeAll<T>(hex: string, decode: (r: Reader) => T): T {
  const r = reader(hex)
  const out = decode(r)
  expect(r.remaining, 'bytes left after decoding').to.equal(0)
  return out
}

describe('protocol: FindCoordinator v4 (batched keys)', () => {
  it('encodes many group keys exactly like Kafka', () => {
    expect(encoded((e) => encodeFindCoordinator(e, ['g1', 'orders']))).to.equal(KAFKA.findCoordinatorRequestV4)
  })

  it('decodes per-key coordinators and errors, skipping a tagged field', () => {
    const res = decodeAll(KAFKA.findCoordinatorResponseV4, decodeFindCoordinator)
    expect(res.coordinators).to.deep.equal([
      {key: 'g1', nodeId: 2, host: 'h', port: 9092, errorCode: 0, errorMessage: null},
      {key: 'orders', nodeId: -1, host: '', port: -1, errorCode: 15, errorMessage: 'x'},
    ])
  })

  it('negotiates v4..v6 and refuses brokers that only batch-less versions', () => {
    expect(negotiateVersion(FindCoordinatorApi, {10: {minVersion: 0, maxVersion: 6}})).to.equal(6)
    expect(negotiateVersion(FindCoordinatorApi, {10: {minVersion: 0, maxVersion: 4}})).to.equal(4)
    expect(() => negotiateVersion(FindCoordinatorApi, {10: {minVersion: 0, maxVersion: 3}})).to.throw(
      /supports FindCoordinator v0-v3/,
    )
  })
})

describe('protocol: ListGroups v4/v5', () => {
  it('encodes the state filter (v4) and the type filter (v5)', () => {
    expect(encoded((e) => encodeListGroups(e, 4, {statesFilter: ['Stable', 'Empty'], typesFilter: []}))).to.equal(
      KAFKA.listGroupsRequestV4,
    )
    expect(encoded((e) => encodeListGroups(e, 5, {statesFilter: [], typesFilter: ['consumer']}))).to.equal(
      KAFKA.listGroupsRequestV5,
    )
  })

  it('decodes v5 with group types and v4 without', () => {
    const v5 = decodeAll(KAFKA.listGroupsResponseV5, (r) => decodeListGroups(r, 5))
    expect(v5.throttleTimeMs).to.equal(1)
    expect(v5.groups).to.deep.equal([
      {groupId: 'g1', protocolType: 'consumer', groupState: 'Stable', groupType: 'classic'},
      {groupId: 'g2', protocolType: 'consumer', groupState: 'Empty', groupType: 'consumer'},
    ])
    const v4 = decodeAll(KAFKA.listGroupsResponseV4, (r) => decodeListGroups(r, 4))
    expect(v4.groups.map((g) => g.groupType)).to.deep.equal([null, null])
  })
})

describe('protocol: OffsetFetch v8/v9 (many groups)', () => {
  const groups = [
    {groupId: 'g1', topics: null},
    {groupId: 'g2', topics: [{name: 't', partitionIndexes: [0, 5]}]},
  ]
  it('encodes many groups, with null topics meaning all, in v8 and v9', () => {
    expect(encoded((e) => encodeOffsetFetch(e, 8, groups))).to.equal(KAFKA.offsetFetchRequestV8)
    expect(encoded((e) => encodeOffsetFetch(e, 9, groups))).to.equal(KAFKA.offsetFetchRequestV9)
  })

  it('decodes 64-bit offsets, no-commit (-1) and per-group errors', () => {
    const res = decodeAll(KAFKA.offsetFetchResponseV8, decodeOffsetFetch)
    expect(res.groups[0].topics[0].partitions).to.deep.equal([
      {partitionIndex: 0, committedOffset: 5_000_000_000n, committedLeaderEpoch: 3, metadata: '', errorCode: 0},
      {partitionIndex: 1, committedOffset: -1n, committedLeaderEpoch: -1, metadata: null, errorCode: 0},
    ])
    expect(res.groups[1]).to.deep.equal({groupId: 'g2', topics: [], errorCode: 69})
  })

  it('never negotiates v10 (topic ids) or a pre-batch version', () => {
    expect(negotiateVersion(OffsetFetchApi, {9: {minVersion: 1, maxVersion: 10}})).to.equal(9)
    expect(() => negotiateVersion(OffsetFetchApi, {9: {minVersion: 0, maxVersion: 7}})).to.throw(/OffsetFetch/)
  })
})

describe('protocol: OffsetDelete v0', () => {
  it('encodes and decodes exactly like Kafka', () => {
    expect(encoded((e) => encodeOffsetDelete(e, {groupId: 'g1', topics: [{name: 't', partitions: [0, 2]}]}))).to.equal(
      KAFKA.offsetDeleteRequestV0,
    )
    const res = decodeAll(KAFKA.offsetDeleteResponseV0, decodeOffsetDelete)
    expect(res).to.deep.equal({
      errorCode: 0,
      throttleTimeMs: 0,
      topics: [
        {
          name: 't',
          partitions: [
            {partitionIndex: 0, errorCode: 0},
            {partitionIndex: 2, errorCode: 86},
          ],
        },
      ],
    })
  })
})

describe('protocol: ConsumerGroupDescribe v0/v1 (KIP-848)', () => {
  it('encodes group ids', () => {
    expect(encoded((e) => encodeConsumerGroupDescribe(e, ['g1', 'g2']))).to.equal(KAFKA.consumerGroupDescribeRequestV0)
  })

  for (const version of [0, 1]) {
    it(`decodes v${version}: members, uuid topic ids, assignment, not-found group, tagged field`, () => {
      const res = decodeAll(
        version === 0 ? KAFKA.consumerGroupDescribeResponseV0 : KAFKA.consumerGroupDescribeResponseV1,
        (r) => decodeConsumerGroupDescribe(r, version),
      )
      const [g1, g2] = res.groups
      expect(g1).to.include({groupId: 'g1', groupState: 'Stable', groupEpoch: 4, assignorName: 'uniform', errorCode: 0})
      expect(g1.members).to.have.length(1)
      expect(g1.members[0]).to.deep.include({
        memberId: 'm1',
        clientId: 'c1',
        clientHost: '/127.0.0.1',
        memberEpoch: 4,
        subscribedTopicNames: ['t'],
        memberType: version === 1 ? 0 : -1,
      })
      expect(g1.members[0].assignment).to.deep.equal([
        {topicId: '0123456789abcdef0fedcba987654321', topicName: 't', partitions: [1, 0]},
      ])
      expect(g1.members[0].targetAssignment).to.deep.equal([])
      expect(g2).to.include({groupId: 'g2', errorCode: 69, errorMessage: 'Group g2 not found.'})
    })
  }
})

describe('protocol: DescribeGroups v5/v6', () => {
  it('encodes group ids', () => {
    expect(encoded((e) => encodeDescribeGroups(e, ['g1']))).to.equal(KAFKA.describeGroupsRequestV5)
  })

  for (const version of [5, 6]) {
    it(`decodes v${version} with the member assignment bytes intact`, () => {
      const res = decodeAll(version === 5 ? KAFKA.describeGroupsResponseV5 : KAFKA.describeGroupsResponseV6, (r) =>
        decodeDescribeGroups(r, version),
      )
      const g = res.groups[0]
      expect(g).to.include({
        groupId: 'g1',
        groupState: 'Stable',
        protocolType: 'consumer',
        protocolData: 'range',
        errorMessage: null,
      })
      expect(g.members[0]).to.include({memberId: 'm1', clientId: 'c1', clientHost: '/10.0.0.1', groupInstanceId: null})
      expect(g.members[0].memberAssignment.toString('hex')).to.equal(KAFKA.consumerProtocolAssignment)
    })
  }

  it("decodes the classic consumer protocol's assignment (Kafka's ConsumerProtocol v3)", () => {
    expect(decodeConsumerAssignment(Buffer.from(KAFKA.consumerProtocolAssignment, 'hex'))).to.deep.equal([
      {topic: 't', partitions: [0, 2]},
      {topic: 'u', partitions: [1]},
    ])
    expect(decodeConsumerAssignment(Buffer.alloc(0))).to.deep.equal([])
    expect(decodeConsumerAssignment(Buffer.from('0000ffff', 'hex'))).to.deep.equal([])
  })
})

describe('protocol: ListOffsets v7', () => {
  it('encodes max-timestamp and a timestamp query exactly like Kafka', () => {
    const hex = encoded((e) =>
      encodeListOffsets(e, [
        {
          name: 't',
          partitions: [
            {partitionIndex: 0, timestamp: -3n},
            {partitionIndex: 1, timestamp: 1_700_000_000_000n},
          ],
        },
      ]),
    )
    expect(hex).to.equal(KAFKA.listOffsetsRequestV7)
  })

  it('decodes offsets and timestamps, including "none" (-1), skipping a tagged field', () => {
    const res = decodeAll(KAFKA.listOffsetsResponseV7, decodeListOffsets)
    expect(res.topics[0].partitions).to.deep.equal([
      {partitionIndex: 0, errorCode: 0, timestamp: 1_700_000_000_123n, offset: 42n, leaderEpoch: 7},
      {partitionIndex: 1, errorCode: 0, timestamp: -1n, offset: -1n, leaderEpoch: -1},
    ])
  })
})
