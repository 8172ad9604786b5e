import type {KafkaConnection} from '../../connection/client.js'
import {type GroupLag, type LagOptions, groupLag} from './lag.js'
import {type LagSample, type StatusVerdict, partitionStatus, rates, worstStatus} from './lag-status.js'
import {tpKey} from './offsets.js'

export interface WatchedGroup extends GroupLag {
  status: StatusVerdict
  consumedPerSec: number | null
  producedPerSec: number | null
  partitionStatus: {topic: string; partition: number; status: StatusVerdict}[]
}

export interface WatchSnapshot {
  at: string
  iteration: number
  groups: WatchedGroup[]
}

const WINDOW = 10

/**
 * Sample lag every `intervalMs` and evaluate each group and partition over the last samples.
 * Stops after `iterations` (if given) or when `signal` aborts.
 */
export async function watchLag(
  conn: KafkaConnection,
  options: LagOptions & {intervalMs: number; iterations?: number; signal?: AbortSignal},
  onSnapshot: (s: WatchSnapshot) => void,
): Promise<void> {
  const history = new Map<string, LagSample[]>()
  for (let i = 1; options.iterations === undefined || i <= options.iterations; i++) {
    if (options.signal?.aborted) return
    const at = Date.now()
    const groups = await groupLag(conn, options)
    const watched = groups.map((g): WatchedGroup => {
      const verdicts: WatchedGroup['partitionStatus'] = []
      let consumed: number | null = null
      let produced: number | null = null
      for (const t of g.topics) {
        for (const p of t.partitions) {
          // No log-end offset this round (leader unreachable): no sample to judge it by.
          if (p.logEnd === null) continue
          const logEnd = p.logEnd
          const key = `${g.group}/${tpKey(p.topic, p.partition)}`
          const samples = [...(history.get(key) ?? []), {at, committed: p.committed, logEnd}].slice(-WINDOW)
          history.set(key, samples)
          verdicts.push({topic: p.topic, partition: p.partition, status: partitionStatus(samples, g.members > 0)})
          const r = rates(samples)
          if (r.consumed !== null) consumed = (consumed ?? 0) + r.consumed
          if (r.produced !== null) produced = (produced ?? 0) + r.produced
        }
      }
      return {
        ...g,
        status: worstStatus(verdicts.map((v) => v.status)),
        consumedPerSec: consumed,
        producedPerSec: produced,
        partitionStatus: verdicts,
      }
    })
    onSnapshot({at: new Date(at).toISOString(), iteration: i, groups: watched})
    if (options.iterations !== undefined && i >= options.iterations) return
    // One abort listener per wait, removed after it: a long watch must not accumulate them.
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer)
        options.signal?.removeEventListener('abort', done)
        resolve()
      }
      const timer = setTimeout(done, options.intervalMs)
      options.signal?.addEventListener('abort', done, {once: true})
    })
  }
}
