import {usageError} from '../../errors.js'
import type {ReassignmentEntry} from '../../input/kafka-json.js'
import type {PartitionState} from '../topics/partition-state.js'

export interface PartitionMove {
  topic: string
  partition: number
  current: number[]
  proposed: number[]
  /** Replicas that must copy the partition (data moves). */
  adding: number[]
  removing: number[]
}

export interface PlanBroker {
  id: number
  rack: string | null
}

export function toMove(
  state: {topic: string; partition: number; replicas: number[]},
  proposed: number[],
): PartitionMove {
  return {
    topic: state.topic,
    partition: state.partition,
    current: state.replicas,
    proposed,
    adding: proposed.filter((b) => !state.replicas.includes(b)),
    removing: state.replicas.filter((b) => !proposed.includes(b)),
  }
}

export const movedReplicas = (moves: PartitionMove[]) => moves.reduce((n, m) => n + m.adding.length, 0)

/**
 * Rack lookups over `brokers`: the racks a replica list uses (without `except`), and whether a
 * broker's rack is among them (1) or not (0; a broker without a rack never collides).
 */
export function rackIndex(brokers: PlanBroker[]) {
  const rack = new Map(brokers.map((b) => [b.id, b.rack]))
  const racksOf = (replicas: number[], except?: number) =>
    new Set(
      replicas
        .filter((b) => b !== except)
        .map((b) => rack.get(b))
        .filter((r) => r !== null && r !== undefined),
    )
  const rackPenalty = (racks: Set<unknown>, b: number) => Number(rack.get(b) != null && racks.has(rack.get(b)))
  return {racksOf, rackPenalty}
}

/**
 * `replicas` with the one leading the fewest partitions (per `leaders`, which is updated) moved to
 * the front; ties go to the earlier replica. The others keep their order.
 */
export function leastLeadingFirst(replicas: number[], leaders: Map<number, number>): number[] {
  const count = (b: number) => leaders.get(b) ?? 0
  const leader = [...replicas].sort((a, b) => count(a) - count(b) || replicas.indexOf(a) - replicas.indexOf(b))[0]
  leaders.set(leader, count(leader) + 1)
  return [leader, ...replicas.filter((b) => b !== leader)]
}

/**
 * A balanced, rack-aware assignment of `states` onto `brokers` that moves as little as possible.
 * Pure. Replicas already on a target broker stay; missing replicas go to the least-loaded broker,
 * preferring racks the partition does not use yet; then, while one broker holds two or more
 * replicas more than another, one replica moves from the fullest to the emptiest (each such move
 * is needed for balance). The preferred leader is kept when it stays; otherwise the replica
 * leading the fewest partitions leads. Returns only the partitions whose replica list changes.
 */
export function generateAssignment(
  states: PartitionState[],
  brokers: PlanBroker[],
  replicationFactor?: number,
): PartitionMove[] {
  const ids = [...new Set(brokers.map((b) => b.id))].sort((a, b) => a - b)
  const {racksOf, rackPenalty} = rackIndex(brokers)
  const rfOf = (s: PartitionState) => replicationFactor ?? s.replicas.length
  const tooBig = states.find((s) => rfOf(s) > ids.length)
  if (tooBig) {
    throw usageError(
      `Replication factor ${rfOf(tooBig)} of ${tooBig.topic} is more than the ${ids.length} target broker(s) (${ids.join(',')})`,
      'Give more brokers with --brokers, or a lower --replication-factor.',
      'INVALID_REPLICATION_FACTOR',
    )
  }
  const load = new Map(ids.map((id) => [id, 0]))
  const bump = (b: number, by: number) => load.set(b, load.get(b)! + by)
  const assignment = states.map((s) => s.replicas.filter((b) => load.has(b)).slice(0, rfOf(s)))
  for (const r of assignment) for (const b of r) bump(b, 1)
  for (const [i, s] of states.entries()) {
    const replicas = assignment[i]
    while (replicas.length < rfOf(s)) {
      const racks = racksOf(replicas)
      const pick = ids
        .filter((b) => !replicas.includes(b))
        .sort((a, b) => rackPenalty(racks, a) - rackPenalty(racks, b) || load.get(a)! - load.get(b)! || a - b)[0]
      replicas.push(pick)
      bump(pick, 1)
    }
  }
  // Even out: move one replica at a time from the fullest broker to the emptiest.
  for (;;) {
    const byLoad = [...ids].sort((a, b) => load.get(a)! - load.get(b)! || a - b)
    const lo = byLoad[0]
    const hi = byLoad.at(-1)!
    if (load.get(hi)! - load.get(lo)! <= 1) break
    // Prefer a partition where hi is not the preferred leader and lo keeps the racks distinct.
    const candidates = assignment
      .map((r, i) => ({r, i}))
      .filter(({r}) => r.includes(hi) && !r.includes(lo))
      .sort(
        (a, b) =>
          Number(a.r[0] === hi) - Number(b.r[0] === hi) ||
          rackPenalty(racksOf(a.r, hi), lo) - rackPenalty(racksOf(b.r, hi), lo) ||
          b.i - a.i,
      )
    if (candidates.length === 0) break
    const r = candidates[0].r
    r[r.indexOf(hi)] = lo
    bump(hi, -1)
    bump(lo, 1)
  }
  const leaders = new Map(ids.map((id) => [id, 0]))
  for (const [i, s] of states.entries())
    if (assignment[i][0] === s.replicas[0]) leaders.set(s.replicas[0], leaders.get(s.replicas[0])! + 1)
  return states.flatMap((s, i) => {
    const replicas = assignment[i]
    // The preferred leader changes anyway: the replica leading the fewest partitions leads.
    if (replicas[0] !== s.replicas[0]) replicas.splice(0, replicas.length, ...leastLeadingFirst(replicas, leaders))
    const same = replicas.length === s.replicas.length && replicas.every((b, j) => b === s.replicas[j])
    return same ? [] : [toMove(s, replicas)]
  })
}

