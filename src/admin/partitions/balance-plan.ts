import {usageError} from '../../errors.js'
import type {PartitionState} from '../topics/partition-state.js'
import {type PartitionMove, type PlanBroker, leastLeadingFirst, rackIndex, toMove} from './reassign-plan.js'

/** A preferred-leader election a plan asks for once its moves are done. */
export interface PlannedElection {
  topic: string
  partition: number
  /** The preferred leader to elect (the first replica after the moves). */
  leader: number
}

export interface BalancePlan {
  moves: PartitionMove[]
  elections: PlannedElection[]
}

export interface BrokerBalance {
  id: number
  rack: string | null
  replicaCountBefore: number
  replicaCountAfter: number
  leaderCountBefore: number
  leaderCountAfter: number
  /** With --by-size only: bytes of the replicas it holds (each replica counted at its partition's size). */
  sizeBytesBefore: number | null
  sizeBytesAfter: number | null
}

const key = (p: {topic: string; partition: number}) => `${p.topic}\u0000${p.partition}`
const sameList = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i])

/**
 * The moves and elections that take the cluster from `states` to `after` (replica lists, same
 * order as `states`). A partition is elected when its first replica after the moves is not its
 * leader now and `elect` allows it.
 */
function planFrom(
  states: PartitionState[],
  after: number[][],
  elect: (s: PartitionState, moved: boolean, leader: number) => boolean,
) {
  const moves: PartitionMove[] = []
  const elections: PlannedElection[] = []
  for (const [i, s] of states.entries()) {
    const moved = !sameList(after[i], s.replicas)
    if (moved) moves.push(toMove(s, after[i]))
    if (after[i][0] !== s.leader && elect(s, moved, after[i][0]))
      elections.push({topic: s.topic, partition: s.partition, leader: after[i][0]})
  }
  return {moves, elections}
}

/**
 * Move every replica off broker `drained` with the fewest moves. Pure. Each partition on it swaps
 * that one replica for another broker (rack-aware: a rack the partition does not use yet first,
 * then the broker with the fewest replicas in `load`, then the lowest id); the other replicas keep
 * their places. Where the drained broker was the preferred leader, the replica leading the fewest
 * partitions becomes the first. `load` is every partition of the cluster (it weighs the choice);
 * `scope` the partitions to drain. Throws (exit 2) when a partition cannot keep its replication
 * factor without the broker, or when no other broker is left.
 */
export function planDrain(
  scope: PartitionState[],
  load: PartitionState[],
  drained: number,
  brokers: PlanBroker[],
): BalancePlan {
  const targets = brokers.filter((b) => b.id !== drained).map((b) => b.id)
  if (targets.length === 0)
    throw usageError(
      `Broker ${drained} is the only broker of the cluster: there is nowhere to move its replicas`,
      'Add a broker first, then drain this one.',
      'DRAIN_NOT_POSSIBLE',
    )
  const {racksOf, rackPenalty} = rackIndex(brokers)
  const replicas = new Map(targets.map((id) => [id, 0]))
  const leaders = new Map(targets.map((id) => [id, 0]))
  for (const s of load) {
    for (const b of s.replicas) if (replicas.has(b)) replicas.set(b, replicas.get(b)! + 1)
    if (leaders.has(s.replicas[0])) leaders.set(s.replicas[0], leaders.get(s.replicas[0])! + 1)
  }
  const stuck: PartitionState[] = []
  const after = scope.map((s) => {
    if (!s.replicas.includes(drained)) return s.replicas
    const others = s.replicas.filter((b) => b !== drained)
    const racks = racksOf(others)
    const pick = targets
      .filter((b) => !others.includes(b))
      .sort((a, b) => rackPenalty(racks, a) - rackPenalty(racks, b) || replicas.get(a)! - replicas.get(b)! || a - b)[0]
    if (pick === undefined) {
      stuck.push(s)
      return s.replicas
    }
    replicas.set(pick, replicas.get(pick)! + 1)
    const proposed = s.replicas.map((b) => (b === drained ? pick : b))
    return s.replicas[0] === drained ? leastLeadingFirst([...others, pick], leaders) : proposed
  })
  if (stuck.length > 0) {
    const topics = [...new Set(stuck.map((s) => s.topic))]
    const rf = Math.max(...stuck.map((s) => s.replicas.length))
    throw usageError(
      `Cannot drain broker ${drained}: ${stuck.length} partition(s) of ${topics.slice(0, 5).join(', ')}${topics.length > 5 ? ` (and ${topics.length - 5} more topics)` : ''} have replication factor ${rf}, and only ${targets.length} other broker(s) (${targets.join(',')}) could hold them`,
      `Leave them out (--exclude-internal, or --topics with the topics to drain), lower their replication factor (\`kctl topics alter ${topics[0]} --replication-factor ${targets.length}\`), or add a broker first.`,
      'DRAIN_NOT_POSSIBLE',
      {topics, replicationFactor: rf, brokers: targets},
    )
  }
  return planFrom(scope, after, (_s, moved) => moved)
}

