import {formatDuration} from '../input/duration.js'
import type {Cell} from './format.js'

/** Human-readable bytes for tables (1024-based, like `du -h`); JSON always carries exact bytes. */
export function humanBytes(bytes: number | bigint | null | undefined): string | null {
  if (bytes === null || bytes === undefined) return null
  let n = Number(bytes)
  if (n < 0) return null
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB']
  let i = 0
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024
    i++
  }
  return i === 0 ? `${n} B` : `${n < 10 ? n.toFixed(1) : Math.round(n)} ${units[i]}`
}

/** Column.human for a raw byte count. */
export const bytesCell = (value: Cell): Cell =>
  typeof value === 'number' || typeof value === 'bigint' ? humanBytes(value) : value

/** Column.human for raw milliseconds: `1m37s` in tables, the number in CSV. */
export const durationCell = (ms: Cell): Cell => (typeof ms === 'number' ? formatDuration(ms) : ms)

/** Column.human for a flag shown as a mark (the controller, the current context): true -> `*`. */
export const markCell = (value: Cell): Cell => (value === true ? '*' : '')
