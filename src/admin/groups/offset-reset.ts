import type {KafkaConnection} from '../../connection/client.js'
import {operationError, usageError} from '../../errors.js'
import type {ResetStrategy} from '../../input/reset-strategy.js'
import {type TopicPartitionsSpec} from '../../input/topic-partitions.js'
import {
  type GroupDescription,
  assertInactive,
  deleteGroupOffsets,
  describeGroups,
  findCoordinators,
  isInactive,
  requireGroupsExist,
  streamsInternalTopics,
} from './groups.js'
import {appendJournal} from '../journal.js'
import {
  type CommittedOffsets,
  type TopicLayout,
  type TopicPartition,
  commitOffsets,
  fetchCommittedOffsets,
  listOffsets,
  parseTpKey,
  resolvePartitions,
  sortTp,
  topicLayout,
  tpKey,
} from './offsets.js'
import {appendTo} from '../multimap.js'
import {alterShareGroupOffsets, deleteShareGroupOffsets, fetchShareGroupOffsets} from './share-groups.js'

export interface ResetRow {
  group: string
  topic: string
  partition: number
  /** null: no committed offset before the reset. */
  currentOffset: bigint | null
  newOffset: bigint
  logStartOffset: bigint
  logEndOffset: bigint
  lagBefore: bigint | null
  lagAfter: bigint
}

export interface ResetPlan {
  strategy: string
  groups: {group: string; state: string; members: number}[]
  rows: ResetRow[]
  executed: boolean
  /** Journal entry ids written by --execute (one per group). */
  journal: string[]
}

export interface ResetScope {
  /** Explicit topics (`--topic`); undefined with --all-topics or --from-file. */
  topics?: TopicPartitionsSpec[]
  allTopics?: boolean
}

const clamp = (v: bigint, lo: bigint, hi: bigint) => (v < lo ? lo : v > hi ? hi : v)

/**
 * Kafka's rules for one partition (ConsumerGroupCommand): to-current falls back to the log end
 * when nothing is committed; a timestamp with no newer record goes to the log end; explicit
 * offsets and shifts are clamped to [log start, log end].
 */
export function targetOffset(
  strategy: ResetStrategy,
  p: {
    group: string
    topic: string
    partition: number
    current: bigint | null
    earliest: bigint
    latest: bigint
    atTime?: bigint | null
    fileOffset?: bigint
  },
): bigint {
  switch (strategy.kind) {
    case 'earliest':
      return p.earliest
    case 'latest':
      return p.latest
    case 'current':
      return p.current ?? p.latest
    case 'offset':
      return clamp(strategy.offset, p.earliest, p.latest)
    case 'shift': {
      if (p.current === null) {
        throw usageError(
          `Cannot shift group ${p.group} on ${p.topic}:${p.partition}: it has no committed offset to shift from`,
          'Use --to-offset, --to-earliest or --to-latest for partitions without a commit.',
          'NO_COMMITTED_OFFSET',
        )
      }
      return clamp(p.current + strategy.by, p.earliest, p.latest)
    }
    case 'datetime':
    case 'duration':
      return p.atTime ?? p.latest
    default:
      return clamp(p.fileOffset!, p.earliest, p.latest)
  }
}

/**
 * Build the plan: which partitions of which groups move where. Requests: one FindCoordinator,
 * one DescribeGroups and one OffsetFetch per coordinator, one Metadata, and one ListOffsets per
 * leader broker for each of earliest, latest (and the timestamp).
 */
