import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {MAX_ITERATIONS, MIN_ITERATIONS, SCRAM_MECHANISM_NAMES, type ScramMechanism} from '../admin/security/users.js'
import {usageError} from '../errors.js'

export const userArg = Args.string({
  ignoreStdin: true,
  description: 'SCRAM user name (the principal is User:<name>).',
  required: true,
})

export const credentialFlags = {
  mechanism: Flags.string({summary: 'SCRAM-SHA-256 or SCRAM-SHA-512.', default: 'SCRAM-SHA-512'}),
  iterations: Flags.string({
    summary: `Iterations, ${MIN_ITERATIONS} to ${MAX_ITERATIONS}.`,
    default: String(MIN_ITERATIONS),
  }),
  'password-file': Flags.string({summary: 'Read the password from the first line of this file.'}),
  'password-stdin': Flags.boolean({summary: 'Read the password from stdin.'}),
}

export function parseMechanism(input: string): ScramMechanism {
  const m = SCRAM_MECHANISM_NAMES.find((n) => n.toLowerCase() === input.trim().toLowerCase())
  if (!m)
    throw usageError(
      `Unknown SCRAM mechanism "${input}"`,
      `Use ${SCRAM_MECHANISM_NAMES.join(' or ')}.`,
      'INVALID_MECHANISM',
    )
  return m
}

export function parseIterations(input: string): number {
  const n = Number(input)
  if (!/^\d+$/.test(input.trim()) || n < MIN_ITERATIONS || n > MAX_ITERATIONS) {
    throw usageError(
      `Invalid --iterations ${input}`,
      `Kafka accepts ${MIN_ITERATIONS} to ${MAX_ITERATIONS} iterations.`,
      'INVALID_ITERATIONS',
    )
  }
  return n
}

export function parseUserName(input: string): string {
  if (input.trim() === '' || input !== input.trim())
    throw usageError(
      `Invalid user name "${input}"`,
      'A user name is non-empty, without leading or trailing spaces.',
      'INVALID_USER',
    )
  return input
}
