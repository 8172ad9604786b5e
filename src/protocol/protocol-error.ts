import {KctlError, connectionError, kafkaErrorCode, operationError} from '../errors.js'
import {errorName} from './error-codes.js'

/** A Kafka error code in a response of one of kctl's own requests. */
export class KafkaProtocolError extends Error {
  readonly type: string
  readonly hint?: string
  readonly errorCode?: number
  constructor(type: string, message: string, options: {hint?: string; errorCode?: number} = {}) {
    super(message)
    this.name = 'KafkaProtocolError'
    this.type = type
    this.hint = options.hint
    this.errorCode = options.errorCode
  }
}

/** Throw for a non-zero top-level error code, mapped onto the one error model. */
export function throwIfError(errorCode: number, errorMessage: string | null | undefined, what: string): void {
  if (errorCode === 0) return
  throw protocolErrorToKctl(errorCode, errorMessage, what)
}

export function protocolErrorToKctl(
  errorCode: number,
  errorMessage: string | null | undefined,
  what: string,
): KctlError {
  const type = errorName(errorCode)
  const detail = errorMessage ? `: ${errorMessage}` : ''
  if (type.endsWith('_AUTHORIZATION_FAILED')) {
    return connectionError(`Not authorized: the cluster denied ${what} (${type})${detail}`, {
      code: 'AUTHORIZATION_FAILED',
      details: {kafkaError: type},
    })
  }
  return operationError(`${what} failed: ${type}${detail}`, {code: kafkaErrorCode(type)})
}
