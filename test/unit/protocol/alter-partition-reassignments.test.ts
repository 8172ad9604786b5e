import {expect} from 'chai'

import {
  decodeAlterPartitionReassignments,
  encodeAlterPartitionReassignments,
} from '../../../src/protocol/alter-partition-reassignments.js'
import {encodeHex, reader} from './helpers.js'

// Reference bytes from Kafka 4.4's serializer: scripts/kafka-bytes.java AlterPartitionReassignments{Request,Response}Data.
describe('AlterPartitionReassignments (API 45)', () => {
  it('encodes v0: a move and a cancellation (null replicas)', async () => {
    const hex = await encodeHex((e) =>
      encodeAlterPartitionReassignments(e, 0, {
        timeoutMs: 60_000,
        topics: [
          {
            name: 'orders',
            partitions: [
              {partitionIndex: 0, replicas: [2, 3]},
              {partitionIndex: 1, replicas: null},
            ],
          },
        ],
      }),
    )
    expect(hex).to.equal('0000ea6002076f72646572730300000000030000000200000003000000000100000000')
  })

  it('encodes v1 with allow_replication_factor_change', async () => {
    const hex = await encodeHex((e) =>
      encodeAlterPartitionReassignments(e, 1, {
        timeoutMs: 60_000,
        topics: [{name: 't', partitions: [{partitionIndex: 0, replicas: [1]}]}],
      }),
    )
    expect(hex).to.equal('0000ea600102027402000000000200000001000000')
  })

  it('decodes per-partition errors (v0) and the v1 flag', () => {
    const r = reader(
      '0000000000000002076f72646572730300000000000000000000000100551c4e6f20726561737369676e6d656e7420696e2070726f6772657373000000',
    )
    expect(decodeAlterPartitionReassignments(r, 0)).to.deep.equal({
      throttleTimeMs: 0,
      errorCode: 0,
      errorMessage: null,
      responses: [
        {
          name: 'orders',
          partitions: [
            {partitionIndex: 0, errorCode: 0, errorMessage: null},
            {partitionIndex: 1, errorCode: 85, errorMessage: 'No reassignment in progress'},
          ],
        },
      ],
    })
    expect(r.remaining).to.equal(0)
    expect(decodeAlterPartitionReassignments(reader('00000000010000000100'), 1)).to.deep.equal({
      throttleTimeMs: 0,
      errorCode: 0,
      errorMessage: null,
      responses: [],
    })
  })
})
