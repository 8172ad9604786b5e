import {expect} from 'chai'

import {parseDateTime} from '../../../src/input/datetime.js'
import {formatDuration, parseDuration} from '../../../src/input/duration.js'
import {mergeTopicPartitions, parseTopicPartitions} from '../../../src/input/topic-partitions.js'

describe('input parsers', () => {
  it('parses Go-style and ISO-8601 durations', () => {
    expect(parseDuration('500ms')).to.equal(500)
    expect(parseDuration('30s')).to.equal(30_000)
    expect(parseDuration('1h30m')).to.equal(5_400_000)
    expect(parseDuration('2d')).to.equal(172_800_000)
    expect(parseDuration('15')).to.equal(15_000)
    expect(parseDuration('PT15M')).to.equal(900_000)
    expect(parseDuration('P1DT2H')).to.equal(93_600_000)
    expect(parseDuration('-PT1H')).to.equal(-3_600_000)
  })

  for (const bad of ['', 'abc', '10x', '5m3', 'P', 'PT', '1h 30m', 'm5']) {
    it(`rejects the duration "${bad}" with exit 2`, () => {
      expect(() => parseDuration(bad, '--timeout')).to.throw(/Invalid --timeout/).with.property('exitCode', 2)
    })
  }

  it('formats durations for tables', () => {
    expect(formatDuration(350)).to.equal('350ms')
    expect(formatDuration(252_000)).to.equal('4m12s')
    expect(formatDuration(3_720_000)).to.equal('1h2m')
    expect(formatDuration(90_000_000)).to.equal('1d1h')
  })

  it('parses topic:partition specs', () => {
    expect(parseTopicPartitions('orders')).to.deep.equal({topic: 'orders'})
    expect(parseTopicPartitions('orders:2,0,1')).to.deep.equal({topic: 'orders', partitions: [0, 1, 2]})
    expect(parseTopicPartitions('orders:0,4-6')).to.deep.equal({topic: 'orders', partitions: [0, 4, 5, 6]})
    for (const bad of ['', ':1', 'orders:', 'orders:a', 'orders:-1', 'orders:3-1', 'orders:1,,2']) {
      expect(() => parseTopicPartitions(bad), bad).to.throw().with.property('exitCode', 2)
    }
    expect(mergeTopicPartitions([{topic: 'b', partitions: [1]}, {topic: 'a'}, {topic: 'b', partitions: [0]}, {topic: 'a', partitions: [3]}])).to.deep.equal([
      {topic: 'a'},
      {topic: 'b', partitions: [0, 1]},
    ])
  })

  it('parses ISO-8601 date-times with and without zones', () => {
    expect(parseDateTime('2024-01-31T12:00:00Z')).to.equal(Date.UTC(2024, 0, 31, 12))
    expect(parseDateTime('2024-01-31T12:00:00.250+02:00')).to.equal(Date.UTC(2024, 0, 31, 10, 0, 0, 250))
    expect(parseDateTime('2024-01-31T12:00')).to.equal(new Date(2024, 0, 31, 12).getTime())
    expect(parseDateTime('2024-01-31')).to.equal(new Date(2024, 0, 31).getTime())
    for (const bad of ['yesterday', '2024-02-31', '2024-13-01', '2024-01-31T25:00', '31/01/2024', '2024-01-31T12:00:00+2']) {
      expect(() => parseDateTime(bad), bad).to.throw().with.property('exitCode', 2)
    }
  })
})
