import {expect} from 'chai'

import {
  type PartitionProducer,
  type TransactionDescription,
  hangingAmong,
  stuckAmong,
} from '../../../../src/admin/records/transactions.js'

const NOW = 1_800_000_000_000
const open = (topic: string, partition: number, producerId: bigint, ageMs: number, start = 10n): PartitionProducer => ({
  topic,
  partition,
  broker: 1,
  producerId,
  producerEpoch: 0,
  lastSequence: 0,
  lastTimestamp: NOW - ageMs,
  coordinatorEpoch: null,
  txnStartOffset: start,
})
const described = (
  id: string,
  producerId: bigint,
  startAgoMs: number,
  timeoutMs: number,
  partitions: {topic: string; partition: number}[],
): TransactionDescription => ({
  transactionalId: id,
  coordinator: 2,
  state: 'Ongoing',
  producerId,
  producerEpoch: 0,
  timeoutMs,
  startTimeMs: NOW - startAgoMs,
  durationMs: startAgoMs,
  partitions,
})

describe('transactions: find-hanging and stuck (pure)', () => {
  const candidates = [open('t', 0, 1n, 60_000), open('t', 1, 1n, 60_000, 42n), open('u', 0, 2n, 60_000)]
  const ids = new Map([[1n, 'app-1']])
  const descriptions = new Map<string, TransactionDescription | null>([
    ['app-1', described('app-1', 1n, 60_000, 30_000, [{topic: 't', partition: 0}])],
  ])

  it("is hanging when no coordinator lists the producer, or its transaction lacks the partition (Kafka's rule)", () => {
    const hanging = hangingAmong(candidates, ids, descriptions, NOW)
    expect(hanging.map((h) => [h.topic, h.partition, h.transactionalId, h.abortCommand])).to.deep.equal([
      ['t', 1, 'app-1', 'kctl txn abort t:1 --start-offset 42'],
      ['u', 0, null, 'kctl txn abort u:0 --start-offset 10'],
    ])
    expect(hangingAmong(candidates, ids, new Map([['app-1', null]]), NOW)).to.have.length(3)
  })

  it('is stuck past its own timeout when tracked, else past the maximum; never past the maximum', () => {
    expect(
      stuckAmong(candidates, ids, descriptions, 900_000, NOW).map((s) => [s.topic, s.partition, s.hanging, s.limitMs]),
    ).to.deep.equal([['t', 0, false, 30_000]])
    expect(
      stuckAmong(candidates, ids, descriptions, 1000, NOW).map((s) => [s.topic, s.partition, s.hanging, s.limitMs]),
    ).to.deep.equal([
      ['t', 0, false, 1000],
      ['t', 1, true, 1000],
      ['u', 0, true, 1000],
    ])
    const young = new Map([['app-1', described('app-1', 1n, 5000, 30_000, [{topic: 't', partition: 0}])]])
    expect(stuckAmong([open('t', 0, 1n, 60_000)], ids, young, 900_000, NOW)).to.deep.equal([])
  })
})
