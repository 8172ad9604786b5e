import {isAscii} from 'node:buffer'

import {type RecordLike, encodeBytes} from './record-json.js'

/**
 * A growing output buffer that consume's formatters write records into, so a batch of records
 * becomes one write without a string per record. `take()` hands over the bytes written and starts
 * a fresh buffer (the one taken may still be queued on a pipe).
 */
export class ByteSink {
  private buf: Buffer
  pos = 0

  constructor(private readonly initial = 256 * 1024) {
    this.buf = Buffer.allocUnsafe(initial)
  }

  take(): Buffer {
    const out = this.buf.subarray(0, this.pos)
    this.buf = Buffer.allocUnsafe(this.initial)
    this.pos = 0
    return out
  }

  /** Room for n more bytes. */
  reserve(n: number): Buffer {
    if (this.pos + n > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n))
      this.buf.copy(bigger, 0, 0, this.pos)
      this.buf = bigger
    }
    return this.buf
  }

  bytes(b: Uint8Array): void {
    const buf = this.reserve(b.length)
    if (b.length < 48) for (let i = 0; i < b.length; i++) buf[this.pos + i] = b[i]
    else buf.set(b, this.pos)
    this.pos += b.length
  }

  /** A string whose characters are all below U+0080. */
  ascii(s: string): void {
    const buf = this.reserve(s.length)
    for (let i = 0; i < s.length; i++) buf[this.pos + i] = s.charCodeAt(i)
    this.pos += s.length
  }

  utf8(s: string): void {
    const n = Buffer.byteLength(s, 'utf8')
    this.pos += this.reserve(n).write(s, this.pos, n, 'utf8')
  }
}

/** Writes one record's output into a sink. */
export type RecordInto = (sink: ByteSink, r: RecordLike) => void

const ascii = (s: string) => Buffer.from(s, 'latin1')
// The line's start for the last topic and partition written (records come batch by batch).
let prefixTopic: string | undefined
let prefixPartition = -1
let prefix = Buffer.alloc(0)
const TIMESTAMP = ascii(',"timestamp":')
const TIMESTAMP_TYPES: Record<string, Buffer> = {
  CreateTime: ascii(',"timestampType":"CreateTime","key":'),
  LogAppendTime: ascii(',"timestampType":"LogAppendTime","key":'),
  NoTimestamp: ascii(',"timestampType":"NoTimestamp","key":'),
}
const VALUE = ascii(',"value":')
const HEADERS = ascii(',"headers":')
const NO_HEADERS = ascii(',"headers":[]')
const ENCODINGS = ascii(',"encodings":{"key":')
const ENCODING_VALUE = ascii(',"value":')
const HEADER_KEY = ascii('{"key":')
const HEADER_ENCODING = ascii(',"encoding":')
const NULL = ascii('null')
const TEXT = 0
const ENCODINGS_JSON = [ascii('"text"'), ascii('"json"'), ascii('"base64"'), NULL]
const ENCODING_INDEX: Record<string, number> = {text: 0, json: 1, base64: 2}

/**
 * consume -o json's line of a record, written as bytes: the same bytes as
 * `recordJsonLine(toRecordJson(r, showAborted))` and a newline. Printable ASCII without quotes
 * or backslashes (most keys and values) is copied as it is; anything else takes the general
 * encoding (`encodeBytes`, JSON.stringify).
 */
export function recordJsonInto(sink: ByteSink, r: RecordLike, showAborted: boolean): void {
  if (r.topic !== prefixTopic || r.partition !== prefixPartition) {
    prefixTopic = r.topic
    prefixPartition = r.partition
    prefix = Buffer.from(`{"topic":${JSON.stringify(r.topic)},"partition":${r.partition},"offset":`, 'utf8')
  }
  sink.bytes(prefix)
  sink.ascii(String(r.offset))
  sink.bytes(TIMESTAMP)
  if (r.timestamp < 0) sink.bytes(NULL)
  else sink.ascii(String(r.timestamp))
  sink.bytes(TIMESTAMP_TYPES[r.timestampType])
  const keyEncoding = bytesInto(sink, r.key, true)
  sink.bytes(VALUE)
  const valueEncoding = bytesInto(sink, r.value, true)
  if (r.headers.length === 0) sink.bytes(NO_HEADERS)
  else {
    sink.bytes(HEADERS)
    for (let i = 0; i < r.headers.length; i++) {
      const h = r.headers[i]
      sink.ascii(i === 0 ? '[' : ',')
      sink.bytes(HEADER_KEY)
      sink.utf8(JSON.stringify(h.key))
      sink.bytes(VALUE)
      const e = bytesInto(sink, h.value, false)
      sink.bytes(HEADER_ENCODING)
      sink.bytes(ENCODINGS_JSON[e])
      sink.ascii('}')
    }
    sink.ascii(']')
  }
  sink.bytes(ENCODINGS)
  sink.bytes(ENCODINGS_JSON[keyEncoding])
  sink.bytes(ENCODING_VALUE)
  sink.bytes(ENCODINGS_JSON[valueEncoding])
  sink.ascii(showAborted ? (r.aborted ? '},"aborted":true}\n' : '},"aborted":false}\n') : '}}\n')
}

/** Writes the JSON of a key, value or header value; returns its encoding (an ENCODINGS_JSON index). */
function bytesInto(sink: ByteSink, b: Buffer | null, allowJson: boolean): number {
  if (b === null) {
    sink.bytes(NULL)
    return 3
  }
  const n = b.length
  // `{` and `[` may start compact JSON: the general encoding decides.
  if (!(allowJson && n > 0 && (b[0] === 0x7b || b[0] === 0x5b))) {
    // Copied while checked: kept only when every byte is printable ASCII needing no escape.
    const buf = sink.reserve(n + 2)
    const at = sink.pos + 1
    let i = 0
    for (; i < n; i++) {
      const c = b[i]
      if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) break
      buf[at + i] = c
    }
    if (i === n) {
      buf[at - 1] = 0x22
      buf[at + n] = 0x22
      sink.pos += n + 2
      return TEXT
    }
    if (isAscii(b)) {
      sink.ascii(JSON.stringify(b.toString('latin1')))
      return TEXT
    }
  }
  const e = encodeBytes(b, allowJson)
  sink.utf8(JSON.stringify(e.data))
  return e.encoding === null ? 3 : ENCODING_INDEX[e.encoding]
}

/** -o raw's record: the value's bytes and a newline (an empty line for a null value). */
export function rawValueInto(sink: ByteSink, r: RecordLike): void {
  const v = r.value
  const n = v ? v.length : 0
  const buf = sink.reserve(n + 1)
  if (v) v.copy(buf, sink.pos)
  buf[sink.pos + n] = 0x0a
  sink.pos += n + 1
}
