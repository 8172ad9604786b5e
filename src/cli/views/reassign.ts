import type {OngoingReassignment, PartitionOutcome, VerifiedPartition} from '../../admin/partitions/reassign.js'
import {type PartitionMove, movedReplicas} from '../../admin/partitions/reassign-plan.js'
import type {formatReassignmentPlan} from '../../input/kafka-json.js'
import type {Cell, Column, View} from '../../output/format.js'

type KafkaPlan = ReturnType<typeof formatReassignmentPlan>

/** What `kctl partitions reassign` returns, by mode. */

export type ReassignResult =
  | {
      mode: 'generate'
      movedReplicas: number
      moves: PartitionMove[]
      current: KafkaPlan | null
      proposed: KafkaPlan | null
      planFile: string | null
    }
  | {
      mode: 'execute'
      dryRun: boolean
      throttle: number | null
      movedReplicas: number
      moves: (PartitionMove & {error: string | null})[]
      complete: boolean | null
      throttlesRemoved: boolean
    }
  | {mode: 'verify'; complete: boolean; partitions: VerifiedPartition[]; throttlesRemoved: boolean}
  | {mode: 'list'; reassignments: OngoingReassignment[]}
  | {mode: 'cancel'; partitions: PartitionOutcome[]; throttlesRemoved: boolean}

const ids = (list: number[] | null | undefined) => (list && list.length > 0 ? list.join(',') : '')

/** The columns of a list of moves (`partitions reassign`, `brokers drain`, `partitions rebalance`). */
export const moveColumns: Column[] = [
  {key: 'topic', header: 'TOPIC'},
  {key: 'partition', header: 'PARTITION', align: 'right'},
  {key: 'from', header: 'CURRENT'},
  {key: 'to', header: 'TARGET'},
  {key: 'adding', header: 'ADDING'},
  {key: 'removing', header: 'REMOVING'},
  {
    key: 'status',
    header: 'STATUS',
    color: (v) =>
      v === 'complete' || v === 'submitted' || v === 'cancelled'
        ? 'green'
        : v === 'in-progress' || v === 'planned'
          ? 'yellow'
          : v
            ? 'red'
            : undefined,
  },
]

/** One move as a row of moveColumns. */
export const moveRow = (m: PartitionMove, status: string): Record<string, Cell> => ({
  topic: m.topic,
  partition: m.partition,
  from: ids(m.current),
  to: ids(m.proposed),
  adding: ids(m.adding),
  removing: ids(m.removing),
  status,
})

/** One view for the five modes of `partitions reassign` (the rows differ by mode). */
export const reassignView = (_color: boolean): View<ReassignResult> => ({
  columns: moveColumns,
  rows: (r): Record<string, Cell>[] => {
    switch (r.mode) {
      case 'generate':
        return r.moves.map((m) => moveRow(m, 'planned'))
      case 'execute':
        return r.moves.map((m) => moveRow(m, m.error ?? (r.dryRun ? 'planned' : r.complete ? 'complete' : 'submitted')))
      case 'verify':
        return r.partitions.map((p) => ({
          topic: p.topic,
          partition: p.partition,
          from: ids(p.current),
          to: ids(p.target),
          status: p.status,
        }))
      case 'list':
        return r.reassignments.map((o) => ({
          topic: o.topic,
          partition: o.partition,
          from: ids(o.replicas),
          adding: ids(o.adding),
          removing: ids(o.removing),
          status: 'in-progress',
        }))
      case 'cancel':
        return r.partitions.map((p) => ({topic: p.topic, partition: p.partition, status: p.error ?? 'cancelled'}))
    }
  },
  empty: '',
  footer: (r) => {
    switch (r.mode) {
      case 'generate':
        if (r.moves.length === 0) return ['The topics are already balanced over these brokers: nothing to move.']
        return [
          '',
          `${r.movedReplicas} replica(s) move, ${r.moves.length} partition(s) change.`,
          r.planFile ? `Plan written to ${r.planFile}.` : `Proposed plan:\n${JSON.stringify(r.proposed)}`,
          `Current assignment (for rollback):\n${JSON.stringify(r.current)}`,
        ]
      case 'execute':
        if (r.moves.length === 0) return ['Every partition already has the planned replicas: nothing to do.']
        return [
          '',
          r.dryRun
            ? `Dry run: ${r.movedReplicas} replica(s) would move.`
            : `Submitted ${r.moves.length} move(s)${r.throttle ? `, throttled to ${r.throttle} B/s` : ''}.${r.complete === null ? ' Check with --verify.' : r.complete ? ' Complete.' : ' Not complete.'}${r.throttlesRemoved ? ' Throttles removed.' : ''}`,
        ]
      case 'verify':
        return ['', r.complete ? `Complete.${r.throttlesRemoved ? ' Throttles removed.' : ''}` : 'Not complete.']
      case 'list':
        return r.reassignments.length === 0 ? ['No reassignments in progress.'] : []
      case 'cancel':
        return r.partitions.length === 0
          ? ['No reassignments in progress to cancel.']
          : [r.throttlesRemoved ? 'Throttles removed.' : '']
    }
  },
})

export function progressBar(done: number, total: number, width = 30): string {
  const filled = total === 0 ? width : Math.round((done / total) * width)
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`
}

/** A waitForReassignment progress callback that prints a line (via `print`) only when the count changes. */
export function reassignProgress(print: (line: string) => void): (done: number, total: number) => void {
  let last = -1
  return (done, total) => {
    if (done === last) return
    last = done
    print(`reassignment: ${done}/${total} partitions done ${progressBar(done, total)}`)
  }
}

/** The moves, one line each, shown before the confirmation. */
export const moveLines = (moves: PartitionMove[]) =>
  moves.map((m) => `${m.topic}:${m.partition}  ${m.current.join(',')} -> ${m.proposed.join(',')}`).join('\n')

export function moveQuestion(moves: PartitionMove[], throttle: number | null): string {
  const removed = moves.reduce((n, m) => n + m.removing.length, 0)
  const what = [`copy ${movedReplicas(moves)} replica(s)`, ...(removed > 0 ? [`remove ${removed}`] : [])].join(', ')
  return `Reassign ${moves.length} partition(s): ${what}${throttle ? `, throttled to ${throttle} B/s` : ''}?`
}
