import {Command} from '@oclif/core/command'
import * as Flags from '@oclif/core/flags'
import type {Interfaces} from '@oclif/core'

import {clusterService} from './admin/cluster/cluster.js'
import {type KafkaConnection, connections} from './connection/client.js'
import {loadConfig} from './connection/config-file.js'
import {type ClusterGuard, findClusterGuard, guardedContexts} from './connection/guards.js'
import {type ConnectionSpec, resolveConnection} from './connection/resolve.js'
import {
  ExitCode,
  type ExitCodeValue,
  KctlError,
  cancelledError,
  connectionError,
  operationError,
  parseErrorToKctl,
  toKctlError,
  usageError,
} from './errors.js'
import {closestMatch} from './input/did-you-mean.js'
import {parseWaitDuration} from './input/duration.js'
import {loadColors} from './output/colors.js'
import {OUTPUT_FORMATS, type OutputFormat, type View} from './output/format.js'
import {toJson} from './output/json.js'
import {colorEnabled, render} from './output/render.js'
import {canPrompt, isPromptAbort, prompter, setPromptHooks} from './prompts/prompter.js'

export type BaseFlags<T extends typeof Command> = Interfaces.InferredFlags<
  (typeof KctlCommand)['baseFlags'] & T['flags']
>
export type KafkaFlags<T extends typeof Command> = Interfaces.InferredFlags<
  (typeof KafkaCommand)['baseFlags'] & T['flags']
>
export type CommandArgs<T extends typeof Command> = Interfaces.InferredArgs<T['args']>

const DEFAULT_TIMEOUT = '30s'

