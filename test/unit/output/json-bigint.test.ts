import {expect} from 'chai'

import {toJson} from '../../../src/output/json.js'

describe('toJson with bigint', () => {
  it('prints bigint values as integer literals, beyond 2^53 too', () => {
    expect(toJson({a: 10n, b: [-1n, 9_007_199_254_740_993n], c: 'x'}, 0)).to.equal(
      '{"a":10,"b":[-1,9007199254740993],"c":"x"}',
    )
    expect(toJson({min: -9_223_372_036_854_775_808n, max: 9_223_372_036_854_775_807n}, 0)).to.equal(
      '{"min":-9223372036854775808,"max":9223372036854775807}',
    )
  })

  it('otherwise matches JSON.stringify exactly (undefined, toJSON, nesting, indentation)', () => {
    const value = {
      u: undefined,
      d: new Date(0),
      n: null,
      list: [1, undefined, 'a', {x: [true, false]}],
      empty: {},
      none: [],
      s: 'quote " and \\ and \n',
    }
    expect(toJson(value)).to.equal(JSON.stringify(value, null, 2))
    expect(toJson(value, 0)).to.equal(JSON.stringify(value))
    expect(toJson(undefined)).to.equal('null')
    expect(toJson(5n)).to.equal('5')
  })
})
