import {Ajv2020, type ValidateFunction} from 'ajv/dist/2020.js'
import {readFileSync, readdirSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

// (not from ./cli.js: cli.ts imports this module)
const SCHEMAS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'schemas')
let validators: Map<string, ValidateFunction> | undefined

/** Every schema in schemas/, compiled once: file name without .json -> validator. */
function schemas(): Map<string, ValidateFunction> {
  if (!validators) {
    const ajv = new Ajv2020({allErrors: true, strict: true, allowUnionTypes: true, validateFormats: false})
    validators = new Map(
      readdirSync(SCHEMAS)
        .filter((f) => f.endsWith('.json') && f !== 'state-file.json') // the state-file format, not a result
        .map((f) => [f.replace(/\.json$/, ''), ajv.compile(JSON.parse(readFileSync(join(SCHEMAS, f), 'utf8')))]),
    )
  }
  return validators
}

export const hasSchema = (id: string) => schemas().has(id.replaceAll(':', '-'))

export {wantsJson} from '../../src/hooks/command-not-found.js'

/** The command id of a kctl argv: the longest run of leading words that names a schema ("topics list"). */
export function commandIdOf(argv: readonly string[]): string | undefined {
  const words: string[] = []
  for (const a of argv) {
    if (a.startsWith('-')) break
    words.push(a)
  }
  for (let k = words.length; k >= 1; k--) if (hasSchema(words.slice(0, k).join(':'))) return words.slice(0, k).join(':')
  return undefined
}

/**
 * Throw unless `json` (a command's parsed --json output) matches the command's schema
 * (schemas/<id>.json), or, for a failure, the error shape (schemas/error.json).
 */
export function assertJsonContract(id: string, json: unknown): void {
  const isError =
    typeof json === 'object' &&
    json !== null &&
    !Array.isArray(json) &&
    Object.keys(json).length === 1 &&
    'error' in json
  const name = isError ? 'error' : id.replaceAll(':', '-')
  const validate = schemas().get(name)
  if (!validate) throw new Error(`no JSON schema schemas/${name}.json (npm run schemas)`)
  if (!validate(json)) {
    const problems = (validate.errors ?? []).map(
      (e) => `  ${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`,
    )
    throw new Error(
      `kctl ${id.replaceAll(':', ' ')} --json does not match schemas/${name}.json:\n${problems.join('\n')}\n${JSON.stringify(json, null, 2).slice(0, 2000)}`,
    )
  }
}

/**
 * Commands whose `-o json` streams NDJSON, one record a line (its shape is pinned by their own
 * tests): every line must be one JSON document; an error is still the error shape.
 */
const NDJSON_COMMANDS = new Set(['consume', 'produce'])

/** Validate printed JSON output (one document) of a command; no output is fine (nothing to check). */
export function assertJsonOutput(id: string, stdout: string): void {
  if (stdout.trim() === '') return
  if (NDJSON_COMMANDS.has(id)) {
    const lines = stdout.trim().split('\n')
    for (const line of lines) {
      try {
        JSON.parse(line)
      } catch {
        throw new Error(`kctl ${id} -o json printed a line that is not JSON:\n${line.slice(0, 500)}`)
      }
    }
    if (lines.length === 1 && typeof JSON.parse(lines[0]) === 'object' && 'error' in JSON.parse(lines[0]))
      assertJsonContract(id, JSON.parse(lines[0]))
    return
  }
  let json: unknown
  try {
    json = JSON.parse(stdout)
  } catch {
    throw new Error(
      `kctl ${id.replaceAll(':', ' ')} --json printed something that is not one JSON document:\n${stdout.slice(0, 2000)}`,
    )
  }
  assertJsonContract(id, json)
}
