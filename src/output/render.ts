import {toCsv} from './csv.js'
import {type OutputFormat, type RenderOptions, type View} from './format.js'
import {toJson} from './json.js'
import {toTable} from './table.js'
import {toYaml} from './yaml.js'

/** Pure: (data, view, format) -> text. The base command decides colour and prints. */
export function render<T>(data: T, view: View<T>, format: OutputFormat, options: RenderOptions): string {
  switch (format) {
    case 'json': {
      return toJson(data)
    }

    case 'yaml': {
      return toYaml(data)
    }

    case 'csv': {
      return toCsv(view.rows(data), view.columns)
    }

    default: {
      const columns = format === 'wide' ? view.columns : view.columns.filter((c) => !c.wide)
      const rows = view.headerOnly ? [] : view.rows(data)
      const parts = [...(view.header?.(data) ?? [])]
      if (rows.length === 0 && view.empty !== undefined) parts.push(view.empty)
      else if (columns.length > 0 && !view.headerOnly) parts.push(toTable(rows, columns, options))
      parts.push(...(view.footer?.(data) ?? []))
      return parts.join('\n')
    }
  }
}

/** Colour only on a TTY, never with NO_COLOR or --no-color. FORCE_COLOR wins for demos. */
export function colorEnabled(
  stream: {isTTY?: boolean},
  noColorFlag: boolean,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (noColorFlag || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) return false
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true
  if (env.TERM === 'dumb') return false
  return Boolean(stream.isTTY)
}
