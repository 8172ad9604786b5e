import {expect} from 'chai'

import {toJson} from '../../../src/output/json.js'

describe('toJson with bigint', () => {
  it('prints bigint values as integer literals, beyond 2^53 too', () => {
    expect(toJson({a: 10n, b: [-1n, 9_007_199_254_740_993n], c: 'x'}, 0)).to.equal('{"a":10,"b":[-1,9007199254740993],"c":"x"}')
  })
})
