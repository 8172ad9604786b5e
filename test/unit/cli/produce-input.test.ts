import {expect} from 'chai'
import {Readable} from 'node:stream'

import {parseHeaderFlags, readRecords} from '../../../src/cli/produce-input.js'

const collect = async (input: string | Buffer, options: Partial<Parameters<typeof readRecords>[1]> = {}) => {
  const chunks = []
  for await (const c of readRecords(Readable.from([Buffer.from(input)]), {
    format: 'lines',
    headers: [],
    chunkSize: 2,
    now: () => 5,
    ...options,
  }))
    chunks.push(c)
  return chunks
}
const text = (b: Buffer | null) => (b === null ? null : b.toString('utf8'))

describe('produce input', () => {
  it('lines: a record a line, in chunks, keys split at the separator, tombstones', async () => {
    const chunks = await collect('a:1\nb:NULL\nc:x:y\nlast:4', {keySeparator: ':', nullValue: 'NULL'})
    expect(chunks.map((c) => c.length)).to.deep.equal([2, 2])
    expect(chunks.flat().map((r) => [text(r.key), text(r.value), r.timestamp])).to.deep.equal([
      ['a', '1', 5],
      ['b', null, 5],
      ['c', 'x:y', 5],
      ['last', '4', 5],
    ])
  })

  it('lines: keeps the exact bytes (no decoding, \\r kept)', async () => {
    const [[r]] = await collect(Buffer.concat([Buffer.from([0xff, 0xfe, 0x0d]), Buffer.from('\n')]))
    expect(r.value!.toString('hex')).to.equal('fffe0d')
  })

  it("json: consume's NDJSON with encodings, headers, timestamps and partitions; --header appended", async () => {
    const line = JSON.stringify({
      partition: 2,
      key: null,
      value: {a: 1},
      encodings: {key: null, value: 'json'},
      headers: [{key: 'b', value: '/w==', encoding: 'base64'}],
      timestamp: 42,
    })
    const [[r]] = await collect(`${line}\n\n`, {format: 'json', headers: [{key: 'x', value: Buffer.from('1')}]})
    expect(r.partition).to.equal(2)
    expect(r.key).to.equal(null)
    expect(text(r.value)).to.equal('{"a":1}')
    expect(r.timestamp).to.equal(42)
    expect(r.headers!.map((h) => [h.key, h.value?.toString('hex')])).to.deep.equal([
      ['b', 'ff'],
      ['x', '31'],
    ])
  })

  it('json: a bad line is a usage error naming it', async () => {
    for (const bad of [
      '{"value":',
      '[1]',
      '{"headers":{}}',
      '{"partition":1.5}',
      '{"value":1,"encodings":{"value":"base64"}}',
    ]) {
      let error: unknown
      try {
        await collect(`{"value":"ok"}\n${bad}\n`, {format: 'json', chunkSize: 10})
      } catch (e) {
        error = e
      }
      expect(error, bad).to.have.property('exitCode', 2)
      expect((error as Error).message).to.match(/^Line 2 is not a kctl record/)
    }
  })

  it('raw: the whole input is one value', async () => {
    const chunks = await collect('line 1\nline 2\n', {format: 'raw', key: Buffer.from('k')})
    expect(chunks.flat().map((r) => [text(r.key), text(r.value)])).to.deep.equal([['k', 'line 1\nline 2\n']])
  })

  it('-H name=value and -H name (null)', () => {
    expect(parseHeaderFlags(['a=1=2', 'b']).map((h) => [h.key, h.value?.toString() ?? null])).to.deep.equal([
      ['a', '1=2'],
      ['b', null],
    ])
    expect(() => parseHeaderFlags(['=x']))
      .to.throw()
      .with.property('exitCode', 2)
  })
})
