import type CliTable3 from 'cli-table3'
import {createRequire} from 'node:module'

import {paint} from './colors.js'
import {type Cell, type Column, type RenderOptions, cellText, columnText} from './format.js'

// Loaded on first use: JSON/CSV/YAML output and large tables never need cli-table3.
const require = createRequire(import.meta.url)

const BORDERLESS = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: '  ',
}

/**
 * A kubectl-style borderless table. cli-table3 colours heads and borders by default even when
 * piped; the style is cleared and colour is applied here only when `color` is on.
 */
export function toTable(rows: Record<string, Cell>[], columns: Column[], options: RenderOptions): string {
  if (rows.length >= FAST_TABLE_ROWS) return fastTable(rows, columns, options)
  const Table = require('cli-table3') as typeof CliTable3
  const table = new Table({
    chars: BORDERLESS,
    style: {head: [], border: [], 'padding-left': 0, 'padding-right': 0},
    head: columns.map((c) => paint('bold', c.header, options.color)),
    colAligns: columns.map((c) => c.align ?? 'left'),
  })
  for (const row of rows) {
    table.push(
      columns.map((c) => {
        const text = columnText(c, row[c.key])
        return options.color ? paint(c.color?.(row[c.key], row), text, true) : text
      }),
    )
  }
  return table
    .toString()
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
}

/** Aligned `key: value` lines for single-object summaries. */
export function toKeyValues(pairs: [string, Cell][], options: RenderOptions): string[] {
  const width = Math.max(0, ...pairs.map(([k]) => k.length)) + 1
  return pairs.map(([k, v]) => `${paint('bold', `${k}:`.padEnd(width), options.color)} ${cellText(v)}`)
}

/** From this many rows on, tables are padded directly: cli-table3 costs ~1 ms per row. */
const FAST_TABLE_ROWS = 200

/**
 * The same borderless layout as cli-table3's (two spaces between columns, trailing spaces
 * trimmed), computed in one pass. Widths count UTF-16 units, which is exact for the ASCII of
 * topic names, ids and offsets; colour is applied after padding.
 */
function fastTable(rows: Record<string, Cell>[], columns: Column[], options: RenderOptions): string {
  const texts = rows.map((row) => columns.map((c) => columnText(c, row[c.key])))
  const widths = columns.map((c, i) => texts.reduce((w, t) => Math.max(w, t[i].length), c.header.length))
  const pad = (text: string, i: number) =>
    columns[i].align === 'right' ? text.padStart(widths[i]) : text.padEnd(widths[i])
  const lines = [
    columns
      .map((c, i) => paint('bold', pad(c.header, i), options.color))
      .join('  ')
      .trimEnd(),
  ]
  for (const [r, t] of texts.entries()) {
    lines.push(
      columns
        .map((c, i) => {
          return options.color ? paint(c.color?.(rows[r][c.key], rows[r]), pad(t[i], i), true) : pad(t[i], i)
        })
        .join('  ')
        .trimEnd(),
    )
  }
  return lines.join('\n')
}
