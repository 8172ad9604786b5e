import * as Flags from '@oclif/core/flags'

import {type OffsetDeleteResult, assertInactive, groupsService} from '../../admin/groups/groups.js'
import {offsetsService, resolvePartitions} from '../../admin/groups/offsets.js'
import {shareGroupsService} from '../../admin/groups/share-groups.js'
import {KafkaCommand} from '../../base-command.js'
import {operationError, usageError} from '../../errors.js'
import {idFlag} from '../../flags/values.js'
import {mergeTopicPartitions, parseTopicPartitions} from '../../input/topic-partitions.js'
import type {View} from '../../output/format.js'

export interface OffsetDeleteCommandResult {
  group: string
  dryRun: boolean
  offsets: OffsetDeleteResult[]
}

export default class OffsetsDelete extends KafkaCommand<typeof OffsetsDelete> {
  static summary = "Delete a group's committed offsets for topics or partitions (OffsetDelete, KIP-496)."
  static description =
    "The group must not be consuming the topic. The next consumer of the group starts from its auto.offset.reset position. A share group's offsets (its start offsets) are deleted per topic (DeleteShareGroupOffsets), and only while the group is empty; its next consumer starts from share.auto.offset.reset."
  static examples = [
    '<%= config.bin %> offsets delete --group billing --topic orders',
    '<%= config.bin %> offsets delete --group billing --topic orders:0,1 --yes',
    '<%= config.bin %> offsets delete --group billing --topic orders --dry-run --output json',
    '<%= config.bin %> offsets delete --group share-billing --topic orders --yes',
  ]

  static flags = {
    group: idFlag('group')({summary: 'The consumer group.', required: true}),
    topic: Flags.string({
      summary: 'Topic, or topic:partitions (orders:0,1). Repeatable.',
      required: true,
      multiple: true,
    }),
    yes: Flags.boolean({char: 'y', summary: 'Do not ask for confirmation.'}),
    'dry-run': Flags.boolean({summary: 'Show what would be deleted; change nothing.'}),
  }

  async run(): Promise<OffsetDeleteCommandResult> {
    const specs = mergeTopicPartitions(this.flags.topic.map((t) => parseTopicPartitions(t)))
    const conn = await this.connection()
    const partitions = resolvePartitions(
      await offsetsService.topicLayout(
        conn,
        specs.map((s) => s.topic),
      ),
      specs,
    )
    const byTopic = [...new Set(partitions.map((p) => p.topic))].map((topic) => ({
      topic,
      partitions: partitions.filter((p) => p.topic === topic).map((p) => p.partition),
    }))
    const group = this.flags.group
    await offsetsService.assertGroupsExist(conn, [group])
    const [described] = await groupsService.describeGroups(conn, [group])
    const share = described.type === 'share'
    if (share) {
      const partial = specs.find((s) => s.partitions !== undefined)
      if (partial)
        throw usageError(
          `Share group ${group} keeps its offsets per topic: they cannot be deleted for single partitions (${partial.topic}:${partial.partitions!.join(',')})`,
          `Delete the whole topic's offsets with --topic ${partial.topic}, or set partitions with \`kctl offsets reset --group ${group} --topic ${partial.topic}:${partial.partitions!.join(',')} --to-earliest --execute\` (nothing was changed).`,
          'UNSUPPORTED_GROUP_TYPE',
        )
      assertInactive([described], 'delete offsets')
    }
    if (this.flags['dry-run']) {
      return this.present(
        {group, dryRun: true, offsets: partitions.map((p) => ({group, ...p, deleted: false, error: null}))},
        offsetDeleteView,
      )
    }
    await this.guardMutation(`Delete the committed offsets of group ${group} for ${partitions.length} partition(s)?`, {
      yes: this.flags.yes,
      destructive: true,
    })
    const offsets = share
      ? (
          await shareGroupsService.deleteShareGroupOffsets(
            conn,
            group,
            described.coordinator,
            specs.map((s) => s.topic),
          )
        ).flatMap((t) =>
          partitions.filter((p) => p.topic === t.topic).map((p) => ({group, ...p, deleted: t.deleted, error: t.error})),
        )
      : await groupsService.deleteGroupOffsets(conn, group, byTopic)
    const result = this.present({group, dryRun: false, offsets}, offsetDeleteView)
    const failed = offsets.filter((o) => !o.deleted)
    if (failed.length)
      throw operationError(
        `${failed.length} of ${offsets.length} offsets were not deleted: ${failed.map((f) => `${f.topic}:${f.partition} ${f.error}`).join(', ')}`,
        {
          code: 'PARTIAL_FAILURE',
          hint: 'GROUP_SUBSCRIBED_TO_TOPIC: the group still consumes the topic; stop it first.',
        },
      )
    return result
  }
}

export const offsetDeleteView: View<OffsetDeleteCommandResult> = {
  columns: [
    {key: 'group', header: 'GROUP'},
    {key: 'topic', header: 'TOPIC'},
    {key: 'partition', header: 'PARTITION', align: 'right'},
    {
      key: 'result',
      header: 'RESULT',
      color: (v) => (v === 'deleted' ? 'green' : v === 'would delete' ? undefined : 'red'),
    },
  ],
  rows: (d) =>
    d.offsets.map((o) => ({
      group: o.group,
      topic: o.topic,
      partition: o.partition,
      result: d.dryRun ? 'would delete' : o.deleted ? 'deleted' : o.error,
    })),
  empty: 'Nothing to delete.',
}
