import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {type ReassignmentRun, reassignService} from '../../admin/partitions/reassign.js'
import {movedReplicas} from '../../admin/partitions/reassign-plan.js'
import {topicAlterService} from '../../admin/topics/topic-alter.js'
import {topicsService} from '../../admin/topics/topics.js'
import {validateTopicName} from '../../input/topic-name.js'
import {KafkaCommand} from '../../base-command.js'
import {ExitCode, usageError} from '../../errors.js'
import {partitionCountFlag, replicationFactorFlag} from '../../flags/values.js'
import {parseByteRate} from '../../input/byte-rate.js'
import {toKeyValues} from '../../output/table.js'
import type {View} from '../../output/format.js'
import {moveLines, moveQuestion, reassignProgress, reassignView} from '../../cli/views/reassign.js'

export interface TopicAlterResult {
  topic: string
  dryRun: boolean
  partitionsBefore: number
  partitionsAfter: number
  replicationFactorBefore: number
  replicationFactorAfter: number
  /** The reassignment (null without a replication-factor change); new partitions are in it when they start with the old factor. */
  reassignment: (ReassignmentRun & {throttle: number | null; movedReplicas: number}) | null
}

export default class TopicsAlter extends KafkaCommand<typeof TopicsAlter> {
  static summary = 'Increase the partition count or change the replication factor of a topic.'
  static description =
    'Kafka cannot remove partitions: a lower count is refused. A new replication factor is a reassignment (balanced over the live brokers, keeping existing replicas): it is confirmed, can be throttled, and --wait removes the throttles when it completes. Configs are changed with `kctl configs set topic NAME k=v`.'

  static examples = [
    '<%= config.bin %> topics alter orders --partitions 12',
    '<%= config.bin %> topics alter orders --replication-factor 3 --throttle 50MiB/s --wait',
    '<%= config.bin %> topics alter orders --partitions 12 --replication-factor 3 --dry-run',
  ]

  static args = {name: Args.string({description: 'Topic name.', required: true})}
  static flags = {
    partitions: partitionCountFlag({summary: 'The new (higher) partition count.'}),
    'replication-factor': replicationFactorFlag({summary: 'The new replication factor (1..live brokers).'}),
    throttle: Flags.string({
      summary: 'With --replication-factor: replication throttle in bytes/s (e.g. 10MB, 50MiB/s).',
    }),
    wait: Flags.boolean({
      summary:
        'With --replication-factor: wait (with progress) until the moves finish, then remove the throttles. Bounded by --timeout.',
    }),
    'dry-run': Flags.boolean({summary: 'Validate and show the plan; change nothing.'}),
    yes: Flags.boolean({char: 'y', summary: 'Do not ask for confirmation.'}),
  }

  async run(): Promise<TopicAlterResult> {
    const {flags, args} = this
    const rf = flags['replication-factor']
    validateTopicName(args.name)
    if (flags.partitions !== undefined && flags.partitions < 1)
      throw usageError(
        `--partitions must be at least 1 (got ${flags.partitions})`,
        'Pass a count above the current one.',
        'INVALID_PARTITIONS',
      )
    if (rf !== undefined && rf < 1)
      throw usageError(
        `--replication-factor must be at least 1 (got ${rf})`,
        'Choose 1..the number of live brokers.',
        'INVALID_REPLICATION_FACTOR',
      )
    if (rf === undefined && (flags.throttle !== undefined || flags.wait))
      throw usageError(
        '--throttle and --wait apply to a replication-factor change',
        'Add --replication-factor N, or drop them.',
      )
    if (flags.partitions === undefined && rf === undefined)
      throw usageError(
        'Say what to change: --partitions and/or --replication-factor',
        'E.g. `kctl topics alter orders --partitions 12`.',
        'NOTHING_TO_ALTER',
      )
    const throttle = flags.throttle === undefined ? null : parseByteRate(flags.throttle)
    const conn = await this.connection()
    const plan = await topicAlterService.planTopicAlter(conn, args.name, {
      partitions: flags.partitions,
      replicationFactor: rf,
    })
    const grows = plan.partitionsAfter > plan.partitionsBefore
    const {newAssignments, moves, topic, ...counts} = plan
    const pending =
      rf === undefined
        ? null
        : {
            throttle,
            movedReplicas: movedReplicas(moves),
            complete: null,
            throttlesRemoved: false,
            moves: moves.map((m) => ({...m, error: null})),
          }
    const result: TopicAlterResult = {topic, dryRun: Boolean(flags['dry-run']), ...counts, reassignment: pending}
    if (flags['dry-run']) {
      if (grows)
        await topicsService.increasePartitions(conn, topic, plan.partitionsAfter, {
          dryRun: true,
          timeoutMs: this.timeoutMs,
          assignments: newAssignments ?? undefined,
        })
      return this.present(result, view(this.color))
    }
    if (moves.length > 0) this.note(moveLines(moves))
    const question = [
      grows ? `Raise ${topic} to ${plan.partitionsAfter} partitions` : '',
      moves.length > 0 ? moveQuestion(moves, throttle) : '',
    ]
      .filter(Boolean)
      .join('; ')
    await this.guardMutation(question.endsWith('?') ? question : `${question}?`, {
      yes: flags.yes,
      destructive: moves.length > 0,
    })
    if (grows) await topicAlterService.createPlannedPartitions(conn, plan, this.timeoutMs)
    if (moves.length > 0) {
      const run = await reassignService.runReassignment(conn, moves, {
        throttle,
        timeoutMs: Math.min(this.timeoutMs, 60_000),
        wait: flags.wait,
        onProgress: reassignProgress((line) => this.note(line)),
      })
      result.reassignment = {...pending!, ...run}
      if (run.moves.some((m) => m.error)) this.exitWith(ExitCode.failed)
    }
    return this.present(result, view(this.color))
  }
}

const view = (color: boolean): View<TopicAlterResult> => {
  const moves = reassignView(color)
  const asExecute = (d: TopicAlterResult) => ({mode: 'execute' as const, dryRun: d.dryRun, ...d.reassignment!})
  return {
    columns: moves.columns,
    rows: (d) => (d.reassignment ? moves.rows(asExecute(d)) : []),
    header: (d) =>
      toKeyValues(
        [
          ['Topic', d.topic],
          [
            'Partitions',
            `${d.partitionsBefore}${d.partitionsAfter === d.partitionsBefore ? '' : ` -> ${d.partitionsAfter}`}`,
          ],
          [
            'Replication factor',
            `${d.replicationFactorBefore}${d.replicationFactorAfter === d.replicationFactorBefore ? '' : ` -> ${d.replicationFactorAfter}`}`,
          ],
          ...(d.dryRun ? [['Dry run', 'validated only, nothing applied'] as [string, string]] : []),
        ],
        {color},
      ),
    footer: (d) => (d.reassignment ? (moves.footer?.(asExecute(d)) ?? []) : []),
    empty: '',
  }
}
