import {decompress} from './codecs.js'

/**
 * The timestamp of one record in a Fetch response's record set, read from the batch headers
 * without decoding the records kctl does not need. Layout: the RecordBatch (magic 2) and legacy
 * message set (magic 0/1) formats of Kafka's `DefaultRecordBatch` and `LegacyRecord`.
 */
export interface RecordTimestamp {
  offset: bigint
  timestamp: number
  /**
   * false when the record itself could not be reached (past the end of a compressed batch the
   * fetch cut short, or inside a legacy compressed wrapper): the timestamp is then the batch's
   * first one, at most the batch's own time span (a producer's linger) older than the record's.
   */
  exact: boolean
}

// RecordBatch (magic 2) header offsets.
const LENGTH = 8
const MAGIC = 16
const ATTRIBUTES = 21
const LAST_OFFSET_DELTA = 23
const BASE_TIMESTAMP = 27
const MAX_TIMESTAMP = 35
const HEADER = 61
const LOG_OVERHEAD = 12 // base offset + length, not counted in the length field

const COMPRESSION_MASK = 0x07
const LOG_APPEND_TIME = 0x08
const CONTROL = 0x20

/**
 * The first record at or after `offset` (the next record a consumer at that position reads):
 * control batches (transaction markers) are skipped, as consumers skip them. null when the
 * records hold no such record (nothing fetched, or the first batch is cut short before its
 * header).
 */
export function recordTimestampAt(records: Buffer, offset: bigint): RecordTimestamp | null {
  let pos = 0
  while (pos + LOG_OVERHEAD + 5 <= records.length) {
    const magic = records[pos + MAGIC]
    if (magic < 2) {
      const legacy = legacyEntry(records, pos, offset)
      if (legacy === 'skip') {
        pos += LOG_OVERHEAD + records.readInt32BE(pos + LENGTH)
        continue
      }
      return legacy
    }
    if (pos + HEADER > records.length) return null
    const baseOffset = records.readBigInt64BE(pos)
    const end = pos + LOG_OVERHEAD + records.readInt32BE(pos + LENGTH)
    const attributes = records.readInt16BE(pos + ATTRIBUTES)
    const lastOffset = baseOffset + BigInt(records.readInt32BE(pos + LAST_OFFSET_DELTA))
    if (lastOffset < offset || attributes & CONTROL) {
      pos = end
      continue
    }
    const baseTimestamp = int64(records, pos + BASE_TIMESTAMP)
    if (attributes & LOG_APPEND_TIME)
      return {
        offset: offset > baseOffset ? offset : baseOffset,
        timestamp: int64(records, pos + MAX_TIMESTAMP),
        exact: true,
      }
    const complete = end <= records.length
    const compression = attributes & COMPRESSION_MASK
    let body: Buffer | null = null
    if (compression === 0) body = records.subarray(pos + HEADER, Math.min(end, records.length))
    else if (complete) body = decompress(compression, records.subarray(pos + HEADER, end))
    const found = body ? findRecord(body, baseOffset, baseTimestamp, offset) : 'cut'
    if (found === 'none' && complete) {
      // Compaction removed the records from `offset` to the batch's end: the next batch has it.
      pos = end
      continue
    }
    if (found === 'none' || found === 'cut')
      return known({offset: baseOffset, timestamp: baseTimestamp, exact: baseOffset >= offset})
    return known(found)
  }
  return null
}

/** Records without a timestamp (-1) have no time lag. */
const known = (r: RecordTimestamp): RecordTimestamp | null => (r.timestamp < 0 ? null : r)

/** Walks a batch's records: varint length, attributes, timestamp delta, offset delta, … */
function findRecord(
  body: Buffer,
  baseOffset: bigint,
  baseTimestamp: number,
  offset: bigint,
): RecordTimestamp | 'cut' | 'none' {
  const cursor = {pos: 0}
  while (cursor.pos < body.length) {
    const length = varint(body, cursor)
    const start = cursor.pos
    if (length === null || start + length > body.length) return 'cut'
    cursor.pos += 1 // attributes
    const timestampDelta = varint(body, cursor)
    const offsetDelta = varint(body, cursor)
    if (timestampDelta === null || offsetDelta === null) return 'cut'
    const recordOffset = baseOffset + BigInt(offsetDelta)
    if (recordOffset >= offset) return {offset: recordOffset, timestamp: baseTimestamp + timestampDelta, exact: true}
    cursor.pos = start + length
  }
  return 'none'
}

