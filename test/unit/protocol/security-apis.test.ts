import {expect} from 'chai'

import {scramSaltedPassword} from '../../../src/admin/security/users.js'
import {
  alterClientQuotasRequest,
  decodeAlterClientQuotas,
  encodeAlterClientQuotas,
} from '../../../src/protocol/alter-client-quotas.js'
import {
  decodeAlterUserScramCredentials,
  encodeAlterUserScramCredentials,
} from '../../../src/protocol/alter-user-scram-credentials.js'
import {decodeDescribeClientQuotas, encodeDescribeClientQuotas} from '../../../src/protocol/describe-client-quotas.js'
import {
  decodeDescribeUserScramCredentials,
  describeUserScramCredentialsRequest,
  encodeDescribeUserScramCredentials,
} from '../../../src/protocol/describe-user-scram-credentials.js'
import {Encoder} from '../../../src/protocol/encoder.js'
import type {KafkaEncoder} from '../../../src/protocol/kafkajs-internals.js'
import {Reader} from '../../../src/protocol/wire.js'

// Every hex string below is what Kafka's own serializers (4.4) produce for the same message:
// `java -cp "$(cat ~/.cache/kctl/kafka/4.4.0/classpath.txt)" scripts/security-api-bytes.java`.
// (Kafka's default error message is "", not null.) The responses carry a non-empty unknown tagged field where noted, which the decoder must skip.

async function encode(write: (e: KafkaEncoder) => void): Promise<string> {
  const e = new Encoder()
  write(e)
  return e.buffer.toString('hex')
}

const reader = (hex: string) => new Reader(Buffer.from(hex, 'hex'))

describe('DescribeUserScramCredentials (API 50) bytes', () => {
  it('encodes v0 for one user and for all users (null array)', async () => {
    expect(await encode((e) => encodeDescribeUserScramCredentials(e, ['alice']))).to.equal('0206616c6963650000')
    expect(await encode((e) => encodeDescribeUserScramCredentials(e, null))).to.equal('0000')
  })

  it('decodes v0 with per-user errors and a tagged field', () => {
    const r = reader(
      '000000050000000306616c6963650000010301000010000002000020000001070301020304626f62005b0d6e6f20737563682075736572010000',
    )
    expect(decodeDescribeUserScramCredentials(r)).to.deep.equal({
      throttleTimeMs: 5,
      errorCode: 0,
      errorMessage: null,
      results: [
        {
          user: 'alice',
          errorCode: 0,
          errorMessage: '',
          credentialInfos: [
            {mechanism: 1, iterations: 4096},
            {mechanism: 2, iterations: 8192},
          ],
        },
        {user: 'bob', errorCode: 91, errorMessage: 'no such user', credentialInfos: []},
      ],
    })
    expect(r.remaining).to.equal(0)
  })

  it('builds a flexible request (header tag buffer first)', async () => {
    const req = describeUserScramCredentialsRequest(0, ['alice'], Encoder)
    expect(req.request.apiKey).to.equal(50)
    expect((await req.request.encode()).buffer.toString('hex')).to.equal('00' + '0206616c6963650000')
  })
})

describe('AlterUserScramCredentials (API 51) bytes', () => {
  it('encodes v0 deletions and upsertions (salt and salted password as compact bytes)', async () => {
    const hex = await encode((e) =>
      encodeAlterUserScramCredentials(e, {
        deletions: [{name: 'bob', mechanism: 2}],
        upsertions: [
          {
            name: 'alice',
            mechanism: 1,
            iterations: 4096,
            salt: Buffer.from([1, 2, 3, 4]),
            saltedPassword: Buffer.from([0xaa, 0xbb]),
          },
        ],
      }),
    )
    expect(hex).to.equal('0204626f6202000206616c6963650100001000050102030403aabb0000')
  })

  it('decodes v0 results with a top-level tagged field', () => {
    const r = reader('000000000306616c6963650000010004626f62005d13746f6f2066657720697465726174696f6e730001030109')
    expect(decodeAlterUserScramCredentials(r)).to.deep.equal({
      throttleTimeMs: 0,
      results: [
        {user: 'alice', errorCode: 0, errorMessage: ''},
        {user: 'bob', errorCode: 93, errorMessage: 'too few iterations'},
      ],
    })
    expect(r.remaining).to.equal(0)
  })
})

