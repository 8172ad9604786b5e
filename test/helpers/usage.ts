import {expect} from 'chai'

import {KctlError} from '../../src/errors.js'

/** Run `fn` and return the usage error (exit 2) it must throw. */
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
