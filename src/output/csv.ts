import {type Cell, type Column} from './format.js'

function csvField(value: Cell): string {
  if (value === null || value === undefined) return ''
  const s = String(value)
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
}

/** RFC 4180 CSV with a header row; every column, wide ones included. */
export function toCsv(rows: Record<string, Cell>[], columns: Column[]): string {
  const lines = [columns.map((c) => csvField(c.key)).join(',')]
  for (const row of rows) lines.push(columns.map((c) => csvField(row[c.key])).join(','))
  return lines.join('\n')
}
