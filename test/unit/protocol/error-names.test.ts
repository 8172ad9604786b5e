import {expect} from 'chai'

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

  it('every name a retry rule matches is a name errorName() gives (a misspelt name never matches)', () => {
    const names = new Set(Array.from({length: 140}, (_, i) => errorName(i - 1)))
    const rules = {RETRIABLE, COORDINATOR_RETRIABLE, FETCH_RETRIABLE, TRANSIENT}
    const unknown = Object.entries(rules).flatMap(([rule, set]) =>
      [...set].filter((n) => !names.has(n)).map((n) => `${rule}: ${n}`),
    )
    expect(unknown).to.deep.equal([])
  })
})
