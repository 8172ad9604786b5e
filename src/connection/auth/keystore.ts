/**
 * Java key and trust stores read as Java clients read them: JKS (Sun's format and its key
 * protector), PKCS#12 (certificates for a truststore; the keystore goes to Node's TLS as `pfx`)
 * and PEM. JCEKS and other types are refused with a precise error.
 */
import {
  X509Certificate,
  createDecipheriv,
  createHash,
  createHmac,
  createPrivateKey,
  pbkdf2Sync,
  timingSafeEqual,
} from 'node:crypto'
import {createSecureContext} from 'node:tls'

import {type Asn1, DerError, child, explicit, int, octets, oid, parseDer} from './der.js'

export type StoreFormat = 'JKS' | 'JCEKS' | 'PKCS12' | 'PEM' | 'BKS/unknown'

/** A store problem the caller turns into a usage error naming the property. */
export class StoreError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message)
  }
}

/** The format from the file's first bytes (Java's keystore type is advice; the bytes decide). */
export function detectFormat(buf: Buffer): StoreFormat {
  if (buf.length >= 4 && buf.readUInt32BE(0) === 0xfe_ed_fe_ed) return 'JKS'
  if (buf.length >= 4 && buf.readUInt32BE(0) === 0xce_ce_ce_ce) return 'JCEKS'
  if (buf.includes('-----BEGIN ')) return 'PEM'
  if (buf[0] === 0x30) return 'PKCS12'
  return 'BKS/unknown'
}

const toPem = (der: Buffer, label = 'CERTIFICATE') =>
  `-----BEGIN ${label}-----\n${der.toString('base64').replace(/.{1,64}/g, '$&\n')}-----END ${label}-----\n`

// ---------------------------------------------------------------------------------------------
// JKS

export interface JksKeyEntry {
  alias: string
  /** The protected key (Sun's KeyProtector), decrypted by `jksKey`. */
  protectedKey: Buffer
  chain: string[]
}

export interface JksStore {
  trusted: {alias: string; pem: string}[]
  keys: JksKeyEntry[]
}

/** Sun's "Mighty Aphrodite" keyed SHA-1 over the store: proves the store password. */
const JKS_WHITENER = Buffer.from('Mighty Aphrodite', 'utf8')
const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16()

export function readJks(buf: Buffer, password?: string): JksStore {
  if (detectFormat(buf) !== 'JKS') throw new StoreError('not a JKS store')
  let pos = 4
  const need = (n: number) => {
    if (pos + n > buf.length) throw new StoreError('the JKS store is truncated')
  }
  const u16 = () => (need(2), (pos += 2), buf.readUInt16BE(pos - 2))
  const u32 = () => (need(4), (pos += 4), buf.readUInt32BE(pos - 4))
  const bytes = (n: number) => (need(n), (pos += n), buf.subarray(pos - n, pos))
  const utf = () => bytes(u16()).toString('utf8')
  const version = u32()
  if (version !== 1 && version !== 2) throw new StoreError(`unknown JKS version ${version}`)
  const cert = () => {
    if (version === 2) {
      const type = utf()
      if (type !== 'X.509') throw new StoreError(`JKS certificate type ${type} is not supported`)
    }
    return toPem(bytes(u32()))
  }
  const store: JksStore = {trusted: [], keys: []}
  const count = u32()
  for (let i = 0; i < count; i++) {
    const tag = u32()
    const alias = utf()
    bytes(8) // creation date
    if (tag === 1) {
      const protectedKey = bytes(u32())
      const chain: string[] = []
      const n = u32()
      for (let j = 0; j < n; j++) chain.push(cert())
      store.keys.push({alias, protectedKey, chain})
    } else if (tag === 2) {
      store.trusted.push({alias, pem: cert()})
    } else {
      throw new StoreError(`JKS entry ${alias} has an unknown tag ${tag} (a secret-key entry?)`)
    }
  }
  const digest = bytes(20)
  if (pos !== buf.length) throw new StoreError('the JKS store has trailing bytes')
  if (password !== undefined) {
    const expected = createHash('sha1')
      .update(utf16be(password))
      .update(JKS_WHITENER)
      .update(buf.subarray(0, buf.length - 20))
      .digest()
    if (!timingSafeEqual(expected, digest))
      throw new StoreError('the JKS store password is wrong (the integrity check failed)', 'Check the store password.')
  }
  return store
}

