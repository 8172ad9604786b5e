import {expect} from 'chai'

import {type LagSample, partitionStatus, rates, worstStatus} from '../../../../src/admin/groups/lag-status.js'

const s = (at: number, committed: bigint | null, logEnd: bigint): LagSample => ({at: at * 1000, committed, logEnd})

describe('lag --watch status rules (Burrow-style)', () => {
  it('OK when there is no lag', () => {
    expect(partitionStatus([s(0, 10n, 10n), s(5, 20n, 20n)], true).status).to.equal('OK')
  })

  it('OK while consuming and lag is not growing every time', () => {
    expect(partitionStatus([s(0, 10n, 30n), s(5, 25n, 40n), s(10, 40n, 45n)], true).status).to.equal('OK')
  })

  it('WARN when lag grows in every sample while the offset moves', () => {
    const v = partitionStatus([s(0, 10n, 20n), s(5, 12n, 30n), s(10, 14n, 40n)], true)
    expect(v.status).to.equal('WARN')
    expect(v.rule).to.match(/lag grew in every sample \(10 -> 26\)/)
  })

  it('STALL when members are present but the offset is stuck while lagging', () => {
    expect(partitionStatus([s(0, 10n, 20n), s(5, 10n, 25n)], true).status).to.equal('STALL')
  })

  it('STOP when nothing commits (no members) while lagging', () => {
    const v = partitionStatus([s(0, 10n, 20n), s(30, 10n, 20n)], false)
    expect(v).to.deep.equal({status: 'STOP', rule: 'no commits over 30s while lag is 10'})
  })

  it('REWIND when the committed offset goes back, even without lag', () => {
    expect(partitionStatus([s(0, 50n, 50n), s(5, 20n, 50n), s(10, 50n, 50n)], true).status).to.equal('REWIND')
  })

  it('the group takes its worst partition', () => {
    expect(
      worstStatus([
        {status: 'WARN', rule: 'a'},
        {status: 'REWIND', rule: 'b'},
        {status: 'STOP', rule: 'c'},
      ]),
    ).to.deep.equal({status: 'REWIND', rule: 'b'})
    expect(worstStatus([]).status).to.equal('OK')
  })

  it('computes consumed and produced rates', () => {
    expect(rates([s(0, 0n, 100n), s(10, 50n, 300n)])).to.deep.equal({consumed: 5, produced: 20})
    expect(rates([s(0, 0n, 100n)])).to.deep.equal({consumed: null, produced: null})
  })
})
