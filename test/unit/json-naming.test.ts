import {expect} from 'chai'
import {readFileSync, readdirSync} from 'node:fs'
import {join} from 'node:path'

import {ROOT} from '../helpers/cli.js'

type Schema = {type?: unknown; properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[]}

/**
 * Counts and lists (docs/development.md, "JSON naming"): a plural is a list, a count ends in
 * `Count`. These fields predate the rule; renaming them changes the JSON contract, so they stay
 * until a major version. No new ones.
 */
/** The schema of state files (kctl apply's input, draft-07 for editors), not of a command's result. */
const STATE_FILE_SCHEMA = 'state-file.json'

const PLURAL_COUNTS_BEFORE_THE_RULE = new Set([
  'brokers-describe: .leaders',
  'brokers-describe: .logDirs[].replicas',
  'brokers-describe: .replicas',
  'brokers-list: .brokers[].leaders',
  'brokers-list: .brokers[].replicas',
  'cluster-health: .brokers[].leaders',
  'cluster-health: .brokers[].preferredLeaders',
  'cluster-health: .brokers[].replicas',
  'groups-list: .groups[].members',
  'lag: .groups[].members',
  'local-start: .brokers',
  'logdirs-describe: .logDirs[].replicas',
  'offsets-reset: .groups[].members',
  'offsets-undo: .entries[].partitions',
  'offsets-undo: .groups[].members',
  'partitions-reassign: .movedReplicas',
  'records-delete: .partitions[].records',
  'topics-alter: .reassignment.movedReplicas',
  'topics-list: .topics[].partitions',
  // A topic's state as the state file spells it (`partitions: 12`, Kafka's and topicctl's word).
  'apply: .changes[].topic.partitions',
  'apply: .unmanaged[].topic.partitions',
  'apply: .contexts[].result.changes[].topic.partitions',
  'apply: .contexts[].result.unmanaged[].topic.partitions',
  'diff: .changes[].topic.partitions',
  'diff: .unmanaged[].topic.partitions',
  'diff: .contexts[].result.changes[].topic.partitions',
  'diff: .contexts[].result.unmanaged[].topic.partitions',
])
/** Plural words that are not lists of things. */
const NOT_PLURAL = new Set([
  'iterations',
  'status',
  'sizeBytes',
  'totalBytes',
  'usableBytes',
  'bytes',
  'ms',
  'progress',
])

function fields(schema: Schema, path = ''): {path: string; name: string; schema: Schema}[] {
  const own = Object.entries(schema.properties ?? {}).flatMap(([name, s]) => [
    {path: `${path}.${name}`, name, schema: s},
    ...fields(s, `${path}.${name}`),
  ])
  return [
    ...own,
    ...(schema.items ? fields(schema.items, `${path}[]`) : []),
    ...(schema.anyOf ?? []).flatMap((s) => fields(s, path)),
  ]
}

const isNumber = (s: Schema) => [s.type].flat().some((t) => t === 'number' || t === 'integer')

describe('JSON naming: counts vs lists', () => {
  const schemas = readdirSync(join(ROOT, 'schemas')).filter(
    (f) => f.endsWith('.json') && f !== 'error.json' && f !== STATE_FILE_SCHEMA,
  )

  it('a plural field is a list; a count ends in Count (listed exceptions predate the rule)', () => {
    const problems: string[] = []
    for (const f of schemas) {
      const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', f), 'utf8')) as Schema
      for (const field of fields(schema)) {
        const where = `${f.replace(/\.json$/, '')}: ${field.path}`
        if (field.name.endsWith('Count') && !isNumber(field.schema))
          problems.push(`${where} ends in Count but is not a number`)
        if (
          /[a-z]s$/.test(field.name) &&
          !NOT_PLURAL.has(field.name) &&
          !/(Bytes|Ms)$/.test(field.name) &&
          isNumber(field.schema) &&
          !PLURAL_COUNTS_BEFORE_THE_RULE.has(where)
        ) {
          problems.push(`${where} is a plural but a number: name it ${field.name.replace(/s$/, '')}Count`)
        }
      }
    }
    expect(problems).to.deep.equal([])
  })
})
