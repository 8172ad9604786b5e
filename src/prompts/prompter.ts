import {usageError} from '../errors.js'

/**
 * The one interface wizards and confirmations use. The default implementation loads
 * @inquirer/prompts lazily; tests install a scripted one with setPrompter().
 */
export interface Choice<V> {
  name: string
  value: V
  description?: string
  checked?: boolean
}

export interface Prompter {
  confirm(message: string, defaultValue?: boolean): Promise<boolean>
  input(message: string, options?: {validate?: (value: string) => string | true; default?: string}): Promise<string>
  password(message: string): Promise<string>
  select<V>(message: string, choices: Choice<V>[]): Promise<V>
  search<V>(message: string, choices: Choice<V>[]): Promise<V>
  checkbox<V>(message: string, choices: Choice<V>[]): Promise<V[]>
}

/** The last guard: whatever a command checked, inquirer never waits on a stream that is not a terminal (CI would hang). */
function requireTerminal(message: string): void {
  if (!canPrompt())
    throw usageError(
      `Cannot ask "${message}" without a terminal`,
      'Pass the answer as flags (see --help), or run it on a terminal.',
      'NO_TERMINAL',
    )
}

const inquirerPrompter: Prompter = {
  async confirm(message, defaultValue = false) {
    requireTerminal(message)
    const {confirm} = await import('@inquirer/prompts')
    return confirm({message, default: defaultValue})
  },
  async input(message, options = {}) {
    requireTerminal(message)
    const {input} = await import('@inquirer/prompts')
    return input({message, validate: options.validate, default: options.default})
  },
  async password(message) {
    requireTerminal(message)
    const {password} = await import('@inquirer/prompts')
    return password({message, mask: '*'})
  },
  async select(message, choices) {
    requireTerminal(message)
    const {select} = await import('@inquirer/prompts')
    return select({message, choices, pageSize: 15})
  },
  async search(message, choices) {
    requireTerminal(message)
    const {search} = await import('@inquirer/prompts')
    return search({
      message,
      pageSize: 15,
      source: (term) => {
        const t = (term ?? '').toLowerCase()
        return choices.filter((c) => c.name.toLowerCase().includes(t))
      },
    })
  },
  async checkbox(message, choices) {
    requireTerminal(message)
    const {checkbox} = await import('@inquirer/prompts')
    return checkbox({message, choices, pageSize: 15})
  },
}

let current: Prompter = inquirerPrompter
let hooks: PromptHooks | undefined

/** Run around every prompt: the base command stops its --timeout clock while a person answers. */
export interface PromptHooks {
  waiting(): void
  answered(): void
}

export function setPromptHooks(h: PromptHooks | undefined): void {
  hooks = h
}

export function prompter(): Prompter {
  const p = current
  const h = hooks
  if (!h) return p
  const timed =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      h.waiting()
      try {
        return await fn(...args)
      } finally {
        h.answered()
      }
    }
  return {
    confirm: timed(p.confirm.bind(p)),
    input: timed(p.input.bind(p)),
    password: timed(p.password.bind(p)),
    select: timed(p.select.bind(p)) as Prompter['select'],
    search: timed(p.search.bind(p)) as Prompter['search'],
    checkbox: timed(p.checkbox.bind(p)) as Prompter['checkbox'],
  }
}

/** For tests: replace the prompter; returns a function that restores the previous one. */
export function setPrompter(p: Prompter): () => void {
  const previous = current
  current = p
  return () => {
    current = previous
  }
}

/** Prompts are allowed only with a TTY on both ends; never with --json or --yes, never in CI. */
export function canPrompt(streams: {stdin: {isTTY?: boolean}; stdout: {isTTY?: boolean}} = process): boolean {
  return Boolean(streams.stdin.isTTY && streams.stdout.isTTY)
}

/** An aborted prompt (Ctrl-C) surfaces as this error name from @inquirer/core. */
export function isPromptAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')
}
