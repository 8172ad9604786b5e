import {SignatureV4} from '@smithy/signature-v4'
import {expect} from 'chai'
import {createHash, createHmac} from 'node:crypto'

import {mskAuthPayload, regionFromHost} from '../../../src/connection/auth/aws/msk-iam.js'
import {type AwsCredentials, presign, signHeaders} from '../../../src/connection/auth/aws/sigv4.js'

// AWS's published SigV4 test suite: its credentials, date, region and service.
const SUITE: AwsCredentials = {accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'}
const SUITE_DATE = new Date('2015-08-30T12:36:00Z')
const suite = (method: string, query: [string, string][] = []) =>
  signHeaders(
    {
      method,
      host: 'example.amazonaws.com',
      path: '/',
      query,
      region: 'us-east-1',
      service: 'service',
      date: SUITE_DATE,
    },
    SUITE,
  ).Authorization

/** The reference signer's hash: Node's crypto behind its Checksum interface. */
type SourceData = string | ArrayBuffer | ArrayBufferView
const bytes = (d: SourceData) =>
  typeof d === 'string'
    ? Buffer.from(d, 'utf8')
    : ArrayBuffer.isView(d)
      ? Buffer.from(d.buffer, d.byteOffset, d.byteLength)
      : Buffer.from(d)
class Sha256 {
  private readonly h
  constructor(secret?: SourceData) {
    this.h = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret))
  }

  update(data: SourceData): void {
    this.h.update(bytes(data))
  }

  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.h.digest())
  }

  reset(): void {}
}

describe('AWS SigV4 (in-house) and the AWS_MSK_IAM payload', () => {
  it('reproduces the published test suite: get-vanilla, post-vanilla, get-vanilla-query-order-key-case', () => {
    const scope =
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature='
    expect(suite('GET')).to.equal(`${scope}5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31`)
    expect(suite('POST')).to.equal(`${scope}5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b`)
    expect(
      suite('GET', [
        ['Param2', 'value2'],
        ['Param1', 'value1'],
      ]),
    ).to.equal(`${scope}b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500`)
  })

  for (const sessionToken of [undefined, 'FwoGZXIvYXdzEJr//////////wEaDOr+/session=token']) {
    it(`presigns byte for byte as AWS's own signer (@smithy/signature-v4), frozen clock${sessionToken ? ', with a session token' : ''}`, async () => {
      const credentials = {
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        sessionToken,
      }
      const host = 'b-1.orders.x1y2z3.c2.kafka.eu-west-1.amazonaws.com'
      const date = new Date('2026-03-04T05:06:07Z')
      const reference = await new SignatureV4({
        credentials,
        region: 'eu-west-1',
        service: 'kafka-cluster',
        sha256: Sha256,
      }).presign(
        {
          method: 'GET',
          protocol: 'https:',
          hostname: host,
          path: '/',
          query: {Action: 'kafka-cluster:Connect'},
          headers: {host},
        },
        {signingDate: date, expiresIn: 900},
      )
      const ours = Object.fromEntries(
        presign(
          {
            method: 'GET',
            host,
            path: '/',
            query: [['Action', 'kafka-cluster:Connect']],
            region: 'eu-west-1',
            service: 'kafka-cluster',
            date,
          },
          credentials,
          900,
        ),
      )
      expect(ours).to.deep.equal(reference.query)
      // The SASL payload: those parameters lower-cased, the host, version and user agent (aws-msk-iam-auth's form).
      const payload = mskAuthPayload(host, regionFromHost(host)!, credentials, date, 'kctl')
      expect(payload).to.deep.equal({
        version: '2020_10_22',
        host,
        'user-agent': 'kctl',
        ...Object.fromEntries(
          Object.entries(reference.query as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]),
        ),
      })
      expect(payload['x-amz-credential']).to.equal('AKIAIOSFODNN7EXAMPLE/20260304/eu-west-1/kafka-cluster/aws4_request')
      expect(payload.action).to.equal('kafka-cluster:Connect')
    })
  }

  it('signs headers as the reference signer does (STS AssumeRole, POST with a body and a session token)', async () => {
    const credentials = {accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret/key+x', sessionToken: 'tok'}
    const date = new Date('2026-03-04T05:06:07Z')
    const body =
      'Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fops&RoleSessionName=s&Version=2011-06-15'
    const headers = {'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8'}
    const reference = await new SignatureV4({
      credentials,
      region: 'us-east-1',
      service: 'sts',
      sha256: Sha256,
      applyChecksum: false,
    }).sign(
      {
        method: 'POST',
        protocol: 'https:',
        hostname: 'sts.us-east-1.amazonaws.com',
        path: '/',
        query: {},
        headers: {...headers, host: 'sts.us-east-1.amazonaws.com'},
        body,
      },
      {signingDate: date},
    )
    const ours = signHeaders(
      {
        method: 'POST',
        host: 'sts.us-east-1.amazonaws.com',
        path: '/',
        headers,
        body,
        region: 'us-east-1',
        service: 'sts',
        date,
      },
      credentials,
    )
    expect(ours.Authorization).to.equal(reference.headers.authorization)
  })

  it('finds the region in MSK broker host names', () => {
    expect(regionFromHost('b-1.orders.x1y2z3.c2.kafka.eu-west-1.amazonaws.com')).to.equal('eu-west-1')
    expect(regionFromHost('boot-abc.c1.kafka-serverless.us-east-2.amazonaws.com')).to.equal('us-east-2')
    expect(regionFromHost('kafka.internal:9098')).to.equal(undefined)
  })
})
