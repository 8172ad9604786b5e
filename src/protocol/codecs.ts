import {createRequire} from 'node:module'
import {gunzipSync, gzipSync} from 'node:zlib'

/**
 * Kafka's record compression codecs, decoded and encoded in pure JavaScript / WebAssembly from
 * npm packages (nothing downloaded at install). The libraries load lazily: a command that never
 * meets a compressed batch pays nothing for them.
 *
 * Framing, as Kafka's own classes write and read it:
 * - gzip: a plain gzip stream.
 * - snappy: xerial's SnappyOutputStream framing (magic, version, compatible version, then
 *   length-prefixed raw snappy blocks); a raw snappy block without the header is read too, as
 *   Kafka's reader does.
 * - lz4: an LZ4 frame with independent blocks (Kafka's reader refuses dependent blocks); the
 *   header checksum is not checked, since message format v0 wrote a wrong one.
 * - zstd: zstd frames, whose content size the writer may leave out (zstd-jni's streams do).
 */
export type CompressionName = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd'

/** The codec ids of a batch's attributes (bits 0-2). */
export const COMPRESSION_CODES: Record<CompressionName, number> = {none: 0, gzip: 1, snappy: 2, lz4: 3, zstd: 4}
export const COMPRESSION_NAMES: readonly CompressionName[] = ['none', 'gzip', 'snappy', 'lz4', 'zstd']

export function compressionName(code: number): CompressionName | undefined {
  return COMPRESSION_NAMES[code]
}

const require = createRequire(import.meta.url)

interface SnappyJs {
  uncompress(input: Uint8Array): Uint8Array
  compress(input: Uint8Array): Uint8Array
}
interface Lz4Js {
  decompressBlock(src: Uint8Array, dst: Uint8Array, sIndex: number, sLength: number, dIndex: number): number
}
interface Xxh32 {
  hash(seed: number, src: Uint8Array, index: number, length: number): number
}
interface Fzstd {
  decompress(input: Uint8Array): Uint8Array
}
interface ZstdWasm {
  init(): Promise<void>
  compress(input: Uint8Array, level?: number): Uint8Array
}

let snappyLib: SnappyJs | undefined
let lz4Lib: Lz4Js | undefined
let xxh32Lib: Xxh32 | undefined
let fzstdLib: Fzstd | undefined
let zstdWasm: Promise<ZstdWasm> | undefined

const snappy = (): SnappyJs => (snappyLib ??= require('snappyjs') as SnappyJs)
const lz4 = (): Lz4Js => (lz4Lib ??= require('lz4js') as Lz4Js)
const xxh32 = (): Xxh32 => (xxh32Lib ??= require('lz4js/xxh32.js') as Xxh32)
const fzstd = (): Fzstd => (fzstdLib ??= require('fzstd') as Fzstd)

async function zstdEncoder(): Promise<ZstdWasm> {
  zstdWasm ??= (async () => {
    const lib = require('@bokuweb/zstd-wasm') as ZstdWasm
    await lib.init()
    return lib
  })()
  return zstdWasm
}

const asBuffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength)

/** Decompresses one batch's (or legacy wrapper's) payload. Throws on corrupt input. */
export function decompress(codec: number, data: Buffer): Buffer {
  switch (codec) {
    case 0:
      return data
    case 1:
      return gunzipSync(data)
    case 2:
      return snappyDecode(data)
    case 3:
      return lz4FrameDecode(data)
    case 4:
      return asBuffer(fzstd().decompress(data))
    default:
      throw new Error(`unknown compression codec ${codec}`)
  }
}

/** Compresses a batch's records (async: the zstd encoder is WebAssembly, initialised once). */
export async function compress(codec: number, data: Buffer): Promise<Buffer> {
  switch (codec) {
    case 0:
      return data
    case 1:
      return gzipSync(data)
    case 2:
      return snappyEncode(data)
    case 3:
      return lz4FrameEncode(data)
    case 4:
      return asBuffer((await zstdEncoder()).compress(data, 3))
    default:
      throw new Error(`unknown compression codec ${codec}`)
  }
}

