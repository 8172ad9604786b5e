import {expect} from 'chai'

import {toKctlError} from '../../src/errors.js'

describe('authorization errors wrapped by kafkajs', () => {
  it('maps a KafkaJSNonRetriableError whose cause is TOPIC_AUTHORIZATION_FAILED to exit 4 naming the operation', () => {
    // The shape kafkajs's producer throws when metadata for the topic is denied.
    const cause = Object.assign(new Error('Not authorized to access topics: [Topic authorization failed]'), {
      name: 'KafkaJSProtocolError',
      type: 'TOPIC_AUTHORIZATION_FAILED',
      code: 29,
    })
    const wrapped = Object.assign(new Error(cause.message), {name: 'KafkaJSNonRetriableError', retriable: false, cause})
    const e = toKctlError(wrapped, {operation: 'WRITE on topic orders'})
    expect([e.exitCode, e.code, e.message]).to.deep.equal([
      4,
      'AUTHORIZATION_FAILED',
      'Not authorized: the cluster denied WRITE on topic orders (TOPIC_AUTHORIZATION_FAILED)',
    ])
  })
})
