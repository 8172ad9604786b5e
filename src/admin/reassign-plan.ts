import {usageError} from '../errors.js'
import type {ReassignmentEntry} from '../input/kafka-json.js'
import type {PartitionState} from './partition-state.js'

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

export function toMove(state: {topic: string; partition: number; replicas: number[]}, proposed: number[]): PartitionMove {
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
 * A balanced, rack-aware assignment of `states` onto `brokers` that moves as little as possible.
 * Pure. Each broker gets at most ceil(replicas / brokers) replicas of these partitions; a replica
 * already on a target broker stays unless that broker is over its share; missing replicas go to
 * the least-loaded broker, preferring racks the partition does not use yet. The preferred leader
 * is kept when it stays; otherwise the replica leading the fewest partitions leads.
 * Returns only the partitions whose replica list changes.
 */
export function generateAssignment(states: PartitionState[], brokers: PlanBroker[], replicationFactor?: number): PartitionMove[] {
  const ids = [...new Set(brokers.map((b) => b.id))].sort((a, b) => a - b)
  const rack = new Map(brokers.map((b) => [b.id, b.rack]))
  const rfOf = (s: PartitionState) => replicationFactor ?? s.replicas.length
  const tooBig = states.find((s) => rfOf(s) > ids.length)
  if (tooBig) {
    throw usageError(`Replication factor ${rfOf(tooBig)} of ${tooBig.topic} is more than the ${ids.length} target broker(s) (${ids.join(',')})`, 'Give more brokers with --brokers, or a lower --replication-factor.', 'INVALID_REPLICATION_FACTOR')
  }
  const total = states.reduce((n, s) => n + rfOf(s), 0)
  const cap = Math.ceil(total / ids.length)
  const load = new Map(ids.map((id) => [id, 0]))
  const leaders = new Map(ids.map((id) => [id, 0]))
  // Keep pass: what can stay where it is.
  const kept = states.map((s) => {
    const stay: number[] = []
    for (const b of s.replicas) {
      if (load.has(b) && stay.length < rfOf(s) && load.get(b)! < cap) {
        stay.push(b)
        load.set(b, load.get(b)! + 1)
      }
    }
    return stay
  })
  for (const [i, s] of states.entries()) if (kept[i][0] !== undefined && kept[i][0] === s.replicas[0]) leaders.set(kept[i][0], leaders.get(kept[i][0])! + 1)
  return states.flatMap((s, i) => {
    const replicas = [...kept[i]]
    while (replicas.length < rfOf(s)) {
      const racks = new Set(replicas.map((b) => rack.get(b)).filter((r) => r !== null && r !== undefined))
      const candidates = ids.filter((b) => !replicas.includes(b))
      candidates.sort((a, b) => Number(racks.has(rack.get(a) ?? '\u0000')) - Number(racks.has(rack.get(b) ?? '\u0000')) || load.get(a)! - load.get(b)! || a - b)
      const pick = candidates[0]
      replicas.push(pick)
      load.set(pick, load.get(pick)! + 1)
    }
    if (replicas[0] !== s.replicas[0]) {
      // The preferred leader moves away: the replica leading fewest partitions leads instead.
      const leader = [...replicas].sort((a, b) => leaders.get(a)! - leaders.get(b)! || replicas.indexOf(a) - replicas.indexOf(b))[0]
      replicas.splice(replicas.indexOf(leader), 1)
      replicas.unshift(leader)
      leaders.set(leader, leaders.get(leader)! + 1)
    }
    const same = replicas.length === s.replicas.length && replicas.every((b, j) => b === s.replicas[j])
    return same ? [] : [toMove(s, replicas)]
  })
}

/**
 * The moves a plan file asks for, checked against the cluster: the partitions exist, the brokers
 * are live, nothing is asked twice. Partitions already assigned as planned are left out.
 */
export function movesFromPlan(plan: ReassignmentEntry[], states: PartitionState[], liveBrokers: number[]): PartitionMove[] {
  const unknownBrokers = [...new Set(plan.flatMap((p) => p.replicas))].filter((b) => !liveBrokers.includes(b)).sort((a, b) => a - b)
  if (unknownBrokers.length > 0) {
    throw usageError(`The plan names broker${unknownBrokers.length > 1 ? 's' : ''} ${unknownBrokers.join(', ')}, which the cluster does not have`, `Live brokers: ${liveBrokers.join(', ')}.`, 'UNKNOWN_BROKER')
  }
  const moves: PartitionMove[] = []
  const missing: string[] = []
  for (const p of plan) {
    const s = states.find((x) => x.topic === p.topic && x.partition === p.partition)
    if (!s) missing.push(`${p.topic}:${p.partition}`)
    else if (p.replicas.length !== s.replicas.length || p.replicas.some((b, i) => b !== s.replicas[i])) moves.push(toMove(s, p.replicas))
  }
  if (missing.length > 0) throw usageError(`The plan names partitions that do not exist: ${missing.slice(0, 10).join(', ')}`, 'Check the topics and partition counts with `kctl topics describe`.', 'UNKNOWN_PARTITION')
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
  const brokers = [...new Set(moves.filter((m) => m.adding.length > 0).flatMap((m) => [...m.current, ...m.proposed]))].sort((a, b) => a - b)
  return {topics, brokers}
}
