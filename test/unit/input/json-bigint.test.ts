import {expect} from 'chai'

import {toJson} from '../../../src/output/json.js'

describe('JSON output of 64-bit offsets', () => {
  it('prints bigint values as plain integers, beyond 2^53', () => {
    expect(toJson({offset: 9_223_372_036_854_775_807n, lag: -1n, none: null}, 0)).to.equal('{"offset":9223372036854775807,"lag":-1,"none":null}')
  })
})
