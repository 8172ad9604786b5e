import {expect} from 'chai'

import type {View} from '../../../src/output/format.js'
import {toJson} from '../../../src/output/json.js'
import {loadColors} from '../../../src/output/colors.js'
import {colorEnabled, render} from '../../../src/output/render.js'

interface Data {
  items: {name: string; offset: bigint | null; ok: boolean}[]
}
const view: View<Data> = {
  columns: [
    {key: 'name', header: 'NAME'},
    {key: 'offset', header: 'OFFSET', align: 'right'},
    {key: 'ok', header: 'OK', wide: true, color: (v) => (v ? 'green' : 'red')},
  ],
  rows: (d) => d.items.map((i) => ({...i})),
  empty: 'Nothing.',
}
const data: Data = {
  items: [
    {name: 'b, "x"', offset: 9_007_199_254_740_993n, ok: true},
    {name: 'a', offset: null, ok: false},
  ],
}
const ANSI = /\u001B\[/

describe('renderers', () => {
  it('table: borderless, `-` for missing values, no ANSI codes without colour', () => {
    const out = render(data, view, 'table', {color: false})
    expect(out.split('\n')).to.deep.equal([
      'NAME              OFFSET',
      'b, "x"  9007199254740993',
      'a                      -',
    ])
    expect(out).not.to.match(ANSI)
  })

  it('wide adds wide columns; colour only when asked (chalk loaded first, as the base command does)', async () => {
    expect(render(data, view, 'wide', {color: false}))
      .to.include('OK')
      .and.include('yes')
    await loadColors()
    const colored = render(data, view, 'wide', {color: true})
    expect(colored).to.match(ANSI)
    expect(colored).to.include('\u001B[32m') // green for ok
    // Large tables take the direct path: colour there too.
    const many: Data = {
      items: Array.from({length: 250}, (_, i) => ({name: `t${i}`, offset: BigInt(i), ok: i % 2 === 0})),
    }
    const big = render(many, view, 'wide', {color: true}).split('\n')
    expect(big).to.have.length(251)
    expect(big[2]).to.include('\u001B[31m') // red for not ok
  })

  it('json keeps 64-bit integers exact and null for missing offsets', () => {
    const out = render(data, view, 'json', {color: false})
    expect(out).to.include('"offset": 9007199254740993')
    expect(out).to.include('"offset": null')
    expect(toJson({n: -5n})).to.equal('{\n  "n": -5\n}')
  })

  it('csv quotes fields per RFC 4180 and includes wide columns', () => {
    expect(render(data, view, 'csv', {color: false}).split('\n')).to.deep.equal([
      'name,offset,ok',
      '"b, ""x""",9007199254740993,true',
      'a,,false',
    ])
  })

  it('yaml renders the same data as JSON', () => {
    expect(render({a: 1n, b: [1]}, view as never, 'yaml', {color: false})).to.equal('a: 1\nb:\n  - 1')
  })

  it('prints the empty message instead of an empty table', () => {
    expect(render({items: []}, view, 'table', {color: false})).to.equal('Nothing.')
  })

  it('decides colour from TTY, NO_COLOR, --no-color and FORCE_COLOR', () => {
    expect(colorEnabled({isTTY: true}, false, {})).to.equal(true)
    expect(colorEnabled({isTTY: false}, false, {})).to.equal(false)
    expect(colorEnabled({isTTY: true}, false, {NO_COLOR: '1'})).to.equal(false)
    expect(colorEnabled({isTTY: true}, true, {})).to.equal(false)
    expect(colorEnabled({isTTY: false}, false, {FORCE_COLOR: '1'})).to.equal(true)
    expect(colorEnabled({isTTY: true}, false, {TERM: 'dumb'})).to.equal(false)
  })
})
