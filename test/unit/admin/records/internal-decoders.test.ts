import {expect} from 'chai'

import {decodeInternal} from '../../../../src/admin/records/internal-decoders.js'

// Bodies from Kafka 4.4's own generated coordinator record classes (their JsonConverter and
// write()), each after the int16 version a record carries.
const rec = (version: number, bodyHex: string) =>
  Buffer.concat([Buffer.from([version >> 8, version & 0xff]), Buffer.from(bodyHex, 'hex')])

describe('consume --decode (internal topics)', () => {
  it('offsets: offset commits (value v3 and flexible v4), tombstones, group metadata', () => {
    const key = rec(1, '0002673100066f726465727300000003')
    expect(decodeInternal('offsets', key, rec(3, '000000000000002a0000000500016d0000019ab697e800'))).to.deep.equal({
      type: 'offset-commit',
      group: 'g1',
      topic: 'orders',
      partition: 3,
      offset: 42n,
      leaderEpoch: 5,
      metadata: 'm',
      commitTimestamp: 1_764_000_000_000,
      expireTimestamp: null,
    })
    expect(decodeInternal('offsets', key, rec(4, '000000000000002b00000006010000019ab697e80100'))).to.deep.include({
      offset: 43n,
      leaderEpoch: 6,
      metadata: '',
      commitTimestamp: 1_764_000_000_001,
    })
    expect(decodeInternal('offsets', key, null)).to.deep.equal({
      type: 'offset-commit',
      group: 'g1',
      topic: 'orders',
      partition: 3,
      deleted: true,
    })
    expect(
      decodeInternal(
        'offsets',
        rec(2, '00026731'),
        rec(3, '0008636f6e73756d657200000007000572616e676500036d2d310000019ab697e80000000000'),
      ),
    ).to.deep.equal({
      type: 'group-metadata',
      group: 'g1',
      protocolType: 'consumer',
      generation: 7,
      protocol: 'range',
      leader: 'm-1',
      currentStateTimestamp: 1_764_000_000_000,
      members: 0,
    })
  })

  it('transactions: state, partitions (v1 flexible, v0 null), tombstones', () => {
    const key = rec(0, '000474782d31')
    expect(
      decodeInternal(
        'transactions',
        key,
        rec(1, '00000000000003e900020000ea600102076f7264657273030000000000000002000000019ab697e8020000019ab697e80100'),
      ),
    ).to.deep.equal({
      type: 'transaction',
      transactionalId: 'tx-1',
      producerId: 1001n,
      producerEpoch: 2,
      transactionTimeoutMs: 60_000,
      state: 'Ongoing',
      partitions: [{topic: 'orders', partitions: [0, 2]}],
      lastUpdateTimestamp: 1_764_000_000_002,
      startTimestamp: 1_764_000_000_001,
    })
    expect(
      decodeInternal(
        'transactions',
        key,
        rec(0, '00000000000003e900020000ea6004ffffffff0000019ab697e802ffffffffffffffff'),
      ),
    ).to.deep.include({state: 'CompleteCommit', partitions: null, startTimestamp: -1})
    expect(decodeInternal('transactions', key, null)).to.deep.equal({
      type: 'transaction',
      transactionalId: 'tx-1',
      deleted: true,
    })
    expect(decodeInternal('transactions', Buffer.from('x'), null)).to.deep.equal({type: 'unknown'})
  })
})
