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
 * A kubectl-style borderless table. Plain ASCII text (the usual topic names, ids, offsets) and
 * tables of 200+ rows are laid out directly, byte for byte as cli-table3 would (which costs ~1 ms
 * per row and ~10 ms to load); anything else (wide or combining characters, tabs, newlines)
 * still goes through cli-table3.
 */
export function toTable(rows: Record<string, Cell>[], columns: Column[], options: RenderOptions): string {
  const texts = rows.map((row) => columns.map((c) => columnText(c, row[c.key])))
  const plain = columns.every((c) => PLAIN.test(c.header)) && texts.every((t) => t.every((text) => PLAIN.test(text)))
  if (plain || rows.length >= FAST_TABLE_ROWS) return fastTable(rows, texts, columns, options)
  return cliTable3(rows, columns, options)
}

/**
 * Through cli-table3. Its default style colours heads and borders even when piped; the style is
 * cleared and colour is applied here only when `color` is on. Exported for the test that holds
 * the direct layout to it.
 */
export function cliTable3(rows: Record<string, Cell>[], columns: Column[], options: RenderOptions): string {
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

/** From this many rows on, tables are laid out directly whatever they hold (widths in UTF-16 units). */
const FAST_TABLE_ROWS = 200

/** Printable ASCII: one column per character, which is all the direct layout measures. */
const PLAIN = /^[\x20-\x7E]*$/

/**
 * The same borderless layout as cli-table3's (two spaces between columns, the padding outside
 * any colour codes, trailing spaces trimmed), computed in one pass.
 */
function fastTable(rows: Record<string, Cell>[], texts: string[][], columns: Column[], options: RenderOptions): string {
  const widths = columns.map((c, i) => texts.reduce((w, t) => Math.max(w, t[i].length), c.header.length))
  const pad = (painted: string, length: number, i: number) => {
    const fill = ' '.repeat(widths[i] - length)
    return columns[i].align === 'right' ? fill + painted : painted + fill
  }
  const lines = [
    columns
      .map((c, i) => pad(paint('bold', c.header, options.color), c.header.length, i))
      .join('  ')
      .trimEnd(),
  ]
  for (const [r, t] of texts.entries()) {
    lines.push(
      columns
        .map((c, i) =>
          pad(options.color ? paint(c.color?.(rows[r][c.key], rows[r]), t[i], true) : t[i], t[i].length, i),
        )
        .join('  ')
        .trimEnd(),
    )
  }
  return lines.join('\n')
}