const SUN_KEY_PROTECTOR = '1.3.6.1.4.1.42.2.17.1.1'

/** Decrypt a JKS PrivateKeyEntry (Sun's KeyProtector: SHA-1 keystream) into a PKCS#8 PEM key. */
export function jksKey(entry: JksKeyEntry, password: string): string {
  let encrypted: Buffer
  try {
    const info = parseDer(entry.protectedKey)
    const algorithm = oid(child(child(info, 0), 0))
    if (algorithm !== SUN_KEY_PROTECTOR) {
      throw new StoreError(
        `the key of ${entry.alias} is protected with ${algorithm}, not Sun's JKS key protector (a JCEKS key?)`,
        'Convert the store to PKCS12: keytool -importkeystore -deststoretype PKCS12.',
      )
    }
    encrypted = octets(child(info, 1))
  } catch (error) {
    if (error instanceof DerError) throw new StoreError(`the key of ${entry.alias} is malformed: ${error.message}`)
    throw error
  }
  const pw = utf16be(password)
  const salt = encrypted.subarray(0, 20)
  const body = encrypted.subarray(20, encrypted.length - 20)
  const check = encrypted.subarray(encrypted.length - 20)
  const plain = Buffer.alloc(body.length)
  let digest: Buffer = salt
  for (let off = 0; off < body.length; off += 20) {
    digest = createHash('sha1').update(pw).update(digest).digest()
    for (let i = 0; i < 20 && off + i < body.length; i++) plain[off + i] = body[off + i] ^ digest[i]
  }
  const actual = createHash('sha1').update(pw).update(plain).digest()
  if (!timingSafeEqual(actual, check))
    throw new StoreError(
      `the key password for ${entry.alias} is wrong`,
      'Set ssl.key.password (or ssl.keystore.password when both are the same).',
    )
  return createPrivateKey({key: plain, format: 'der', type: 'pkcs8'}).export({format: 'pem', type: 'pkcs8'}) as string
}

// ---------------------------------------------------------------------------------------------
// PKCS#12

const OID = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  pbeSha3Des: '1.2.840.113549.1.12.1.3',
  pbeSha2Des: '1.2.840.113549.1.12.1.4',
  pbeShaRc2_128: '1.2.840.113549.1.12.1.5',
  pbeShaRc2_40: '1.2.840.113549.1.12.1.6',
}

const DIGESTS: Record<string, {name: string; v: number}> = {
  '1.3.14.3.2.26': {name: 'sha1', v: 64},
  '2.16.840.1.101.3.4.2.4': {name: 'sha224', v: 64},
  '2.16.840.1.101.3.4.2.1': {name: 'sha256', v: 64},
  '2.16.840.1.101.3.4.2.2': {name: 'sha384', v: 128},
  '2.16.840.1.101.3.4.2.3': {name: 'sha512', v: 128},
}
const HMACS: Record<string, string> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.8': 'sha224',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
}
const CIPHERS: Record<string, string> = {
  '2.16.840.1.101.3.4.1.2': 'aes-128-cbc',
  '2.16.840.1.101.3.4.1.22': 'aes-192-cbc',
  '2.16.840.1.101.3.4.1.42': 'aes-256-cbc',
  '1.2.840.113549.3.7': 'des-ede3-cbc',
}

