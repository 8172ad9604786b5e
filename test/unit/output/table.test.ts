import {expect} from 'chai'

import {loadColors} from '../../../src/output/colors.js'
import type {Column} from '../../../src/output/format.js'
import {cliTable3, toTable} from '../../../src/output/table.js'

describe('table renderer', () => {
  const columns = [
    {key: 'topic', header: 'TOPIC'},
    {key: 'partition', header: 'PARTITION', align: 'right' as const},
    {key: 'leader', header: 'LEADER', align: 'right' as const},
    {key: 'offline', header: 'OFFLINE'},
  ]
  const row = (i: number) => ({
    topic: `orders-${i % 7}`,
    partition: i,
    leader: i % 3 === 0 ? null : i % 3,
    offline: i % 5 === 0 ? '3' : null,
  })

  it('large tables (fast path) lay out exactly like cli-table3', () => {
    // The first 199 rows through cli-table3, 200 through the fast path; row 200 is no wider than the rest.
    const small = cliTable3(
      Array.from({length: 199}, (_, i) => row(i)),
      columns,
      {color: false},
    ).split('\n')
    const large = toTable(
      Array.from({length: 200}, (_, i) => row(i)),
      columns,
      {color: false},
    ).split('\n')
    expect(large.slice(0, 200)).to.deep.equal(small)
    expect(large[200]).to.equal('orders-3        199       1  -')
  })

  it('never emits ANSI codes without colour', () => {
    const text = toTable(
      Array.from({length: 250}, (_, i) => row(i)),
      columns,
      {color: false},
    )
    expect(text).not.to.match(/\u001B\[/)
  })

  it('lays out plain ASCII tables of any size byte for byte like cli-table3, with and without colour', async () => {
    await loadColors()
    const coloured: Column[] = [
      {key: 'name', header: 'NAME', color: (v) => (v === 'down' ? 'red' : undefined)},
      {key: 'count', header: 'COUNT', align: 'right', color: () => 'green'},
      {key: 'note', header: 'NOTE', color: () => 'dim'},
    ]
    const words = ['', 'a', 'down', 'orders.eu-1', '12345', 'x y', ' lead', 'trail ', '-', '*', '~!@#$%^&()']
    let seed = 3
    const pick = () => words[(seed = (seed * 48_271) % 2_147_483_647) % words.length]
    for (let n = 0; n < 60; n++) {
      const rows = Array.from({length: n % 9}, () => ({name: pick(), count: pick(), note: pick()}))
      for (const color of [false, true]) {
        expect(toTable(rows, coloured, {color}), JSON.stringify(rows)).to.equal(cliTable3(rows, coloured, {color}))
        expect(toTable(rows, columns, {color}), JSON.stringify(rows)).to.equal(cliTable3(rows, columns, {color}))
      }
    }
  })

  it('leaves wide, combining or control characters to cli-table3', () => {
    const rows = [
      {name: 'café', count: 1},
      {name: '日本', count: 22},
      {name: 'tab\there', count: 3},
    ]
    const cols: Column[] = [
      {key: 'name', header: 'NAME'},
      {key: 'count', header: 'COUNT', align: 'right'},
    ]
    expect(toTable(rows, cols, {color: false})).to.equal(cliTable3(rows, cols, {color: false}))
  })
})
