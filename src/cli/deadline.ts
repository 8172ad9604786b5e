import {type KctlError, connectionError, operationError} from '../errors.js'
import {parseWaitDuration} from '../input/duration.js'
import {setPromptHooks} from '../prompts/prompter.js'

export const DEFAULT_TIMEOUT = '30s'

/** `--timeout` in ms: more than 0, at most Node's timer limit (a usage error otherwise). */
export function timeoutMsOf(flag: string | undefined): number {
  return parseWaitDuration(flag ?? DEFAULT_TIMEOUT, '--timeout')
}

/**
 * The `--timeout` clock of one command: it bounds kctl's work, not a person answering a prompt or
 * editing a file. `timeoutMs` is read at each (re)start; `expire` runs when the clock runs out
 * (the base command reports and ends the process).
 */
export class Deadline {
  private timer?: NodeJS.Timeout

  constructor(
    private readonly timeoutMs: () => number,
    private readonly expire: (timeoutMs: number) => void,
  ) {}

  get running(): boolean {
    return this.timer !== undefined
  }

  /** (Re)start: a full timeout from now. Throws (before any timer) when the timeout is invalid. */
  start(): void {
    this.stop()
    const timeoutMs = this.timeoutMs()
    this.timer = setTimeout(() => {
      this.timer = undefined
      this.expire(timeoutMs)
    }, timeoutMs)
    this.timer.unref()
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
  }

  /** Run something a person does (an editor session) with the clock stopped; a full timeout after. */
  byUser<R>(fn: () => R): R {
    this.stop()
    try {
      return fn()
    } finally {
      this.start()
    }
  }

  /** Stop the clock while a person answers any prompt, and start it afresh after each answer. */
  pauseForPrompts(): void {
    setPromptHooks({waiting: () => this.stop(), answered: () => this.start()})
  }

  /** The command is over: no clock, no prompt hooks. */
  end(): void {
    this.stop()
    setPromptHooks(undefined)
  }
}

export function timeoutError(timeoutMs: number): KctlError {
  return operationError(`Timed out after ${timeoutMs}ms`, {
    code: 'TIMEOUT',
    hint: 'Raise --timeout, or check the cluster.',
  })
}

/** The deadline passed before the first connection was up. */
export function connectTimeoutError(brokers: string, timeoutMs: number): KctlError {
  return connectionError(`Cannot connect to Kafka at ${brokers}: no answer within ${timeoutMs}ms`, {
    code: 'CONNECTION_TIMEOUT',
    hint: "Check --bootstrap-server (or the context), that the brokers are up and reachable, and the listener's security protocol.",
  })
}
