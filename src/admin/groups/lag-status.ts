/**
 * Burrow-style evaluation of a consumer over a window of lag samples (kctl lag --watch).
 * Statuses, worst last: OK, WARN (lag growing), STALL (members present, offset not moving while
 * lagging), STOP (no member commits while lagging), REWIND (the committed offset went back).
 */
export const LAG_STATUSES = ['OK', 'WARN', 'STALL', 'STOP', 'REWIND'] as const
export type LagStatus = (typeof LAG_STATUSES)[number]

export interface LagSample {
  /** epoch ms */
  at: number
  committed: bigint | null
  logEnd: bigint
}

export interface StatusVerdict {
  status: LagStatus
  /** Which rule fired, for humans. */
  rule: string
}

const lagOf = (s: LagSample) => (s.committed === null ? null : s.logEnd > s.committed ? s.logEnd - s.committed : 0n)

/** Evaluate one partition's samples (oldest first). `active`: the group has members. */
export function partitionStatus(samples: LagSample[], active: boolean): StatusVerdict {
  const last = samples.at(-1)
  if (!last) return {status: 'OK', rule: 'no samples yet'}
  for (let i = 1; i < samples.length; i++) {
    const [a, b] = [samples[i - 1].committed, samples[i].committed]
    if (a !== null && b !== null && b < a) return {status: 'REWIND', rule: `committed offset moved back ${a} -> ${b}`}
  }
  const lag = lagOf(last)
  if (lag === null || lag === 0n) return {status: 'OK', rule: 'no lag'}
  if (samples.length < 2) return {status: 'OK', rule: 'lagging; one sample so far'}
  const first = samples[0]
  const moved = first.committed !== last.committed
  if (!moved) {
    return active
      ? {status: 'STALL', rule: `members present but offset stuck at ${last.committed} with lag ${lag}`}
      : {status: 'STOP', rule: `no commits over ${Math.round((last.at - first.at) / 1000)}s while lag is ${lag}`}
  }
  const lags = samples.map(lagOf).filter((l): l is bigint => l !== null)
  const growing = lags.length >= 2 && lags.every((l, i) => i === 0 || l > lags[i - 1])
  if (growing) return {status: 'WARN', rule: `lag grew in every sample (${lags[0]} -> ${lags.at(-1)})`}
  return {status: 'OK', rule: 'consuming'}
}

/** The worst verdict of a group's partitions. */
export function worstStatus(verdicts: StatusVerdict[]): StatusVerdict {
  let worst: StatusVerdict = {status: 'OK', rule: 'all partitions OK'}
  for (const v of verdicts) if (LAG_STATUSES.indexOf(v.status) > LAG_STATUSES.indexOf(worst.status)) worst = v
  return worst
}

/** Messages per second consumed and produced between the first and last sample. */
export function rates(samples: LagSample[]): {consumed: number | null; produced: number | null} {
  if (samples.length < 2) return {consumed: null, produced: null}
  const [a, b] = [samples[0], samples.at(-1)!]
  const secs = (b.at - a.at) / 1000
  if (secs <= 0) return {consumed: null, produced: null}
  const consumed = a.committed !== null && b.committed !== null ? Number(b.committed - a.committed) / secs : null
  return {consumed, produced: Number(b.logEnd - a.logEnd) / secs}
}
