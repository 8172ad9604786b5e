import {readFileSync} from 'node:fs'

import * as Flags from '@oclif/core/flags'

import {usageError} from '../errors.js'
import {parsePrincipal} from '../input/acl.js'
import {parseDuration} from '../input/duration.js'

export const hmacFlags = {
  'hmac-file': Flags.string({
    summary: "Read the token's HMAC (base64, as `tokens create` printed it or wrote its --hmac-file) from this file.",
  }),
  'hmac-stdin': Flags.boolean({summary: "Read the token's HMAC from stdin."}),
}

/**
 * The token's HMAC from --hmac-file (first line) or --hmac-stdin, decoded from base64. Never from
 * argv: it is the token's password. Checked before any request.
 */
export function readHmac(
  options: {file?: string; stdin?: boolean},
  readStdin: () => string = () => readFileSync(0, 'utf8'),
): Buffer {
  if (options.file !== undefined && options.stdin)
    throw usageError('--hmac-file and --hmac-stdin are exclusive', 'Give the HMAC one way.', 'CONFLICTING_ARGUMENTS')
  let text: string
  if (options.file !== undefined) {
    try {
      text = readFileSync(options.file, 'utf8').split(/\r?\n/)[0]
    } catch (error) {
      throw usageError(
        `Cannot read --hmac-file ${options.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        'Check the path and its permissions.',
        'INVALID_HMAC',
      )
    }
  } else if (options.stdin) text = readStdin()
  else
    throw usageError(
      'No token HMAC given',
      'Pass --hmac-file FILE or --hmac-stdin (the HMAC `kctl tokens create` printed; never on the command line).',
      'HMAC_REQUIRED',
    )
  text = text.trim()
  if (text === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 === 1)
    throw usageError(
      'The token HMAC is not base64',
      'Give the HMAC exactly as `kctl tokens create` printed it (base64, e.g. from its JSON field hmac).',
      'INVALID_HMAC',
    )
  return Buffer.from(text, 'base64')
}

/** A period as Kafka's tool takes it (a bare number is milliseconds) or a duration such as 12h or 7d. */
export function parseTokenPeriod(input: string, flag: string): number {
  const text = input.trim()
  const ms = /^\d+$/.test(text) ? Number(text) : parseDuration(text, flag)
  if (!Number.isSafeInteger(ms) || ms <= 0)
    throw usageError(
      `Invalid ${flag} "${input}": must be more than 0`,
      `Use milliseconds (as Kafka's tool) or a duration, e.g. ${flag} 12h or ${flag} 7d.`,
      'INVALID_DURATION',
    )
  return ms
}

/** Owner and renewer principals: User:name (Kafka accepts only users for tokens). */
export function parseTokenPrincipal(input: string, flag: string): string {
  const principal = parsePrincipal(input, flag)
  if (!principal.startsWith('User:'))
    throw usageError(
      `Invalid principal "${input}" for ${flag}: delegation tokens belong to users`,
      'Use User:name, e.g. User:alice.',
      'INVALID_PRINCIPAL',
    )
  return principal
}
