import {isAscii} from 'node:buffer'

import type {TimestampType} from '../../protocol/record-batch.js'

/** How a key, value or header value is carried in JSON: never lossy. */
export type Encoding = 'json' | 'text' | 'base64'

/**
 * One record of `consume -o json` (NDJSON, one a line) and the input of `produce --input json`.
 * The shape is a contract (schemas/consume.json).
 */
export interface RecordJson {
  topic: string
  partition: number
  offset: bigint
  /** ms since 1970; null when the record has none. */
  timestamp: number | null
  timestampType: TimestampType
  key: unknown
  value: unknown
  headers: {key: string; value: string | null; encoding: Encoding | null}[]
  /** How key and value are written: null for a null key or value. */
  encodings: {key: Encoding | null; value: Encoding | null}
  /** Present with --show-aborted: the record belongs to an aborted transaction. */
  aborted?: boolean
  /** Present with --decode: the internal topic's record as JSON. */
  decoded?: Record<string, unknown>
}

export interface RecordLike {
  topic: string
  partition: number
  offset: bigint
  timestamp: number
  timestampType: TimestampType
  key: Buffer | null
  value: Buffer | null
  headers: {key: string; value: Buffer | null}[]
  aborted?: boolean
}

/**
 * Text when the bytes are UTF-8 that round-trips; JSON when that text is JSON in its compact form
 * (so re-encoding gives the same bytes); base64 otherwise.
 */
export function encodeBytes(b: Buffer | null, allowJson: boolean): {data: unknown; encoding: Encoding | null} {
  if (b === null) return {data: null, encoding: null}
  const text = b.toString('utf8')
  if (!Buffer.from(text, 'utf8').equals(b)) return {data: b.toString('base64'), encoding: 'base64'}
  if (allowJson && b.length > 0 && (b[0] === 0x7b || b[0] === 0x5b)) {
    try {
      const parsed: unknown = JSON.parse(text)
      if (JSON.stringify(parsed) === text) return {data: parsed, encoding: 'json'}
    } catch {
      // not JSON: text
    }
  }
  return {data: text, encoding: 'text'}
}

/** Back to bytes (produce --input json). */
export function decodeBytes(data: unknown, encoding: Encoding | null | undefined, what: string): Buffer | null {
  if (data === null || data === undefined) return null
  if (encoding === 'base64') {
    if (typeof data !== 'string') throw new TypeError(`${what}: base64 needs a string`)
    return Buffer.from(data, 'base64')
  }
  if (encoding === 'json' || (encoding === undefined && typeof data !== 'string'))
    return Buffer.from(JSON.stringify(data), 'utf8')
  if (typeof data !== 'string') throw new TypeError(`${what}: text needs a string`)
  return Buffer.from(data, 'utf8')
}

export function toRecordJson(r: RecordLike, showAborted: boolean): RecordJson {
  const key = encodeBytes(r.key, true)
  const value = encodeBytes(r.value, true)
  const out: RecordJson = {
    topic: r.topic,
    partition: r.partition,
    offset: r.offset,
    timestamp: r.timestamp < 0 ? null : r.timestamp,
    timestampType: r.timestampType,
    key: key.data,
    value: value.data,
    headers: r.headers.map((h) => {
      const v = encodeBytes(h.value, false)
      return {key: h.key, value: v.data as string | null, encoding: v.encoding}
    }),
    encodings: {key: key.encoding, value: value.encoding},
  }
  if (showAborted) out.aborted = Boolean(r.aborted)
  return out
}

/** One NDJSON line (offsets are integers, not strings). */
export function recordJsonLine(r: RecordJson): string {
  const {topic, partition, offset, ...rest} = r
  // int64s inside `decoded` (offsets, producer ids): numbers when exact, else strings.
  const body = JSON.stringify(rest, (_k, v: unknown) =>
    typeof v === 'bigint' ? (Number.isSafeInteger(Number(v)) ? Number(v) : String(v)) : v,
  )
  return `${JSON.stringify({topic, partition}).slice(0, -1)},"offset":${offset},${body.slice(1)}`
}

/**
 * The same line as `recordJsonLine(toRecordJson(r, showAborted))`, without the intermediate
 * object and the replacer: consume's per-record path. ASCII bytes are their own UTF-8 text, so
 * their round-trip check is skipped; JSON candidates and non-ASCII bytes take `encodeBytes`.
 */
export function recordJsonLineOf(r: RecordLike, showAborted: boolean): string {
  let headers = '[]'
  if (r.headers.length > 0) {
    headers = '['
    for (let i = 0; i < r.headers.length; i++) {
      const h = r.headers[i]
      const v = h.value === null ? NULL_ENCODED : textOrBase64(h.value)
      headers += `${i === 0 ? '' : ','}{"key":${JSON.stringify(h.key)},"value":${v.json},"encoding":${v.encoding}}`
    }
    headers += ']'
  }
  const key = r.key === null ? NULL_ENCODED : bytesJson(r.key)
  const value = r.value === null ? NULL_ENCODED : bytesJson(r.value)
  return `{"topic":${JSON.stringify(r.topic)},"partition":${r.partition},"offset":${r.offset},"timestamp":${r.timestamp < 0 ? 'null' : r.timestamp},"timestampType":"${r.timestampType}","key":${key.json},"value":${value.json},"headers":${headers},"encodings":{"key":${key.encoding},"value":${value.encoding}}${showAborted ? `,"aborted":${Boolean(r.aborted)}` : ''}}`
}

/** A key, value or header value as it appears in the line: its JSON and its encoding's JSON. */
interface EncodedJson {
  json: string
  encoding: string
}
const NULL_ENCODED: EncodedJson = {json: 'null', encoding: 'null'}

function bytesJson(b: Buffer): EncodedJson {
  // `{` and `[` may start compact JSON: the full check decides.
  if (b.length > 0 && (b[0] === 0x7b || b[0] === 0x5b)) return slowJson(b, true)
  return textOrBase64(b)
}

function textOrBase64(b: Buffer): EncodedJson {
  if (isAscii(b)) return {json: JSON.stringify(b.toString('latin1')), encoding: '"text"'}
  return slowJson(b, false)
}

function slowJson(b: Buffer, allowJson: boolean): EncodedJson {
  const e = encodeBytes(b, allowJson)
  return {json: JSON.stringify(e.data), encoding: JSON.stringify(e.encoding)}
}