/** RFC 7292 appendix B.2: the PKCS#12 key derivation (password as BMPString with a terminator). */
export function pkcs12Kdf(
  password: string,
  salt: Buffer,
  id: number,
  iterations: number,
  n: number,
  hash: string,
  v: number,
): Buffer {
  const pw = password === '' ? Buffer.alloc(0) : Buffer.concat([utf16be(password), Buffer.alloc(2)])
  const fill = (b: Buffer) => {
    if (b.length === 0) return Buffer.alloc(0)
    const out = Buffer.alloc(v * Math.ceil(b.length / v))
    for (let i = 0; i < out.length; i++) out[i] = b[i % b.length]
    return out
  }
  const D = Buffer.alloc(v, id)
  const I = Buffer.concat([fill(salt), fill(pw)])
  const out: Buffer[] = []
  let produced = 0
  while (produced < n) {
    let A = createHash(hash).update(D).update(I).digest()
    for (let r = 1; r < iterations; r++) A = createHash(hash).update(A).digest()
    out.push(A)
    produced += A.length
    const B = fill(A).subarray(0, v)
    for (let j = 0; j < I.length; j += v) {
      let carry = 1
      for (let k = v - 1; k >= 0; k--) {
        const sum = I[j + k] + B[k] + carry
        I[j + k] = sum & 0xff
        carry = sum >> 8
      }
    }
  }
  return Buffer.concat(out).subarray(0, n)
}

function pkcs12Decrypt(algorithm: Asn1, data: Buffer, password: string): Buffer {
  const algOid = oid(child(algorithm, 0))
  const params = child(algorithm, 1)
  let cipher: string
  let key: Buffer
  let iv: Buffer
  if (algOid === OID.pbes2) {
    const kdf = child(params, 0)
    const scheme = child(params, 1)
    if (oid(child(kdf, 0)) !== OID.pbkdf2)
      throw new StoreError(`PBES2 key derivation ${oid(child(kdf, 0))} is not supported`)
    const kp = child(kdf, 1)
    const salt = octets(child(kp, 0))
    const iterations = int(child(kp, 1))
    let prf = 'sha1'
    for (const c of kp.children!.slice(2)) if (c.tag === 0x30) prf = HMACS[oid(child(c, 0))] ?? ''
    cipher = CIPHERS[oid(child(scheme, 0))]
    if (!cipher || !prf) throw new StoreError(`PBES2 with ${oid(child(scheme, 0))} is not supported`)
    iv = octets(child(scheme, 1))
    const keyLength = cipher === 'des-ede3-cbc' ? 24 : Number(/\d+/.exec(cipher.slice(4))![0]) / 8
    key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, keyLength, prf)
  } else if (
    algOid === OID.pbeSha3Des ||
    algOid === OID.pbeSha2Des ||
    algOid === OID.pbeShaRc2_40 ||
    algOid === OID.pbeShaRc2_128
  ) {
    const salt = octets(child(params, 0))
    const iterations = int(child(params, 1))
    const spec = {
      [OID.pbeSha3Des]: ['des-ede3-cbc', 24],
      [OID.pbeSha2Des]: ['des-ede-cbc', 16],
      [OID.pbeShaRc2_40]: ['rc2-40-cbc', 5],
      [OID.pbeShaRc2_128]: ['rc2-cbc', 16],
    }[algOid] as [string, number]
    cipher = spec[0]
    key = pkcs12Kdf(password, salt, 1, iterations, spec[1], 'sha1', 64)
    iv = pkcs12Kdf(password, salt, 2, iterations, 8, 'sha1', 64)
  } else {
    throw new StoreError(
      `PKCS12 encryption ${algOid} is not supported`,
      'Re-export the store with a current keytool or openssl (AES-256 PBES2).',
    )
  }
  try {
    const d = createDecipheriv(cipher, key, iv)
    return Buffer.concat([d.update(data), d.final()])
  } catch (error) {
    const message = (error as Error).message
    if (/unsupported|unknown cipher/i.test(message)) {
      throw new StoreError(
        `the PKCS12 store is encrypted with ${cipher}, which this Node.js build cannot decrypt`,
        'Re-export it with AES: openssl pkcs12 -in old.p12 -nodes | openssl pkcs12 -export -out new.p12 (or keytool -importkeystore from Java 17+).',
      )
    }
    throw new StoreError('the PKCS12 store password is wrong (decryption failed)', 'Check the store password.')
  }
}

