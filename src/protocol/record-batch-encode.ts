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
  const baseTimestamp = Math.min(...records.map((r) => r.timestamp))
  const maxTimestamp = Math.max(...records.map((r) => r.timestamp))
  const body = new Writer()
  records.forEach((r, i) => writeRecord(body, r, i, r.timestamp - baseTimestamp))
  const payload = await compress(options.compression, body.buffer())
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

function writeRecord(w: Writer, r: RecordToWrite, offsetDelta: number, timestampDelta: number): void {
  const inner = new Writer()
  inner.byte(0) // attributes
  inner.varint(timestampDelta)
  inner.varint(offsetDelta)
  inner.varBytes(r.key)
  inner.varBytes(r.value)
  const headers = r.headers ?? []
  inner.varint(headers.length)
  for (const h of headers) {
    inner.varBytes(Buffer.from(h.key, 'utf8'))
    inner.varBytes(h.value)
  }
  const bytes = inner.buffer()
  w.varint(bytes.length)
  w.raw(bytes)
}

class Writer {
  private parts: Buffer[] = []
  private scratch: number[] = []
  byte(b: number): void {
    this.scratch.push(b)
  }

  /** A zigzag varint (safe for |n| < 2^52: timestamps deltas and lengths). */
  varint(n: number): void {
    let z = n >= 0 ? n * 2 : -n * 2 - 1
    while (z >= 0x80) {
      this.scratch.push((z % 0x80) | 0x80)
      z = Math.floor(z / 0x80)
    }
    this.scratch.push(z)
  }

  varBytes(b: Buffer | null): void {
    if (b === null) return this.varint(-1)
    this.varint(b.length)
    this.raw(b)
  }

  raw(b: Buffer): void {
    this.flush()
    this.parts.push(b)
  }

  buffer(): Buffer {
    this.flush()
    return Buffer.concat(this.parts)
  }

  private flush(): void {
    if (this.scratch.length > 0) this.parts.push(Buffer.from(this.scratch))
    this.scratch = []
  }
}

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
