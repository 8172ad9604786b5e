import {expect} from 'chai'

import {streamsInternalTopics} from '../../../../src/admin/groups/groups.js'
import {
  planToCsv,
  shareTopicsToDelete,
  streamsInputPartitions,
  targetOffset,
} from '../../../../src/admin/groups/offset-reset.js'
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

const row = (topic: string, partition: number, currentOffset: bigint | null = 5n) => ({
  group: 's',
  topic,
  partition,
  currentOffset,
  newOffset: 0n,
  logStartOffset: 0n,
  logEndOffset: 9n,
  lagBefore: null,
  lagAfter: 9n,
})

describe('share and streams groups in a reset', () => {
  it('an undo deletes a share group topic only when no other partition of it would be lost', () => {
    const current = new Map([
      ['t:0', 0n],
      ['t:1', 0n],
      ['u:0', 4n],
    ])
    // t:0 and t:1 had no state before: delete topic t; u is set again, not deleted.
    expect(
      shareTopicsToDelete(
        's',
        [row('t', 0, null), row('t', 1, null)],
        [row('t', 0), row('t', 1), row('u', 0)],
        current,
      ),
    ).to.deep.equal(['t'])
    // t:1 had state the undo neither deletes nor sets: refused before anything changes.
    expect(() => shareTopicsToDelete('s', [row('t', 0, null)], [row('t', 0)], current))
      .to.throw(KctlError, /share offsets are deleted per topic, which would also drop partition\(s\) 1/)
      .with.property('code', 'UNSUPPORTED_GROUP_TYPE')
  })

  it("a streams group's --all-topics are its committed input partitions, without its internal topics", () => {
    const description = {
      group: 'app',
      state: 'Empty',
      type: 'streams' as const,
      protocolType: 'streams',
      assignor: null,
      coordinator: 1,
      members: [],
      topology: [
        {
          subtopology: '0',
          sourceTopics: ['in'],
          repartitionSinkTopics: ['app-r-repartition'],
          repartitionSourceTopics: [],
          changelogTopics: [],
        },
        {
          subtopology: '1',
          sourceTopics: [],
          repartitionSinkTopics: [],
          repartitionSourceTopics: ['app-r-repartition'],
          changelogTopics: ['app-s-changelog'],
        },
      ],
    }
    expect(streamsInternalTopics(description)).to.deep.equal(['app-r-repartition', 'app-s-changelog'])
    const committed = new Map([
      ['in:1', 3n],
      ['app-r-repartition:0', 7n],
      ['in:0', 2n],
      ['deleted-topic:0', 1n],
    ])
    const layout = {
      leaders: new Map([
        [
          'in',
          new Map([
            [0, 1],
            [1, 2],
            [2, 3],
          ]),
        ],
        ['app-r-repartition', new Map([[0, 1]])],
      ]),
    }
    expect(streamsInputPartitions(description, committed, layout)).to.deep.equal([
      {topic: 'in', partition: 0},
      {topic: 'in', partition: 1},
    ])
  })
})
