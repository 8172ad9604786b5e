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
