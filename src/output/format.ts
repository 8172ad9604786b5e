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
  /** Lines above the table (table/wide only), e.g. a key/value summary. */
  header?: (data: T) => string[]
}

export interface RenderOptions {
  color: boolean
}

export function cellText(value: Cell): string {
  if (value === null || value === undefined) return '-'
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  return String(value)
}
