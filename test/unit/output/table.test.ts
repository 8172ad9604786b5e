import {expect} from 'chai'

import {toTable} from '../../../src/output/table.js'

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
    // 199 rows go through cli-table3, 200 through the fast path; row 200 is no wider than the rest.
    const small = toTable(
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
})
