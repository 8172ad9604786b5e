/** The broker refused the SASL login, or the exchange could not complete (toKctlError: AUTHENTICATION_FAILED). */
export class SaslAuthenticationError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SaslAuthenticationError'
  }
}