/** Check a PKCS#12 MAC, when the store has one: a wrong password is named before any TLS. */
function verifyPkcs12Mac(pfx: Asn1, authSafe: Buffer, password: string | undefined): void {
  const macData = pfx.children![2]
  if (!macData) return
  if (password === undefined)
    throw new StoreError(
      'the PKCS12 store is password-protected but no password is set',
      'Set the store password property.',
    )
  const digestInfo = child(macData, 0)
  const algOid = oid(child(child(digestInfo, 0), 0))
  const expected = octets(child(digestInfo, 1))
  const salt = octets(child(macData, 1))
  const iterations = macData.children![2] ? int(child(macData, 2)) : 1
  const digest = DIGESTS[algOid]
  if (!digest) throw new StoreError(`the PKCS12 MAC algorithm ${algOid} is not supported`)
  const key = pkcs12Kdf(password, salt, 3, iterations, expected.length, digest.name, digest.v)
  const actual = createHmac(digest.name, key).update(authSafe).digest()
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected))
    throw new StoreError('the PKCS12 store password is wrong (the integrity check failed)', 'Check the store password.')
}

/** Every certificate in a PKCS#12 store (a Java truststore keeps its CAs as certificate bags). */
export function readPkcs12Certificates(buf: Buffer, password?: string): string[] {
  try {
    const pfx = parseDer(buf)
    const authSafeInfo = child(pfx, 1)
    if (oid(child(authSafeInfo, 0)) !== OID.data)
      throw new StoreError('PKCS12 stores signed with public keys are not supported')
    const authSafe = octets(explicit(child(authSafeInfo, 1)))
    verifyPkcs12Mac(pfx, authSafe, password)
    const certs: string[] = []
    for (const info of parseDer(authSafe).children ?? []) {
      const type = oid(child(info, 0))
      let safeContents: Buffer
      if (type === OID.data) safeContents = octets(explicit(child(info, 1)))
      else if (type === OID.encryptedData) {
        const eci = child(explicit(child(info, 1)), 1)
        const content = eci.children![2]
        if (!content) continue
        if (password === undefined)
          throw new StoreError(
            'the PKCS12 store is encrypted but no password is set',
            'Set the store password property.',
          )
        safeContents = pkcs12Decrypt(
          child(eci, 1),
          content.children ? octets({...content, tag: 0x24}) : content.value,
          password,
        )
      } else continue
      for (const bag of parseDer(safeContents).children ?? []) {
        if (oid(child(bag, 0)) !== OID.certBag) continue
        const certBag = explicit(child(bag, 1))
        if (oid(child(certBag, 0)) !== OID.x509Certificate) continue
        certs.push(toPem(octets(explicit(child(certBag, 1)))))
      }
    }
    return certs
  } catch (error) {
    if (error instanceof DerError) throw new StoreError(`the PKCS12 store is malformed: ${error.message}`)
    throw error
  }
}

/** Prove a PKCS#12 keystore opens with the password (Node's TLS reads it at connect time). */
export function checkPkcs12Keystore(buf: Buffer, password?: string): void {
  try {
    createSecureContext({pfx: buf, passphrase: password})
  } catch (error) {
    const message = (error as Error).message
    if (/mac verify|password/i.test(message))
      throw new StoreError('the PKCS12 keystore password is wrong (mac verify failure)', 'Check ssl.keystore.password.')
    throw new StoreError(`the PKCS12 keystore cannot be used: ${message}`)
  }
}

/** A certificate's subject, for messages. */
export function subjectOf(pem: string): string {
  try {
    return new X509Certificate(pem).subject.replaceAll('\n', ', ')
  } catch {
    return '?'
  }
}