/**
 * Even out replicas over `brokers` with the fewest moves, then spread the preferred leaders. Pure.
 * Replicas: while a move from a fuller broker to an emptier one that does not hold the partition
 * narrows their gap (by count, or by `weight` bytes), make the one that narrows it most, never
 * leaving a partition on fewer racks than before; the moved replica takes the place of the one it
 * replaces, and a preferred leader moves only when no other replica can. Leaders: see
 * spreadLeaders. Replicas on brokers outside `brokers` stay where they are.
 * Elections: every partition whose first replica (on one of `brokers`) is not its leader and, unless
 * the partition moves, is in sync.
 */
export function planRebalance(
  states: PartitionState[],
  brokers: PlanBroker[],
  weight: (s: PartitionState) => number = () => 1,
): BalancePlan {
  const ids = [...new Set(brokers.map((b) => b.id))].sort((a, b) => a - b)
  const {racksOf} = rackIndex(brokers)
  const after = states.map((s) => [...s.replicas])
  const w = states.map((s) => weight(s))
  const load = new Map(ids.map((id) => [id, 0]))
  for (const [i, r] of after.entries()) for (const b of r) if (load.has(b)) load.set(b, load.get(b)! + w[i])
  const pairsByGap = (of: Map<number, number>) =>
    ids
      .flatMap((hi) => ids.map((lo) => ({hi, lo, gap: of.get(hi)! - of.get(lo)!})))
      .filter((p) => p.gap > 0)
      .sort((a, b) => b.gap - a.gap || a.hi - b.hi || a.lo - b.lo)
  // Each move lowers the sum of squared loads, so the loop ends; the cap guards against float noise.
  for (let step = 0; step < states.length * ids.length + 1; step++) {
    let best: {i: number; hi: number; lo: number} | undefined
    for (const {hi, lo, gap} of pairsByGap(load)) {
      let bestScore: number[] | undefined
      for (const [i, r] of after.entries()) {
        if (!r.includes(hi) || r.includes(lo) || w[i] <= 0 || w[i] >= gap) continue
        const moved = r.map((b) => (b === hi ? lo : b))
        if (racksOf(moved).size < racksOf(r).size) continue
        const score = [Math.abs(gap - 2 * w[i]), Number(r[0] === hi), i]
        if (!bestScore || compare(score, bestScore) < 0) {
          bestScore = score
          best = {i, hi, lo}
        }
      }
      if (best) break
    }
    if (!best) break
    const r = after[best.i]
    r[r.indexOf(best.hi)] = best.lo
    load.set(best.hi, load.get(best.hi)! - w[best.i])
    load.set(best.lo, load.get(best.lo)! + w[best.i])
  }
  spreadLeaders(after, ids)
  return planFrom(states, after, (s, moved, leader) => load.has(leader) && (moved || s.isr.includes(leader)))
}

/**
 * Spread the preferred leaders over `ids` by reordering replica lists (in place; no data moves).
 * While a broker is the preferred leader of two or more partitions more than one it can reach,
 * one leadership is handed along the shortest chain: the broker gives a partition it leads to
 * another replica of it, which gives one of its own on, until a broker with few enough takes one
 * (a breadth-first search; the brokers in between keep their count).
 */
