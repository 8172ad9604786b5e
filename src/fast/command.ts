import {format, inspect} from 'node:util'

import {boolean} from '@oclif/core/flags'
import * as Parser from '@oclif/core/parser'

/**
 * The part of oclif's `Command` that kctl's commands use, for the start-up fast path (see
 * src/fast/main.ts): the same life cycle (`init`, `run`, `catch`, `finally`, then the JSON result)
 * and the same parser (oclif's own, bundled), without oclif's `Config`, plugin loader, help and
 * logger, which cost most of a command's start-up. The fast bundle is built with this module in
 * place of `@oclif/core/command`; everything else runs the real one.
 */
export interface LiteConfig {
  bin: string
  scopedEnvVar(name: string): string | undefined
}

// As oclif's command module: a reader that closed the pipe (`kctl topics list | head -1`) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err?.code === 'EPIPE') return
  throw err
})

type Flags = Record<string, {name?: string} & Record<string, unknown>>

const json = boolean({description: 'Format output as json.', helpGroup: 'GLOBAL'})

/** As oclif's aggregateFlags: the --json flag first, then the base flags, then the command's. */
function aggregateFlags(flags: Flags = {}, baseFlags: Flags = {}, enableJsonFlag?: boolean): Flags {
  const combined = {...baseFlags, ...flags}
  return enableJsonFlag ? ({json, ...combined} as Flags) : combined
}

export abstract class Command {
  static id: string
  static args = {}
  static baseFlags: Flags
  static flags: Flags
  static enableJsonFlag = false
  static strict = true
  static summary?: string
  static description?: string
  static examples?: unknown

  id: string

  constructor(
    public argv: string[],
    public config: LiteConfig,
  ) {
    this.id = this.ctor.id
  }

  get ctor(): typeof Command {
    return this.constructor as typeof Command
  }

  abstract run(): Promise<unknown>

  async _run(): Promise<unknown> {
    let err: Error | undefined
    let result: unknown
    try {
      await this.init()
      result = await this.run()
    } catch (error) {
      err = error as Error
      await this.catch(error as Error)
    } finally {
      await this.finally(err)
    }
    if (result && this.jsonEnabled()) this.logJson(this.toSuccessJson(result))
    return result
  }

  async init(): Promise<void> {}

  async catch(err: Error & {exitCode?: number}): Promise<void> {
    process.exitCode = process.exitCode ?? err.exitCode ?? 1
    throw err
  }

  async finally(_err: Error | undefined): Promise<void> {}

  jsonEnabled(): boolean {
    if (!this.ctor?.enableJsonFlag) return false
    if (this.config.scopedEnvVar('CONTENT_TYPE')?.toLowerCase() === 'json') return true
    const passThroughIndex = this.argv.indexOf('--')
    const jsonIndex = this.argv.indexOf('--json')
    return passThroughIndex === -1 ? jsonIndex !== -1 : jsonIndex !== -1 && jsonIndex < passThroughIndex
  }

  log(message: unknown = '', ...args: unknown[]): void {
    if (this.jsonEnabled()) return
    const text = typeof message === 'string' ? message : inspect(message)
    process.stdout.write(`${format(text, ...args)}\n`)
  }

  logJson(json: unknown): void {
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`)
  }

  toSuccessJson(result: unknown): unknown {
    return result
  }

  async parse(
    options: {flags?: Flags; baseFlags?: Flags; enableJsonFlag?: boolean; args?: object; strict?: boolean},
    argv: string[] = this.argv,
  ): ReturnType<typeof Parser.parse> {
    const opts = {
      context: this,
      ...options,
      flags: aggregateFlags(options.flags, options.baseFlags, options.enableJsonFlag),
    }
    this.argv = [...argv]
    return Parser.parse(argv, opts as never)
  }
}
