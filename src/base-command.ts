import {Command} from '@oclif/core/command'
import * as Flags from '@oclif/core/flags'
import type {Interfaces} from '@oclif/core'

import {CommandConnection, type ConnectionFlag} from './cli/command-connection.js'
import {toCommandError, withHelpHint} from './cli/command-errors.js'
import {
  type Degradation,
  colorOn,
  debugWriter,
  jsonOutputRequested,
  note,
  outputFormat,
  printJson,
  reportError,
  warnUser,
} from './cli/command-output.js'
import {DEFAULT_TIMEOUT, Deadline, connectTimeoutError, timeoutError, timeoutMsOf} from './cli/deadline.js'
import {MutationGuard, confirmChange} from './cli/safety.js'
import type {KafkaConnection} from './connection/client.js'
import type {ConnectionSpec} from './connection/resolve.js'
import {ExitCode, type ExitCodeValue, type KctlError} from './errors.js'
import {loadColors} from './output/colors.js'
import {OUTPUT_FORMATS, type OutputFormat, type View} from './output/format.js'
import {render} from './output/render.js'

export type BaseFlags<T extends typeof Command> = Interfaces.InferredFlags<
  (typeof KctlCommand)['baseFlags'] & T['flags']
>
export type KafkaFlags<T extends typeof Command> = Interfaces.InferredFlags<
  (typeof KafkaCommand)['baseFlags'] & T['flags']
>
export type CommandArgs<T extends typeof Command> = Interfaces.InferredArgs<T['args']>

/**
 * Base of every kctl command: output flags, the deadline, the error report, confirmation. It
 * composes the parts in src/cli/ (command-output, command-errors, deadline, safety) and uses only
 * the members of oclif's Command that the start-up fast path's stand-in has (src/fast/command.ts).
 * Commands implement run() and return their typed result; --json/-o json print it as JSON.
 */
export abstract class KctlCommand<T extends typeof Command> extends Command {
  static enableJsonFlag = true
  static baseFlags = {
    output: Flags.option({char: 'o', options: OUTPUT_FORMATS, summary: 'Output format.', helpGroup: 'OUTPUT'})(),
    'no-color': Flags.boolean({summary: 'Disable colour (also: NO_COLOR).', helpGroup: 'OUTPUT'}),
    debug: Flags.boolean({summary: 'Print each Kafka request and a per-API count to stderr.', helpGroup: 'GLOBAL'}),
    timeout: Flags.string({
      summary: 'Deadline for the whole command, e.g. 30s, 2m.',
      default: DEFAULT_TIMEOUT,
      helpGroup: 'GLOBAL',
    }),
  }

  protected flags!: BaseFlags<T>
  protected args!: CommandArgs<T>
  /** Every positional argument (for commands with `strict = false` that take a variable list). */
  protected positionals: string[] = []
  /** The flags given on the command line (long names), as opposed to from the environment or defaults. */
  protected commandLineFlags = new Set<string>()
  /** The --timeout clock: started in init(), stopped while a person answers or edits, ended in finally(). */
  private readonly deadline = new Deadline(
    () => this.timeoutMs,
    (timeoutMs) => this.onDeadline(timeoutMs),
  )

  override async init(): Promise<void> {
    await super.init()
    const ctor = this.ctor as unknown as T & typeof KctlCommand
    const {args, argv, flags, raw} = await this.parse({
      flags: ctor.flags,
      baseFlags: ctor.baseFlags,
      enableJsonFlag: ctor.enableJsonFlag,
      // oclif would read a missing optional argument from piped stdin: never (CI, scripts).
      args: Object.fromEntries(
        Object.entries(ctor.args ?? {}).map(([name, arg]) => [name, {...arg, ignoreStdin: true}]),
      ),
      strict: ctor.strict,
    })
    this.flags = flags as BaseFlags<T>
    this.args = args as CommandArgs<T>
    this.positionals = (argv as unknown[]).map(String)
    this.commandLineFlags = new Set(raw.flatMap((t) => (t.type === 'flag' ? [t.flag] : [])))
    if (this.color && !this.jsonEnabled()) await loadColors()
    this.deadline.start()
    this.deadline.pauseForPrompts()
  }

  protected stopDeadline(): void {
    this.deadline.stop()
  }

  /** Run something a person does (an editor session) without the --timeout clock running. */
  protected byUser<R>(fn: () => R): R {
    return this.deadline.byUser(fn)
  }

  get timeoutMs(): number {
    // Validated in init() (the deadline's start reads it): more than 0, at most Node's timer limit.
    return timeoutMsOf(this.flags?.timeout)
  }

  /** -o json is the same as --json: oclif then prints run()'s result. */
  override jsonEnabled(): boolean {
    return super.jsonEnabled() || jsonOutputRequested(this.argv ?? [])
  }

  get format(): OutputFormat {
    return outputFormat(this.jsonEnabled(), this.flags?.output)
  }

  get color(): boolean {
    return colorOn(Boolean(this.flags?.['no-color']))
  }

  /** Print `data` through `view` unless JSON is on (oclif prints the returned result then). */
  protected present<R>(data: R, view: View<R>): R {
    if (!this.jsonEnabled()) this.log(render(data, view, this.format, {color: this.color}))
    return data
  }

  /**
   * The exit code of a command whose result is printed but is not a full success: a failed check
   * (3), a partial failure (1), or a watch stopped by the user (130). The output stays complete.
   */
  protected exitWith(code: ExitCodeValue): void {
    process.exitCode = code
  }

