import {expect} from 'chai'

import {
  type RecordLike,
  recordJsonLine,
  recordJsonLineOf,
  toRecordJson,
} from '../../../../src/admin/records/record-json.js'
import {ByteSink, rawValueInto, recordJsonInto} from '../../../../src/admin/records/record-bytes.js'
import {rawFormatter} from '../../../../src/cli/views/records.js'

const b = (s: string) => Buffer.from(s, 'utf8')

/** The fast line must be byte for byte the line of the general path (toRecordJson + recordJsonLine). */
function same(r: RecordLike, showAborted: boolean): void {
  const line = recordJsonLine(toRecordJson(r, showAborted))
  expect(recordJsonLineOf(r, showAborted)).to.equal(line)
  // The byte writer, with a small sink so that it grows mid-record.
  const sink = new ByteSink(8)
  recordJsonInto(sink, r, showAborted)
  recordJsonInto(sink, {...r, topic: `${r.topic}2`}, showAborted)
  expect(sink.take().toString('hex')).to.equal(
    Buffer.from(`${line}\n${recordJsonLine(toRecordJson({...r, topic: `${r.topic}2`}, showAborted))}\n`).toString(
      'hex',
    ),
  )
  const raw = new ByteSink(4)
  rawValueInto(raw, r)
  expect(raw.take().toString('hex')).to.equal(Buffer.from(rawFormatter(r)).toString('hex'))
}

const base: RecordLike = {
  topic: 'orders',
  partition: 3,
  offset: 42n,
  timestamp: 1_764_000_000_000,
  timestampType: 'CreateTime',
  key: b('k'),
  value: b('v'),
  headers: [],
}

describe('consume -o json: the fast NDJSON line', () => {
  const bytes: (Buffer | null)[] = [
    null,
    b(''),
    b('plain ascii'),
    b('quote " backslash \\ slash / tab \t newline \n nul \u0000 del \u007f'),
    b('unicode ✓ é 😀'),
    b('{"a":1,"b":[true,null]}'),
    b('{"a": 1}'),
    b('{"n":12345678901234567890}'),
    b('[1,2]'),
    b('[not json'),
    b('{'),
    b('{"__proto__":{"x":1}}'),
    b('"a json string"'),
    b('123'),
    Buffer.from([0xff, 0x00, 0xfe]),
    Buffer.from([0xed, 0xa0, 0x80]), // an encoded surrogate: not round-trip UTF-8
    Buffer.from([0xef, 0xbb, 0xbf, 0x61]), // a BOM, then "a"
    Buffer.from([0x7b, 0xff]),
  ]

  it('equals the general line for keys and values of every encoding', () => {
    for (const key of bytes)
      for (const value of bytes) {
        same({...base, key, value}, false)
        same({...base, key, value, aborted: true}, true)
      }
  })

  it('equals it for headers (repeated keys, null and binary values), timestamps and offsets', () => {
    const headers = bytes.map((value, i) => ({key: i % 3 === 0 ? 'h' : `header "${i}" ✓`, value}))
    same({...base, headers}, false)
    same({...base, topic: 'töpic "q"', headers}, true)
    same({...base, headers: [{key: '', value: null}]}, true)
    same({...base, timestamp: -1, timestampType: 'NoTimestamp'}, false)
    same({...base, timestampType: 'LogAppendTime', offset: 9_223_372_036_854_775_807n}, false)
    same({...base, topic: 'a.b_c-d', partition: 0, offset: 0n, aborted: false}, true)
    same({...base, aborted: undefined}, true)
  })

  it('equals it for random bytes', () => {
    let seed = 7
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31)
    const random = () => {
      const n = next() % 40
      const out = Buffer.alloc(n)
      const ascii = next() % 2 === 0
      for (let i = 0; i < n; i++) out[i] = ascii ? next() % 128 : next() % 256
      if (n > 0 && next() % 4 === 0) out[0] = 0x7b
      return out
    }
    for (let i = 0; i < 2000; i++)
      same({...base, key: random(), value: random(), headers: [{key: 'h', value: random()}]}, i % 2 === 0)
  })
})