/** A legacy (magic 0/1) entry: offset, size, crc, magic, attributes, [timestamp], key, value. */
function legacyEntry(records: Buffer, pos: number, offset: bigint): RecordTimestamp | null | 'skip' {
  if (pos + LOG_OVERHEAD + 14 > records.length) return null
  // A compressed wrapper carries the offset of its last inner record.
  const entryOffset = records.readBigInt64BE(pos)
  if (entryOffset < offset) return 'skip'
  if (records[pos + MAGIC] === 0) return null // magic 0 has no timestamps
  // A compressed wrapper's timestamp is its newest inner record's.
  const compressed = (records[pos + MAGIC + 1] & COMPRESSION_MASK) !== 0
  return known({offset: entryOffset, timestamp: int64(records, pos + 18), exact: !compressed})
}

/** A zigzag varint (Kafka's varint and varlong) as a number; null when the bytes run out. */
function varint(buf: Buffer, cursor: {pos: number}): number | null {
  let value = 0
  let scale = 1
  for (let i = 0; i < 10; i++) {
    if (cursor.pos >= buf.length) return null
    const b = buf[cursor.pos++]
    value += (b & 0x7f) * scale
    if ((b & 0x80) === 0) return value % 2 === 0 ? value / 2 : -(value + 1) / 2
    scale *= 128
  }
  return null
}

/** Timestamps fit a double exactly (ms since 1970). */
function int64(buf: Buffer, pos: number): number {
  return buf.readInt32BE(pos) * 2 ** 32 + buf.readUInt32BE(pos + 4)
}

/** One record of a fetched record set, every field Kafka stores. */
export interface DecodedRecord {
  offset: bigint
  /** ms since 1970; -1 when the record has none (message format v0). */
  timestamp: number
  key: Buffer | null
  value: Buffer | null
  /** In the order the producer wrote them; keys may repeat. */
  headers: {key: string; value: Buffer | null}[]
}

export type TimestampType = 'CreateTime' | 'LogAppendTime' | 'NoTimestamp'

/** A batch (magic 2), or a legacy message or compressed wrapper (magic 0/1) with its inner records. */
export interface DecodedBatch {
  baseOffset: bigint
  lastOffset: bigint
  magic: number
  compression: number
  timestampType: TimestampType
  producerId: bigint
  producerEpoch: number
  isTransactional: boolean
  /** A transaction marker batch: its records are markers, not data. */
  control: {type: 'COMMIT' | 'ABORT' | 'UNKNOWN'; coordinatorEpoch: number} | null
  records: DecodedRecord[]
}

export interface DecodedRecordSet {
  batches: DecodedBatch[]
  /** The fetch cut the last batch short (the next fetch starts at its base offset). */
  truncated: boolean
}

/**
 * Every batch and record of a Fetch response's record set (Kafka's `DefaultRecordBatch`,
 * `DefaultRecord`, `LegacyRecord`), decompressing with `codecs.ts`. A batch cut short by the
 * fetch's byte limit ends the decoding (`truncated`); a corrupt batch throws.
 */
export function decodeRecordSet(records: Buffer): DecodedRecordSet {
  const batches: DecodedBatch[] = []
  const it = recordBatches(records)
  for (let next = it.next(); ; next = it.next()) {
    if (next.done) return {batches, truncated: next.value}
    batches.push(next.value)
  }
}

/**
 * The batches of a record set one at a time, each decoded when reached (consume streams them:
 * only one batch's records are held at once). Returns whether the fetch cut the last batch short.
 */
export function* recordBatches(records: Buffer): Generator<DecodedBatch, boolean> {
  let pos = 0
  while (pos + LOG_OVERHEAD + 5 <= records.length) {
    const size = records.readInt32BE(pos + LENGTH)
    const end = pos + LOG_OVERHEAD + size
    if (end > records.length) return true
    const magic = records[pos + MAGIC]
    if (magic < 2) yield decodeLegacy(records.subarray(pos, end))
    else if (magic === 2) yield decodeBatch(records.subarray(pos, end))
    else throw new Error(`unknown record batch magic ${magic} at byte ${pos}`)
    pos = end
  }
  return pos < records.length
}

