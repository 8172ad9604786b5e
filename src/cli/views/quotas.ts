import {type QuotaEntity, formatQuotaEntity} from '../../admin/security/quotas.js'
import type {View} from '../../output/format.js'
import {toKeyValues} from '../../output/table.js'

/** A quota entity and its quotas after `quotas set` / `quotas delete` (before them, for --dry-run). */
export const entityQuotaView = <R extends {entity: QuotaEntity; dryRun: boolean; quotas: Record<string, number>}>(
  color: boolean,
): View<R> => ({
  header: (d) =>
    toKeyValues(
      [
        ['Entity', formatQuotaEntity(d.entity)],
        ...(d.dryRun ? [['Dry run', 'validated only (by the broker), nothing changed'] as [string, string]] : []),
      ],
      {color},
    ),
  columns: [
    {key: 'key', header: 'QUOTA'},
    {key: 'value', header: 'VALUE', align: 'right'},
  ],
  rows: (d) => Object.entries(d.quotas).map(([key, value]) => ({key, value})),
  empty: 'No quotas left for this entity.',
})