// xerial snappy-java's stream header: 0x82 "SNAPPY" 0x00, version 1, compatible version 1.
const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00])
const XERIAL_HEADER = 16
// snappy-java's default block size (SnappyOutputStream), which Kafka uses.
const XERIAL_BLOCK = 32 * 1024

export function snappyDecode(data: Buffer): Buffer {
  if (data.length < XERIAL_HEADER || !data.subarray(0, 8).equals(XERIAL_MAGIC))
    return asBuffer(snappy().uncompress(data))
  const parts: Buffer[] = []
  let pos = XERIAL_HEADER
  while (pos + 4 <= data.length) {
    const size = data.readInt32BE(pos)
    pos += 4
    if (size < 0 || pos + size > data.length) throw new Error('truncated snappy block')
    parts.push(asBuffer(snappy().uncompress(data.subarray(pos, pos + size))))
    pos += size
  }
  return parts.length === 1 ? parts[0] : Buffer.concat(parts)
}

export function snappyEncode(data: Buffer): Buffer {
  const header = Buffer.alloc(XERIAL_HEADER)
  XERIAL_MAGIC.copy(header)
  header.writeInt32BE(1, 8)
  header.writeInt32BE(1, 12)
  const parts: Buffer[] = [header]
  for (let pos = 0; pos < data.length; pos += XERIAL_BLOCK) {
    const block = asBuffer(snappy().compress(data.subarray(pos, pos + XERIAL_BLOCK)))
    const size = Buffer.alloc(4)
    size.writeInt32BE(block.length)
    parts.push(size, block)
  }
  return Buffer.concat(parts)
}

const LZ4_MAGIC = 0x184d2204
const LZ4_BLOCK_CHECKSUM = 0x10
const LZ4_CONTENT_SIZE = 0x08
const LZ4_UNCOMPRESSED = 0x80000000
// Kafka writes 64 KiB blocks (BD block size id 4).
const LZ4_BLOCK = 64 * 1024
const LZ4_BLOCK_SIZES: Record<number, number> = {4: 0x10000, 5: 0x40000, 6: 0x100000, 7: 0x400000}

export function lz4FrameDecode(data: Buffer): Buffer {
  if (data.length < 7 || data.readUInt32LE(0) !== LZ4_MAGIC) throw new Error('not an LZ4 frame')
  const flg = data[4]
  const blockMax = LZ4_BLOCK_SIZES[(data[5] >> 4) & 0x07]
  if (blockMax === undefined) throw new Error('unsupported LZ4 block size')
  let pos = 6 + (flg & LZ4_CONTENT_SIZE ? 8 : 0) + 1 // descriptor, [content size], header checksum
  const parts: Buffer[] = []
  const scratch = new Uint8Array(blockMax)
  for (;;) {
    if (pos + 4 > data.length) throw new Error('truncated LZ4 frame')
    const word = data.readUInt32LE(pos)
    pos += 4
    if (word === 0) break
    const size = word & ~LZ4_UNCOMPRESSED & 0x7fffffff
    if (pos + size > data.length) throw new Error('truncated LZ4 block')
    if (word & LZ4_UNCOMPRESSED) {
      parts.push(Buffer.from(data.subarray(pos, pos + size)))
    } else {
      const n = lz4().decompressBlock(data, scratch, pos, size, 0)
      if (n < 0 || n > blockMax) throw new Error('corrupt LZ4 block')
      parts.push(Buffer.from(scratch.subarray(0, n)))
    }
    pos += size + (flg & LZ4_BLOCK_CHECKSUM ? 4 : 0)
  }
  return parts.length === 1 ? parts[0] : Buffer.concat(parts)
}

