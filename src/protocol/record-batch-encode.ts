import {compress} from './codecs.js'

/** A record to write; the batch's offsets and timestamp deltas are derived. */
export interface RecordToWrite {
  key: Buffer | null
  value: Buffer | null
  headers?: {key: string; value: Buffer | null}[]
  /** ms since 1970 (CreateTime). */
  timestamp: number
}

export interface BatchOptions {
  compression: number
  producerId?: bigint
  producerEpoch?: number
  baseSequence?: number
  transactional?: boolean
}

/**
 * A RecordBatch (magic 2) as Kafka's `DefaultRecordBatch` lays it out: base offset 0 (the broker
 * assigns offsets), CRC-32C over everything from the attributes on.
 */
export async function encodeRecordBatch(records: RecordToWrite[], options: BatchOptions): Promise<Buffer> {
  if (records.length === 0) throw new Error('a record batch needs at least one record')
  let baseTimestamp = records[0].timestamp
  let maxTimestamp = baseTimestamp
  for (const r of records) {
    if (r.timestamp < baseTimestamp) baseTimestamp = r.timestamp
    if (r.timestamp > maxTimestamp) maxTimestamp = r.timestamp
  }
  const payload = await compress(options.compression, encodeRecords(records, baseTimestamp))
  const header = Buffer.alloc(61)
  header.writeBigInt64BE(0n, 0)
  header.writeInt32BE(49 + payload.length, 8)
  header.writeInt32BE(-1, 12) // partition leader epoch: the broker sets it
  header[16] = 2
  header.writeInt16BE(options.compression | (options.transactional ? 0x10 : 0), 21)
  header.writeInt32BE(records.length - 1, 23)
  header.writeBigInt64BE(BigInt(baseTimestamp), 27)
  header.writeBigInt64BE(BigInt(maxTimestamp), 35)
  header.writeBigInt64BE(options.producerId ?? -1n, 43)
  header.writeInt16BE(options.producerEpoch ?? -1, 51)
  header.writeInt32BE(options.baseSequence ?? -1, 53)
  header.writeInt32BE(records.length, 57)
  const batch = Buffer.concat([header, payload])
  batch.writeUInt32BE(crc32c(batch, 21), 17)
  return batch
}

/**
 * The records of a batch (Kafka's `DefaultRecord`): length, attributes, timestamp delta, offset
 * delta, key, value, headers. Sizes are counted first, then everything is written into one buffer.
 */
function encodeRecords(records: RecordToWrite[], baseTimestamp: number): Buffer {
  const sizes = new Array<number>(records.length)
  const headerKeys: (Buffer[] | undefined)[] = new Array(records.length)
  let total = 0
  for (let i = 0; i < records.length; i++) {
    const r = records[i]
    let n = 1 + varintSize(r.timestamp - baseTimestamp) + varintSize(i) + bytesSize(r.key) + bytesSize(r.value)
    const headers = r.headers ?? []
    n += varintSize(headers.length)
    if (headers.length > 0) {
      const keys = headers.map((h) => Buffer.from(h.key, 'utf8'))
      headerKeys[i] = keys
      for (let h = 0; h < headers.length; h++) n += bytesSize(keys[h]) + bytesSize(headers[h].value)
    }
    sizes[i] = n
    total += varintSize(n) + n
  }
  const out = Buffer.allocUnsafe(total)
  let pos = 0
  const varint = (v: number) => {
    let z = v >= 0 ? v * 2 : -v * 2 - 1
    if (z < 0x80) {
      out[pos++] = z
      return
    }
    while (z >= 0x80) {
      out[pos++] = (z % 0x80) | 0x80
      z = Math.floor(z / 0x80)
    }
    out[pos++] = z
  }
  const bytes = (b: Buffer | null) => {
    if (b === null) return varint(-1)
    const n = b.length
    varint(n)
    // Short keys and values: a loop costs less than a native copy call.
    if (n < 64) for (let i = 0; i < n; i++) out[pos + i] = b[i]
    else out.set(b, pos)
    pos += n
  }
  for (let i = 0; i < records.length; i++) {
    const r = records[i]
    varint(sizes[i])
    out[pos++] = 0 // attributes
    varint(r.timestamp - baseTimestamp)
    varint(i)
    bytes(r.key)
    bytes(r.value)
    const headers = r.headers ?? []
    varint(headers.length)
    for (let h = 0; h < headers.length; h++) {
      bytes(headerKeys[i]![h])
      bytes(headers[h].value)
    }
  }
  return out
}

/** The size of a zigzag varint (safe for |n| < 2^52: timestamp deltas and lengths). */
function varintSize(n: number): number {
  let z = n >= 0 ? n * 2 : -n * 2 - 1
  if (z < 0x80) return 1
  if (z < 0x4000) return 2
  let size = 1
  while (z >= 0x80) {
    z = Math.floor(z / 0x80)
    size++
  }
  return size
}

const bytesSize = (b: Buffer | null): number => (b === null ? 1 : varintSize(b.length) + b.length)

let crcTable: Uint32Array | undefined

/** CRC-32C (Castagnoli), as the batch header's CRC. */
export function crc32c(buf: Buffer, start = 0): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256)
    for (let i = 0; i < 256; i++) {
      let c = i
      for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1
      crcTable[i] = c >>> 0
    }
  }
  let crc = 0xffffffff
  for (let i = start; i < buf.length; i++) crc = crcTable[(crc ^ buf[i]) & 0xff] ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}
