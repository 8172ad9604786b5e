import * as Flags from '@oclif/core/flags'

import {KctlError, toKctlError} from '../errors.js'

/** `--keep-going` of commands that take `--context a,b`. */
export const keepGoingFlag = Flags.boolean({
  summary: 'With several contexts (--context a,b): go on after a cluster fails (default: stop at the first failure).',
})

/** One cluster's outcome of a command run against several contexts. */
export interface ContextOutcome<R> {
  context: string
  status: 'ok' | 'failed' | 'not-run'
  result: R | null
  error: Record<string, unknown> | null
}

/** `--context a,b` -> ['a', 'b'] (one name: []): contexts are names, so a comma never belongs to one. */
export function contextList(flag: string | undefined): string[] {
  const names = (flag ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  return names.length > 1 ? names : []
}

/**
 * Run `fn` once per context, in order; stop at the first failure unless `keepGoing` (the rest
 * are reported as not run). Returns the outcomes and the exit code of the first failure.
 */
export async function eachContext<R>(
  contexts: string[],
  keepGoing: boolean,
  use: (name: string) => Promise<void>,
  fn: (name: string) => Promise<R>,
): Promise<{outcomes: ContextOutcome<R>[]; failure: KctlError | null}> {
  const outcomes: ContextOutcome<R>[] = []
  let failure: KctlError | null = null
  for (const context of contexts) {
    if (failure && !keepGoing) {
      outcomes.push({context, status: 'not-run', result: null, error: null})
      continue
    }
    try {
      await use(context)
      outcomes.push({context, status: 'ok', result: await fn(context), error: null})
    } catch (error) {
      const e = toKctlError(error)
      failure ??= e
      outcomes.push({context, status: 'failed', result: null, error: e.toJSON()})
    }
  }
  return {outcomes, failure}
}
