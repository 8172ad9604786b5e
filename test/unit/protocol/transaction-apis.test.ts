import {expect} from 'chai'

import {decodeDescribeProducers, encodeDescribeProducers} from '../../../src/protocol/describe-producers.js'
import {decodeDescribeTransactions, encodeDescribeTransactions} from '../../../src/protocol/describe-transactions.js'
import {errorName} from '../../../src/protocol/error-codes.js'
import {decodeListConfigResources, encodeListConfigResources} from '../../../src/protocol/list-config-resources.js'
import {COORDINATOR_TRANSACTION, encodeFindCoordinator} from '../../../src/protocol/find-coordinator.js'
import {
  ListTransactionsApi,
  decodeListTransactions,
  encodeListTransactions,
} from '../../../src/protocol/list-transactions.js'
import {negotiateVersion} from '../../../src/protocol/wire.js'
import {
  WriteTxnMarkersApi,
  decodeWriteTxnMarkers,
  encodeWriteTxnMarkers,
} from '../../../src/protocol/write-txn-markers.js'
import {decodeAll, encodeHex} from './helpers.js'

/**
 * Bytes below were printed by Kafka 4.4's own serializers (test/unit/protocol/TxnHex.java); each
 * response carries a non-empty unknown tagged field the decoders must skip.
 */
const KAFKA = {
  listTransactionsRequestV0: '02084f6e676f696e67030000000000000007000000012a05f20000',
  listTransactionsRequestV1: '02084f6e676f696e67030000000000000007000000012a05f200000000000000ea6000',
  listTransactionsRequestV2: '02084f6e676f696e67030000000000000007000000012a05f200000000000000ea60076170702d2e2a00',
  listTransactionsRequestV2Empty: '0101ffffffffffffffff0000',
  listTransactionsResponseV2:
    '0000000100000206426f67757303066170702d31000000012a05f200084f6e676f696e67010502090803743200000000000000030f436f6d706c657465436f6d6d69740000',
  describeTransactionsRequestV0: '03066170702d3103743200',
  describeTransactionsResponseV0:
    '00000000030000066170702d31084f6e676f696e670000ea600000018bcfe56800000000012a05f200000302076f726465727303000000000000000200010502090800690374320100000000ffffffffffffffffffffffffffffffffffff010000',
  describeProducersRequestV0: '02076f72646572730300000000000000010000',
  describeProducersResponseV0:
    '0000000002076f7264657273030000000000000002000000012a05f20000000003000000090000018bcfe56800ffffffff000000000000002a0105020908000000000100060b6e6f74206c656164657201000000',
  writeTxnMarkersRequestV1: '02000000012a05f20000030002076f7264657273020000000200000000000000',
  writeTxnMarkersRequestV2: '02000000012a05f20000030002076f726465727302000000020000000000000000',
  writeTxnMarkersResponseV1: '02000000012a05f20002076f7264657273020000000200000000010502090800',
  findCoordinatorRequestV4Txn: '0102066170702d3100',
}

describe('protocol: ListTransactions (66) v0-v2', () => {
  const req = {
    stateFilters: ['Ongoing'],
    producerIdFilters: [7n, 5_000_000_000n],
    durationFilterMs: 60_000n,
    transactionalIdPattern: 'app-.*',
  }
  it('encodes filters per version exactly like Kafka (duration from v1, pattern from v2)', async () => {
    expect(await encodeHex((e) => encodeListTransactions(e, 0, req))).to.equal(KAFKA.listTransactionsRequestV0)
    expect(await encodeHex((e) => encodeListTransactions(e, 1, req))).to.equal(KAFKA.listTransactionsRequestV1)
    expect(await encodeHex((e) => encodeListTransactions(e, 2, req))).to.equal(KAFKA.listTransactionsRequestV2)
    expect(await encodeHex((e) => encodeListTransactions(e, 2, {stateFilters: [], producerIdFilters: []}))).to.equal(
      KAFKA.listTransactionsRequestV2Empty,
    )
  })

  it('decodes listings and unknown state filters, skipping a tagged field', () => {
    const res = decodeAll(KAFKA.listTransactionsResponseV2, decodeListTransactions)
    expect(res.throttleTimeMs).to.equal(1)
    expect(res.unknownStateFilters).to.deep.equal(['Bogus'])
    expect(res.transactions).to.deep.equal([
      {transactionalId: 'app-1', producerId: 5_000_000_000n, transactionState: 'Ongoing'},
      {transactionalId: 't2', producerId: 3n, transactionState: 'CompleteCommit'},
    ])
  })

  it('negotiates both ends of the range', () => {
    expect(negotiateVersion(ListTransactionsApi, {66: {minVersion: 0, maxVersion: 1}})).to.equal(1)
    expect(negotiateVersion(ListTransactionsApi, {66: {minVersion: 0, maxVersion: 9}})).to.equal(2)
    expect(() => negotiateVersion(ListTransactionsApi, {})).to.throw(/does not support ListTransactions/)
  })
})

