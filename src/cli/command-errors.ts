import {ExitCode, KctlError, cancelledError, parseErrorToKctl, toKctlError} from '../errors.js'
import {closestMatch} from '../input/did-you-mean.js'
import {isPromptAbort} from '../prompts/prompter.js'

/** What a command's error report needs to know of the command. */
export interface CommandIdentity {
  /** oclif's id, `topics:list`. */
  id: string | undefined
  /** Every flag the command takes (long names), for a did-you-mean on an unknown one. */
  flagNames: string[]
}

/** `topics:list` -> `kctl topics list`. */
export const commandLine = (id: string | undefined) => `kctl ${id?.replaceAll(':', ' ') ?? ''}`

/**
 * Any error a command ends with, as a KctlError: kctl's own as they are, an aborted prompt as
 * cancelled (130), oclif's parse errors (unknown flag, missing argument, bad option value) as usage
 * errors naming the flag, anything else through toKctlError.
 */
export function toCommandError(
  err: Error & {exitCode?: number; oclif?: {exit?: number}},
  command: CommandIdentity,
): KctlError {
  if (err instanceof KctlError) {
    // A validator inside a flag's parse: oclif wraps the message ("Parsing --x \n\t... See more help"); keep ours.
    err.message = err.message.replace(/^Parsing --\S+ \n\t/, '').replace(/\nSee more help with --help$/, '')
    return err
  }
  if (isPromptAbort(err)) return cancelledError()
  if (
    err.oclif !== undefined ||
    /Parse|Flag|Arg|Validation/.test(err.name ?? '') ||
    err.constructor?.name === 'CLIError'
  ) {
    return parseErrorToKctl(err, {
      command: commandLine(command.id).trim(),
      flagNames: command.flagNames,
      closest: closestMatch,
    })
  }
  return toKctlError(err)
}

/** Every usage error (exit 2) says what to do next: the command's help when it has no better hint. */
export function withHelpHint(error: KctlError, id: string | undefined): KctlError {
  if (error.exitCode !== ExitCode.usage || error.hint) return error
  return new KctlError(error.code, error.exitCode, error.message, {
    hint: `See \`${commandLine(id)} --help\`.`,
    details: error.details,
    cause: error.cause,
    retriable: error.retriable,
  })
}
