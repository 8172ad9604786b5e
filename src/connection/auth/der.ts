/** A minimal DER/BER reader: enough for PKCS#12 and PKCS#8 structures. */

export interface Asn1 {
  /** The identifier octet (class, constructed bit and tag number < 31). */
  tag: number
  /** Content octets. */
  value: Buffer
  /** Children, for constructed values. */
  children?: Asn1[]
}

export class DerError extends Error {}

export function parseDer(buf: Buffer): Asn1 {
  const [node, end] = readNode(buf, 0)
  if (end !== buf.length) throw new DerError(`trailing ${buf.length - end} bytes after the DER value`)
  return node
}

function readNode(buf: Buffer, start: number): [Asn1, number] {
  if (start + 2 > buf.length) throw new DerError('truncated DER value')
  const tag = buf[start]
  if ((tag & 0x1f) === 0x1f) throw new DerError('multi-byte DER tags are not supported')
  let pos = start + 1
  let len = buf[pos++]
  let indefinite = false
  if (len === 0x80) indefinite = true
  else if (len > 0x80) {
    const n = len & 0x7f
    if (n > 4 || pos + n > buf.length) throw new DerError('bad DER length')
    len = 0
    for (let i = 0; i < n; i++) len = len * 256 + buf[pos++]
  }
  const constructed = (tag & 0x20) !== 0
  if (indefinite) {
    if (!constructed) throw new DerError('indefinite length on a primitive value')
    const children: Asn1[] = []
    let p = pos
    while (!(buf[p] === 0 && buf[p + 1] === 0)) {
      const [child, next] = readNode(buf, p)
      children.push(child)
      p = next
    }
    return [{tag, value: buf.subarray(pos, p), children}, p + 2]
  }
  const end = pos + len
  if (end > buf.length) throw new DerError('truncated DER value')
  const value = buf.subarray(pos, end)
  const node: Asn1 = {tag, value}
  if (constructed) {
    node.children = []
    let p = pos
    while (p < end) {
      const [child, next] = readNode(buf, p)
      node.children.push(child)
      p = next
    }
  }
  return [node, end]
}

export function oid(node: Asn1): string {
  if (node.tag !== 0x06) throw new DerError(`expected an OBJECT IDENTIFIER, got tag 0x${node.tag.toString(16)}`)
  const b = node.value
  const parts = [Math.floor(b[0] / 40), b[0] % 40]
  let n = 0
  for (let i = 1; i < b.length; i++) {
    n = n * 128 + (b[i] & 0x7f)
    if ((b[i] & 0x80) === 0) {
      parts.push(n)
      n = 0
    }
  }
  return parts.join('.')
}

export function int(node: Asn1): number {
  if (node.tag !== 0x02) throw new DerError(`expected an INTEGER, got tag 0x${node.tag.toString(16)}`)
  let n = 0
  for (const byte of node.value) n = n * 256 + byte
  return n
}

/** An OCTET STRING's bytes; a constructed (BER) one is concatenated. */
export function octets(node: Asn1): Buffer {
  if (node.children && (node.tag & 0x1f) === 0x04) return Buffer.concat(node.children.map((c) => octets(c)))
  return node.value
}

export function child(node: Asn1, index: number): Asn1 {
  const c = node.children?.[index]
  if (!c) throw new DerError(`missing element ${index} in a DER structure`)
  return c
}

/** The content of an [n] EXPLICIT tag. */
export function explicit(node: Asn1): Asn1 {
  return child(node, 0)
}