describe('SCRAM salted password (KIP-554: Hi(password, salt, i))', () => {
  const salt = Buffer.from('kctl-test-salt')
  it('equals Kafka ScramFormatter.hi for SCRAM-SHA-256', () => {
    expect(scramSaltedPassword('SCRAM-SHA-256', 'pässword', salt, 4096).toString('hex')).to.equal(
      '0014adad90922484e39bb7c43a9fc5fa3a9c35132d8875a9f413098e05f4568c',
    )
  })
  it('equals Kafka ScramFormatter.hi for SCRAM-SHA-512', () => {
    expect(scramSaltedPassword('SCRAM-SHA-512', 'pässword', salt, 4096).toString('hex')).to.equal(
      'ca350a0e808f284c485f6caa6caef84c27f78c7bad812a60f74e5ee9c6296e9b4a7afceff3ebf00e00fb8ff53b046e31389b1977a339ab42993d96560975cafa',
    )
  })
})

describe('DescribeClientQuotas (API 48) bytes', () => {
  it('encodes v1 components (exact and default match) with strict', async () => {
    const hex = await encode((e) =>
      encodeDescribeClientQuotas(e, {
        components: [
          {entityType: 'user', matchType: 0, match: 'alice'},
          {entityType: 'client-id', matchType: 1, match: null},
        ],
        strict: true,
      }),
    )
    expect(hex).to.equal('0305757365720006616c696365000a636c69656e742d69640100000100')
  })

  it('decodes v1 entries with a default entity part, float64 values and a tagged field', () => {
    const r = reader(
      '000000000000010203057573657206616c696365000a636c69656e742d69640000031370726f64756365725f627974655f7261746541300000000000000013726571756573745f70657263656e74616765402900000000000000010102040500',
    )
    expect(decodeDescribeClientQuotas(r)).to.deep.equal({
      throttleTimeMs: 0,
      errorCode: 0,
      errorMessage: '',
      entries: [
        {
          entity: [
            {entityType: 'user', entityName: 'alice'},
            {entityType: 'client-id', entityName: null},
          ],
          values: [
            {key: 'producer_byte_rate', value: 1_048_576},
            {key: 'request_percentage', value: 12.5},
          ],
        },
      ],
    })
    expect(r.remaining).to.equal(0)
  })

  it('decodes v1 with an error and null entries', () => {
    const r = reader('00000000001d0764656e6965640000')
    expect(decodeDescribeClientQuotas(r)).to.deep.equal({
      throttleTimeMs: 0,
      errorCode: 29,
      errorMessage: 'denied',
      entries: null,
    })
    expect(r.remaining).to.equal(0)
  })
})

describe('AlterClientQuotas (API 49) bytes', () => {
  const entries = [
    {
      entity: [
        {entityType: 'user', entityName: 'alice'},
        {entityType: 'client-id', entityName: null},
      ],
      ops: [
        {key: 'producer_byte_rate', value: 1024, remove: false},
        {key: 'consumer_byte_rate', value: 0, remove: true},
      ],
    },
  ]
  const expected =
    '0203057573657206616c696365000a636c69656e742d69640000031370726f64756365725f627974655f726174654090000000000000000013636f6e73756d65725f627974655f7261746500000000000000000100000000'
  it('encodes v1 set and remove ops', async () => {
    expect(await encode((e) => encodeAlterClientQuotas(e, {entries, validateOnly: false}))).to.equal(expected)
  })

  it('sets validate_only in the request built for v1 (after the header tag buffer)', async () => {
    const hex = (
      await alterClientQuotasRequest(1, {entries, validateOnly: true}, Encoder).request.encode()
    ).buffer.toString('hex')
    expect(hex).to.equal(`00${expected.slice(0, -4)}0100`)
  })

  it('decodes v1 per-entity errors', () => {
    const r = reader('0000000002002a08626164206b6579020369700931302e302e302e31000000')
    expect(decodeAlterClientQuotas(r)).to.deep.equal({
      throttleTimeMs: 0,
      entries: [{errorCode: 42, errorMessage: 'bad key', entity: [{entityType: 'ip', entityName: '10.0.0.1'}]}],
    })
    expect(r.remaining).to.equal(0)
  })
})