describe('protocol: DescribeTransactions (65) v0', () => {
  it('encodes transactional ids like Kafka', async () => {
    expect(await encodeHex((e) => encodeDescribeTransactions(e, ['app-1', 't2']))).to.equal(
      KAFKA.describeTransactionsRequestV0,
    )
  })

  it('decodes a described and a not-found transaction', () => {
    const res = decodeAll(KAFKA.describeTransactionsResponseV0, decodeDescribeTransactions)
    expect(res.transactions).to.deep.equal([
      {
        errorCode: 0,
        transactionalId: 'app-1',
        transactionState: 'Ongoing',
        transactionTimeoutMs: 60_000,
        transactionStartTimeMs: 1_700_000_000_000n,
        producerId: 5_000_000_000n,
        producerEpoch: 3,
        topics: [{topic: 'orders', partitions: [0, 2]}],
      },
      {
        errorCode: 105,
        transactionalId: 't2',
        transactionState: '',
        transactionTimeoutMs: 0,
        transactionStartTimeMs: -1n,
        producerId: -1n,
        producerEpoch: -1,
        topics: [],
      },
    ])
  })
})

describe('protocol: DescribeProducers (61) v0', () => {
  it('encodes topic partitions like Kafka', async () => {
    expect(await encodeHex((e) => encodeDescribeProducers(e, [{topic: 'orders', partitions: [0, 1]}]))).to.equal(
      KAFKA.describeProducersRequestV0,
    )
  })

  it('decodes active producers and per-partition errors', () => {
    const res = decodeAll(KAFKA.describeProducersResponseV0, decodeDescribeProducers)
    expect(res.topics[0].name).to.equal('orders')
    expect(res.topics[0].partitions).to.deep.equal([
      {
        partitionIndex: 0,
        errorCode: 0,
        errorMessage: null,
        activeProducers: [
          {
            producerId: 5_000_000_000n,
            producerEpoch: 3,
            lastSequence: 9,
            lastTimestamp: 1_700_000_000_000n,
            coordinatorEpoch: -1,
            currentTxnStartOffset: 42n,
          },
        ],
      },
      {partitionIndex: 1, errorCode: 6, errorMessage: 'not leader', activeProducers: []},
    ])
  })
})

describe('protocol: WriteTxnMarkers (27) v1-v2', () => {
  const markers = [
    {
      producerId: 5_000_000_000n,
      producerEpoch: 3,
      commit: false,
      topics: [{topic: 'orders', partitions: [2]}],
      coordinatorEpoch: 0,
      transactionVersion: 0,
    },
  ]
  it('encodes an abort marker like Kafka (v2 adds the transaction version)', async () => {
    expect(await encodeHex((e) => encodeWriteTxnMarkers(e, 1, markers))).to.equal(KAFKA.writeTxnMarkersRequestV1)
    expect(await encodeHex((e) => encodeWriteTxnMarkers(e, 2, markers))).to.equal(KAFKA.writeTxnMarkersRequestV2)
  })

  it('decodes per-partition results, skipping a tagged field', () => {
    expect(decodeAll(KAFKA.writeTxnMarkersResponseV1, decodeWriteTxnMarkers).markers).to.deep.equal([
      {producerId: 5_000_000_000n, topics: [{name: 'orders', partitions: [{partitionIndex: 2, errorCode: 0}]}]},
    ])
  })

  it('refuses v0 (non-flexible, removed in Kafka 4.0)', () => {
    expect(negotiateVersion(WriteTxnMarkersApi, {27: {minVersion: 0, maxVersion: 1}})).to.equal(1)
    expect(() => negotiateVersion(WriteTxnMarkersApi, {27: {minVersion: 0, maxVersion: 0}})).to.throw(/v0-v0/)
  })
})

describe('protocol: FindCoordinator key type 1 (transaction)', () => {
  it('encodes a transactional id key like Kafka', async () => {
    expect(await encodeHex((e) => encodeFindCoordinator(e, ['app-1'], COORDINATOR_TRANSACTION))).to.equal(
      KAFKA.findCoordinatorRequestV4Txn,
    )
  })
})

describe('protocol: error names past kafkajs 2.2.4', () => {
  it('match Kafka 4.4 (codes 97+ were shifted by six)', () => {
    expect(errorName(105)).to.equal('TRANSACTIONAL_ID_NOT_FOUND')
    expect(errorName(110)).to.equal('FENCED_MEMBER_EPOCH')
    expect(errorName(113)).to.equal('STALE_MEMBER_EPOCH')
    expect(errorName(133)).to.equal('SHARE_SESSION_LIMIT_REACHED')
  })
})

describe('protocol: ListConfigResources (74) v0-v1', () => {
  it('encodes the resource-type filter from v1 (v0 has no fields) like Kafka', async () => {
    expect(await encodeHex((e) => encodeListConfigResources(e, 1, [16, 32]))).to.equal('03102000')
    expect(await encodeHex((e) => encodeListConfigResources(e, 0, [16]))).to.equal('00')
  })

  it('decodes names and types (v0: client-metrics only), skipping a tagged field', () => {
    expect(
      decodeAll('00000000000003067375622d31100105020908036731200000', (r) => decodeListConfigResources(r, 1)).resources,
    ).to.deep.equal([
      {name: 'sub-1', type: 16},
      {name: 'g1', type: 32},
    ])
    expect(
      decodeAll('00000000000002067375622d31010502090800', (r) => decodeListConfigResources(r, 0)).resources,
    ).to.deep.equal([{name: 'sub-1', type: 16}])
  })
})
