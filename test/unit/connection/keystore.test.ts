import {expect} from 'chai'
import {X509Certificate, createPrivateKey, createPublicKey} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {
  StoreError,
  checkPkcs12Keystore,
  detectFormat,
  jksKey,
  readJks,
  readPkcs12Certificates,
} from '../../../src/connection/auth/keystore.js'

const STORES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'stores')
const store = (name: string) => readFileSync(join(STORES, name))
const fixtureCert = readFileSync(join(STORES, 'cert.pem'), 'utf8')
const fails = (f: () => unknown, message: RegExp) => {
  try {
    f()
  } catch (error) {
    expect(error).to.be.instanceOf(StoreError)
    expect((error as Error).message).to.match(message)
    return
  }
  expect.fail('no error')
}

describe('Java key and trust stores', () => {
  it('detects formats by their bytes', () => {
    expect(detectFormat(store('ks.jks'))).to.equal('JKS')
    expect(detectFormat(store('ks.jceks'))).to.equal('JCEKS')
    expect(detectFormat(store('ks.p12'))).to.equal('PKCS12')
    expect(detectFormat(store('cert.pem'))).to.equal('PEM')
  })

  it('reads a keytool JKS keystore: the chain, and the key with its own password (Sun key protector)', () => {
    const jks = readJks(store('ks.jks'), 'storepass')
    expect(jks.trusted).to.deep.equal([])
    expect(jks.keys.map((k) => k.alias)).to.deep.equal(['client'])
    expect(new X509Certificate(jks.keys[0].chain[0]).fingerprint256).to.equal(
      new X509Certificate(fixtureCert).fingerprint256,
    )
    const key = createPrivateKey(jksKey(jks.keys[0], 'keypass1'))
    // The key is the certificate's: same public key.
    expect(createPublicKey(key).export({format: 'der', type: 'spki'})).to.deep.equal(
      new X509Certificate(fixtureCert).publicKey.export({format: 'der', type: 'spki'}),
    )
  })

  it('names a wrong JKS store password and a wrong key password', () => {
    fails(() => readJks(store('ks.jks'), 'nope'), /JKS store password is wrong/)
    fails(() => jksKey(readJks(store('ks.jks')).keys[0], 'storepass'), /key password for client is wrong/)
  })

  for (const [file, what] of [
    ['trust.p12', 'PBES2 AES-256 with an HmacSHA256 MAC (Java 17 keytool)'],
    ['trust-3des.p12', 'PKCS#12 PBE 3DES with a SHA-1 MAC (openssl)'],
  ]) {
    it(`reads the certificates of a PKCS12 truststore: ${what}`, () => {
      const certs = readPkcs12Certificates(store(file), 'trustpass')
      expect(certs.map((c) => new X509Certificate(c).subject)).to.deep.equal(['CN=fixture'])
      fails(() => readPkcs12Certificates(store(file), 'nope'), /PKCS12 store password is wrong/)
    })
  }

  it('names the cipher of a legacy RC2-40 store Node cannot decrypt, with a re-export hint', () => {
    try {
      readPkcs12Certificates(store('trust-legacy.p12'), 'trustpass')
      // A Node.js build with OpenSSL's legacy provider decrypts it: that is fine too.
    } catch (error) {
      expect((error as Error).message).to.match(/encrypted with rc2-40-cbc/)
      expect((error as StoreError).hint).to.match(/openssl pkcs12/)
    }
    fails(() => readPkcs12Certificates(store('trust-legacy.p12'), 'nope'), /password is wrong/)
  })

  it('proves a PKCS12 keystore opens for TLS, naming a wrong password', () => {
    checkPkcs12Keystore(store('ks.p12'), 'p12pass')
    fails(() => checkPkcs12Keystore(store('ks.p12'), 'nope'), /PKCS12 keystore password is wrong/)
  })
})
