import type {Command} from '@oclif/core'
import * as Flags from '@oclif/core/flags'
import {existsSync, writeFileSync} from 'node:fs'
import {resolve} from 'node:path'

import {type BalanceScope, type PreparedBalance, balanceService} from '../admin/partitions/balance.js'
import {movedReplicas} from '../admin/partitions/reassign-plan.js'
import {KafkaCommand} from '../base-command.js'
import type {KafkaConnection} from '../connection/client.js'
import {ExitCode, usageError} from '../errors.js'
import {parseByteRate} from '../input/byte-rate.js'
import {formatReassignmentPlan} from '../input/kafka-json.js'
import {validateTopicName} from '../input/topic-name.js'
import {type BalanceResult, balanceView} from './views/balance.js'
import {moveLines, moveQuestion, reassignProgress} from './views/reassign.js'

/** The flags `brokers drain` and `partitions rebalance` share. */
export const balanceFlags = {
  topics: Flags.string({
    summary: 'Only these topics (repeatable or comma-separated); default: every topic, internal ones too.',
    multiple: true,
  }),
  'exclude-internal': Flags.boolean({summary: 'Leave the internal topics (__consumer_offsets, ...) where they are.'}),
  throttle: Flags.string({summary: 'Replication throttle in bytes/s while replicas copy (e.g. 10MB, 50MiB/s).'}),
  wait: Flags.boolean({
    summary:
      'Wait (with progress) until the moves finish, remove the throttles, elect the preferred leaders and verify. Bounded by --timeout.',
  }),
  'plan-out': Flags.string({
    summary:
      "Write the plan (kafka-reassign-partitions' JSON) to this new file, e.g. for `partitions reassign --verify`.",
  }),
  'rollback-out': Flags.string({
    summary:
      'Write the current assignment of the partitions that move to this new file (undo with `partitions reassign --execute --plan`).',
  }),
  'dry-run': Flags.boolean({summary: 'Show the plan and the counts per broker; change nothing.'}),
  yes: Flags.boolean({char: 'y', summary: 'Do not ask for confirmation.'}),
}

interface BalanceFlagValues {
  topics?: string[]
  'exclude-internal'?: boolean
  throttle?: string
  wait?: boolean
  'plan-out'?: string
  'rollback-out'?: string
  'dry-run'?: boolean
  yes?: boolean
}

const splitList = (values: string[] | undefined) =>
  (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '')

/**
 * `brokers drain` and `partitions rebalance`: validate the shared flags before any request, plan
 * (the subclass's service call), show or confirm, execute through the reassignment engine.
 */
export abstract class BalanceCommand<T extends typeof Command> extends KafkaCommand<T> {
  private get shared(): BalanceFlagValues {
    return this.flags as unknown as BalanceFlagValues
  }

  /** The scope and throttle from the shared flags, checked before any request (exit 2). */
  protected balanceInput(): {scope: BalanceScope; throttle: number | null} {
    const f = this.shared
    const given = splitList(f.topics)
    if (f.topics && given.length === 0)
      throw usageError('--topics names no topic', 'E.g. --topics orders,payments.', 'MISSING_TOPIC_NAME')
    for (const t of given) validateTopicName(t)
    const files = [f['plan-out'], f['rollback-out']].filter((x): x is string => x !== undefined)
    for (const file of files)
      if (existsSync(file))
        throw usageError(
          `${file} exists already`,
          'Choose a new file name (kctl does not overwrite plans).',
          'FILE_EXISTS',
        )
    if (files.length === 2 && resolve(files[0]) === resolve(files[1]))
      throw usageError(
        '--plan-out and --rollback-out name the same file',
        'Give two file names.',
        'CONFLICTING_ARGUMENTS',
      )
    const throttle = f.throttle === undefined ? null : parseByteRate(f.throttle)
    if (f['dry-run'] && (f.wait || throttle !== null))
      throw usageError(
        '--dry-run changes nothing: --wait and --throttle do not apply',
        'Drop --dry-run to execute, or drop --wait/--throttle.',
        'CONFLICTING_ARGUMENTS',
      )
    return {
      scope: {
        topics: given.length > 0 ? [...new Set(given)] : undefined,
        excludeInternal: Boolean(f['exclude-internal']),
      },
      throttle,
    }
  }

  /** Plan with `prepare`, then show (dry run, nothing to do) or confirm and execute. */
  protected async runBalance(
    input: {scope: BalanceScope; throttle: number | null},
    what: Pick<BalanceResult, 'operation' | 'broker' | 'by'>,
    prepare: (conn: KafkaConnection) => Promise<PreparedBalance>,
  ): Promise<BalanceResult> {
    const f = this.shared
    const conn = await this.connection()
    const prepared = await prepare(conn)
    const {moves, elections} = prepared.plan
    const toKafka = (replicas: (m: (typeof moves)[number]) => number[]) =>
      formatReassignmentPlan(moves.map((m) => ({topic: m.topic, partition: m.partition, replicas: replicas(m)})))
    const balanced = moves.length === 0 && elections.length === 0
    if (moves.length > 0 && f['plan-out'])
      writeFileSync(
        f['plan-out'],
        `${JSON.stringify(
          toKafka((m) => m.proposed),
          null,
          2,
        )}\n`,
      )
    if (moves.length > 0 && f['rollback-out'])
      writeFileSync(
        f['rollback-out'],
        `${JSON.stringify(
          toKafka((m) => m.current),
          null,
          2,
        )}\n`,
      )
    const result: BalanceResult = {
      ...what,
      topics: input.scope.topics ?? null,
      dryRun: Boolean(f['dry-run']),
      balanced,
      throttle: input.throttle,
      movedReplicaCount: movedReplicas(moves),
      brokers: prepared.brokers,
      planFile: moves.length > 0 ? (f['plan-out'] ?? null) : null,
      rollbackFile: moves.length > 0 ? (f['rollback-out'] ?? null) : null,
      rollback: moves.length > 0 ? toKafka((m) => m.current) : null,
      moves: moves.map((m) => ({...m, error: null})),
      elections: elections.map((e) => ({...e, result: 'planned' as const, error: null})),
      complete: null,
      throttlesRemoved: false,
      verified: null,
    }
    if (f['dry-run'] || balanced) return this.present(result, balanceView(this.color))
    if (moves.length > 0) this.note(moveLines(moves))
    const question =
      moves.length > 0
        ? `${moveQuestion(moves, input.throttle).replace(/\?$/, '')}, then elect ${elections.length} preferred leader(s)?`
        : `Elect ${elections.length} preferred leader(s)?`
    await this.guardMutation(question, {yes: f.yes, destructive: true})
    const run = await balanceService.executeBalance(conn, prepared, {
      throttle: input.throttle,
      timeoutMs: Math.min(this.timeoutMs, 60_000),
      wait: Boolean(f.wait),
      onProgress: reassignProgress((line) => this.note(line)),
      drained: what.broker ?? undefined,
    })
    Object.assign(result, run)
    this.present(result, balanceView(this.color))
    if (
      run.moves.some((m) => m.error) ||
      run.elections.some((e) => e.result === 'failed') ||
      run.complete === false ||
      run.verified === false
    )
      this.exitWith(ExitCode.failed)
    return result
  }
}
