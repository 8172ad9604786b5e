import {expect} from 'chai'

import {parseDateTime} from '../../../src/input/datetime.js'
import {KctlError} from '../../../src/errors.js'
import {
  TIMER_MAX_MS,
  formatDuration,
  parseDuration,
  parseNonNegativeDuration,
  parseWaitDuration,
} from '../../../src/input/duration.js'
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
      expect(() => parseDuration(bad, '--timeout'))
        .to.throw(/Invalid --timeout/)
        .with.property('exitCode', 2)
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
      expect(() => parseTopicPartitions(bad), bad)
        .to.throw()
        .with.property('exitCode', 2)
    }
    expect(
      mergeTopicPartitions([
        {topic: 'b', partitions: [1]},
        {topic: 'a'},
        {topic: 'b', partitions: [0]},
        {topic: 'a', partitions: [3]},
      ]),
    ).to.deep.equal([{topic: 'a'}, {topic: 'b', partitions: [0, 1]}])
  })

  it('parses ISO-8601 date-times with and without zones', () => {
    expect(parseDateTime('2024-01-31T12:00:00Z')).to.equal(Date.UTC(2024, 0, 31, 12))
    expect(parseDateTime('2024-01-31T12:00:00.250+02:00')).to.equal(Date.UTC(2024, 0, 31, 10, 0, 0, 250))
    expect(parseDateTime('2024-01-31T12:00:00-0530')).to.equal(Date.UTC(2024, 0, 31, 17, 30))
    expect(parseDateTime('2024-01-31T12:00')).to.equal(Date.UTC(2024, 0, 31, 12))
    expect(parseDateTime('2024-01-31')).to.equal(Date.UTC(2024, 0, 31))
    for (const bad of [
      'yesterday',
      '2024-02-31',
      '2024-13-01',
      '2024-01-31T25:00',
      '31/01/2024',
      '2024-01-31T12:00:00+2',
      '2024-01-31T12:00:00+19:00',
      '1969-12-31T23:59:59.999Z',
      '1970-01-01T01:00:00+02:00',
    ]) {
      expect(() => parseDateTime(bad), bad)
        .to.throw()
        .with.property('exitCode', 2)
    }
  })

  it("reads a date-time without a zone as UTC whatever the machine's time zone (as Kafka's tools do); one with a zone keeps it", () => {
    const saved = process.env.TZ
    try {
      for (const tz of ['America/New_York', 'Asia/Kolkata', 'Pacific/Chatham']) {
        process.env.TZ = tz
        expect(new Date(2024, 0, 31, 12).getTime(), `${tz} is not UTC here`).not.to.equal(Date.UTC(2024, 0, 31, 12))
        expect(parseDateTime('2024-01-31T12:00:00.000'), tz).to.equal(Date.UTC(2024, 0, 31, 12))
        expect(parseDateTime('2024-01-31 12:00'), tz).to.equal(Date.UTC(2024, 0, 31, 12))
        expect(parseDateTime('2024-07-01'), tz).to.equal(Date.UTC(2024, 6, 1))
        expect(parseDateTime('2024-01-31T12:00:00+01:00'), tz).to.equal(Date.UTC(2024, 0, 31, 11))
      }
    } finally {
      if (saved === undefined) delete process.env.TZ
      else process.env.TZ = saved
    }
  })

  it('bounds partition numbers and ranges in topic:partition specs', () => {
    expect(parseTopicPartitions('t:2147483647')).to.deep.equal({topic: 't', partitions: [2147483647]})
    expect(() => parseTopicPartitions('t:2147483648'))
      .to.throw(/partition 2147483648 is above 2147483647/)
      .with.property('exitCode', 2)
    expect(() => parseTopicPartitions('t:0-99999999999')).to.throw(/above 2147483647/)
    expect(() => parseTopicPartitions('t:0-100000')).to.throw(/spans more than 100000 partitions/)
    expect(parseTopicPartitions('t:0-99999').partitions).to.have.length(100_000)
  })

  it("--timeout and --watch: more than 0, at most Node's timer limit", () => {
    expect(parseWaitDuration('30s', '--timeout')).to.equal(30_000)
    expect(parseWaitDuration(`${TIMER_MAX_MS}ms`, '--timeout')).to.equal(TIMER_MAX_MS)
    expect(parseWaitDuration('24d', '--timeout')).to.equal(24 * 86_400_000)
    for (const bad of ['0', '0s', '-PT1S', '25d', `${TIMER_MAX_MS + 1}ms`, 'P30D']) {
      const error = catchError(() => parseWaitDuration(bad, '--timeout'))
      expect(error, bad).to.include({exitCode: 2, code: 'INVALID_DURATION'})
      expect(error.hint, bad).to.match(/2147483647 ms/)
    }
    expect(() => parseWaitDuration('100ms', '--watch', {minMs: 500})).to.throw(/must be at least 500ms/)
    expect(parseNonNegativeDuration('0s', '--max-time-lag')).to.equal(0)
    expect(() => parseNonNegativeDuration('-PT1M', '--max-time-lag')).to.throw(/must not be negative/)
  })
})

function catchError(fn: () => unknown): KctlError {
  try {
    fn()
  } catch (error) {
    return error as KctlError
  }
  throw new Error('no error thrown')
}
