import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {
  type GroupDeleteResult,
  assertInactive,
  groupsService,
  streamsInternalTopics,
} from '../../admin/groups/groups.js'
import {offsetsService} from '../../admin/groups/offsets.js'
import {topicsService} from '../../admin/topics/topics.js'
import {KafkaCommand} from '../../base-command.js'
import {operationError, usageError} from '../../errors.js'
import {requireIds} from '../../input/ids.js'
import type {View} from '../../output/format.js'

/** An internal topic (repartition or changelog) of a deleted streams group: deleted only when asked. */
export interface InternalTopicResult {
  group: string
  topic: string
  /** delete with --delete-all-internal-topics, else keep. */
  action: 'delete' | 'keep'
  deleted: boolean
  error: string | null
}

export interface GroupDeleteCommandResult {
  dryRun: boolean
  groups: GroupDeleteResult[]
  /** Streams groups only: their internal topics that exist, and what was done with them. */
  internalTopics: InternalTopicResult[]
}

export default class GroupsDelete extends KafkaCommand<typeof GroupsDelete> {
  static summary = 'Delete consumer groups and their committed offsets. Groups with active members are refused.'
  static description =
    "A streams group's internal topics (the repartition and changelog topics of its topology) are kept and named in the result, unless --delete-all-internal-topics (kafka-streams-groups' flag) deletes them too, after the group."
  static aliases = ['consumer-groups:delete']
  static strict = false
  static examples = [
    '<%= config.bin %> groups delete old-service',
    '<%= config.bin %> groups delete a b c --yes',
    '<%= config.bin %> groups delete old-service --dry-run --output json',
    '<%= config.bin %> groups delete my-streams-app --delete-all-internal-topics --dry-run',
  ]
  static args = {group: Args.string({description: 'Group id(s).'})}
  static flags = {
    yes: Flags.boolean({char: 'y', summary: 'Do not ask for confirmation.'}),
    'dry-run': Flags.boolean({summary: 'Check the groups and show what would be deleted; change nothing.'}),
    'delete-all-internal-topics': Flags.boolean({
      summary: 'Streams groups: also delete their internal topics (repartition, changelog); kept by default.',
      aliases: ['delete-internal-topics'],
    }),
  }

  async run(): Promise<GroupDeleteCommandResult> {
    const ids = [...new Set(requireIds(this.positionals, 'group', 'GROUP'))]
    if (ids.length === 0)
      throw usageError('Name at least one group to delete', 'e.g. kctl groups delete old-service', 'MISSING_GROUP')
    const conn = await this.connection()
    const coordinators = await groupsService.findCoordinators(conn, ids)
    const described = await groupsService.describeGroups(conn, ids, coordinators)
    const missing = described.filter((d) => d.state === 'Dead')
    if (missing.length)
      throw usageError(
        `No such group: ${missing.map((d) => d.group).join(', ')}`,
        'List groups with `kctl groups list`.',
        'UNKNOWN_GROUP',
      )
    assertInactive(described, 'delete')
    const action = this.flags['delete-all-internal-topics'] ? 'delete' : 'keep'
    const internal = described.flatMap((d) => streamsInternalTopics(d).map((topic) => ({group: d.group, topic})))
    const existing = internal.length ? (await offsetsService.topicLayout(conn)).leaders : new Map()
    const internalTopics: InternalTopicResult[] = internal
      .filter((t) => existing.has(t.topic))
      .map((t) => ({...t, action, deleted: false, error: null}))
    if (this.flags['dry-run'])
      return this.present(
        {dryRun: true, groups: ids.sort().map((g) => ({group: g, deleted: false, error: null})), internalTopics},
        groupDeleteView,
      )
    const doomed = internalTopics.filter((t) => t.action === 'delete')
    await this.guardMutation(
      `Delete ${ids.length} group(s) (${ids.join(', ')}) and their committed offsets${doomed.length ? `, and ${doomed.length} internal topic(s) (${doomed.map((t) => t.topic).join(', ')})` : ''}?`,
      {yes: this.flags.yes, destructive: true},
    )
    const groups = await groupsService.deleteGroups(conn, ids, coordinators)
    // Only the topics of groups that are gone: a group that failed to delete keeps its topics.
    const gone = new Set(groups.filter((g) => g.deleted).map((g) => g.group))
    const toDelete = doomed.filter((t) => gone.has(t.group))
    const deleted = await topicsService.deleteTopics(
      conn,
      toDelete.map((t) => t.topic),
      this.timeoutMs,
    )
    for (const t of toDelete) {
      const r = deleted.find((d) => d.name === t.topic)
      t.deleted = r?.status === 'deleted'
      t.error = t.deleted ? null : (r?.error ?? 'not deleted')
    }
    const result = this.present({dryRun: false, groups, internalTopics}, groupDeleteView)
    const failed = groups.filter((g) => !g.deleted)
    const failedTopics = toDelete.filter((t) => !t.deleted)
    if (failed.length || failedTopics.length)
      throw operationError(
        [
          failed.length
            ? `${failed.length} of ${groups.length} groups were not deleted: ${failed.map((f) => `${f.group} ${f.error}`).join(', ')}`
            : '',
          failedTopics.length
            ? `internal topics not deleted: ${failedTopics.map((t) => `${t.topic} (${t.error})`).join(', ')}`
            : '',
        ]
          .filter(Boolean)
          .join('; '),
        {code: 'PARTIAL_FAILURE'},
      )
    return result
  }
}

export const groupDeleteView: View<GroupDeleteCommandResult> = {
  columns: [
    {key: 'group', header: 'GROUP'},
    {
      key: 'result',
      header: 'RESULT',
      color: (v) => (v === 'deleted' ? 'green' : v === 'would delete' ? undefined : 'red'),
    },
  ],
  rows: (d) =>
    d.groups.map((g) => ({group: g.group, result: d.dryRun ? 'would delete' : g.deleted ? 'deleted' : g.error})),
  footer: (d) => {
    const lines: string[] = []
    for (const group of [...new Set(d.internalTopics.map((t) => t.group))]) {
      const topics = d.internalTopics.filter((t) => t.group === group)
      const names = topics.map((t) => t.topic).join(', ')
      if (topics[0].action === 'keep')
        lines.push(
          `Internal topics of streams group ${group} ${d.dryRun ? 'will be' : 'were'} kept: ${names} (add --delete-all-internal-topics to delete them).`,
        )
      else if (d.dryRun) lines.push(`Internal topics of streams group ${group} will be deleted: ${names}.`)
      else
        lines.push(
          `Internal topics of streams group ${group}: ${topics.map((t) => `${t.topic} ${t.deleted ? 'deleted' : `not deleted (${t.error})`}`).join(', ')}.`,
        )
    }
    return lines
  },
}