  /** Progress and notes go to stderr, and only on a TTY: piped output stays clean. */
  protected note(message: string): void {
    note(message, this.jsonEnabled())
  }

  protected warnUser(message: string): void {
    warnUser(message)
  }

  /**
   * Ask before a destructive change. `--yes` skips; without a TTY (or with --json) and without
   * --yes it refuses with exit 2. `typed` requires the operator to type that text (protected contexts).
   */
  protected async confirm(question: string, options: {yes?: boolean; typed?: string} = {}): Promise<void> {
    await confirmChange(question, {...options, json: this.jsonEnabled()})
  }

  override async catch(err: Error & {exitCode?: number; oclif?: {exit?: number}}): Promise<void> {
    this.reportError(withHelpHint(this.toKctl(err), this.id))
  }

  override logJson(json: unknown): void {
    printJson(json, this.degradations())
  }

  /** What the command could not reach (a broker down, a partition without a leader); none here. */
  protected degradations(): Degradation[] {
    return []
  }

  override async finally(err: Error | undefined): Promise<void> {
    this.deadline.end()
    await super.finally(err)
  }

  protected toKctl(err: Error & {exitCode?: number; oclif?: {exit?: number}}): KctlError {
    const ctor = this.ctor as unknown as typeof KctlCommand
    const flagNames = Object.keys({...ctor.baseFlags, ...ctor.flags, ...(ctor.enableJsonFlag ? {json: true} : {})})
    return toCommandError(err, {id: this.id, flagNames})
  }

  protected reportError(error: KctlError): void {
    reportError(error, {json: this.jsonEnabled(), debug: Boolean(this.flags?.debug), printJson: (j) => this.logJson(j)})
  }

  /** The deadline passed: report and end the process (no command hangs past --timeout). */
  protected onDeadline(timeoutMs: number): void {
    this.reportError(this.deadlineError(timeoutMs))
    process.exit(process.exitCode)
  }

  protected deadlineError(timeoutMs: number): KctlError {
    return timeoutError(timeoutMs)
  }
}

/** `--yes` for commands that change the cluster (guardMutation reads it). */
export const yesFlag = Flags.boolean({
  char: 'y',
  summary: 'Do not ask for confirmation (protected contexts and destructive changes).',
})

/** A command that talks to Kafka: connection flags, one lazily opened connection, safety checks. */
export abstract class KafkaCommand<T extends typeof Command> extends KctlCommand<T> {
  static baseFlags = {
    ...KctlCommand.baseFlags,
    'bootstrap-server': Flags.string({
      char: 'b',
      summary: 'Kafka bootstrap servers, host:port[,host:port].',
      env: 'KCTL_BOOTSTRAP_SERVER',
      helpGroup: 'CONNECTION',
    }),
    'command-config': Flags.string({
      summary: 'Kafka client .properties file (security settings).',
      env: 'KCTL_COMMAND_CONFIG',
      helpGroup: 'CONNECTION',
    }),
    context: Flags.string({
      summary: 'Named context from the kctl config file.',
      env: 'KCTL_CONTEXT',
      helpGroup: 'CONNECTION',
    }),
  }

  declare protected flags: KafkaFlags<T>
  /** Made on first use (after init() parsed the flags). */
  private kafka?: CommandConnection
  private guard?: MutationGuard

  private get kafkaConnection(): CommandConnection {
    this.kafka ??= new CommandConnection({
      typed: (name: ConnectionFlag) => (this.commandLineFlags.has(name) ? this.flags[name] : undefined),
      timeoutMs: () => this.timeoutMs,
      debug: debugWriter(Boolean(this.flags.debug)),
      warn: (message) => this.warnUser(message),
    })
    return this.kafka
  }

  protected get connectionSpec(): ConnectionSpec {
    return this.kafkaConnection.spec
  }

  /**
   * For commands that run against several contexts in turn (`--context a,b`): close the current
   * connection; the next connection() and guardMutation() use context `name`.
   */
  protected async useContext(name: string): Promise<void> {
    await this.kafkaConnection.use(name)
  }

  /** The connection, opened on first use; closed in finally(). */
  protected async connection(): Promise<KafkaConnection> {
    return this.kafkaConnection.open()
  }

  /**
   * Every mutating command calls this before changing anything: read-only contexts refuse,
   * protected ones need the context name typed (or --yes), others confirm when `destructive`.
   * Guards follow the cluster: a connection without a context (-b, KCTL_BOOTSTRAP_SERVER) to the
   * cluster of a read-only or protected context is guarded like that context.
   */
  protected async guardMutation(question: string, options: {yes?: boolean; destructive?: boolean} = {}): Promise<void> {
    this.guard ??= new MutationGuard({
      spec: () => this.connectionSpec,
      connect: () => this.connection(),
      confirm: (q, o) => this.confirm(q, o),
      debug: debugWriter(Boolean(this.flags.debug)),
    })
    await this.guard.check(question, {...options, yes: options.yes ?? (this.flags as {yes?: boolean}).yes})
  }

  protected override degradations(): Degradation[] {
    return this.kafka?.warnings ?? []
  }

  override async finally(err: Error | undefined): Promise<void> {
    // The connection stays readable after closing: the JSON result (printed after finally) carries its warnings.
    await this.kafka?.close()
    await super.finally(err)
  }

  protected override deadlineError(timeoutMs: number): KctlError {
    const brokers = this.kafka?.connecting
    return brokers ? connectTimeoutError(brokers, timeoutMs) : super.deadlineError(timeoutMs)
  }
}

export {ExitCode}
