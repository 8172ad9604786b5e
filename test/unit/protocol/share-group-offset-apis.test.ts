import {expect} from 'chai'

import {
  decodeAlterShareGroupOffsets,
  encodeAlterShareGroupOffsets,
} from '../../../src/protocol/alter-share-group-offsets.js'
import {
  decodeDeleteShareGroupOffsets,
  encodeDeleteShareGroupOffsets,
} from '../../../src/protocol/delete-share-group-offsets.js'
import {decodeAll, encodeHex} from './helpers.js'

/**
 * Bytes printed by Kafka 4.4's own serializers (scripts/kafka-bytes.java, from the messages' JSON
 * form). `withTag` replaces the final (top-level) empty tag buffer with one unknown tagged field.
 */
const KAFKA = {
  alterRequestV0:
    '03673103027403000000000000000000000005000000000100000000000000000000027502000000020000000000000007000000',
  alterResponseV0: '000000000000000202740123456789abcdef0fedcba98765432103000000000000000000000001000304626164000000',
  alterResponseV0GroupError: '0000000000440a6e6f7420656d7074790100',
  deleteRequestV0: '0367310302740002750000',
  deleteResponseV0:
    '000000000000000302740123456789abcdef0fedcba987654321000000000275000000000000000000000000000000000003046261640000',
}
const withTag = (hex: string) => `${hex.slice(0, -2)}010502abcd`

describe('protocol: AlterShareGroupOffsets v0 (KIP-932)', () => {
  it('encodes start offsets per topic and partition', async () => {
    const hex = await encodeHex((e) =>
      encodeAlterShareGroupOffsets(e, {
        groupId: 'g1',
        topics: [
          {
            topicName: 't',
            partitions: [
              {partitionIndex: 0, startOffset: 5n},
              {partitionIndex: 1, startOffset: 0n},
            ],
          },
          {topicName: 'u', partitions: [{partitionIndex: 2, startOffset: 7n}]},
        ],
      }),
    )
    expect(hex).to.equal(KAFKA.alterRequestV0)
  })

  for (const tagged of [false, true]) {
    it(`decodes per-partition results with topic ids and error messages${tagged ? ', skipping a tagged field' : ''}`, () => {
      const res = decodeAll(
        tagged ? withTag(KAFKA.alterResponseV0) : KAFKA.alterResponseV0,
        decodeAlterShareGroupOffsets,
      )
      expect(res).to.deep.equal({
        throttleTimeMs: 0,
        errorCode: 0,
        errorMessage: null,
        responses: [
          {
            topicName: 't',
            topicId: '0123456789abcdef0fedcba987654321',
            partitions: [
              {partitionIndex: 0, errorCode: 0, errorMessage: null},
              {partitionIndex: 1, errorCode: 3, errorMessage: 'bad'},
            ],
          },
        ],
      })
    })
  }

  it('decodes a group-level error (NON_EMPTY_GROUP)', () => {
    const res = decodeAll(KAFKA.alterResponseV0GroupError, decodeAlterShareGroupOffsets)
    expect(res).to.deep.equal({throttleTimeMs: 0, errorCode: 68, errorMessage: 'not empty', responses: []})
  })
})

describe('protocol: DeleteShareGroupOffsets v0 (KIP-932)', () => {
  it('encodes topic names (whole topics: the API has no partitions)', async () => {
    expect(await encodeHex((e) => encodeDeleteShareGroupOffsets(e, {groupId: 'g1', topics: ['t', 'u']}))).to.equal(
      KAFKA.deleteRequestV0,
    )
  })

  it('decodes per-topic results, skipping a tagged field', () => {
    const res = decodeAll(withTag(KAFKA.deleteResponseV0), decodeDeleteShareGroupOffsets)
    expect(res).to.deep.equal({
      throttleTimeMs: 0,
      errorCode: 0,
      errorMessage: null,
      responses: [
        {topicName: 't', topicId: '0123456789abcdef0fedcba987654321', errorCode: 0, errorMessage: null},
        {topicName: 'u', topicId: '00000000000000000000000000000000', errorCode: 3, errorMessage: 'bad'},
      ],
    })
  })
})
