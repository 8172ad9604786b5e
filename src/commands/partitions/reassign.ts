import * as Flags from '@oclif/core/flags'
import {existsSync, writeFileSync} from 'node:fs'

import {reassignService as svc} from '../../admin/partitions/reassign.js'
import {movedReplicas} from '../../admin/partitions/reassign-plan.js'
import {KafkaCommand} from '../../base-command.js'
import {ExitCode, usageError} from '../../errors.js'
import {validateTopicName} from '../../input/topic-name.js'
import {replicationFactorFlag} from '../../flags/values.js'
import {parseByteRate} from '../../input/byte-rate.js'
import {NUMBER_RULES, parseInteger} from '../../input/numbers.js'
import {
  type ReassignmentEntry,
  formatReassignmentPlan,
  parseReassignmentPlan,
  readJsonFile,
} from '../../input/kafka-json.js'
import {type ReassignResult, moveLines, moveQuestion, reassignProgress, reassignView} from '../../cli/views/reassign.js'

const MODES = ['generate', 'execute', 'verify', 'list', 'cancel'] as const
const splitList = (values: string[] | undefined) =>
  (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '')

export default class PartitionsReassign extends KafkaCommand<typeof PartitionsReassign> {
  static summary =
    'Move partition replicas between brokers: generate a plan, execute it with a throttle, verify, list, cancel.'
  static description =
    "Plans are kafka-reassign-partitions' JSON, so existing plans and runbooks work. --verify exits 3 while moves are unfinished."
  static examples = [
    '<%= config.bin %> partitions reassign --generate --topics orders,payments --brokers 1,2,3 --plan plan.json',
    '<%= config.bin %> partitions reassign --generate --topics orders --brokers 1,2,3 --replication-factor 3 --plan rf3.json',
    '<%= config.bin %> partitions reassign --execute --plan plan.json --throttle 50MiB/s --wait --timeout 2h',
    '<%= config.bin %> partitions reassign --verify --plan plan.json',
    '<%= config.bin %> partitions reassign --list',
    '<%= config.bin %> partitions reassign --cancel --plan plan.json --yes',
  ]

  static flags = {
    generate: Flags.boolean({
      summary: 'Propose a balanced, rack-aware plan that moves as little as possible.',
      exclusive: ['execute', 'verify', 'list', 'cancel'],
    }),
    execute: Flags.boolean({
      summary: 'Start the moves of --plan.',
      exclusive: ['generate', 'verify', 'list', 'cancel'],
    }),
    verify: Flags.boolean({
      summary: 'Check whether the moves of --plan are done; removes the throttles when they are.',
      exclusive: ['generate', 'execute', 'list', 'cancel'],
    }),
    list: Flags.boolean({
      summary: 'List the moves in progress.',
      exclusive: ['generate', 'execute', 'verify', 'cancel'],
    }),
    cancel: Flags.boolean({
      summary: 'Cancel the moves of --plan (or every move in progress) and remove the throttles.',
      exclusive: ['generate', 'execute', 'verify', 'list'],
    }),
    topics: Flags.string({summary: 'Topics to plan for (repeatable or comma-separated).', multiple: true}),
    brokers: Flags.string({summary: 'Target brokers, e.g. 1,2,3.', aliases: ['broker-list']}),
    'replication-factor': replicationFactorFlag({summary: 'With --generate: the new replication factor.'}),
    plan: Flags.string({
      summary: 'Reassignment JSON file: read by --execute/--verify/--cancel, written by --generate.',
      aliases: ['reassignment-json-file'],
    }),
    throttle: Flags.string({summary: 'With --execute: replication throttle in bytes/s (e.g. 10MB, 50MiB/s).'}),
    wait: Flags.boolean({
      summary: 'Wait (with progress) until the moves finish, then remove the throttles. Bounded by --timeout.',
    }),
    'preserve-throttles': Flags.boolean({summary: 'With --verify: keep the throttles even when the moves are done.'}),
    'dry-run': Flags.boolean({summary: 'With --execute: show the moves, change nothing.'}),
    yes: Flags.boolean({char: 'y', summary: 'Do not ask for confirmation.'}),
  }

  async run(): Promise<ReassignResult> {
    const mode = MODES.find((m) => this.flags[m])
    if (!mode)
      throw usageError(
        'Say what to do: --generate, --execute, --verify, --list or --cancel',
        'E.g. `kctl partitions reassign --generate --topics orders --brokers 1,2,3`.',
      )
    const result = await this[mode]()
    this.present(result, reassignView(this.color))
    if (result.mode === 'verify' && !result.complete) this.exitWith(ExitCode.checkFailed)
    if (
      (result.mode === 'execute' && result.moves.some((m) => m.error)) ||
      (result.mode === 'cancel' && result.partitions.some((p) => p.error))
    )
      this.exitWith(ExitCode.failed)
    return result
  }

