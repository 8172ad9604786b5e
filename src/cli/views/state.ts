import type {Change} from '../../admin/state/plan.js'
import type {Cell, View} from '../../output/format.js'

/** What `kctl diff` returns: the plan plus counts. */
export interface StateDiffResult {
  cluster: string | null
  files: string[]
  against: string | null
  planFile: string | null
  pending: number
  changes: Change[]
  unmanaged: Change[]
}

export type AppliedChange = Change & {
  id?: string
  status: 'applied' | 'failed' | 'skipped' | 'planned'
  reason: string | null
}

/** What `kctl apply` returns. */
export interface StateApplyResult {
  cluster: string | null
  files: string[]
  dryRun: boolean
  /** The journal entry of this run (`kctl apply --undo ID`); null for dry runs and no-ops. */
  journalId: string | null
  undoOf: string | null
  changes: AppliedChange[]
  unmanaged: Change[]
  notUndoable: {id: string; reason: string}[]
}

const text = (v: Change['before']) => (v === null ? '' : String(v))

const row = (c: Change): Record<string, Cell> => ({
  action: c.action,
  kind: c.kind,
  name: c.name,
  field: c.field ?? '',
  before: text(c.before),
  after: text(c.after),
  risk: c.risks.join(','),
  source: c.source ?? '',
})

const baseColumns = [
  {
    key: 'action',
    header: 'ACTION',
    color: (v: Cell) => (v === 'delete' ? ('red' as const) : v === 'create' ? ('green' as const) : ('yellow' as const)),
  },
  {key: 'kind', header: 'KIND'},
  {key: 'name', header: 'NAME'},
  {key: 'field', header: 'FIELD'},
  {key: 'before', header: 'BEFORE'},
  {key: 'after', header: 'AFTER'},
  {key: 'risk', header: 'RISK', color: (v: Cell) => (v ? ('red' as const) : undefined)},
]

export const diffView: View<StateDiffResult> = {
  columns: [...baseColumns, {key: 'source', header: 'SOURCE', wide: true}],
  rows: (d) => d.changes.map(row),
  empty: 'No changes: the cluster matches the files.',
  footer: (d) => [
    ...(d.changes.length > 0
      ? [
          '',
          `${d.pending} change(s) pending${d.changes.some((c) => c.risks.length > 0) ? `, ${d.changes.filter((c) => c.risks.length > 0).length} with a risk` : ''}.`,
        ]
      : []),
    ...(d.unmanaged.length > 0
      ? [
          `${d.unmanaged.length} resource(s) in the scope are not in the files; they stay (the files do not say prune: true).`,
        ]
      : []),
    ...(d.planFile ? [`Plan written to ${d.planFile} (apply it with \`kctl apply --plan ${d.planFile}\`).`] : []),
  ],
}

export const applyView: View<StateApplyResult> = {
  columns: [
    ...baseColumns,
    {key: 'status', header: 'STATUS', color: (v) => (v === 'applied' ? 'green' : v === 'failed' ? 'red' : 'yellow')},
    {key: 'reason', header: 'REASON'},
  ],
  rows: (d) => d.changes.map((c) => ({...row(c), status: c.status, reason: c.reason ?? ''})),
  empty: 'Nothing to apply: the cluster matches the files.',
  footer: (d) => {
    const count = (s: string) => d.changes.filter((c) => c.status === s).length
    return [
      '',
      d.dryRun
        ? `Dry run: ${count('planned')} change(s) would be applied; nothing was changed.`
        : `${count('applied')} applied, ${count('failed')} failed, ${count('skipped')} skipped.`,
      ...(d.journalId
        ? [`Journal entry ${d.journalId}: \`kctl apply --undo ${d.journalId}\` puts the replaced values back.`]
        : []),
      ...d.notUndoable.map((n) => `Not undoable: ${n.id} (${n.reason}).`),
      ...(d.unmanaged.length > 0
        ? [
            `${d.unmanaged.length} resource(s) in the scope are not in the files; they stay (the files do not say prune: true).`,
          ]
        : []),
    ]
  },
}
