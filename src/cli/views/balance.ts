import type {BalanceRun} from '../../admin/partitions/balance.js'
import type {BrokerBalance} from '../../admin/partitions/balance-plan.js'
import type {formatReassignmentPlan} from '../../input/kafka-json.js'
import type {Cell, View} from '../../output/format.js'
import {humanBytes} from '../../output/size.js'
import {toTable} from '../../output/table.js'
import {moveColumns, moveRow} from './reassign.js'

type KafkaPlan = ReturnType<typeof formatReassignmentPlan>

/** What `kctl brokers drain` and `kctl partitions rebalance` return. */
export interface BalanceResult extends BalanceRun {
  operation: 'drain' | 'rebalance'
  /** The drained broker (drain), null for a rebalance. */
  broker: number | null
  /** What a rebalance evens out: replica counts, or bytes (--by-size). A drain: count. */
  by: 'count' | 'size'
  /** The topics given with --topics; null = every topic (less the internal ones with --exclude-internal). */
  topics: string[] | null
  dryRun: boolean
  /** Nothing to move and nothing to elect: nothing was sent. */
  balanced: boolean
  throttle: number | null
  movedReplicaCount: number
  /** Replicas and leaders per broker (of the topics in scope), before and as planned after. */
  brokers: BrokerBalance[]
  /** --plan-out: the plan in kafka-reassign-partitions' JSON (for `partitions reassign --verify`). */
  planFile: string | null
  /** --rollback-out: the current assignment of the moved partitions, the same JSON. */
  rollbackFile: string | null
  /** The current assignment of the moved partitions (what `partitions reassign --execute --plan` needs to undo). */
  rollback: KafkaPlan | null
}

const change = (before: Cell, after: Cell) => (before === after ? String(before) : `${before} -> ${after}`)

/** Per-broker counts above, one row per move, and a summary of what happened under. */
export const balanceView = (color: boolean): View<BalanceResult> => ({
  header: (r) => [
    toTable(
      r.brokers.map((b) => ({
        id: b.id,
        rack: b.rack,
        replicas: change(b.replicaCountBefore, b.replicaCountAfter),
        leaders: change(b.leaderCountBefore, b.leaderCountAfter),
        size: b.sizeBytesBefore === null ? null : change(humanBytes(b.sizeBytesBefore), humanBytes(b.sizeBytesAfter)),
      })),
      [
        {key: 'id', header: 'BROKER', align: 'right'},
        {key: 'rack', header: 'RACK'},
        {key: 'replicas', header: 'REPLICAS', align: 'right'},
        {key: 'leaders', header: 'LEADERS', align: 'right'},
        ...(r.by === 'size' ? [{key: 'size', header: 'SIZE', align: 'right' as const}] : []),
      ],
      {color},
    ),
    ...(r.moves.length > 0 ? [''] : []),
  ],
  columns: moveColumns,
  rows: (r) =>
    r.moves.map((m) =>
      moveRow(
        m,
        m.error ??
          (r.dryRun
            ? 'planned'
            : r.complete === true
              ? 'complete'
              : r.complete === false
                ? 'in-progress'
                : 'submitted'),
      ),
    ),
  empty: '',
  footer: (r) => balanceFooter(r),
})

function balanceFooter(r: BalanceResult): string[] {
  const what = r.operation === 'drain' ? `Broker ${r.broker}` : 'The brokers'
  if (r.balanced)
    return [
      r.operation === 'drain'
        ? `Broker ${r.broker} holds no replica of the topics in scope: nothing to move.`
        : `Already balanced (by ${r.by}, preferred leaders too): nothing to move or elect.`,
    ]
  const elected = r.elections.filter((e) => e.result === 'elected' || e.result === 'not-needed').length
  const failed = r.elections.filter((e) => e.result === 'failed')
  const planned = r.elections.filter((e) => e.result === 'planned').length
  const lines = [
    '',
    `${r.movedReplicaCount} replica(s) to copy, ${r.moves.length} partition(s) to change, ${r.elections.length} preferred leader election(s).`,
  ]
  if (r.planFile) lines.push(`Plan written to ${r.planFile}.`)
  if (r.rollbackFile)
    lines.push(
      `Current assignment written to ${r.rollbackFile} (undo: \`kctl partitions reassign --execute --plan ${r.rollbackFile}\`).`,
    )
  if (r.dryRun) {
    lines.push('Dry run: the moves and elections above would run; nothing was changed.')
    return lines
  }
  if (r.moves.length > 0)
    lines.push(
      `Submitted ${r.moves.length} move(s)${r.throttle ? `, throttled to ${r.throttle} B/s` : ''}.${r.complete === null ? '' : r.complete ? ' Complete.' : ' Not complete.'}${r.throttlesRemoved ? ' Throttles removed.' : ''}`,
    )
  if (r.elections.length > 0)
    lines.push(
      `Preferred leaders: ${elected} of ${r.elections.length} elected${planned > 0 ? `, ${planned} to elect once the moves are done` : ''}${failed.length > 0 ? `, ${failed.length} failed (${failed[0].topic}:${failed[0].partition} ${failed[0].error})` : ''}.`,
    )
  if (r.complete === null) {
    const plan = r.planFile ?? 'PLAN'
    lines.push(
      `Not waited for: \`kctl partitions reassign --verify --plan ${plan} --wait\` waits and removes the throttles; then \`kctl partitions elect-leaders --preferred --path-to-json-file ${plan}\` moves the leaders.`,
    )
  }
  if (r.verified !== null)
    lines.push(
      r.verified
        ? `Verified: ${r.operation === 'drain' ? `${what} holds no replica of the topics in scope and leads none of them.` : 'the cluster matches the plan.'}`
        : 'Not verified: the cluster does not match the plan yet (see `kctl partitions reassign --list`).',
    )
  return lines
}
