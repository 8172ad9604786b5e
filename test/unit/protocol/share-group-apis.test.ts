import {expect} from 'chai'

import {
  decodeDescribeShareGroupOffsets,
  encodeDescribeShareGroupOffsets,
} from '../../../src/protocol/describe-share-group-offsets.js'
import {decodeShareGroupDescribe, encodeShareGroupDescribe} from '../../../src/protocol/share-group-describe.js'
import {decodeAll, encodeHex} from './helpers.js'

/**
 * Bytes printed by Kafka 4.4's own serializers (scripts/kafka-bytes.java, from the messages' JSON
 * form). `withTag` replaces the final (top-level) empty tag buffer with one unknown tagged field,
 * which the decoders must skip.
 */
const KAFKA = {
  shareGroupDescribeRequestV1: '030367310367320000',
  shareGroupDescribeResponseV1:
    '000000000300000003673107537461626c6500000003000000030773696d706c6502036d3100000000030363310b2f3132372e302e302e31020274020123456789abcdef0fedcba9876543210274030000000100000000000000800000000000451447726f7570206732206e6f7420666f756e642e0367320100000000000000000101800000000000',
  describeShareGroupOffsetsRequestV1: '030367310000036732020274030000000000000001000000',
  describeShareGroupOffsetsResponseV0:
    '00000000020367310202740123456789abcdef0fedcba98765432103000000000000000000000005000000000000000000000001ffffffffffffffffffffffff00000000000000000000',
  describeShareGroupOffsetsResponseV1:
    '00000000020367310202740123456789abcdef0fedcba987654321030000000000000000000000050000000000000000000000070000000000000001ffffffffffffffffffffffffffffffffffffffff00000000000000000000',
}
const withTag = (hex: string) => `${hex.slice(0, -2)}010502abcd`

describe('protocol: ShareGroupDescribe v1 (KIP-932)', () => {
  it('encodes group ids', async () => {
    expect(await encodeHex((e) => encodeShareGroupDescribe(e, ['g1', 'g2']))).to.equal(
      KAFKA.shareGroupDescribeRequestV1,
    )
  })

  for (const tagged of [false, true]) {
    it(`decodes members, uuid topic ids, the assignment struct and a not-found group${tagged ? ', skipping a tagged field' : ''}`, () => {
      const hex = tagged ? withTag(KAFKA.shareGroupDescribeResponseV1) : KAFKA.shareGroupDescribeResponseV1
      const res = decodeAll(hex, decodeShareGroupDescribe)
      const [g1, g2] = res.groups
      expect(g1).to.include({groupId: 'g1', groupState: 'Stable', groupEpoch: 3, assignorName: 'simple', errorCode: 0})
      expect(g1.members).to.deep.equal([
        {
          memberId: 'm1',
          rackId: null,
          memberEpoch: 3,
          clientId: 'c1',
          clientHost: '/127.0.0.1',
          subscribedTopicNames: ['t'],
          assignment: [{topicId: '0123456789abcdef0fedcba987654321', topicName: 't', partitions: [1, 0]}],
        },
      ])
      expect(g2).to.include({groupId: 'g2', errorCode: 69, errorMessage: 'Group g2 not found.'})
      expect(g2.members).to.deep.equal([])
    })
  }
})

describe('protocol: DescribeShareGroupOffsets v0/v1 (KIP-932)', () => {
  it('encodes groups with all topics (null) and with named partitions', async () => {
    const hex = await encodeHex((e) =>
      encodeDescribeShareGroupOffsets(e, [
        {groupId: 'g1', topics: null},
        {groupId: 'g2', topics: [{topicName: 't', partitions: [0, 1]}]},
      ]),
    )
    expect(hex).to.equal(KAFKA.describeShareGroupOffsetsRequestV1)
  })

  for (const version of [0, 1]) {
    it(`decodes v${version}: start offsets, ${version === 1 ? 'the lag field' : 'no lag field'}, tagged field`, () => {
      const hex = version === 0 ? KAFKA.describeShareGroupOffsetsResponseV0 : KAFKA.describeShareGroupOffsetsResponseV1
      const res = decodeAll(withTag(hex), (r) => decodeDescribeShareGroupOffsets(r, version))
      const [g] = res.groups
      expect(g).to.include({groupId: 'g1', errorCode: 0, errorMessage: null})
      expect(g.topics[0]).to.include({topicName: 't', topicId: '0123456789abcdef0fedcba987654321'})
      expect(g.topics[0].partitions).to.deep.equal([
        {
          partitionIndex: 0,
          startOffset: 5n,
          leaderEpoch: 0,
          lag: version === 1 ? 7n : null,
          errorCode: 0,
          errorMessage: null,
        },
        {
          partitionIndex: 1,
          startOffset: -1n,
          leaderEpoch: -1,
          lag: version === 1 ? -1n : null,
          errorCode: 0,
          errorMessage: null,
        },
      ])
    })
  }
})
