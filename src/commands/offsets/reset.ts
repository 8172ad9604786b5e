import * as Flags from '@oclif/core/flags'

import {clusterService} from '../../admin/cluster/cluster.js'
import {assertInactive, groupsService, isInactive} from '../../admin/groups/groups.js'
import {type PlannedReset, type ResetScope, offsetResetService, planToCsv} from '../../admin/groups/offset-reset.js'
import {offsetsService} from '../../admin/groups/offsets.js'
import {KafkaCommand} from '../../base-command.js'
import {type ResetResult, resetPlanView} from '../../cli/views/offsets.js'
import {usageError} from '../../errors.js'
import {resetPlanFlags} from '../../flags/offsets.js'
import {idFlag} from '../../flags/values.js'
import {STRATEGY_FLAGS, type ResetStrategy, describeStrategy, parseStrategy} from '../../input/reset-strategy.js'
import {mergeTopicPartitions, parseTopicPartitions} from '../../input/topic-partitions.js'
import {render} from '../../output/render.js'
import {canPrompt, prompter} from '../../prompts/prompter.js'
import {equivalentCommand, resetWizard} from '../../prompts/reset-wizard.js'

export default class OffsetsReset extends KafkaCommand<typeof OffsetsReset> {
  static summary =
    'Reset consumer, share or streams group offsets with any kafka-consumer-groups strategy: plan first, --execute to apply, undoable.'
  static description =
    "Shows the plan (current and new offset, lag before and after) unless --execute. Targets are clamped to each partition's earliest/latest offsets. Groups with active members are refused before anything is committed. A share group's start offsets are set with AlterShareGroupOffsets; a streams group's --all-topics are its input topics (as kafka-streams-groups --all-input-topics: committed partitions, without its repartition topics). On a terminal without a strategy, a wizard asks for everything."
  static examples = [
    '<%= config.bin %> offsets reset --group billing --topic orders --to-earliest',
    '<%= config.bin %> offsets reset --group billing --topic orders:0,1 --shift-by=-100 --execute',
    '<%= config.bin %> offsets reset --group billing --all-topics --to-datetime 2024-01-31T12:00:00Z --execute --yes',
    '<%= config.bin %> offsets reset --group billing --all-topics --by-duration PT30M --export > plan.csv',
    '<%= config.bin %> offsets reset --group billing --from-file plan.csv --execute',
    '<%= config.bin %> offsets reset --group share-billing --topic orders --to-earliest --execute --yes',
    '<%= config.bin %> offsets reset --group my-streams-app --all-topics --to-datetime 2024-01-31T12:00:00Z --execute',
    '<%= config.bin %> offsets reset',
  ]

  static flags = {
    group: idFlag('group')({char: 'g', summary: 'Group to reset (repeatable).', multiple: true}),
    'all-groups': Flags.boolean({summary: 'Every group of the cluster.'}),
    topic: Flags.string({
      char: 't',
      summary: 'Topic or topic:partitions (orders:0,1,4-7); repeatable.',
      multiple: true,
    }),
    'all-topics': Flags.boolean({
      summary:
        'Every topic the group has committed offsets for (share groups: start offsets; streams groups: input topics).',
    }),
    'to-earliest': Flags.boolean({summary: 'To the earliest offset.', helpGroup: 'STRATEGY'}),
    'to-latest': Flags.boolean({summary: 'To the latest offset (log end).', helpGroup: 'STRATEGY'}),
    'to-current': Flags.boolean({
      summary: 'To the current committed offset (log end where none).',
      helpGroup: 'STRATEGY',
    }),
    'to-offset': Flags.string({summary: 'To this offset (clamped).', helpGroup: 'STRATEGY'}),
    'shift-by': Flags.string({
      summary: 'Move by N (negative goes back; clamped). Use --shift-by=-N.',
      helpGroup: 'STRATEGY',
    }),
    'to-datetime': Flags.string({
      summary: 'To the first offset at or after an ISO-8601 date-time.',
      helpGroup: 'STRATEGY',
    }),
    'by-duration': Flags.string({summary: 'Back by a duration from now (PT30M, 2h).', helpGroup: 'STRATEGY'}),
    'from-file': Flags.string({
      summary: "Offsets from Kafka's CSV (topic,partition,offset or group,topic,partition,offset).",
      helpGroup: 'STRATEGY',
    }),
    export: Flags.boolean({summary: "Print the plan as Kafka's CSV (for --from-file) instead of a table."}),
    'dry-run': Flags.boolean({summary: 'Only show the plan (the default without --execute).', exclusive: ['execute']}),
    'new-group': Flags.boolean({
      summary: 'Allow a --group that does not exist yet (seeds its offsets); without it an unknown group is an error.',
    }),
    ...resetPlanFlags,
  }

