import * as Flags from '@oclif/core/flags'

import {clusterService} from '../../admin/cluster/cluster.js'
import {assertInactive} from '../../admin/groups/groups.js'
import {type JournalEntry, journalFile, readJournal} from '../../admin/journal.js'
import {type ResetRow, offsetResetService} from '../../admin/groups/offset-reset.js'
import {tpKey} from '../../admin/groups/offsets.js'
import {KafkaCommand} from '../../base-command.js'
import {type ResetResult, resetPlanView} from '../../cli/views/offsets.js'
import {usageError} from '../../errors.js'
import {resetPlanFlags} from '../../flags/offsets.js'
import {idFlag} from '../../flags/values.js'
import type {View} from '../../output/format.js'
import {render} from '../../output/render.js'
import {canPrompt} from '../../prompts/prompter.js'

export interface UndoResult extends ResetResult {
  undoOf: string
  /** Partitions that had no committed offset before the reset: undo deletes their offset. */
  deletes: ResetRow[]
}

export interface JournalListResult {
  file: string
  entries: (Omit<JournalEntry, 'offsets'> & {partitions: number})[]
}

export default class OffsetsUndo extends KafkaCommand<typeof OffsetsUndo> {
  static summary = 'Restore the offsets a group had before its last `offsets reset --execute` (from the journal).'
  static description =
    "Same preview and confirmation as reset, for consumer, share and streams groups. Partitions that had no committed offset before get their offset deleted (a share group's per topic: DeleteShareGroupOffsets has no partitions); a share group gets its start offsets back, not the acknowledgements it held beyond them. --list shows the journal, kept in $KCTL_STATE_DIR, else $XDG_STATE_HOME/kctl, else ~/.local/state/kctl (offset-resets.jsonl)."
  static examples = [
    '<%= config.bin %> offsets undo --group billing',
    '<%= config.bin %> offsets undo --group billing --execute --yes',
    '<%= config.bin %> offsets undo --list',
    '<%= config.bin %> offsets undo --list --group billing --output json',
  ]

  static flags = {
    group: idFlag('group')({char: 'g', summary: 'The group whose last reset to undo.'}),
    list: Flags.boolean({summary: 'Show the journal (all clusters; filter with --group).'}),
    ...resetPlanFlags,
  }

  async run(): Promise<UndoResult | JournalListResult> {
    const group = this.flags.group
    if (this.flags.list) {
      const entries = readJournal({group})
        .map(({offsets, ...e}) => ({...e, partitions: offsets.length}))
        .reverse()
      return this.present({file: journalFile(), entries}, journalView)
    }
    if (!group) throw usageError('Name the group: --group G (or --list to see the journal)', undefined, 'MISSING_GROUP')
    const conn = await this.connection()
    const {clusterId} = await clusterService.describeCluster(conn)
    const last = readJournal({clusterId, group}).at(-1)
    if (!last)
      throw usageError(
        `The journal has no reset of group ${group} on cluster ${clusterId}`,
        `Journal: ${journalFile()}. See \`kctl offsets undo --list\`.`,
        'NOTHING_TO_UNDO',
      )
    const rows = last.offsets.map((o) => ({
      group,
      topic: o.topic,
      partition: o.partition,
      offset: BigInt(o.previous ?? '0'),
    }))
    const plan = await offsetResetService.planReset(conn, {
      groups: [group],
      scope: {},
      strategy: {kind: 'file', rows},
      strategyText: `undo of ${last.id} (${last.action}, ${last.time})`,
    })
    const deleted = new Set(last.offsets.filter((o) => o.previous === null).map((o) => tpKey(o.topic, o.partition)))
    const deletes = plan.rows.filter((r) => deleted.has(tpKey(r.topic, r.partition)))
    plan.rows = plan.rows.filter((r) => !deletes.includes(r))
    const {descriptions, coordinators: _, committed: __, ...preview} = plan
    const result: UndoResult = {...preview, undoOf: last.id, deletes}
    const tables = !this.jsonEnabled()
    if (!this.flags.execute) return this.present(result, undoView)
    assertInactive(descriptions, 'undo the reset')
    if (!this.flags.yes && tables && canPrompt()) this.log(render(result, undoView, this.format, {color: this.color}))
    await this.guardMutation(
      `Restore ${plan.rows.length + deletes.length} offset(s) of group ${group} to before ${last.id}?`,
      {yes: this.flags.yes, destructive: true},
    )
    result.journal = await offsetResetService.executeReset(conn, plan, {
      clusterId,
      action: `undo of ${last.id}`,
      deletes,
    })
    result.executed = true
    return this.present(result, undoView)
  }
}

export const undoView: View<UndoResult> = {
  ...resetPlanView,
  footer: (d) =>
    d.deletes.map(
      (r) =>
        `${d.executed ? 'Deleted' : 'Will delete'} the offset of ${r.group} on ${r.topic}:${r.partition} (current ${r.currentOffset ?? '-'}; it had none before).`,
    ),
}

export const journalView: View<JournalListResult> = {
  header: (d) => [`Journal: ${d.file}`],
  columns: [
    {key: 'id', header: 'ID'},
    {key: 'time', header: 'TIME'},
    {key: 'clusterId', header: 'CLUSTER'},
    {key: 'group', header: 'GROUP'},
    {key: 'action', header: 'ACTION'},
    {key: 'partitions', header: 'PARTITIONS', align: 'right'},
  ],
  rows: (d) => d.entries.map((e) => ({...e})),
  empty: 'No resets recorded.',
}