/**
 * Base of every kctl command: output flags, the deadline, the error mapping, prompts.
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
  private deadline?: NodeJS.Timeout

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
    this.startDeadline()
    // --timeout bounds kctl's work, not a person answering a prompt.
    setPromptHooks({waiting: () => this.stopDeadline(), answered: () => this.startDeadline()})
  }

  /** (Re)start the --timeout clock: a full timeout from now. */
  private startDeadline(): void {
    this.stopDeadline()
    const timeoutMs = this.timeoutMs
    this.deadline = setTimeout(() => this.onDeadline(timeoutMs), timeoutMs)
    this.deadline.unref()
  }

  protected stopDeadline(): void {
    if (this.deadline) clearTimeout(this.deadline)
    this.deadline = undefined
  }

  /** Run something a person does (an editor session) without the --timeout clock running. */
  protected byUser<R>(fn: () => R): R {
    this.stopDeadline()
    try {
      return fn()
    } finally {
      this.startDeadline()
    }
  }

  get timeoutMs(): number {
    // Validated in init() (startDeadline reads it): more than 0, at most Node's timer limit.
    return parseWaitDuration(this.flags?.timeout ?? DEFAULT_TIMEOUT, '--timeout')
  }

  /** -o json is the same as --json: oclif then prints run()'s result. */
  override jsonEnabled(): boolean {
    if (super.jsonEnabled()) return true
    const argv = this.argv ?? []
    const i = argv.findIndex((a) => a === '-o' || a === '--output')
    return (i !== -1 && argv[i + 1] === 'json') || argv.includes('-ojson') || argv.includes('--output=json')
  }

  get format(): OutputFormat {
    if (this.jsonEnabled()) return 'json'
    return (this.flags?.output as OutputFormat | undefined) ?? 'table'
  }

  get color(): boolean {
    return colorEnabled(process.stdout, Boolean(this.flags?.['no-color']))
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
    if (process.stderr.isTTY && !this.jsonEnabled()) process.stderr.write(`${message}\n`)
  }

  protected warnUser(message: string): void {
    process.stderr.write(`Warning: ${message}\n`)
  }

  /**
   * Ask before a destructive change. `--yes` skips; without a TTY (or with --json) and without
   * --yes it refuses with exit 2. `typed` requires the operator to type that text (protected contexts).
   */
  protected async confirm(question: string, options: {yes?: boolean; typed?: string} = {}): Promise<void> {
    if (options.yes) return
    if (!canPrompt() || this.jsonEnabled()) {
      throw usageError(
        'Refusing to make this change without confirmation',
        'Run it on a terminal to confirm, or pass --yes.',
        'CONFIRMATION_REQUIRED',
      )
    }
    try {
      if (options.typed) {
        const answer = await prompter().input(`${question} Type ${options.typed} to confirm:`)
        if (answer.trim() !== options.typed) throw cancelledError('Cancelled: the confirmation did not match')
        return
      }
      if (!(await prompter().confirm(question, false))) throw cancelledError()
    } catch (error) {
      if (isPromptAbort(error)) throw cancelledError()
      throw error
    }
  }

  override async catch(err: Error & {exitCode?: number; oclif?: {exit?: number}}): Promise<void> {
    this.reportError(this.withHint(this.toKctl(err)))
  }

  /** Every usage error (exit 2) says what to do next: the command's help when it has no better hint. */
  private withHint(error: KctlError): KctlError {
    if (error.exitCode !== ExitCode.usage || error.hint) return error
    return new KctlError(error.code, error.exitCode, error.message, {
      hint: `See \`kctl ${this.id?.replaceAll(':', ' ') ?? ''} --help\`.`,
      details: error.details,
      cause: error.cause,
      retriable: error.retriable,
    })
  }

  override logJson(json: unknown): void {
    process.stdout.write(`${toJson(this.withWarnings(json))}\n`)
  }

  /** What the command could not reach (a broker down, a partition without a leader); none here. */
  protected degradations(): {code: string; message: string}[] {
    return []
  }

  /** A JSON object result carries the degradations as `warnings` (arrays and errors stay as they are). */
  private withWarnings(json: unknown): unknown {
    const warnings = this.degradations()
    if (warnings.length === 0 || json === null || typeof json !== 'object' || Array.isArray(json) || 'error' in json)
      return json
    return {...json, warnings}
  }

  override async finally(err: Error | undefined): Promise<void> {
    this.stopDeadline()
    setPromptHooks(undefined)
    await super.finally(err)
  }

  protected toKctl(err: Error & {exitCode?: number; oclif?: {exit?: number}}): KctlError {
    if (err instanceof KctlError) {
      // A validator inside a flag's parse: oclif wraps the message ("Parsing --x \n\t... See more help"); keep ours.
      err.message = err.message.replace(/^Parsing --\S+ \n\t/, '').replace(/\nSee more help with --help$/, '')
      return err
    }
    if (isPromptAbort(err)) return cancelledError()
    // oclif parse errors: unknown flag, missing argument, bad option value.
    if (
      err.oclif !== undefined ||
      /Parse|Flag|Arg|Validation/.test(err.name ?? '') ||
      err.constructor?.name === 'CLIError'
    ) {
      const ctor = this.ctor as unknown as typeof KctlCommand
      const flagNames = Object.keys({...ctor.baseFlags, ...ctor.flags, ...(ctor.enableJsonFlag ? {json: true} : {})})
      return parseErrorToKctl(err, {
        command: `kctl ${this.id?.replaceAll(':', ' ') ?? ''}`.trim(),
        flagNames,
        closest: closestMatch,
      })
    }
    return toKctlError(err)
  }

  protected reportError(error: KctlError): void {
    process.exitCode = error.exitCode
    if (this.jsonEnabled()) {
      this.logJson({error: error.toJSON()})
      return
    }
    process.stderr.write(`Error: ${error.message}\n`)
    if (error.hint) process.stderr.write(`Hint: ${error.hint}\n`)
    if (this.flags?.debug && error.cause instanceof Error && error.cause.stack)
      process.stderr.write(`${error.cause.stack}\n`)
  }

  /** The deadline passed: report and end the process (no command hangs past --timeout). */
  protected onDeadline(timeoutMs: number): void {
    this.reportError(this.deadlineError(timeoutMs))
    process.exit(process.exitCode)
  }

  protected deadlineError(timeoutMs: number): KctlError {
    return operationError(`Timed out after ${timeoutMs}ms`, {
      code: 'TIMEOUT',
      hint: 'Raise --timeout, or check the cluster.',
    })
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
  private conn?: KafkaConnection
  private connectingTo?: string
  private contextOverride?: string

  /**
   * oclif fills these flags from their KCTL_* variables too; resolveConnection needs to know which
   * were typed (the command line beats the environment), so it gets the typed ones and the env.
   */
  protected get connectionSpec(): ConnectionSpec {
    const typed = (name: 'bootstrap-server' | 'command-config' | 'context') =>
      this.commandLineFlags.has(name) ? this.flags[name] : undefined
    // One of several contexts (`--context a,b`, see useContext) counts as typed.
    return resolveConnection(
      {
        'bootstrap-server': typed('bootstrap-server'),
        'command-config': typed('command-config'),
        context: this.contextOverride ?? typed('context'),
      },
      process.env,
    )
  }

  /**
   * For commands that run against several contexts in turn (`--context a,b`): close the current
   * connection; the next connection() and guardMutation() use context `name`.
   */
  protected async useContext(name: string): Promise<void> {
    if (this.conn) await this.conn.close()
    this.conn = undefined
    this.contextOverride = name
  }

  /** The connection, opened on first use; closed in finally(). */
  protected async connection(): Promise<KafkaConnection> {
    if (!this.conn) {
      const spec = this.connectionSpec
      for (const w of spec.warnings) this.warnUser(w)
      const debug = this.flags.debug ? (line: string) => process.stderr.write(`[debug] ${line}\n`) : undefined
      const from = spec.contextName
        ? `context ${spec.contextName}${spec.source === 'context' ? '' : `, brokers from ${spec.source}`}`
        : `from ${spec.source}`
      debug?.(
        `connecting to ${spec.brokers.join(',')} (${spec.securityProtocol}${spec.sasl ? ` ${spec.sasl.mechanism} as ${spec.sasl.username}` : ''}, ${from})`,
      )
      this.connectingTo = spec.brokers.join(',')
      this.conn = await connections.open(spec, {timeoutMs: this.timeoutMs, debug})
      const actualId = spec.clusterId ? await clusterService.clusterId(this.conn) : undefined
      if (spec.clusterId && actualId !== spec.clusterId) {
        throw connectionError(
          `Context ${spec.contextName} is pinned to cluster ${spec.clusterId}, but ${spec.brokers.join(',')} is cluster ${actualId}`,
          {
            code: 'CLUSTER_ID_MISMATCH',
            hint: 'Check the bootstrap servers of the context, or update its cluster-id with `kctl context set`.',
          },
        )
      }
    }
    return this.conn
  }

  /**
   * Every mutating command calls this before changing anything: read-only contexts refuse,
   * protected ones need the context name typed (or --yes), others confirm when `destructive`.
   * Guards follow the cluster: a connection without a context (-b, KCTL_BOOTSTRAP_SERVER) to the
   * cluster of a read-only or protected context is guarded like that context.
   */
  protected async guardMutation(question: string, options: {yes?: boolean; destructive?: boolean} = {}): Promise<void> {
    options = {...options, yes: options.yes ?? (this.flags as {yes?: boolean}).yes}
    const spec = this.connectionSpec
    const guard: (Omit<ClusterGuard, 'matchedBy'> & Partial<Pick<ClusterGuard, 'matchedBy'>>) | undefined =
      spec.contextName
        ? {contextName: spec.contextName, readOnly: spec.readOnly, protected: spec.protected}
        : await this.clusterGuard(spec)
    const via = guard?.matchedBy === 'cluster-id' ? ' (same cluster id)' : guard?.matchedBy ? ' (same brokers)' : ''
    if (guard?.readOnly) {
      throw usageError(
        spec.contextName
          ? `Context ${spec.contextName} is read-only: refusing to change the cluster`
          : `${spec.brokers.join(',')} is the cluster of read-only context ${guard.contextName}${via}: refusing to change it`,
        spec.contextName
          ? 'Use another context, or `kctl context set NAME --no-read-only`.'
          : `Guards follow the cluster, whatever the connection flags: use \`kctl context set ${guard.contextName} --no-read-only\` if it may be changed.`,
        'READ_ONLY_CONTEXT',
      )
    }
    if (guard?.protected) {
      const why = spec.contextName
        ? `Context ${spec.contextName} is protected.`
        : `This is the cluster of protected context ${guard.contextName}${via}.`
      await this.confirm(`${question} ${why}`, {yes: options.yes, typed: guard.contextName})
      return
    }
    if (options.destructive) await this.confirm(question, {yes: options.yes})
  }

  private clusterGuardFound?: Promise<ClusterGuard | undefined>

  /**
   * The guarded context whose cluster a connection without a context reaches. Only when the config
   * file has a read-only or protected context: then one DescribeCluster tells the cluster id and
   * brokers. A config file that cannot be read fails the command (the guard cannot be checked).
   */
  private clusterGuard(spec: ConnectionSpec): Promise<ClusterGuard | undefined> {
    this.clusterGuardFound ??= (async () => {
      const config = loadConfig()
      if (guardedContexts(config).length === 0) return undefined
      const identity = await clusterService.clusterIdentity(await this.connection())
      const guard = await findClusterGuard(config, spec.brokers, identity)
      if (this.flags.debug) {
        process.stderr.write(
          `[debug] guard: cluster ${identity.clusterId} ${guard ? `is that of ${guard.readOnly ? 'read-only' : 'protected'} context ${guard.contextName} (matched by ${guard.matchedBy})` : 'is not that of a guarded context'}\n`,
        )
      }
      return guard
    })()
    return this.clusterGuardFound
  }

  protected override degradations(): {code: string; message: string}[] {
    return this.conn?.warnings ?? []
  }

  override async finally(err: Error | undefined): Promise<void> {
    if (this.conn) {
      // A partial answer says what it is missing, on stderr, whatever the output format.
      for (const w of this.conn.warnings ?? []) this.warnUser(w.message)
      if (this.flags?.debug) {
        const counts = [...this.conn.requestCounts.entries()].sort(([a], [b]) => a.localeCompare(b))
        process.stderr.write(`[debug] requests: ${counts.map(([api, n]) => `${api}=${n}`).join(' ') || 'none'}\n`)
      }
      await this.conn.close()
    }
    await super.finally(err)
  }

  protected override deadlineError(timeoutMs: number): KctlError {
    if (this.connectingTo && !this.conn) {
      return connectionError(`Cannot connect to Kafka at ${this.connectingTo}: no answer within ${timeoutMs}ms`, {
        code: 'CONNECTION_TIMEOUT',
        hint: "Check --bootstrap-server (or the context), that the brokers are up and reachable, and the listener's security protocol.",
      })
    }
    return super.deadlineError(timeoutMs)
  }
}

export {ExitCode}
