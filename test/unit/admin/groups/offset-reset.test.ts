import {expect} from 'chai'

import {planToCsv, targetOffset} from '../../../../src/admin/groups/offset-reset.js'
import {KctlError} from '../../../../src/errors.js'

const p = (current: bigint | null, extra: Partial<Parameters<typeof targetOffset>[1]> = {}) => ({
  group: 'g',
  topic: 't',
  partition: 0,
  current,
  earliest: 10n,
  latest: 100n,
  ...extra,
})

describe("offset reset targets follow Kafka's rules", () => {
  it('earliest and latest', () => {
    expect(targetOffset({kind: 'earliest'}, p(50n))).to.equal(10n)
    expect(targetOffset({kind: 'latest'}, p(50n))).to.equal(100n)
  })

  it('to-current keeps the commit, or goes to the log end without one', () => {
    expect(targetOffset({kind: 'current'}, p(50n))).to.equal(50n)
    expect(targetOffset({kind: 'current'}, p(null))).to.equal(100n)
  })

  it('to-offset and from-file clamp to [earliest, latest]', () => {
    expect(targetOffset({kind: 'offset', offset: 5n}, p(50n))).to.equal(10n)
    expect(targetOffset({kind: 'offset', offset: 500n}, p(50n))).to.equal(100n)
    expect(targetOffset({kind: 'offset', offset: 42n}, p(null))).to.equal(42n)
    expect(targetOffset({kind: 'file', rows: []}, p(50n, {fileOffset: 1000n}))).to.equal(100n)
  })

  it('shift-by moves from the commit and clamps; no commit is a usage error', () => {
    expect(targetOffset({kind: 'shift', by: -20n}, p(50n))).to.equal(30n)
    expect(targetOffset({kind: 'shift', by: -200n}, p(50n))).to.equal(10n)
    expect(targetOffset({kind: 'shift', by: 80n}, p(50n))).to.equal(100n)
    expect(() => targetOffset({kind: 'shift', by: 1n}, p(null))).to.throw(KctlError, /no committed offset/)
  })

  it('a time with no newer record goes to the log end', () => {
    expect(targetOffset({kind: 'datetime', timestamp: 0}, p(50n, {atTime: 33n}))).to.equal(33n)
    expect(targetOffset({kind: 'duration', ms: 1000}, p(50n, {atTime: null}))).to.equal(100n)
  })

  it("exports Kafka's CSV: 3 fields for one group, 4 for many", () => {
    const row = {
      topic: 't',
      partition: 1,
      currentOffset: null,
      newOffset: 7n,
      logStartOffset: 0n,
      logEndOffset: 9n,
      lagBefore: null,
      lagAfter: 2n,
    }
    expect(planToCsv([{group: 'a', ...row}])).to.equal('t,1,7\n')
    expect(
      planToCsv([
        {group: 'a', ...row},
        {group: 'b', ...row},
      ]),
    ).to.equal('a,t,1,7\nb,t,1,7\n')
  })
})
