import {expect} from 'chai'
import {readFileSync} from 'node:fs'

import {abortedBatches} from '../../../../src/admin/records/consume.js'
import {murmur2, partitionForKey} from '../../../../src/admin/records/partitioner.js'
import {decodeBytes, encodeBytes, recordJsonLine, toRecordJson} from '../../../../src/admin/records/record-json.js'
import {parsePosition} from '../../../../src/input/position.js'
import {parseGrep} from '../../../../src/input/record-grep.js'
import {kcatFormatter} from '../../../../src/cli/views/records.js'
import {decodeRecordSet} from '../../../../src/protocol/record-batch.js'

const b = (s: string) => Buffer.from(s)

describe("murmur2 partitioning (as Kafka's Java client)", () => {
  it('hashes as org.apache.kafka.common.utils.Utils.murmur2', () => {
    // Values printed by Kafka 4.4's Utils.murmur2 (and toPositive(h) % 6).
    expect(murmur2(b('21'))).to.equal(-973_932_308)
    expect(murmur2(b('foobar'))).to.equal(-790_332_482)
    expect(murmur2(b('abc'))).to.equal(479_470_107)
    expect(murmur2(b('a-little-bit-longer-string'))).to.equal(-1_486_304_829)
    expect(
      ['21', 'abc', 'a-little-bit-longer-string', 'user-42', 'kctl'].map((k) => partitionForKey(b(k), 6)),
    ).to.deep.equal([0, 3, 5, 4, 4])
  })
})

describe('consume position grammar', () => {
  const now = Date.UTC(2026, 0, 1, 12)
  it('parses every form', () => {
    expect(parsePosition('earliest', '--from')).to.deep.equal({kind: 'earliest'})
    expect(parsePosition('latest', '--to')).to.deep.equal({kind: 'latest'})
    expect(parsePosition('42', '--from')).to.deep.equal({kind: 'offset', offset: 42n})
    expect(parsePosition('+5', '--from')).to.deep.equal({kind: 'fromStart', n: 5n})
    expect(parsePosition('-5', '--from')).to.deep.equal({kind: 'fromEnd', n: 5n})
    expect(parsePosition('committed:billing', '--from')).to.deep.equal({kind: 'committed', group: 'billing'})
    expect(parsePosition('@-1h', '--from', now)).to.deep.equal({kind: 'time', timestamp: now - 3_600_000})
    expect(parsePosition('@2026-01-01T10:00:00', '--from')).to.deep.equal({
      kind: 'time',
      timestamp: Date.UTC(2026, 0, 1, 10),
    })
    expect(parsePosition('@2026-01-01T10:00:00+02:00', '--from')).to.deep.equal({
      kind: 'time',
      timestamp: Date.UTC(2026, 0, 1, 8),
    })
    expect(parsePosition('@2026-01-01', '--from')).to.deep.equal({kind: 'time', timestamp: Date.UTC(2026, 0, 1)})
  })

  for (const bad of ['', 'soon', '1.5', 'committed:', '@yesterday', '@-0s', '+x']) {
    it(`rejects "${bad}" as a usage error`, () => {
      expect(() => parsePosition(bad, '--from'))
        .to.throw()
        .with.property('exitCode', 2)
    })
  }
})

describe('consume --grep', () => {
  const rec = {
    key: b('order-7'),
    value: b('{"status":"refund"}'),
    headers: [
      {key: 'source', value: b('web')},
      {key: 'empty', value: null},
    ],
  }
  const matches = (...specs: string[]) => parseGrep(specs)!(rec)
  it('matches key, value, headers and anything; negates; combines', () => {
    expect(matches('refund')).to.equal(true)
    expect(matches('web')).to.equal(true)
    expect(matches('key:^order-\\d$')).to.equal(true)
    expect(matches('value:order')).to.equal(false)
    expect(matches('header:source=^w')).to.equal(true)
    expect(matches('header:empty')).to.equal(true)
    expect(matches('header:missing')).to.equal(false)
    expect(matches('!value:refund')).to.equal(false)
    expect(matches('key:order', '!header:source=app')).to.equal(true)
    expect(matches('key:order', 'value:paid')).to.equal(false)
  })
  it('rejects bad patterns as usage errors', () => {
    expect(() => parseGrep(['key:(']))
      .to.throw()
      .with.property('exitCode', 2)
    expect(() => parseGrep(['!']))
      .to.throw()
      .with.property('exitCode', 2)
    expect(() => parseGrep(['header:=x']))
      .to.throw()
      .with.property('exitCode', 2)
  })
})

