import {expect} from 'chai'
import {execFile} from 'node:child_process'
import {mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {promisify} from 'node:util'

import {kctl} from '../helpers/cli.js'
import {testCluster} from '../helpers/cluster.js'

const run = promisify(execFile)

/**
 * Key and trust stores as Java operators have them, made with Java's own keytool: a JKS keystore
 * (store and key passwords differ), the same key exported to PKCS12, and JKS / PKCS12 truststores
 * holding the local CA. The client key is signed by the test cluster's CA as CN=admin.
 */
describe('Java key and trust stores (keytool-made) on the mTLS listener', () => {
  let dir: string
  const storePass = 'store-pw-1'
  const keyPass = 'key-pw-12'
  const p12Pass = 'p12-pw-12'
  const trustPass = 'trust-pw-1'

  before(async function () {
    this.timeout(120_000)
    const c = testCluster()
    dir = join(c.dir, `stores-${Date.now()}`)
    mkdirSync(dir, {recursive: true})
    const keytool = (args: string[]) => run('keytool', args, {cwd: dir})
    const ca = join(c.dir, 'ca.pem')
    await Promise.all([
      (async () => {
        await keytool([
          '-genkeypair',
          '-alias',
          'client',
          '-dname',
          'CN=admin',
          '-keyalg',
          'RSA',
          '-keysize',
          '2048',
          '-validity',
          '2',
          '-keystore',
          'client.jks',
          '-storetype',
          'JKS',
          '-storepass',
          storePass,
          '-keypass',
          keyPass,
        ])
        await keytool([
          '-certreq',
          '-alias',
          'client',
          '-keystore',
          'client.jks',
          '-storepass',
          storePass,
          '-keypass',
          keyPass,
          '-file',
          'client.csr',
        ])
        writeFileSync(join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n')
        await run(
          'openssl',
          [
            'x509',
            '-req',
            '-in',
            'client.csr',
            '-CA',
            ca,
            '-CAkey',
            join(c.dir, 'ca.key'),
            '-CAcreateserial',
            '-CAserial',
            'ca.srl',
            '-out',
            'client.pem',
            '-days',
            '2',
            '-extfile',
            'client.ext',
          ],
          {cwd: dir},
        )
        await keytool([
          '-importcert',
          '-alias',
          'ca',
          '-file',
          ca,
          '-keystore',
          'client.jks',
          '-storepass',
          storePass,
          '-noprompt',
        ])
        await keytool([
          '-importcert',
          '-alias',
          'client',
          '-file',
          'client.pem',
          '-keystore',
          'client.jks',
          '-storepass',
          storePass,
          '-keypass',
          keyPass,
        ])
        await keytool([
          '-importkeystore',
          '-srckeystore',
          'client.jks',
          '-srcstoretype',
          'JKS',
          '-srcstorepass',
          storePass,
          '-srckeypass',
          keyPass,
          '-srcalias',
          'client',
          '-destkeystore',
          'client.p12',
          '-deststoretype',
          'PKCS12',
          '-deststorepass',
          p12Pass,
          '-destkeypass',
          p12Pass,
        ])
      })(),
      keytool([
        '-importcert',
        '-alias',
        'ca',
        '-file',
        ca,
        '-keystore',
        'trust.jks',
        '-storetype',
        'JKS',
        '-storepass',
        trustPass,
        '-noprompt',
      ]),
      keytool([
        '-importcert',
        '-alias',
        'ca',
        '-file',
        ca,
        '-keystore',
        'trust.p12',
        '-storetype',
        'PKCS12',
        '-storepass',
        trustPass,
        '-noprompt',
      ]),
    ])
    writeFileSync(join(dir, 'trust-pw.txt'), `${trustPass}\n`, {mode: 0o600})
  })

  const properties = (name: string, lines: string[]) => {
    const file = join(dir, `${name}.properties`)
    writeFileSync(file, ['security.protocol=SSL', ...lines].join('\n'), {mode: 0o600})
    return file
  }
  const describeWith = (file: string, env: Record<string, string> = {}, json = true) =>
    kctl(
      [
        'cluster',
        'describe',
        '-b',
        testCluster().sslBootstrap,
        '--command-config',
        file,
        ...(json ? ['--json'] : []),
        '--timeout',
        '20s',
      ],
      {env},
    )

  it('a JKS keystore (store and key passwords differ, from ${env:}) with a JKS truststore', async () => {
    const file = properties('jks', [
      'ssl.keystore.type=JKS',
      'ssl.keystore.location=client.jks',
      'ssl.keystore.password=${env:KCTL_TEST_STORE_PW}',
      `ssl.key.password=${keyPass}`,
      'ssl.truststore.type=JKS',
      'ssl.truststore.location=trust.jks',
      'ssl.truststore.password=${file:' + join(dir, 'trust-pw.txt') + '}',
    ])
    const r = await describeWith(file, {KCTL_TEST_STORE_PW: storePass})
    expect(r.code, r.stderr).to.equal(0)
    expect(r.json().clusterId).to.equal(testCluster().clusterId)
  })

  it('a PKCS12 keystore with a PKCS12 truststore @smoke', async () => {
    const file = properties('p12', [
      'ssl.keystore.type=PKCS12',
      'ssl.keystore.location=client.p12',
      `ssl.keystore.password=${p12Pass}`,
      'ssl.truststore.type=PKCS12',
      'ssl.truststore.location=trust.p12',
      `ssl.truststore.password=${trustPass}`,
    ])
    const r = await describeWith(file)
    expect(r.code, r.stderr).to.equal(0)
    expect(r.json().clusterId).to.equal(testCluster().clusterId)
  })

  it('wrong store and key passwords are named before any connection (exit 2)', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['ssl.keystore.location=client.jks', 'ssl.keystore.password=nope', `ssl.key.password=${keyPass}`],
        /ssl\.keystore\.location .*client\.jks: the JKS store password is wrong/,
      ],
      [
        ['ssl.keystore.location=client.jks', `ssl.keystore.password=${storePass}`, 'ssl.key.password=nope'],
        /the key password for client is wrong/,
      ],
      [
        ['ssl.keystore.location=client.p12', 'ssl.keystore.password=nope'],
        /client\.p12: the PKCS12 keystore password is wrong/,
      ],
      [
        ['ssl.truststore.location=trust.p12', 'ssl.truststore.password=nope'],
        /ssl\.truststore\.location .*trust\.p12: the PKCS12 store password is wrong/,
      ],
    ]
    for (const [i, [lines, message]] of cases.entries()) {
      const r = await describeWith(properties(`bad-${i}`, lines), {}, false)
      expect(r.code, r.stderr).to.equal(2)
      expect(r.stderr).to.match(message)
      expect(r.stderr).to.match(/^Hint: /m)
      expect(r.stderr).not.to.include('nope')
    }
  })
})
