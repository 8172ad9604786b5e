import type {Readable} from 'node:stream'

import {type Encoding, decodeBytes} from '../admin/records/record-json.js'
import type {OutgoingRecord} from '../admin/records/produce.js'
import {usageError} from '../errors.js'

export type InputFormat = 'lines' | 'json' | 'raw'

export interface InputOptions {
  format: InputFormat
  /** Every record's key (lines and raw). */
  key?: Buffer
  /** lines: split each line into key and value at the first separator. */
  keySeparator?: string
  /** Added to every record, after the input's own headers. */
  headers: {key: string; value: Buffer | null}[]
  /** lines: a line equal to this is a tombstone (null value). */
  nullValue?: string
  /** Records per chunk (each chunk is one Produce round). */
  chunkSize: number
  now?: () => number
}

/** `-H key=value` flags; `key` alone is a header with a null value. */
export function parseHeaderFlags(values: string[]): {key: string; value: Buffer | null}[] {
  return values.map((h) => {
    const i = h.indexOf('=')
    if (i === 0)
      throw usageError(
        `Invalid --header "${h}": the name is empty`,
        'Use -H name=value (or -H name for a null value).',
        'INVALID_HEADER',
      )
    return i === -1 ? {key: h, value: null} : {key: h.slice(0, i), value: Buffer.from(h.slice(i + 1), 'utf8')}
  })
}

/** Splits a byte stream on \n without decoding it (values keep their exact bytes). */
async function* lines(input: Readable): AsyncGenerator<{line: Buffer; n: number}> {
  let rest = Buffer.alloc(0)
  let n = 0
  for await (const chunk of input) {
    let buf = rest.length ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer)
    let i: number
    while ((i = buf.indexOf(0x0a)) !== -1) {
      yield {line: buf.subarray(0, i), n: ++n}
      buf = buf.subarray(i + 1)
    }
    rest = Buffer.from(buf)
  }
  if (rest.length > 0) yield {line: rest, n: n + 1}
}

/**
 * The records of an input, in chunks: `lines` (a record a line; key separator, tombstones),
 * `json` (consume --output json's NDJSON: key, value, headers, encodings, timestamp, partition),
 * `raw` (the whole input is one value). A malformed line is a usage error naming it.
 */
export async function* readRecords(input: Readable, options: InputOptions): AsyncGenerator<OutgoingRecord[]> {
  const now = options.now ?? Date.now
  let chunk: OutgoingRecord[] = []
  const extra = options.headers
  if (options.format === 'raw') {
    const parts: Buffer[] = []
    for await (const c of input) parts.push(c as Buffer)
    yield [{key: options.key ?? null, value: Buffer.concat(parts), headers: extra, timestamp: now()}]
    return
  }
  const sep = options.keySeparator === undefined ? undefined : Buffer.from(options.keySeparator, 'utf8')
  for await (const {line, n} of lines(input)) {
    if (options.format === 'json') {
      if (line.toString('utf8').trim() === '') continue
      chunk.push(fromJsonLine(line, n, extra, now))
    } else {
      let key = options.key ?? null
      let value: Buffer | null = line
      if (sep) {
        const i = line.indexOf(sep)
        if (i === -1)
          throw usageError(
            `Line ${n} has no key separator "${options.keySeparator}"`,
            'Every line must be KEY<separator>VALUE with --key-separator.',
            'INVALID_INPUT_LINE',
          )
        key = line.subarray(0, i)
        value = line.subarray(i + sep.length)
      }
      if (options.nullValue !== undefined && value.toString('utf8') === options.nullValue) value = null
      chunk.push({key, value, headers: extra, timestamp: now()})
    }
    if (chunk.length >= options.chunkSize) {
      yield chunk
      chunk = []
    }
  }
  if (chunk.length > 0) yield chunk
}

function fromJsonLine(
  line: Buffer,
  n: number,
  extra: {key: string; value: Buffer | null}[],
  now: () => number,
): OutgoingRecord {
  const bad = (why: string) =>
    usageError(
      `Line ${n} is not a kctl record: ${why}`,
      'Each line is one JSON object as `kctl consume --output json` prints: {"key":…,"value":…,"headers":[…],"encodings":{…}}.',
      'INVALID_INPUT_LINE',
    )
  let o: Record<string, unknown>
  try {
    o = JSON.parse(line.toString('utf8'))
  } catch (error) {
    throw bad((error as Error).message)
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) throw bad('not a JSON object')
  const enc = (o.encodings ?? {}) as {key?: Encoding | null; value?: Encoding | null}
  const headers = o.headers ?? []
  if (!Array.isArray(headers)) throw bad('headers must be a list of {key, value, encoding}')
  try {
    const record: OutgoingRecord = {
      key: decodeBytes(o.key, enc.key, 'key'),
      value: decodeBytes(o.value, enc.value, 'value'),
      headers: [
        ...headers.map((h: {key?: unknown; value?: unknown; encoding?: Encoding | null}) => {
          if (typeof h?.key !== 'string') throw new TypeError('a header needs a string key')
          return {
            key: h.key,
            value: decodeBytes(
              h.value,
              h.encoding ?? (typeof h.value === 'string' ? 'text' : undefined),
              `header ${h.key}`,
            ),
          }
        }),
        ...extra,
      ],
      timestamp: typeof o.timestamp === 'number' && o.timestamp >= 0 ? o.timestamp : now(),
    }
    if (o.partition !== undefined) {
      if (!Number.isInteger(o.partition) || (o.partition as number) < 0)
        throw new TypeError('partition must be a non-negative integer')
      record.partition = o.partition as number
    }
    return record
  } catch (error) {
    throw bad((error as Error).message)
  }
}