describe('record JSON (consume -o json, produce --input json)', () => {
  it('keeps compact JSON as JSON, other text as text, binary as base64; round-trips the bytes', () => {
    const cases: [Buffer | null, string | null][] = [
      [b('{"a":1,"b":[true,null]}'), 'json'],
      [b('{"a": 1}'), 'text'], // not compact: re-encoding would change the bytes
      [b('{"n":12345678901234567890}'), 'text'], // beyond a double
      [b('plain text ✓'), 'text'],
      [b('[1,2]'), 'json'],
      [b(''), 'text'],
      [Buffer.from([0xff, 0x00, 0xfe]), 'base64'],
      [null, null],
    ]
    for (const [bytes, encoding] of cases) {
      const e = encodeBytes(bytes, true)
      expect(e.encoding, String(bytes)).to.equal(encoding)
      const back = decodeBytes(JSON.parse(JSON.stringify(e.data)), e.encoding, 'value')
      expect(back === null ? null : back.toString('hex')).to.equal(bytes === null ? null : bytes.toString('hex'))
    }
  })

  it('pins the NDJSON shape: field order, integer offsets, ordered headers', () => {
    const line = recordJsonLine(
      toRecordJson(
        {
          topic: 'orders',
          partition: 2,
          offset: 9_007_199_254_740_993n,
          timestamp: 1_764_000_000_000,
          timestampType: 'CreateTime',
          key: null,
          value: b('{"x":1}'),
          headers: [
            {key: 'h', value: b('1')},
            {key: 'h', value: Buffer.from([0xff])},
          ],
        },
        false,
      ),
    )
    expect(line).to.equal(
      '{"topic":"orders","partition":2,"offset":9007199254740993,"timestamp":1764000000000,"timestampType":"CreateTime","key":null,"value":{"x":1},"headers":[{"key":"h","value":"1","encoding":"text"},{"key":"h","value":"/w==","encoding":"base64"}],"encodings":{"key":null,"value":"json"}}',
    )
  })
})

describe('kcat-style --format', () => {
  it('expands tokens and escapes', () => {
    const f = kcatFormatter('%t/%p@%o %k=%s (%K,%S) %T [%h] 100%%\\n')
    const out = f({
      topic: 't',
      partition: 1,
      offset: 5n,
      timestamp: 7,
      timestampType: 'CreateTime',
      key: null,
      value: b('v'),
      headers: [{key: 'a', value: b('x')}],
    })
    expect(out.toString()).to.equal('t/1@5 =v (-1,1) 7 [a=x] 100%\n')
    expect(() => kcatFormatter('%q'))
      .to.throw()
      .with.property('exitCode', 2)
  })
})

describe('aborted transactions (read_committed)', () => {
  const vectors = Object.fromEntries(
    readFileSync(new URL('../../protocol/kafka-records.txt', import.meta.url), 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(' '))
      .map(([n, h]) => [n, Buffer.from(h, 'hex')]),
  )
  it("marks the batches of a producer from its aborted transaction's first offset to its ABORT marker", () => {
    const {batches} = decodeRecordSet(Buffer.concat([vectors.txn, vectors.plain]))
    const aborted = abortedBatches(batches, [{producerId: 77n, firstOffset: 40n}], 'read_committed')
    expect([...aborted].map((x) => x.baseOffset)).to.deep.equal([40n])
    expect(abortedBatches(batches, [{producerId: 78n, firstOffset: 40n}], 'read_committed').size).to.equal(0)
    expect(abortedBatches(batches, [{producerId: 77n, firstOffset: 40n}], 'read_uncommitted').size).to.equal(0)
  })
})
