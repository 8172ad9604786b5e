import type {KctlError} from '../errors.js'
import type {OutputFormat} from '../output/format.js'
import {toJson} from '../output/json.js'
import {colorEnabled} from '../output/render.js'

/** A partial answer's note (a broker down, a partition without a leader): `code` and `message`. */
export interface Degradation {
  code: string
  message: string
}

/** `-o json` (any spelling) asks for JSON as `--json` does. */
export function jsonOutputRequested(argv: readonly string[]): boolean {
  const i = argv.findIndex((a) => a === '-o' || a === '--output')
  return (i !== -1 && argv[i + 1] === 'json') || argv.includes('-ojson') || argv.includes('--output=json')
}

/** The format a command prints in: JSON when asked for, else `-o`, else a table. */
export function outputFormat(json: boolean, output: string | undefined): OutputFormat {
  if (json) return 'json'
  return (output as OutputFormat | undefined) ?? 'table'
}

/** Colour on stdout: a terminal, unless `--no-color`, NO_COLOR or TERM=dumb (FORCE_COLOR forces it). */
export function colorOn(noColorFlag: boolean): boolean {
  return colorEnabled(process.stdout, noColorFlag)
}

/** A JSON object result carries the degradations as `warnings` (arrays and errors stay as they are). */
export function withWarnings(json: unknown, warnings: Degradation[]): unknown {
  if (warnings.length === 0 || json === null || typeof json !== 'object' || Array.isArray(json) || 'error' in json)
    return json
  return {...json, warnings}
}

/** One JSON document on stdout (64-bit integers as numbers), with the degradations as `warnings`. */
export function printJson(json: unknown, warnings: Degradation[] = []): void {
  process.stdout.write(`${toJson(withWarnings(json, warnings))}\n`)
}

/**
 * Report a failed command and set its exit code: the JSON error shape on stdout under `--json`,
 * else `Error:` and `Hint:` lines on stderr (with `--debug`, the cause's stack).
 */
export function reportError(
  error: KctlError,
  how: {json: boolean; debug: boolean; printJson: (json: unknown) => void},
) {
  process.exitCode = error.exitCode
  if (how.json) {
    how.printJson({error: error.toJSON()})
    return
  }
  process.stderr.write(`Error: ${error.message}\n`)
  if (error.hint) process.stderr.write(`Hint: ${error.hint}\n`)
  if (how.debug && error.cause instanceof Error && error.cause.stack) process.stderr.write(`${error.cause.stack}\n`)
}

/** Progress and notes go to stderr, and only on a terminal: piped output stays clean. */
export function note(message: string, json: boolean): void {
  if (process.stderr.isTTY && !json) process.stderr.write(`${message}\n`)
}

/** A warning for the person or script running kctl, on stderr whatever the format. */
export function warnUser(message: string): void {
  process.stderr.write(`Warning: ${message}\n`)
}

/** `--debug` lines on stderr, or nothing. */
export function debugWriter(enabled: boolean): ((line: string) => void) | undefined {
  return enabled ? (line: string) => process.stderr.write(`[debug] ${line}\n`) : undefined
}
