import {readFileSync} from 'node:fs'

import {usageError} from '../errors.js'
import {INT32_MAX, INT64_MAX} from './numbers.js'

/**
 * Parsers of the JSON files Kafka's own tools read and write, so existing runbooks carry over:
 * kafka-reassign-partitions (plans), kafka-leader-election (--path-to-json-file),
 * kafka-delete-records (--offset-json-file). Every problem is a usage error (exit 2).
 */

export interface ReassignmentEntry {
  topic: string
  partition: number
  replicas: number[]
}

export interface TopicPartitionOffset {
  topic: string
  partition: number
  /** -1 = the high watermark (Kafka's meaning). */
  offset: bigint
}

type Json = Record<string, unknown>

export function readJsonFile(path: string, flag: string): unknown {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw usageError(
      `Cannot read ${flag} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      'Check the path and the file permissions.',
      'INVALID_FILE',
    )
  }
  return parseJsonText(text, `${flag} ${path}`)
}

export function parseJsonText(text: string, what: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw usageError(
      `${what} is not valid JSON: ${(error as Error).message}`,
      "Kafka's tools write these files; check for a truncated or hand-edited file.",
      'INVALID_FILE',
    )
  }
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
/** Partition and broker ids are int32 on the wire. */
const isId = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= INT32_MAX

function partitionsArray(doc: unknown, what: string, example: string): Json[] {
  if (!isObject(doc) || !Array.isArray(doc.partitions))
    throw usageError(`${what}: expected an object with a "partitions" array`, `Example: ${example}`, 'INVALID_FILE')
  if (doc.version !== undefined && doc.version !== 1)
    throw usageError(
      `${what}: unsupported version ${JSON.stringify(doc.version)} (only 1)`,
      'Use "version": 1.',
      'INVALID_FILE',
    )
  return doc.partitions.map((p, i) => {
    if (!isObject(p))
      throw usageError(`${what}: partitions[${i}] is not an object`, `Example: ${example}`, 'INVALID_FILE')
    if (typeof p.topic !== 'string' || p.topic === '')
      throw usageError(
        `${what}: partitions[${i}].topic must be a non-empty string`,
        `Example: ${example}`,
        'INVALID_FILE',
      )
    if (!isId(p.partition))
      throw usageError(
        `${what}: partitions[${i}].partition must be an integer from 0 to ${INT32_MAX}`,
        `Example: ${example}`,
        'INVALID_FILE',
      )
    return p
  })
}

function noDuplicates(entries: {topic: string; partition: number}[], what: string): void {
  const seen = new Set<string>()
  for (const e of entries) {
    const key = `${e.topic}:${e.partition}`
    if (seen.has(key))
      throw usageError(`${what}: ${key} appears more than once`, 'List each partition once.', 'INVALID_FILE')
    seen.add(key)
  }
}

const PLAN_EXAMPLE = '{"version":1,"partitions":[{"topic":"orders","partition":0,"replicas":[1,2,3]}]}'

/** Kafka's reassignment JSON. `log_dirs` may only be "any" (moves between directories are not supported). */
export function parseReassignmentPlan(doc: unknown, what = 'The plan'): ReassignmentEntry[] {
  const entries = partitionsArray(doc, what, PLAN_EXAMPLE).map((p, i) => {
    const replicas = p.replicas
    if (!Array.isArray(replicas) || replicas.length === 0 || !replicas.every(isId)) {
      throw usageError(
        `${what}: partitions[${i}].replicas must be a non-empty array of broker ids (0 to ${INT32_MAX})`,
        `Example: ${PLAN_EXAMPLE}`,
        'INVALID_FILE',
      )
    }
    if (new Set(replicas).size !== replicas.length)
      throw usageError(
        `${what}: ${p.topic}:${p.partition} lists a broker twice (${replicas.join(',')})`,
        'Each replica of a partition must be on a different broker.',
        'INVALID_FILE',
      )
    if (p.log_dirs !== undefined) {
      if (!Array.isArray(p.log_dirs) || p.log_dirs.length !== replicas.length)
        throw usageError(
          `${what}: ${p.topic}:${p.partition} log_dirs must have one entry per replica`,
          'Use "any" for each replica, or leave log_dirs out.',
          'INVALID_FILE',
        )
      if (p.log_dirs.some((d) => d !== 'any'))
        throw usageError(
          `${what}: ${p.topic}:${p.partition} names a log directory; kctl moves replicas between brokers only`,
          'Use "any" for every log_dirs entry (or leave log_dirs out).',
          'INVALID_FILE',
        )
    }
    return {topic: p.topic as string, partition: p.partition as number, replicas: replicas as number[]}
  })
  if (entries.length === 0) throw usageError(`${what} has no partitions`, `Example: ${PLAN_EXAMPLE}`, 'INVALID_FILE')
  noDuplicates(entries, what)
  return entries
}

/** kafka-reassign-partitions' format, as written by `--generate`. */
export function formatReassignmentPlan(entries: ReassignmentEntry[]): {
  version: 1
  partitions: {topic: string; partition: number; replicas: number[]; log_dirs: string[]}[]
} {
  return {
    version: 1,
    partitions: entries.map((e) => ({
      topic: e.topic,
      partition: e.partition,
      replicas: e.replicas,
      log_dirs: e.replicas.map(() => 'any'),
    })),
  }
}

/** kafka-leader-election --path-to-json-file: {"partitions":[{"topic":"t","partition":0}]}. */
export function parseElectionPartitions(
  doc: unknown,
  what = 'The election file',
): {topic: string; partition: number}[] {
  const entries = partitionsArray(doc, what, '{"partitions":[{"topic":"orders","partition":0}]}').map((p) => ({
    topic: p.topic as string,
    partition: p.partition as number,
  }))
  if (entries.length === 0)
    throw usageError(
      `${what} has no partitions`,
      'Example: {"partitions":[{"topic":"orders","partition":0}]}',
      'INVALID_FILE',
    )
  noDuplicates(entries, what)
  return entries
}

/** kafka-delete-records --offset-json-file: {"partitions":[{"topic":"t","partition":0,"offset":10}],"version":1}. */
export function parseOffsetFile(doc: unknown, what = 'The offset file'): TopicPartitionOffset[] {
  const example = '{"version":1,"partitions":[{"topic":"orders","partition":0,"offset":100}]}'
  const entries = partitionsArray(doc, what, example).map((p, i) => {
    const o = p.offset
    const valid =
      (typeof o === 'number' && Number.isInteger(o) && o >= -1) || (typeof o === 'string' && /^(-1|\d+)$/.test(o))
    if (!valid || BigInt(o as number | string) > INT64_MAX)
      throw usageError(
        `${what}: partitions[${i}].offset must be an integer >= 0 (or -1 for the high watermark)`,
        `Example: ${example}`,
        'INVALID_FILE',
      )
    return {topic: p.topic as string, partition: p.partition as number, offset: BigInt(o as number | string)}
  })
  if (entries.length === 0) throw usageError(`${what} has no partitions`, `Example: ${example}`, 'INVALID_FILE')
  noDuplicates(entries, what)
  return entries
}
