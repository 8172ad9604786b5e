import {clusterService} from '../admin/cluster/cluster.js'
import type {KafkaConnection} from '../connection/client.js'
import {loadConfig} from '../connection/config-file.js'
import {type ClusterGuard, findClusterGuard, guardedContexts} from '../connection/guards.js'
import type {ConnectionSpec} from '../connection/resolve.js'
import {cancelledError, usageError} from '../errors.js'
import {canPrompt, isPromptAbort, prompter} from '../prompts/prompter.js'

/**
 * Ask before a change. `yes` skips; without a terminal (or with JSON output) and without `yes`
 * it refuses with exit 2. `typed` makes the person type that text (protected contexts).
 */
export async function confirmChange(
  question: string,
  options: {yes?: boolean; typed?: string; json?: boolean} = {},
): Promise<void> {
  if (options.yes) return
  if (!canPrompt() || options.json) {
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

type Guard = Omit<ClusterGuard, 'matchedBy'> & Partial<Pick<ClusterGuard, 'matchedBy'>>

/**
 * The safety checks of one command's mutations, given its connection spec and a way to connect:
 * read-only contexts refuse, protected ones need the context name typed (or --yes), others confirm
 * when `destructive`. Guards follow the cluster: a connection without a context (-b,
 * KCTL_BOOTSTRAP_SERVER) to the cluster of a read-only or protected context is guarded like it.
 */
export class MutationGuard {
  private found?: Promise<ClusterGuard | undefined>

  constructor(
    private readonly options: {
      spec: () => ConnectionSpec
      connect: () => Promise<KafkaConnection>
      /** The command's confirmation (confirmChange with its output format). */
      confirm: (question: string, options: {yes?: boolean; typed?: string}) => Promise<void>
      debug?: (line: string) => void
    },
  ) {}

  async check(question: string, options: {yes?: boolean; destructive?: boolean} = {}): Promise<void> {
    const spec = this.options.spec()
    const guard: Guard | undefined = spec.contextName
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
      await this.options.confirm(`${question} ${why}`, {yes: options.yes, typed: guard.contextName})
      return
    }
    if (options.destructive) await this.options.confirm(question, {yes: options.yes})
  }

  /**
   * The guarded context whose cluster a connection without a context reaches, asked once. Only when
   * the config file has a read-only or protected context: then one DescribeCluster tells the
   * cluster id and brokers. A config file that cannot be read fails the command (the guard cannot
   * be checked).
   */
  private clusterGuard(spec: ConnectionSpec): Promise<ClusterGuard | undefined> {
    this.found ??= (async () => {
      const config = loadConfig()
      if (guardedContexts(config).length === 0) return undefined
      const identity = await clusterService.clusterIdentity(await this.options.connect())
      const guard = await findClusterGuard(config, spec.brokers, identity)
      this.options.debug?.(
        `guard: cluster ${identity.clusterId} ${guard ? `is that of ${guard.readOnly ? 'read-only' : 'protected'} context ${guard.contextName} (matched by ${guard.matchedBy})` : 'is not that of a guarded context'}`,
      )
      return guard
    })()
    return this.found
  }
}
