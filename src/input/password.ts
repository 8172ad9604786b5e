import {readFileSync} from 'node:fs'

import {usageError} from '../errors.js'
import {prompter} from '../prompts/prompter.js'

/**
 * A secret from a file (first line) or from stdin (all of it, one trailing newline dropped).
 * Returns undefined when neither is asked for: the caller prompts (TTY) or refuses.
 */
export function readSecret(
  options: {file?: string; stdin?: boolean},
  readStdin: () => string = () => readFileSync(0, 'utf8'),
): string | undefined {
  if (options.file !== undefined && options.stdin)
    throw usageError('--password-file and --password-stdin are exclusive', undefined, 'INVALID_PASSWORD')
  let text: string | undefined
  if (options.file !== undefined) {
    try {
      text = readFileSync(options.file, 'utf8').split(/\r?\n/)[0]
    } catch (error) {
      throw usageError(
        `Cannot read --password-file ${options.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        'Check the path and its permissions.',
        'INVALID_PASSWORD',
      )
    }
  } else if (options.stdin) {
    text = readStdin().replace(/\r?\n$/, '')
  }
  if (text !== undefined && text === '')
    throw usageError(
      'The password is empty',
      'Put the password on the first line of the file (or on stdin).',
      'INVALID_PASSWORD',
    )
  return text
}

/**
 * The new password for `users create|update`: from --password-file/--password-stdin, else
 * asked twice on a TTY; without a TTY a usage error naming the flags. Never from argv.
 */
export async function newPassword(options: {file?: string; stdin?: boolean; interactive: boolean}): Promise<string> {
  const given = readSecret(options)
  if (given !== undefined) return given
  if (!options.interactive)
    throw usageError(
      'No password given',
      'Pass --password-file FILE or --password-stdin (or run on a terminal to be asked).',
      'PASSWORD_REQUIRED',
    )
  const first = await prompter().password('New password:')
  if (first === '') throw usageError('The password is empty', undefined, 'INVALID_PASSWORD')
  if ((await prompter().password('Repeat it:')) !== first)
    throw usageError('The passwords do not match', 'Run the command again.', 'INVALID_PASSWORD')
  return first
}