function decodeBatch(b: Buffer): DecodedBatch {
  const baseOffset = b.readBigInt64BE(0)
  const attributes = b.readInt16BE(ATTRIBUTES)
  const compression = attributes & COMPRESSION_MASK
  const lastOffset = baseOffset + BigInt(b.readInt32BE(LAST_OFFSET_DELTA))
  const baseTimestamp = int64(b, BASE_TIMESTAMP)
  const maxTimestamp = int64(b, MAX_TIMESTAMP)
  const appendTime = (attributes & LOG_APPEND_TIME) !== 0
  const count = b.readInt32BE(57)
  const body = decompress(compression, b.subarray(HEADER))
  const recs: DecodedRecord[] = []
  const c = {pos: 0}
  for (let i = 0; i < count; i++) {
    const length = need(varint(body, c))
    const start = c.pos
    c.pos += 1 // record attributes (unused)
    const timestampDelta = need(varint(body, c))
    const offsetDelta = need(varint(body, c))
    const key = bytes(body, c)
    const value = bytes(body, c)
    const headerCount = need(varint(body, c))
    const headers: DecodedRecord['headers'] = []
    for (let h = 0; h < headerCount; h++) {
      const k = bytes(body, c)
      headers.push({key: k ? k.toString('utf8') : '', value: bytes(body, c)})
    }
    if (c.pos !== start + length) throw new Error(`corrupt record at offset ${baseOffset + BigInt(offsetDelta)}`)
    recs.push({
      offset: baseOffset + BigInt(offsetDelta),
      timestamp: appendTime ? maxTimestamp : baseTimestamp + timestampDelta,
      key,
      value,
      headers,
    })
  }
  const isControl = (attributes & CONTROL) !== 0
  let control: DecodedBatch['control'] = null
  if (isControl && recs[0]?.key && recs[0].key.length >= 4) {
    const type = recs[0].key.readInt16BE(2)
    const coordinatorEpoch = recs[0].value && recs[0].value.length >= 6 ? recs[0].value.readInt32BE(2) : -1
    control = {type: type === 0 ? 'ABORT' : type === 1 ? 'COMMIT' : 'UNKNOWN', coordinatorEpoch}
  } else if (isControl) control = {type: 'UNKNOWN', coordinatorEpoch: -1}
  return {
    baseOffset,
    lastOffset,
    magic: 2,
    compression,
    timestampType: appendTime ? 'LogAppendTime' : 'CreateTime',
    producerId: b.readBigInt64BE(43),
    producerEpoch: b.readInt16BE(51),
    isTransactional: (attributes & 0x10) !== 0,
    control,
    records: recs,
  }
}

/** A legacy entry: offset, size, crc, magic, attributes, [timestamp (v1)], key, value. */
function decodeLegacy(
  b: Buffer,
  outer?: {offset: bigint; magic: number; timestamp: number; appendTime: boolean},
): DecodedBatch {
  const offset = b.readBigInt64BE(0)
  const magic = b[MAGIC]
  const attributes = b[MAGIC + 1]
  const compression = attributes & COMPRESSION_MASK
  const appendTime = magic === 1 && (attributes & LOG_APPEND_TIME) !== 0
  const c = {pos: MAGIC + 2}
  const timestamp = magic === 1 ? int64(b, c.pos) : -1
  if (magic === 1) c.pos += 8
  const key = int32Bytes(b, c)
  const value = int32Bytes(b, c)
  const base = {
    magic,
    compression,
    timestampType: (magic === 0 ? 'NoTimestamp' : appendTime ? 'LogAppendTime' : 'CreateTime') as TimestampType,
    producerId: -1n,
    producerEpoch: -1,
    isTransactional: false,
    control: null,
  }
  if (compression === 0 || !value) {
    const ts = outer?.appendTime ? outer.timestamp : timestamp
    return {
      ...base,
      baseOffset: offset,
      lastOffset: offset,
      records: [{offset, timestamp: ts, key, value, headers: []}],
    }
  }
  const inner = decompress(compression, value)
  const entries: DecodedBatch[] = []
  for (let p = 0; p + LOG_OVERHEAD <= inner.length;) {
    const end = p + LOG_OVERHEAD + inner.readInt32BE(p + LENGTH)
    if (end > inner.length) throw new Error(`corrupt compressed message set at offset ${offset}`)
    entries.push(decodeLegacy(inner.subarray(p, end), {offset, magic, timestamp, appendTime}))
    p = end
  }
  const recs = entries.flatMap((e) => e.records)
  // Magic 1 wrappers carry relative inner offsets and the absolute offset of the last one.
  if (magic === 1 && recs.length > 0) {
    const shift = offset - recs[recs.length - 1].offset
    for (const r of recs) r.offset += shift
  }
  return {...base, baseOffset: recs[0]?.offset ?? offset, lastOffset: offset, records: recs}
}

function need(n: number | null): number {
  if (n === null) throw new Error('truncated record')
  return n
}

function bytes(buf: Buffer, c: {pos: number}): Buffer | null {
  const n = need(varint(buf, c))
  if (n < 0) return null
  if (c.pos + n > buf.length) throw new Error('truncated record')
  const out = buf.subarray(c.pos, c.pos + n)
  c.pos += n
  return out
}

function int32Bytes(buf: Buffer, c: {pos: number}): Buffer | null {
  const n = buf.readInt32BE(c.pos)
  c.pos += 4
  if (n < 0) return null
  const out = buf.subarray(c.pos, c.pos + n)
  c.pos += n
  return out
}