  async run(): Promise<ResetResult> {
    const f = this.flags
    const strategy = parseStrategy(f)
    const topics = f.topic ? mergeTopicPartitions(f.topic.map((t) => parseTopicPartitions(t))) : undefined
    if (f.group && f['all-groups'])
      throw usageError('Pass --group or --all-groups, not both', undefined, 'CONFLICTING_ARGUMENTS')
    if (topics && f['all-topics'])
      throw usageError('Pass --topic or --all-topics, not both', undefined, 'CONFLICTING_ARGUMENTS')
    if (!strategy) {
      if (!canPrompt() || this.jsonEnabled() || f.yes || f.export) {
        throw usageError(
          'Choose a reset strategy',
          `Pass one of ${STRATEGY_FLAGS.map((s) => `--${s}`).join(', ')} (or run on a terminal for the wizard).`,
          'MISSING_STRATEGY',
        )
      }
      return this.wizard()
    }
    if (!f.group && !f['all-groups'])
      throw usageError('Name the group: --group G (repeatable) or --all-groups', undefined, 'MISSING_GROUP')
    if (!topics && !f['all-topics'] && strategy.kind !== 'file')
      throw usageError(
        'Choose the partitions: --topic T[:P,...] (repeatable) or --all-topics',
        undefined,
        'MISSING_SCOPE',
      )
    const conn = await this.connection()
    const coordinators = f['all-groups']
      ? await groupsService.allGroups(conn)
      : await groupsService.findCoordinators(conn, [...new Set(f.group)])
    const plan = await offsetResetService.planReset(conn, {
      groups: [...coordinators.keys()].sort(),
      scope: {topics, allTopics: f['all-topics']},
      strategy,
      strategyText: describeStrategy(strategy),
      coordinators,
      requireExisting: !f['all-groups'] && !f['new-group'],
    })
    return this.finish(plan, strategy)
  }

  /** Show the plan; with --execute refuse active groups, confirm, journal and commit. */
  private async finish(plan: PlannedReset, strategy: ResetStrategy, confirmed = false): Promise<ResetResult> {
    const {descriptions, coordinators: _, committed: __, ...result} = plan
    const tables = !this.flags.export && !this.jsonEnabled()
    // The plan preview and the "Applied" line are for people (table, wide); yaml and csv print the result once.
    const human = tables && (this.format === 'table' || this.format === 'wide')
    if (this.flags.export) process.stdout.write(planToCsv(plan.rows))
    if (!this.flags.execute && !confirmed) {
      if (tables) this.log(this.renderPlan(result))
      for (const d of descriptions.filter((g) => !isInactive(g.state)))
        this.warnUser(
          `group ${d.group} is ${d.state} with ${d.members.length} member(s): --execute will refuse until it is empty`,
        )
      return result
    }
    assertInactive(descriptions, 'reset offsets')
    let shown = confirmed
    if (!confirmed && !this.flags.yes && human && canPrompt()) {
      this.log(this.renderPlan(result))
      shown = true
    }
    if (!confirmed)
      await this.guardMutation(
        `Reset ${plan.rows.length} offset(s) of ${plan.groups.length} group(s) ${describeStrategy(strategy)}?`,
        {yes: this.flags.yes, destructive: true},
      )
    const conn = await this.connection()
    const {clusterId} = await clusterService.describeCluster(conn)
    result.journal = await offsetResetService.executeReset(conn, plan, {clusterId, action: describeStrategy(strategy)})
    result.executed = true
    if (tables)
      this.log(
        shown && human
          ? `Applied: ${plan.rows.length} offset(s) committed (journal ${result.journal.join(', ')}).`
          : this.renderPlan(result),
      )
    this.note(`Undo with: kctl offsets undo ${plan.groups.map((g) => `--group ${g.group}`).join(' ')}`)
    return result
  }

  private renderPlan(result: ResetResult): string {
    return render(result, resetPlanView, this.format, {color: this.color})
  }

  private async wizard(): Promise<ResetResult> {
    const conn = await this.connection()
    const answer = await resetWizard(
      prompter(),
      {
        groups: async () =>
          (await groupsService.listGroups(conn, {withMembers: false})).map((g) => ({group: g.group, state: g.state})),
        partitionsOf: (group) => offsetsService.groupPartitionsForWizard(conn, group),
      },
      {group: this.flags.group?.[0]},
    )
    const scope: ResetScope = {topics: answer.topics}
    const plan = await offsetResetService.planReset(conn, {
      groups: [answer.group],
      scope,
      strategy: answer.strategy,
      strategyText: describeStrategy(answer.strategy),
    })
    const {descriptions, coordinators: _, committed: __, ...preview} = plan
    this.log(this.renderPlan(preview))
    assertInactive(descriptions, 'reset offsets')
    if (!(await prompter().confirm(`Apply this reset to group ${answer.group}?`, false))) {
      this.note(`Not applied. To run it later: ${equivalentCommand(this.config.bin, answer)}`)
      return preview
    }
    // Read-only contexts refuse and protected ones still want the name typed.
    await this.guardMutation(`Reset ${plan.rows.length} offset(s) of group ${answer.group}?`, {destructive: false})
    const result = await this.finish(plan, answer.strategy, true)
    this.note(`Equivalent command: ${equivalentCommand(this.config.bin, answer)}`)
    return result
  }
}
