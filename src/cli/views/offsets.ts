import type {ResetPlan} from '../../admin/groups/offset-reset.js'
import type {View} from '../../output/format.js'

/** The result of `offsets reset` and `offsets undo`: the plan, and whether it was applied. */
export type ResetResult = ResetPlan

export const resetPlanView: View<ResetResult> = {
  header: (d) => [
    `${d.executed ? 'Applied' : 'Plan'}: ${d.strategy}${d.executed ? '' : ' (nothing changed; add --execute to apply)'}`,
  ],
  columns: [
    {key: 'group', header: 'GROUP'},
    {key: 'topic', header: 'TOPIC'},
    {key: 'partition', header: 'PARTITION', align: 'right'},
    {key: 'currentOffset', header: 'CURRENT', align: 'right'},
    {
      key: 'newOffset',
      header: 'NEW',
      align: 'right',
      color: (v, row) => (v === row.currentOffset ? undefined : 'yellow'),
    },
    {key: 'lagBefore', header: 'LAG-BEFORE', align: 'right'},
    {key: 'lagAfter', header: 'LAG-AFTER', align: 'right'},
    {key: 'logStartOffset', header: 'LOG-START', align: 'right', wide: true},
    {key: 'logEndOffset', header: 'LOG-END', align: 'right', wide: true},
  ],
  rows: (d) => d.rows.map((r) => ({...r})),
  empty: 'No partitions to reset.',
}