/**
 * The moves a plan file asks for, checked against the cluster: the partitions exist, the brokers
 * are live, nothing is asked twice. Partitions already assigned as planned are left out.
 */
export function movesFromPlan(
  plan: ReassignmentEntry[],
  states: PartitionState[],
  liveBrokers: number[],
): PartitionMove[] {
  const unknownBrokers = [...new Set(plan.flatMap((p) => p.replicas))]
    .filter((b) => !liveBrokers.includes(b))
    .sort((a, b) => a - b)
  if (unknownBrokers.length > 0) {
    throw usageError(
      `The plan names broker${unknownBrokers.length > 1 ? 's' : ''} ${unknownBrokers.join(', ')}, which the cluster does not have`,
      `Live brokers: ${liveBrokers.join(', ')}.`,
      'UNKNOWN_BROKER',
    )
  }
  const moves: PartitionMove[] = []
  const missing: string[] = []
  for (const p of plan) {
    const s = states.find((x) => x.topic === p.topic && x.partition === p.partition)
    if (!s) missing.push(`${p.topic}:${p.partition}`)
    else if (p.replicas.length !== s.replicas.length || p.replicas.some((b, i) => b !== s.replicas[i]))
      moves.push(toMove(s, p.replicas))
  }
  if (missing.length > 0)
    throw usageError(
      `The plan names partitions that do not exist: ${missing.slice(0, 10).join(', ')}`,
      'Check the topics and partition counts with `kctl topics describe`.',
      'UNKNOWN_PARTITION',
    )
  return moves
}

export interface ThrottleConfigs {
  /** topic -> leader.replication.throttled.replicas / follower.replication.throttled.replicas values. */
  topics: Map<string, {leader: string; follower: string}>
  /** Brokers that get the leader/follower rate: every broker a moving partition is on or goes to. */
  brokers: number[]
}

/** Kafka's throttle settings for a set of moves (as kafka-reassign-partitions computes them). */
export function throttleConfigs(moves: PartitionMove[]): ThrottleConfigs {
  const topics = new Map<string, {leader: string; follower: string}>()
  for (const topic of [...new Set(moves.map((m) => m.topic))].sort()) {
    const mine = moves.filter((m) => m.topic === topic && m.adding.length > 0)
    if (mine.length === 0) continue
    topics.set(topic, {
      leader: mine.flatMap((m) => m.current.map((b) => `${m.partition}:${b}`)).join(','),
      follower: mine.flatMap((m) => m.adding.map((b) => `${m.partition}:${b}`)).join(','),
    })
  }
  const brokers = [
    ...new Set(moves.filter((m) => m.adding.length > 0).flatMap((m) => [...m.current, ...m.proposed])),
  ].sort((a, b) => a - b)
  return {topics, brokers}
}
