import {expect} from 'chai'

import {KctlError} from '../../src/errors.js'

/** Run `fn`, expect a KctlError with exit code 2 (usage), and return it for more checks. */
export function expectUsageError(fn: () => unknown): KctlError {
  try {
    fn()
  } catch (error) {
    expect(error).to.be.instanceOf(KctlError)
    expect((error as KctlError).exitCode).to.equal(2)
    return error as KctlError
  }
  throw new Error('expected a usage error')
}
