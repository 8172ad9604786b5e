import {gunzipSync} from 'node:zlib'

/**
 * The timestamp of one record in a Fetch response's record set, read from the batch headers
 * without decoding the records kctl does not need. Layout: the RecordBatch (magic 2) and legacy
 * message set (magic 0/1) formats of Kafka's `DefaultRecordBatch` and `LegacyRecord`.
 */
export interface RecordTimestamp {
  offset: bigint
  timestamp: number
  /**
   * false when the record itself could not be reached (inside a snappy/lz4/zstd batch, or past
   * the end of a batch the fetch cut short): the timestamp is then the batch's first one, at most
   * the batch's own time span (a producer's linger) older than the record's.
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
const GZIP = 1
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
    if (attributes & LOG_APPEND_TIME) return {offset: offset > baseOffset ? offset : baseOffset, timestamp: int64(records, pos + MAX_TIMESTAMP), exact: true}
    const complete = end <= records.length
    const compression = attributes & COMPRESSION_MASK
    let body: Buffer | null = null
    if (compression === 0) body = records.subarray(pos + HEADER, Math.min(end, records.length))
    else if (compression === GZIP && complete) body = gunzipSync(records.subarray(pos + HEADER, end))
    const found = body ? findRecord(body, baseOffset, baseTimestamp, offset) : 'cut'
    if (found === 'none' && complete) {
      // Compaction removed the records from `offset` to the batch's end: the next batch has it.
      pos = end
      continue
    }
    if (found === 'none' || found === 'cut') return known({offset: baseOffset, timestamp: baseTimestamp, exact: baseOffset >= offset})
    return known(found)
  }
  return null
}

/** Records without a timestamp (-1) have no time lag. */
const known = (r: RecordTimestamp): RecordTimestamp | null => (r.timestamp < 0 ? null : r)

/** Walks a batch's records: varint length, attributes, timestamp delta, offset delta, … */
function findRecord(body: Buffer, baseOffset: bigint, baseTimestamp: number, offset: bigint): RecordTimestamp | 'cut' | 'none' {
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