function spreadLeaders(after: number[][], ids: number[]): void {
  const leaders = new Map(ids.map((id) => [id, 0]))
  const led = new Map(ids.map((id) => [id, new Set<number>()]))
  for (const [i, r] of after.entries()) {
    if (!leaders.has(r[0])) continue
    leaders.set(r[0], leaders.get(r[0])! + 1)
    led.get(r[0])!.add(i)
  }
  const chainFrom = (hi: number) => {
    const via = new Map<number, {from: number; i: number}>()
    const queue = [hi]
    const seen = new Set([hi])
    while (queue.length > 0) {
      const u = queue.shift()!
      for (const i of led.get(u)!) {
        for (const v of after[i].slice(1)) {
          if (seen.has(v) || !leaders.has(v)) continue
          seen.add(v)
          via.set(v, {from: u, i})
          if (leaders.get(v)! <= leaders.get(hi)! - 2) return {hi, end: v, via}
          queue.push(v)
        }
      }
    }
    return undefined
  }
  // Each hand-over lowers the sum of squared counts, so the loop ends.
  for (let step = 0; step <= after.length * ids.length; step++) {
    let chain: ReturnType<typeof chainFrom>
    for (const hi of [...ids].sort((a, b) => leaders.get(b)! - leaders.get(a)! || a - b)) {
      chain = chainFrom(hi)
      if (chain) break
    }
    if (!chain) return
    const {hi, end, via} = chain
    for (let v = end; v !== hi;) {
      const {from, i} = via.get(v)!
      after[i] = [v, ...after[i].filter((b) => b !== v)]
      led.get(from)!.delete(i)
      led.get(v)!.add(i)
      v = from
    }
    leaders.set(hi, leaders.get(hi)! - 1)
    leaders.set(end, leaders.get(end)! + 1)
  }
}

function compare(a: number[], b: number[]): number {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k] - b[k]
  return 0
}

/**
 * Replicas and leaders per broker before and after `plan` (over `states`; with `sizeOf`, bytes
 * too). Leaders after: the elected ones, the others stay. Every broker of `brokers` is listed,
 * plus any other holding a replica, by id.
 */
export function brokerBalance(
  states: PartitionState[],
  plan: BalancePlan,
  brokers: PlanBroker[],
  sizeOf?: (s: {topic: string; partition: number}) => number,
): BrokerBalance[] {
  const moved = new Map(plan.moves.map((m) => [key(m), m.proposed]))
  const elected = new Map(plan.elections.map((e) => [key(e), e.leader]))
  const rack = new Map(brokers.map((b) => [b.id, b.rack]))
  const ids = [...new Set([...brokers.map((b) => b.id), ...states.flatMap((s) => s.replicas)])].sort((a, b) => a - b)
  const rows = new Map<number, BrokerBalance>(
    ids.map((id) => [
      id,
      {
        id,
        rack: rack.get(id) ?? null,
        replicaCountBefore: 0,
        replicaCountAfter: 0,
        leaderCountBefore: 0,
        leaderCountAfter: 0,
        sizeBytesBefore: sizeOf ? 0 : null,
        sizeBytesAfter: sizeOf ? 0 : null,
      },
    ]),
  )
  for (const s of states) {
    const size = sizeOf?.(s) ?? 0
    const afterReplicas = moved.get(key(s)) ?? s.replicas
    for (const b of s.replicas) {
      const row = rows.get(b)!
      row.replicaCountBefore++
      if (sizeOf) row.sizeBytesBefore! += size
    }
    for (const b of afterReplicas) {
      const row = rows.get(b)!
      row.replicaCountAfter++
      if (sizeOf) row.sizeBytesAfter! += size
    }
    const leaderAfter = elected.get(key(s)) ?? s.leader
    if (rows.has(s.leader)) rows.get(s.leader)!.leaderCountBefore++
    if (rows.has(leaderAfter)) rows.get(leaderAfter)!.leaderCountAfter++
  }
  return [...rows.values()]
}