  /** stderr on a TTY only (note), and only when the count changes. */
  private readonly progress = reassignProgress((line) => this.note(line))

  private readPlan(): ReassignmentEntry[] {
    if (!this.flags.plan)
      throw usageError(
        `--${MODES.find((m) => this.flags[m])} needs --plan FILE`,
        'Create one with `kctl partitions reassign --generate ... --plan FILE`.',
      )
    return parseReassignmentPlan(readJsonFile(this.flags.plan, '--plan'), `--plan ${this.flags.plan}`)
  }

  private async generate(): Promise<ReassignResult> {
    const topics = splitList(this.flags.topics)
    const brokerTexts = splitList(this.flags.brokers ? [this.flags.brokers] : undefined)
    if (topics.length === 0 || brokerTexts.length === 0)
      throw usageError('--generate needs --topics and --brokers', 'E.g. --topics orders,payments --brokers 1,2,3.')
    for (const t of topics) validateTopicName(t)
    const brokerIds = brokerTexts.map((b) => parseInteger(b, '--brokers', NUMBER_RULES.brokerId))
    if (this.flags.plan && existsSync(this.flags.plan))
      throw usageError(
        `--plan ${this.flags.plan} exists already`,
        'Choose a new file name (kctl does not overwrite plans).',
        'FILE_EXISTS',
      )
    const {moves} = await svc.generateReassignment(
      await this.connection(),
      [...new Set(topics)],
      brokerIds,
      this.flags['replication-factor'],
    )
    const proposed =
      moves.length > 0
        ? formatReassignmentPlan(moves.map((m) => ({topic: m.topic, partition: m.partition, replicas: m.proposed})))
        : null
    if (proposed && this.flags.plan) writeFileSync(this.flags.plan, `${JSON.stringify(proposed, null, 2)}\n`)
    const current =
      moves.length > 0
        ? formatReassignmentPlan(moves.map((m) => ({topic: m.topic, partition: m.partition, replicas: m.current})))
        : null
    return {
      mode: 'generate',
      movedReplicas: movedReplicas(moves),
      moves,
      current,
      proposed,
      planFile: proposed ? (this.flags.plan ?? null) : null,
    }
  }

  private async execute(): Promise<ReassignResult> {
    const plan = this.readPlan()
    const throttle = this.flags.throttle === undefined ? null : parseByteRate(this.flags.throttle)
    const conn = await this.connection()
    const moves = await svc.planMoves(conn, plan)
    const base = {
      mode: 'execute' as const,
      throttle,
      movedReplicas: movedReplicas(moves),
      complete: null,
      throttlesRemoved: false,
    }
    if (this.flags['dry-run'] || moves.length === 0)
      return {...base, dryRun: Boolean(this.flags['dry-run']), moves: moves.map((m) => ({...m, error: null}))}
    this.note(moveLines(moves))
    await this.guardMutation(moveQuestion(moves, throttle), {yes: this.flags.yes, destructive: true})
    const run = await svc.runReassignment(conn, moves, {
      throttle,
      timeoutMs: Math.min(this.timeoutMs, 60_000),
      wait: Boolean(this.flags.wait),
      onProgress: this.progress,
    })
    return {...base, dryRun: false, ...run}
  }

  private async verify(): Promise<ReassignResult> {
    const plan = this.readPlan()
    const conn = await this.connection()
    const partitions = this.flags.wait
      ? await svc.waitForReassignment(conn, plan, this.progress)
      : await svc.verifyReassignment(conn, plan)
    const complete = partitions.every((p) => p.status === 'complete')
    const removeNow = complete && !this.flags['preserve-throttles']
    if (removeNow) await svc.removeThrottles(conn, [...new Set(plan.map((p) => p.topic))])
    return {mode: 'verify', complete, partitions, throttlesRemoved: removeNow}
  }

  private async list(): Promise<ReassignResult> {
    return {mode: 'list', reassignments: await svc.listReassignments(await this.connection())}
  }

  private async cancel(): Promise<ReassignResult> {
    const plan = this.flags.plan ? this.readPlan() : undefined
    const conn = await this.connection()
    if (plan) await svc.planMoves(conn, plan)
    const targets = plan ? await svc.listReassignments(conn, plan) : await svc.listReassignments(conn)
    if (targets.length === 0) return {mode: 'cancel', partitions: [], throttlesRemoved: false}
    await this.guardMutation(`Cancel ${targets.length} reassignment(s) in progress?`, {
      yes: this.flags.yes,
      destructive: true,
    })
    const partitions = await svc.alterReassignments(
      conn,
      targets.map((t) => ({topic: t.topic, partition: t.partition, replicas: null})),
      Math.min(this.timeoutMs, 60_000),
    )
    await svc.removeThrottles(conn, [...new Set(targets.map((t) => t.topic))])
    return {mode: 'cancel', partitions, throttlesRemoved: true}
  }
}