export function lz4FrameEncode(data: Buffer): Buffer {
  const header = Buffer.from([0x04, 0x22, 0x4d, 0x18, 0x60, 0x40, 0]) // magic; FLG: v01, independent blocks; BD: 64 KiB
  header[6] = (xxh32().hash(0, header, 4, 2) >>> 8) & 0xff
  const blocks = Math.ceil(data.length / LZ4_BLOCK)
  // Each block: its size word and at most its bytes (stored uncompressed when compression does not help).
  const out = Buffer.allocUnsafe(header.length + blocks * (4 + LZ4_BLOCK) + 4)
  header.copy(out)
  let at = header.length
  const scratch = new Uint8Array(lz4CompressBound(LZ4_BLOCK))
  const table = new Int32Array(LZ4_HASH_SIZE)
  for (let pos = 0; pos < data.length; pos += LZ4_BLOCK) {
    const size = Math.min(LZ4_BLOCK, data.length - pos)
    table.fill(0) // a fresh dictionary per block: blocks are independent
    const n = lz4CompressBlock(data, pos, pos + size, scratch, table)
    if (n >= size) {
      out.writeUInt32LE((LZ4_UNCOMPRESSED | size) >>> 0, at)
      data.copy(out, at + 4, pos, pos + size)
      at += 4 + size
    } else {
      out.writeUInt32LE(n, at)
      out.set(scratch.subarray(0, n), at + 4)
      at += 4 + n
    }
  }
  out.writeUInt32LE(0, at) // end mark; no content checksum (Kafka writes none)
  return out.subarray(0, at + 4)
}

const LZ4_MIN_MATCH = 4
// The LZ4 block format's end rules: the last 5 bytes are literals, the last match starts at
// least 12 bytes before the end (decoders such as lz4-java's, which Kafka uses, enforce them).
const LZ4_LAST_LITERALS = 5
const LZ4_MF_LIMIT = 12
const LZ4_HASH_BITS = 12
const LZ4_HASH_SIZE = 1 << LZ4_HASH_BITS

export const lz4CompressBound = (n: number): number => n + Math.ceil(n / 255) + 16

/**
 * One LZ4 block of src[start, end) into dst (at least `lz4CompressBound` bytes): greedy matching
 * over a hash table of 4-byte sequences (`table`, zeroed, positions + 1). Returns its size.
 */
export function lz4CompressBlock(
  src: Uint8Array,
  start: number,
  end: number,
  dst: Uint8Array,
  table: Int32Array,
): number {
  let d = 0
  let anchor = start
  const matchLimit = end - LZ4_LAST_LITERALS
  const startLimit = end - LZ4_MF_LIMIT
  let ip = start
  if (end - start > LZ4_MF_LIMIT) {
    while (ip < startLimit) {
      const seq = src[ip] | (src[ip + 1] << 8) | (src[ip + 2] << 16) | (src[ip + 3] << 24)
      const h = Math.imul(seq, 2_654_435_761) >>> (32 - LZ4_HASH_BITS)
      let ref = table[h] - 1
      table[h] = ip + 1
      if (
        ref < start ||
        ip - ref > 0xffff ||
        (src[ref] | (src[ref + 1] << 8) | (src[ref + 2] << 16) | (src[ref + 3] << 24)) !== seq
      ) {
        ip += 1 + ((ip - anchor) >> 6)
        continue
      }
      while (ip > anchor && ref > start && src[ip - 1] === src[ref - 1]) {
        ip--
        ref--
      }
      let m = ip + LZ4_MIN_MATCH
      let r = ref + LZ4_MIN_MATCH
      while (m < matchLimit && src[m] === src[r]) {
        m++
        r++
      }
      const token = d
      d = lz4Sequence(src, anchor, ip - anchor, dst, d)
      const offset = ip - ref
      dst[d++] = offset & 0xff
      dst[d++] = offset >> 8
      let len = m - ip - LZ4_MIN_MATCH
      if (len >= 15) {
        dst[token] |= 15
        for (len -= 15; len >= 255; len -= 255) dst[d++] = 255
        dst[d++] = len
      } else dst[token] |= len
      anchor = ip = m
    }
  }
  return lz4Sequence(src, anchor, end - anchor, dst, d)
}

/** A sequence's token (literal length; the match length is or-ed in later) and its literals. */
function lz4Sequence(src: Uint8Array, from: number, literals: number, dst: Uint8Array, d: number): number {
  if (literals >= 15) {
    dst[d++] = 0xf0
    let n = literals - 15
    for (; n >= 255; n -= 255) dst[d++] = 255
    dst[d++] = n
  } else dst[d++] = literals << 4
  for (let i = 0; i < literals; i++) dst[d + i] = src[from + i]
  return d + literals
}