export async function planReset(
  conn: KafkaConnection,
  options: {
    groups: string[]
    scope: ResetScope
    strategy: ResetStrategy
    strategyText: string
    now?: number
    coordinators?: Map<string, number>
    requireExisting?: boolean
  },
): Promise<PlannedReset> {
  const {groups, scope, strategy} = options
  const coordinators = options.coordinators ?? (await findCoordinators(conn, groups))
  const [descriptions, committed, layout] = await Promise.all([
    describeGroups(conn, groups, coordinators),
    fetchCommittedOffsets(conn, groups, coordinators),
    topicLayout(conn, [
      ...(scope.topics ?? []).map((t) => t.topic),
      ...(strategy.kind === 'file' ? strategy.rows.map((r) => r.topic) : []),
    ]),
  ])
  // A typo'd group would otherwise get offsets committed under the wrong name.
  if (options.requireExisting) await requireGroupsExist(conn, descriptions, committed)
  // A share group's position is its share-partition start offset (it commits nothing).
  const shareIds = descriptions.filter((d) => d.type === 'share').map((d) => d.group)
  if (shareIds.length)
    for (const [g, offsets] of await fetchShareGroupOffsets(conn, shareIds, coordinators))
      committed.set(g, new Map([...offsets].map(([key, o]) => [key, o.startOffset])))
  const fileRows = strategy.kind === 'file' ? strategy.rows : []
  if (strategy.kind === 'file') {
    const stray = fileRows.find((r) => r.group !== null && !groups.includes(r.group))
    if (stray)
      throw usageError(
        `--from-file names group ${stray.group}, which is not among --group`,
        'Pass every group of the file with --group (or --all-groups).',
        'INVALID_CSV',
      )
    resolvePartitions(
      layout,
      fileRows.map((r) => ({topic: r.topic, partitions: [r.partition]})),
      '--from-file',
    )
  }
  const partitionsOf = (group: string): TopicPartition[] => {
    if (strategy.kind === 'file')
      return sortTp(
        fileRows
          .filter((r) => r.group === null || r.group === group)
          .map((r) => ({topic: r.topic, partition: r.partition})),
      )
    if (scope.topics) return resolvePartitions(layout, scope.topics)
    const streams = descriptions.find((d) => d.group === group && d.type === 'streams')
    if (streams) return streamsInputPartitions(streams, committed.get(group), layout)
    return sortTp(
      [...(committed.get(group)?.keys() ?? [])]
        .map(parseTpKey)
        .filter((tp) => layout.leaders.get(tp.topic)?.has(tp.partition)),
    )
  }
  const perGroup = groups.map((g) => ({group: g, partitions: partitionsOf(g)}))
  const all = uniquePartitions(perGroup.flatMap((g) => g.partitions))
  const timestamp =
    strategy.kind === 'datetime'
      ? strategy.timestamp
      : strategy.kind === 'duration'
        ? (options.now ?? Date.now()) - strategy.ms
        : undefined
  const [earliest, latest, atTime] = await Promise.all([
    listOffsets(conn, layout, all, 'earliest', {strict: true}),
    listOffsets(conn, layout, all, 'latest', {strict: true}),
    timestamp === undefined ? undefined : listOffsets(conn, layout, all, {timestamp}, {strict: true}),
  ])
  const rows: ResetRow[] = []
  for (const {group, partitions} of perGroup) {
    for (const tp of partitions) {
      const key = tpKey(tp.topic, tp.partition)
      const current = committed.get(group)?.get(key) ?? null
      const lo = earliest.get(key)?.offset ?? 0n
      const hi = latest.get(key)?.offset ?? 0n
      const fileOffset = fileRows.find(
        (r) => (r.group === null || r.group === group) && r.topic === tp.topic && r.partition === tp.partition,
      )?.offset
      const newOffset = targetOffset(strategy, {
        group,
        ...tp,
        current,
        earliest: lo,
        latest: hi,
        atTime: atTime?.get(key)?.offset ?? null,
        fileOffset,
      })
      rows.push({
        group,
        ...tp,
        currentOffset: current,
        newOffset,
        logStartOffset: lo,
        logEndOffset: hi,
        lagBefore: current === null ? null : hi - current,
        lagAfter: hi - newOffset,
      })
    }
  }
  return {
    strategy: options.strategyText,
    groups: descriptions.map((d) => ({group: d.group, state: d.state, members: d.members.length})),
    rows,
    executed: false,
    journal: [],
    descriptions,
    coordinators,
    committed,
  }
}

/**
 * `--all-topics` of a streams group: its input topics, as kafka-streams-groups' --all-input-topics
 * reads them: the partitions it has committed offsets for, without the internal (repartition)
 * topics of its topology, which the application writes and purges itself.
 */
export function streamsInputPartitions(
  d: GroupDescription,
  committed: Map<string, bigint> | undefined,
  layout: TopicLayout,
): TopicPartition[] {
  const internal = new Set(streamsInternalTopics(d))
  return sortTp(
    [...(committed?.keys() ?? [])]
      .map(parseTpKey)
      .filter((tp) => !internal.has(tp.topic) && layout.leaders.get(tp.topic)?.has(tp.partition)),
  )
}

function uniquePartitions(tps: TopicPartition[]): TopicPartition[] {
  const seen = new Map(tps.map((tp) => [tpKey(tp.topic, tp.partition), tp]))
  return sortTp([...seen.values()])
}

export {isInactive, type TopicLayout}

export type PlannedReset = ResetPlan & {
  descriptions: GroupDescription[]
  coordinators: Map<string, number>
  /** Committed offsets (share groups: start offsets) when the plan was made. */
  committed: CommittedOffsets
}

/**
 * Apply a plan: refuse if any group is active (before touching any group), write one journal
 * entry per group (previous and new offsets), then commit each group's new offsets with one
 * OffsetCommit. `deletes` (undo of partitions that had no commit) go through OffsetDelete.
 */
