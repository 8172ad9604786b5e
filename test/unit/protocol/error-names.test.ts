import {expect} from 'chai'
import {createRequire} from 'node:module'

import {TRANSIENT} from '../../../src/admin/list-offsets.js'
import {FETCH_RETRIABLE} from '../../../src/admin/records/consume.js'
import {COORDINATOR_RETRIABLE, RETRIABLE} from '../../../src/admin/records/produce.js'
import {errorName} from '../../../src/protocol/error-codes.js'

describe('Kafka error names', () => {
  it("are Kafka's own, also where kafkajs keeps older names", () => {
    expect([-1, 6, 14, 15, 16].map((c) => errorName(c))).to.deep.equal([
      'UNKNOWN_SERVER_ERROR',
      'NOT_LEADER_OR_FOLLOWER',
      'COORDINATOR_LOAD_IN_PROGRESS',
      'COORDINATOR_NOT_AVAILABLE',
      'NOT_COORDINATOR',
    ])
  })

  it("names every other code of kafkajs 2.2.4's table as it does (the table kctl carries instead of loading it)", () => {
    const {errorCodes} = createRequire(import.meta.url)('kafkajs/src/protocol/error.js') as {
      errorCodes: {type: string; code: number}[]
    }
    const differ = errorCodes
      .filter((e) => ![-1, 6, 14, 15, 16].includes(e.code) && errorName(e.code) !== e.type)
      .map((e) => `${e.code}: ${errorName(e.code)} != ${e.type}`)
    expect(differ).to.deep.equal([])
    expect(errorName(0)).to.equal('KAFKA_ERROR_0')
    expect(errorName(10_000)).to.equal('KAFKA_ERROR_10000')
  })

  it('every name a retry rule matches is a name errorName() gives (a misspelt name never matches)', () => {
    const names = new Set(Array.from({length: 140}, (_, i) => errorName(i - 1)))
    const rules = {RETRIABLE, COORDINATOR_RETRIABLE, FETCH_RETRIABLE, TRANSIENT}
    const unknown = Object.entries(rules).flatMap(([rule, set]) =>
      [...set].filter((n) => !names.has(n)).map((n) => `${rule}: ${n}`),
    )
    expect(unknown).to.deep.equal([])
  })
})
