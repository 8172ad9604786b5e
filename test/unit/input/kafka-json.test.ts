import {expect} from 'chai'

import {
  formatReassignmentPlan,
  parseElectionPartitions,
  parseOffsetFile,
  parseReassignmentPlan,
} from '../../../src/input/kafka-json.js'
import {parseByteRate} from '../../../src/input/byte-rate.js'
import {humanBytes} from '../../../src/output/size.js'

describe("Kafka's JSON files", () => {
  it('reads and writes kafka-reassign-partitions plans', () => {
    const doc = {version: 1, partitions: [{topic: 't', partition: 0, replicas: [1, 2], log_dirs: ['any', 'any']}]}
    expect(parseReassignmentPlan(doc)).to.deep.equal([{topic: 't', partition: 0, replicas: [1, 2]}])
    expect(formatReassignmentPlan(parseReassignmentPlan(doc))).to.deep.equal(doc)
  })

  const badPlans: [string, unknown, RegExp][] = [
    ['not an object', [], /"partitions" array/],
    ['version 2', {version: 2, partitions: []}, /version 2/],
    ['no partitions', {version: 1, partitions: []}, /no partitions/],
    ['empty topic', {partitions: [{topic: '', partition: 0, replicas: [1]}]}, /topic must be/],
    ['negative partition', {partitions: [{topic: 't', partition: -1, replicas: [1]}]}, /partition must be/],
    ['empty replicas', {partitions: [{topic: 't', partition: 0, replicas: []}]}, /replicas must be/],
    ['non-integer replica', {partitions: [{topic: 't', partition: 0, replicas: [1.5]}]}, /replicas must be/],
    ['duplicate replica', {partitions: [{topic: 't', partition: 0, replicas: [1, 1]}]}, /twice/],
    [
      'duplicate partition',
      {
        partitions: [
          {topic: 't', partition: 0, replicas: [1]},
          {topic: 't', partition: 0, replicas: [2]},
        ],
      },
      /more than once/,
    ],
    [
      'log_dirs length',
      {partitions: [{topic: 't', partition: 0, replicas: [1, 2], log_dirs: ['any']}]},
      /one entry per replica/,
    ],
    [
      'absolute log dir',
      {partitions: [{topic: 't', partition: 0, replicas: [1], log_dirs: ['/data']}]},
      /log directory/,
    ],
  ]
  for (const [what, doc, message] of badPlans) {
    it(`rejects a plan with ${what} (exit 2)`, () => {
      expect(() => parseReassignmentPlan(doc))
        .to.throw(message)
        .with.property('exitCode', 2)
    })
  }

  it('reads kafka-leader-election and kafka-delete-records files', () => {
    expect(parseElectionPartitions({partitions: [{topic: 't', partition: 3}]})).to.deep.equal([
      {topic: 't', partition: 3},
    ])
    expect(
      parseOffsetFile({
        version: 1,
        partitions: [
          {topic: 't', partition: 0, offset: 10},
          {topic: 't', partition: 1, offset: -1},
          {topic: 'u', partition: 0, offset: '9007199254740993'},
        ],
      }),
    ).to.deep.equal([
      {topic: 't', partition: 0, offset: 10n},
      {topic: 't', partition: 1, offset: -1n},
      {topic: 'u', partition: 0, offset: 9_007_199_254_740_993n},
    ])
    expect(() => parseOffsetFile({partitions: [{topic: 't', partition: 0, offset: -2}]})).to.throw(/offset must be/)
    expect(() => parseOffsetFile({partitions: [{topic: 't', partition: 0}]})).to.throw(/offset must be/)
  })
})

describe('parseByteRate', () => {
  for (const [input, bytes] of [
    ['1048576', 1_048_576],
    ['10MB', 10_000_000],
    ['50MiB/s', 52_428_800],
    ['1.5 GB/s', 1_500_000_000],
    ['512 kib', 524_288],
    ['100 B/sec', 100],
  ] as const) {
    it(`${input} = ${bytes} B/s`, () => expect(parseByteRate(input)).to.equal(bytes))
  }
  for (const input of ['', '0', '-5', 'fast', '10 TB', '0.1B', '1e3']) {
    it(`rejects "${input}" (exit 2)`, () =>
      expect(() => parseByteRate(input))
        .to.throw(/--throttle/)
        .with.property('exitCode', 2))
  }
})

describe('humanBytes', () => {
  it('formats 1024-based sizes for tables', () => {
    expect([0, 1023, 1024, 1536, 10 * 1024 ** 2, 5_000_000_000].map((n) => humanBytes(n))).to.deep.equal([
      '0 B',
      '1023 B',
      '1.0 KiB',
      '1.5 KiB',
      '10 MiB',
      '4.7 GiB',
    ])
    expect(humanBytes(null)).to.equal(null)
    expect(humanBytes(-1)).to.equal(null)
  })
})
