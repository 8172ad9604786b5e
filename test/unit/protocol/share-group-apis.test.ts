import {expect} from 'chai'

import {
  decodeDescribeShareGroupOffsets,
  encodeDescribeShareGroupOffsets,
} from '../../../src/protocol/describe-share-group-offsets.js'
import {decodeShareGroupDescribe, encodeShareGroupDescribe} from '../../../src/protocol/share-group-describe.js'
import {decodeStreamsGroupDescribe, encodeStreamsGroupDescribe} from '../../../src/protocol/streams-group-describe.js'
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
  streamsGroupDescribeRequestV0: '020373310000',
  streamsGroupDescribeResponseV0:
    '000000000300000003733107537461626c65000000020000000201000000000302300203696e020773312d726570021373312d73746f72652d6368616e67656c6f67ffffffffffff020f636c65616e75702e706f6c69637908636f6d70616374000001000231020773312d7265700101020773312d72657000000002ffff0100000002036d31000000020000066170702d310b2f3132372e302e302e3100000000037031ff02057a6f6e6502610002023000000001000000000000000700010302300300000001000000000002310200000000000101000102023102000000010001000000800000000000451447726f7570207332206e6f7420666f756e642e03733201000000000000000001ffffffff000001800000000000',
  streamsGroupDescribeResponseV0NullTopologyEndpoint:
    '000000000200000003733106456d7074790000000200000002ff02036d3100000002000002610268000000000370310102781f900001010101010100010101000100000000000000',
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

describe('protocol: StreamsGroupDescribe v0 (KIP-1071)', () => {
  it('encodes group ids', async () => {
    expect(await encodeHex((e) => encodeStreamsGroupDescribe(e, ['s1']))).to.equal(KAFKA.streamsGroupDescribeRequestV0)
  })

  it('decodes the topology, members with tasks, task offsets, client tags and a not-found group, skipping a tagged field', () => {
    const res = decodeAll(withTag(KAFKA.streamsGroupDescribeResponseV0), decodeStreamsGroupDescribe)
    const [s1, s2] = res.groups
    expect(s1).to.include({groupId: 's1', groupState: 'Stable', groupEpoch: 2, errorCode: 0})
    expect(s1.topology).to.deep.equal({
      epoch: 0,
      subtopologies: [
        {
          subtopologyId: '0',
          sourceTopics: ['in'],
          repartitionSinkTopics: ['s1-rep'],
          stateChangelogTopics: [
            {
              name: 's1-store-changelog',
              partitions: -1,
              replicationFactor: -1,
              topicConfigs: [{key: 'cleanup.policy', value: 'compact'}],
            },
          ],
          repartitionSourceTopics: [],
        },
        {
          subtopologyId: '1',
          sourceTopics: ['s1-rep'],
          repartitionSinkTopics: [],
          stateChangelogTopics: [],
          repartitionSourceTopics: [{name: 's1-rep', partitions: 2, replicationFactor: -1, topicConfigs: []}],
        },
      ],
    })
    const [m] = s1.members
    expect(m).to.include({
      memberId: 'm1',
      clientId: 'app-1',
      clientHost: '/127.0.0.1',
      processId: 'p1',
      isClassic: false,
    })
    expect(m.userEndpoint).to.equal(null)
    expect(m.clientTags).to.deep.equal([{key: 'zone', value: 'a'}])
    expect(m.taskOffsets).to.deep.equal([{subtopologyId: '0', partition: 1, offset: 7n}])
    expect(m.assignment.activeTasks).to.deep.equal([
      {subtopologyId: '0', partitions: [1, 0]},
      {subtopologyId: '1', partitions: [0]},
    ])
    expect(m.targetAssignment.standbyTasks).to.deep.equal([{subtopologyId: '1', partitions: [1]}])
    expect(s2).to.include({groupId: 's2', errorCode: 69, errorMessage: 'Group s2 not found.'})
    expect(s2.topology).to.deep.equal({epoch: -1, subtopologies: null})
  })

  it('decodes a null topology and a user endpoint', () => {
    const [g] = decodeAll(KAFKA.streamsGroupDescribeResponseV0NullTopologyEndpoint, decodeStreamsGroupDescribe).groups
    expect(g.topology).to.equal(null)
    expect(g.members[0].userEndpoint).to.deep.equal({host: 'x', port: 8080})
    expect(g.members[0].isClassic).to.equal(true)
  })
})
