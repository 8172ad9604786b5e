import {expect} from 'chai'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {
  expandReferences,
  parseJaas,
  parseProperties,
  redactProperties,
  toClientSettings,
} from '../../../src/connection/properties.js'
import {expectUsageError as usage} from '../../helpers/usage.js'

const STORES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'stores')

describe('client.properties parsing', () => {
  it('reads the separators, comments, continuations and escapes Java reads', () => {
    const text = [
      '# comment',
      '! also a comment',
      'a=1',
      'b: 2',
      'c 3',
      '  d = spaced value  ',
      'e=first \\',
      '   second',
      'f=tab\\there\\u0041',
      'g\\=key=v',
      'empty=',
    ].join('\n')
    expect(parseProperties(text)).to.deep.equal({
      a: '1',
      b: '2',
      c: '3',
      d: 'spaced value  ',
      e: 'first second',
      f: 'tab\thereA',
      'g=key': 'v',
      empty: '',
    })
  })

  it('parses JAAS options with quoted and bare values', () => {
    expect(
      parseJaas(
        'org.apache.kafka.common.security.plain.PlainLoginModule required username="alice" password="p w\\"x";',
      ),
    ).to.deep.equal({username: 'alice', password: 'p w"x'})
    expect(parseJaas('ScramLoginModule required username=bob password=secret;')).to.deep.equal({
      username: 'bob',
      password: 'secret',
    })
  })

  it('maps SASL_SSL with SCRAM-SHA-512 and a PEM truststore', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kctl-props-'))
    writeFileSync(join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n')
    const s = toClientSettings(
      {
        'security.protocol': 'SASL_SSL',
        'sasl.mechanism': 'SCRAM-SHA-512',
        'sasl.jaas.config':
          'org.apache.kafka.common.security.scram.ScramLoginModule required username="alice" password="pw";',
        'ssl.truststore.type': 'PEM',
        'ssl.truststore.location': 'ca.pem',
        'ssl.endpoint.identification.algorithm': '',
        'client.id': 'ops',
        'request.timeout.ms': '5000',
      },
      dir,
    )
    expect(s.securityProtocol).to.equal('SASL_SSL')
    expect(s.sasl).to.deep.equal({mechanism: 'scram-sha-512', username: 'alice', password: 'pw'})
    expect(s.tls!.ca![0]).to.include('BEGIN CERTIFICATE')
    expect(s.tls!.checkHostname).to.equal(false)
    expect(s.clientId).to.equal('ops')
    expect(s.requestTimeoutMs).to.equal(5000)
    expect(s.warnings).to.deep.equal([])
  })

  it('checks hostnames by default and reads a PEM keystore with key and chain', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kctl-props-'))
    writeFileSync(
      join(dir, 'client.pem'),
      '-----BEGIN PRIVATE KEY-----\nAAA\n-----END PRIVATE KEY-----\n-----BEGIN CERTIFICATE-----\nBBB\n-----END CERTIFICATE-----\n',
    )
    const s = toClientSettings(
      {'security.protocol': 'SSL', 'ssl.keystore.type': 'PEM', 'ssl.keystore.location': join(dir, 'client.pem')},
      dir,
    )
    expect(s.tls!.checkHostname).to.equal(true)
    expect(s.tls!.key).to.include('PRIVATE KEY')
    expect(s.tls!.cert).to.include('BBB')
  })

  it('warns about keys it does not use instead of silently misreading them', () => {
    const s = toClientSettings({
      'security.protocol': 'PLAINTEXT',
      'sasl.kerberos.service.name': 'kafka',
      'linger.ms': '5',
    })
    expect(s.warnings).to.deep.equal([
      'Ignoring client property linger.ms: kctl does not use it',
      'Ignoring client property sasl.kerberos.service.name: kctl does not use it',
    ])
  })

  it('refuses JCEKS and unknown store formats with a conversion hint', () => {
    const e = usage(() =>
      toClientSettings({
        'security.protocol': 'SSL',
        'ssl.keystore.location': join(STORES, 'ks.jceks'),
        'ssl.keystore.password': 'storepass',
      }),
    )
    expect(e.code).to.equal('UNSUPPORTED_STORE_TYPE')
    expect(e.message).to.match(/is a JCEKS store; kctl reads JKS, PKCS12 and PEM/)
    expect(e.hint).to.match(/keytool -importkeystore .* -deststoretype PKCS12/)
    const t = usage(() =>
      toClientSettings({'security.protocol': 'SSL', 'ssl.truststore.location': join(STORES, 'ks.jceks')}),
    )
    expect(t.message).to.match(/ssl\.truststore\.location .*ks\.jceks is a JCEKS store/)
  })

  it('reads JKS and PKCS12 stores, passwords through ${env:} references', () => {
    const s = toClientSettings(
      {
        'security.protocol': 'SSL',
        'ssl.keystore.type': 'JKS',
        'ssl.keystore.location': 'ks.jks',
        'ssl.keystore.password': '${env:KCTL_T_STORE_PW}',
        'ssl.key.password': 'keypass1',
        'ssl.truststore.location': 'trust.p12',
        'ssl.truststore.password': 'trustpass',
      },
      STORES,
      {KCTL_T_STORE_PW: 'storepass'},
    )
    expect(s.tls!.key).to.match(/^-----BEGIN PRIVATE KEY-----/)
    expect(s.tls!.cert).to.include('BEGIN CERTIFICATE')
    expect(s.tls!.ca).to.have.length(1)
    expect(s.tls!.passphrase).to.equal(undefined)
    const p = toClientSettings(
      {
        'security.protocol': 'SSL',
        'ssl.keystore.location': 'ks.p12',
        'ssl.keystore.password': 'p12pass',
        'ssl.truststore.location': 'ks.jks',
      },
      STORES,
    )
    expect(p.tls!.pfx).to.be.instanceOf(Buffer)
    expect(p.tls!.passphrase).to.equal('p12pass')
    // A JKS truststore without a password is read without its integrity check, as Java does.
    expect(p.tls!.ca).to.have.length(1)
  })

  it('reads a delegation token login (tokenauth="true", SCRAM only) and redacts its HMAC', () => {
    const jaas = (mechanism: string, tokenauth: string) => ({
      'security.protocol': 'SASL_SSL',
      'sasl.mechanism': mechanism,
      'sasl.jaas.config': `org.apache.kafka.common.security.scram.ScramLoginModule required username="tok1" password="AQIDBA==" tokenauth=${tokenauth};`,
    })
    expect(toClientSettings(jaas('SCRAM-SHA-512', '"true"')).sasl).to.deep.equal({
      mechanism: 'scram-sha-512',
      username: 'tok1',
      password: 'AQIDBA==',
      tokenAuth: true,
    })
    expect(toClientSettings(jaas('SCRAM-SHA-256', 'false')).sasl).not.to.have.property('tokenAuth')
    expect(usage(() => toClientSettings(jaas('PLAIN', '"true"'))).message).to.match(/tokenauth="true" needs a SCRAM/)
    expect(redactProperties(jaas('SCRAM-SHA-512', '"true"'))['sasl.jaas.config']).not.to.include('AQIDBA==')
  })

  it('rejects unknown protocols, mechanisms and a missing JAAS config', () => {
    usage(() => toClientSettings({'security.protocol': 'TLS'}))
    expect(
      usage(() =>
        toClientSettings({'security.protocol': 'SASL_PLAINTEXT', 'sasl.mechanism': 'GSSAPI', 'sasl.jaas.config': 'x'}),
      ).message,
    ).to.match(/GSSAPI is not supported/)
    usage(() => toClientSettings({'security.protocol': 'SASL_PLAINTEXT', 'sasl.mechanism': 'PLAIN'}))
    usage(() =>
      toClientSettings({
        'security.protocol': 'SASL_PLAINTEXT',
        'sasl.mechanism': 'PLAIN',
        'sasl.jaas.config': 'PlainLoginModule required username="a";',
      }),
    )
  })

  it('redacts secrets, keeping the username', () => {
    const r = redactProperties({
      'sasl.jaas.config':
        'org.apache.kafka.common.security.plain.PlainLoginModule required username="alice" password="s3cret";',
      'ssl.key.password': 'kp',
      'security.protocol': 'SASL_SSL',
    })
    expect(r['sasl.jaas.config']).to.include('username="alice"').and.not.include('s3cret')
    expect(r['ssl.key.password']).to.equal('[redacted]')
    expect(r['security.protocol']).to.equal('SASL_SSL')
  })

  it('expands ${env:NAME} and ${file:path} references', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kctl-props-'))
    writeFileSync(join(dir, 'pw'), 'from-file\n')
    expect(expandReferences('a ${env:KCTL_T_PW} b', {KCTL_T_PW: 'x'})).to.equal('a x b')
    expect(expandReferences(`\${file:${join(dir, 'pw')}}`)).to.equal('from-file')
    usage(() => expandReferences('${env:KCTL_T_MISSING}', {}))
  })
})
