import Table from 'cli-table3'
import {Chalk} from 'chalk'

import {type Cell, type Column, type RenderOptions, cellText} from './format.js'

const BORDERLESS = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '',
  right: '', 'right-mid': '', middle: '  ',
}

/**
 * A kubectl-style borderless table. cli-table3 colours heads and borders by default even when
 * piped; the style is cleared and colour is applied here only when `color` is on.
 */
export function toTable(rows: Record<string, Cell>[], columns: Column[], options: RenderOptions): string {
  const chalk = new Chalk({level: options.color ? 1 : 0})
  if (rows.length >= FAST_TABLE_ROWS) return fastTable(rows, columns, chalk, options)
  const table = new Table({
    chars: BORDERLESS,
    style: {head: [], border: [], 'padding-left': 0, 'padding-right': 0},
    head: columns.map((c) => chalk.bold(c.header)),
    colAligns: columns.map((c) => c.align ?? 'left'),
  })
  for (const row of rows) {
    table.push(
      columns.map((c) => {
        const text = cellText(row[c.key])
        const color = options.color ? c.color?.(row[c.key], row) : undefined
        return color ? chalk[color](text) : text
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
  const chalk = new Chalk({level: options.color ? 1 : 0})
  const width = Math.max(0, ...pairs.map(([k]) => k.length)) + 1
  return pairs.map(([k, v]) => `${chalk.bold(`${k}:`.padEnd(width))} ${cellText(v)}`)
}

/** From this many rows on, tables are padded directly: cli-table3 costs ~1 ms per row. */
const FAST_TABLE_ROWS = 200

/**
 * The same borderless layout as cli-table3's (two spaces between columns, trailing spaces
 * trimmed), computed in one pass. Widths count UTF-16 units, which is exact for the ASCII of
 * topic names, ids and offsets; colour is applied after padding.
 */
function fastTable(rows: Record<string, Cell>[], columns: Column[], chalk: InstanceType<typeof Chalk>, options: RenderOptions): string {
  const texts = rows.map((row) => columns.map((c) => cellText(row[c.key])))
  const widths = columns.map((c, i) => Math.max(c.header.length, ...texts.map((t) => t[i].length)))
  const pad = (text: string, i: number) => (columns[i].align === 'right' ? text.padStart(widths[i]) : text.padEnd(widths[i]))
  const lines = [columns.map((c, i) => (options.color ? chalk.bold(pad(c.header, i)) : pad(c.header, i))).join('  ').trimEnd()]
  for (const [r, t] of texts.entries()) {
    lines.push(
      columns
        .map((c, i) => {
          const color = options.color ? c.color?.(rows[r][c.key], rows[r]) : undefined
          return color ? chalk[color](pad(t[i], i)) : pad(t[i], i)
        })
        .join('  ')
        .trimEnd(),
    )
  }
  return lines.join('\n')
}
