import {expect} from 'chai'

import {parseResetCsv, parseStrategy, strategyToFlags} from '../../../src/input/reset-strategy.js'
import {expectUsageError} from '../../helpers/usage.js'

const usage = expectUsageError

describe('offsets reset strategy flags', () => {
  it('parses each strategy', () => {
    expect(parseStrategy({'to-earliest': true})).to.deep.equal({kind: 'earliest'})
    expect(parseStrategy({'to-latest': true})).to.deep.equal({kind: 'latest'})
    expect(parseStrategy({'to-current': true})).to.deep.equal({kind: 'current'})
    expect(parseStrategy({'to-offset': '9223372036854775807'})).to.deep.equal({
      kind: 'offset',
      offset: 9_223_372_036_854_775_807n,
    })
    expect(parseStrategy({'shift-by': '-25'})).to.deep.equal({kind: 'shift', by: -25n})
    expect(parseStrategy({'shift-by': '+3'})).to.deep.equal({kind: 'shift', by: 3n})
    expect(parseStrategy({'to-datetime': '2024-01-31T12:00:00Z'})).to.deep.equal({
      kind: 'datetime',
      timestamp: Date.UTC(2024, 0, 31, 12),
    })
    expect(parseStrategy({'by-duration': 'PT1H30M'})).to.deep.equal({kind: 'duration', ms: 5_400_000})
    expect(parseStrategy({'by-duration': '15m'})).to.deep.equal({kind: 'duration', ms: 900_000})
    expect(parseStrategy({'from-file': 'x.csv'}, () => 't,0,5\nt,1,7\n')).to.deep.equal({
      kind: 'file',
      rows: [
        {group: null, topic: 't', partition: 0, offset: 5n},
        {group: null, topic: 't', partition: 1, offset: 7n},
      ],
    })
    expect(parseStrategy({})).to.equal(null)
  })

  const bad: [string, Parameters<typeof parseStrategy>[0], RegExp][] = [
    ['two strategies', {'to-earliest': true, 'to-latest': true}, /one reset strategy/],
    ['offset not a number', {'to-offset': 'ten'}, /--to-offset "ten"/],
    ['negative offset', {'to-offset': '-5'}, /not negative/],
    ['fractional offset', {'to-offset': '1.5'}, /not an integer/],
    ['offset beyond int64', {'to-offset': '9223372036854775808'}, /64-bit/],
    ['shift not a number', {'shift-by': '--3'}, /--shift-by/],
    ['shift empty', {'shift-by': ''}, /--shift-by/],
    ['datetime garbage', {'to-datetime': 'yesterday'}, /--to-datetime "yesterday"/],
    ['datetime impossible day', {'to-datetime': '2024-02-31T00:00:00'}, /no such date/],
    ['datetime bad hour', {'to-datetime': '2024-01-01T25:00:00'}, /--to-datetime/],
    ['duration garbage', {'by-duration': 'soon'}, /--by-duration "soon"/],
    ['duration negative', {'by-duration': '-PT1H'}, /positive/],
    ['duration unit', {'by-duration': '5 weeks'}, /--by-duration/],
  ]
  for (const [name, flags, message] of bad) {
    it(`rejects ${name} with exit 2`, () => {
      expect(usage(() => parseStrategy(flags)).message).to.match(message)
    })
  }

  it('rejects an unreadable --from-file', () => {
    expect(usage(() => parseStrategy({'from-file': '/nonexistent/x.csv'})).message).to.match(/Cannot read --from-file/)
  })

  it('prints flags that reproduce a strategy', () => {
    expect(strategyToFlags({kind: 'shift', by: -5n})).to.deep.equal(['--shift-by=-5'])
    expect(strategyToFlags({kind: 'datetime', timestamp: 0})).to.deep.equal([
      '--to-datetime',
      '1970-01-01T00:00:00.000Z',
    ])
  })
})

describe("Kafka's reset CSV", () => {
  it('reads the multi-group form and skips blank lines', () => {
    expect(parseResetCsv('g1,t,0,5\n\ng2,t,1,6\r\n')).to.deep.equal([
      {group: 'g1', topic: 't', partition: 0, offset: 5n},
      {group: 'g2', topic: 't', partition: 1, offset: 6n},
    ])
  })

  const bad: [string, string, RegExp][] = [
    ['too few fields', 't,0\n', /line 1: "t,0" has 2 fields/],
    ['too many fields', 'g,t,0,5,9\n', /5 fields/],
    ['mixed widths', 't,0,5\ng,t,1,5\n', /line 2: mixes 3- and 4-field/],
    ['partition not a number', 't,x,5\n', /partition "x"/],
    ['negative partition', 't,-1,5\n', /partition "-1"/],
    ['offset not a number', 't,0,abc\n', /line 1/],
    ['negative offset', 't,0,-4\n', /not negative/],
    ['empty topic', ',0,4\n', /empty topic/],
    ['empty file', '\n\n', /has no offsets/],
  ]
  for (const [name, text, message] of bad) {
    it(`rejects ${name} naming the line`, () => {
      expect(usage(() => parseResetCsv(text, 'plan.csv')).message).to.match(message)
    })
  }
})
