export const OUTPUT_FORMATS = ['table', 'wide', 'json', 'yaml', 'csv'] as const
export type OutputFormat = (typeof OUTPUT_FORMATS)[number]

/** Cell values a view may produce; null/undefined render as `-` in tables and csv. */
export type Cell = string | number | bigint | boolean | null | undefined

export interface Column {
  key: string
  header: string
  /** Only in `-o wide`. */
  wide?: boolean
  align?: 'left' | 'right'
  /**
   * How tables show the raw value (bytes as `1.9 KiB`, milliseconds as `1m37s`, true as `*`).
   * Rows carry raw values: CSV prints them as they are.
   */
  human?: (value: Cell) => Cell
  /** Optional styling hook, applied only when colour is on (e.g. red for errors). */
  color?: (value: Cell, row: Record<string, Cell>) => 'red' | 'yellow' | 'green' | 'dim' | undefined
}

/** How a command's typed result becomes rows for table/wide/csv. */
export interface View<T> {
  columns: Column[]
  rows: (data: T) => Record<string, Cell>[]
  /** Printed instead of an empty table. */
  empty?: string
  /** Extra lines under the table (table/wide only). */
  footer?: (data: T) => string[]
  /**
   * A single object: table and wide print only the header and footer lines; the rows and columns
   * are its CSV form (JSON and YAML print the object).
   */
  headerOnly?: boolean
  /** Lines above the table (table/wide only), e.g. a key/value summary. */
  header?: (data: T) => string[]
}

export interface RenderOptions {
  color: boolean
}

/** A cell as a table shows it: the column's human form of the raw value. */
export const columnText = (column: Column, value: Cell): string => cellText(column.human ? column.human(value) : value)

export function cellText(value: Cell): string {
  if (value === null || value === undefined) return '-'
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  return String(value)
}

/**
 * The view of a single object: `lines` for table and wide (a message, key/value pairs), and one CSV
 * row of the object's scalar fields `keys` (lists joined with commas; raw values).
 */
export function objectView<T extends object>(lines: (data: T) => string[], keys: (keyof T & string)[]): View<T> {
  return {
    headerOnly: true,
    header: lines,
    columns: keys.map((key) => ({key, header: key})),
    rows: (data) => [Object.fromEntries(keys.map((k) => [k, csvCell(data[k])]))],
  }
}

function csvCell(value: unknown): Cell {
  if (Array.isArray(value)) return value.join(',')
  if (value === null || value === undefined || ['string', 'number', 'bigint', 'boolean'].includes(typeof value))
    return value as Cell
  return JSON.stringify(value)
}