export async function executeReset(
  conn: KafkaConnection,
  plan: PlannedReset,
  journal: {clusterId: string; action: string; deletes?: ResetRow[]},
): Promise<string[]> {
  assertInactive(plan.descriptions, 'reset offsets')
  const deletes = journal.deletes ?? []
  const byGroup = new Map<string, ResetRow[]>()
  for (const r of [...plan.rows, ...deletes]) appendTo(byGroup, r.group, r)
  const types = new Map(plan.descriptions.map((d) => [d.group, d.type]))
  // Checked before the journal is written: an undo that cannot be applied changes nothing.
  const shareDeletes = new Map<string, string[]>()
  for (const [group, rows] of byGroup)
    if (types.get(group) === 'share')
      shareDeletes.set(
        group,
        shareTopicsToDelete(
          group,
          rows.filter((r) => deletes.includes(r)),
          rows,
          plan.committed.get(group),
        ),
      )
  const ids: string[] = []
  for (const [group, rows] of byGroup) {
    const offsets = rows.map((r) => ({
      topic: r.topic,
      partition: r.partition,
      previous: r.currentOffset?.toString() ?? null,
      new: deletes.includes(r) ? null : r.newOffset.toString(),
    }))
    ids.push(appendJournal({clusterId: journal.clusterId, group, action: journal.action, offsets}).id)
  }
  for (const [group, rows] of byGroup) {
    const coordinator = plan.coordinators.get(group)!
    const commits = rows
      .filter((r) => !deletes.includes(r))
      .map((r) => ({topic: r.topic, partition: r.partition, offset: r.newOffset}))
    const drops = rows.filter((r) => deletes.includes(r))
    const topics = shareDeletes.get(group)
    if (topics) {
      // Share state is deleted per topic: drop it first, then set the partitions that had offsets.
      if (topics.length) {
        const failed = (await deleteShareGroupOffsets(conn, group, coordinator, topics)).filter((r) => !r.deleted)
        if (failed.length)
          throw operationError(
            `Deleting offsets of share group ${group} failed for ${failed.map((f) => `${f.topic} ${f.error}`).join(', ')}`,
            {code: 'OFFSET_DELETE_FAILED'},
          )
      }
      await alterShareGroupOffsets(conn, group, coordinator, commits)
      continue
    }
    await commitOffsets(conn, group, coordinator, commits)
    if (drops.length) {
      const topics = [...new Set(drops.map((d) => d.topic))].map((topic) => ({
        topic,
        partitions: drops.filter((d) => d.topic === topic).map((d) => d.partition),
      }))
      const res = await deleteGroupOffsets(conn, group, topics, coordinator)
      const failed = res.filter((r) => !r.deleted)
      if (failed.length)
        throw operationError(
          `Deleting offsets of group ${group} failed for ${failed.map((f) => `${f.topic}:${f.partition} ${f.error}`).join(', ')}`,
          {code: 'OFFSET_DELETE_FAILED'},
        )
    }
  }
  return ids
}

/**
 * The topics whose share state an undo must delete (partitions that had none before the reset).
 * DeleteShareGroupOffsets drops a whole topic: refuse (before any change) when the group holds
 * state for a partition of that topic that the undo would neither delete nor set again.
 */
export function shareTopicsToDelete(
  group: string,
  drops: ResetRow[],
  rows: ResetRow[],
  current: Map<string, bigint> | undefined,
): string[] {
  const topics = [...new Set(drops.map((d) => d.topic))].sort()
  for (const topic of topics) {
    const covered = new Set(rows.filter((r) => r.topic === topic).map((r) => r.partition))
    const stray = [...(current?.keys() ?? [])]
      .map(parseTpKey)
      .filter((tp) => tp.topic === topic && !covered.has(tp.partition))
    if (stray.length)
      throw usageError(
        `Cannot undo on share group ${group}: ${topic} had no start offset on some partitions before, and share offsets are deleted per topic, which would also drop partition(s) ${stray.map((s) => s.partition).join(', ')}`,
        'Set the offsets with `kctl offsets reset --group G --topic T:P --to-offset N --execute` instead (nothing was changed).',
        'UNSUPPORTED_GROUP_TYPE',
      )
  }
  return topics
}

/** Kafka's reset CSV for a plan: topic,partition,offset (one group) or group,topic,partition,offset. */
export function planToCsv(rows: ResetRow[]): string {
  const multi = new Set(rows.map((r) => r.group)).size > 1
  return rows.map((r) => [...(multi ? [r.group] : []), r.topic, r.partition, r.newOffset].join(',')).join('\n') + '\n'
}

/** The seam command tests replace. */
export const offsetResetService = {planReset, executeReset}
