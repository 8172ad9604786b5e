import {expect} from 'chai'

import {
  KafkaConnectionError,
  KafkaRequestTimeoutError,
  SaslAuthenticationError,
} from '../../src/connection/broker-connection.js'
import {ExitCode, KctlError, toKctlError} from '../../src/errors.js'
import {KafkaProtocolError} from '../../src/protocol/protocol-error.js'

describe('the error model', () => {
  it("maps the broker connection's errors (also wrapped) to exit 4", () => {
    const inner = new KafkaConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:1', '127.0.0.1:1')
    const outer = Object.assign(new Error('Connection error'), {
      name: 'KafkaJSNumberOfRetriesExceeded',
      cause: inner,
      originalError: inner,
    })
    const e = toKctlError(outer, {address: '127.0.0.1:1'})
    expect(e.exitCode).to.equal(4)
    expect(e.message).to.match(/^Cannot connect to Kafka at 127\.0\.0\.1:1/)
    expect(e.hint).to.be.a('string')
  })

  it('maps SASL failures to AUTHENTICATION_FAILED (exit 4) without the password', () => {
    const e = toKctlError(
      new SaslAuthenticationError(
        'SASL PLAIN authentication failed: Authentication failed: Invalid username or password',
      ),
    )
    expect(e.code).to.equal('AUTHENTICATION_FAILED')
    expect(e.exitCode).to.equal(4)
    expect(e.message).to.equal('Authentication failed: Authentication failed: Invalid username or password')
  })

  it('maps a request timeout and a closed connection to CONNECTION_FAILED (exit 4)', () => {
    const timeout = toKctlError(
      new KafkaRequestTimeoutError('Request Metadata(key: 3, version: 12) timed out', 'h:1'),
      {
        address: 'broker 1',
      },
    )
    expect(timeout.code).to.equal('CONNECTION_FAILED')
    expect(timeout.message).to.equal(
      'Cannot connect to Kafka at broker 1: Request Metadata(key: 3, version: 12) timed out',
    )
    const closed = toKctlError(
      new KafkaConnectionError('Closed connection', 'h:1', {name: 'KafkaConnectionClosedError'}),
    )
    expect(closed.message).to.equal('Cannot connect to Kafka at h:1: Closed connection')
    expect(closed.exitCode).to.equal(4)
  })

  it('maps authorization errors to exit 4 naming the denied operation', () => {
    const e = toKctlError(
      Object.assign(new Error('Not authorized to access topics'), {
        name: 'KafkaJSProtocolError',
        type: 'TOPIC_AUTHORIZATION_FAILED',
      }),
      {operation: 'READ on topic orders'},
    )
    expect(e.code).to.equal('AUTHORIZATION_FAILED')
    expect(e.exitCode).to.equal(4)
    expect(e.message).to.include('READ on topic orders')
  })

  it('maps other Kafka protocol errors to exit 1 with the Kafka error as code', () => {
    const e = toKctlError(
      Object.assign(new Error('Topic with this name already exists'), {
        name: 'KafkaJSProtocolError',
        type: 'TOPIC_ALREADY_EXISTS',
      }),
    )
    expect(e).to.include({exitCode: 1, code: 'TOPIC_ALREADY_EXISTS'})
  })

  it('keeps KctlErrors as they are and serializes a stable JSON shape', () => {
    const k = new KctlError('INVALID_INPUT', ExitCode.usage, 'bad', {hint: 'h'})
    expect(toKctlError(k)).to.equal(k)
    expect(k.toJSON()).to.deep.equal({code: 'INVALID_INPUT', exitCode: 2, message: 'bad', hint: 'h'})
  })

  it("keeps a protocol error's hint on the way up, also under a retry wrapper", () => {
    const root = new KafkaProtocolError('UNSUPPORTED_VERSION', 'broker 1 does not support X', {
      hint: 'This needs a newer Kafka version.',
    })
    const wrapped = Object.assign(new Error('retries exceeded'), {name: 'KafkaJSNumberOfRetriesExceeded', cause: root})
    for (const e of [toKctlError(root), toKctlError(wrapped)]) {
      expect(e).to.include({
        code: 'UNSUPPORTED_VERSION',
        exitCode: ExitCode.failed,
        hint: 'This needs a newer Kafka version.',
      })
    }
  })
})
