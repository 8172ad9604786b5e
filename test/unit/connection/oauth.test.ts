import {expect} from 'chai'
import {generateKeyPairSync} from 'node:crypto'

import {
  OAuthTokenProvider,
  acceptToken,
  jwtClaims,
  oauthSettings,
  refreshTime,
} from '../../../src/connection/auth/oauth.js'
import {oauthBearerMessage} from '../../../src/connection/auth/sasl.js'
import {toClientSettings} from '../../../src/connection/properties.js'
import {jwks, signJwt} from '../../../src/local/oauth.js'
import {expectUsageError as usage} from '../../helpers/usage.js'

const KEY = generateKeyPairSync('rsa', {modulusLength: 2048}).privateKey.export({
  format: 'pem',
  type: 'pkcs8',
}) as string
const MODULE = 'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule'
const jwt = (claims: Record<string, unknown>) => signJwt(KEY, 'k1', claims)
const now = Date.UTC(2026, 0, 1) // ms
const sec = now / 1000

describe('SASL/OAUTHBEARER settings and tokens', () => {
  it('reads the KIP-768 JAAS form with extensions, and the Kafka 4.1+ top-level keys over it', () => {
    const s = toClientSettings({
      'security.protocol': 'SASL_PLAINTEXT',
      'sasl.mechanism': 'OAUTHBEARER',
      'sasl.oauthbearer.token.endpoint.url': 'https://idp.example/token',
      'sasl.login.callback.handler.class':
        'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler',
      'sasl.jaas.config': `${MODULE} required clientId="ops" clientSecret="s3cret" scope="kafka.read" extension_logicalCluster="lkc-1";`,
    })
    expect(s.warnings).to.deep.equal([])
    expect(s.sasl).to.include({mechanism: 'oauthbearer', username: 'ops'})
    expect(s.sasl!.oauth).to.include({
      source: 'client_credentials',
      tokenEndpoint: 'https://idp.example/token',
      clientId: 'ops',
      clientSecret: 's3cret',
      scope: 'kafka.read',
      refreshWindowFactor: 0.8,
      refreshBufferSeconds: 300,
    })
    expect(s.sasl!.oauth!.extensions).to.deep.equal({logicalCluster: 'lkc-1'})
    const top = oauthSettings(
      {
        'sasl.oauthbearer.token.endpoint.url': 'https://idp/t',
        'sasl.oauthbearer.client.credentials.client.id': 'a',
        'sasl.oauthbearer.client.credentials.client.secret': 'b',
        'sasl.oauthbearer.scope': 'x',
      },
      {clientId: 'ignored'},
      `${MODULE} required;`,
    )
    expect(top).to.include({clientId: 'a', clientSecret: 'b', scope: 'x'})
  })

  it('knows a token file (file: URL, FileJwtRetriever), an environment variable and a command', () => {
    expect(oauthSettings({'sasl.oauthbearer.token.endpoint.url': 'file:///run/token.jwt'}, {}, undefined)).to.include({
      source: 'file',
      location: '/run/token.jwt',
    })
    expect(oauthSettings({'kctl.oauthbearer.token.env': 'TOKEN'}, {}, undefined)).to.include({
      source: 'env',
      location: 'TOKEN',
    })
    expect(oauthSettings({'kctl.oauthbearer.token.command': 'sso-helper token'}, {}, undefined)).to.include({
      source: 'command',
      location: 'sso-helper token',
    })
  })

  it('refuses incomplete or foreign configurations before connecting', () => {
    expect(usage(() => oauthSettings({}, {}, undefined)).message).to.match(/no token source/)
    expect(
      usage(() =>
        oauthSettings(
          {'sasl.oauthbearer.token.endpoint.url': 'https://idp/t'},
          {clientId: 'a'},
          `${MODULE} required clientId=a;`,
        ),
      ).message,
    ).to.match(/client id and a client secret/)
    expect(
      usage(() =>
        oauthSettings(
          {'sasl.oauthbearer.token.endpoint.url': 'https://idp/t'},
          {},
          'org.apache.kafka.common.security.plain.PlainLoginModule required;',
        ),
      ).message,
    ).to.match(/OAuthBearerLoginModule/)
    expect(
      usage(() =>
        oauthSettings(
          {
            'sasl.oauthbearer.token.endpoint.url': 'https://idp/t',
            'sasl.oauthbearer.jwt.retriever.class':
              'org.apache.kafka.common.security.oauthbearer.JwtBearerJwtRetriever',
          },
          {},
          undefined,
        ),
      ).message,
    ).to.match(/JwtBearerJwtRetriever is not supported/)
    const gssapi = usage(() =>
      toClientSettings({
        'security.protocol': 'SASL_SSL',
        'sasl.jaas.config': 'com.sun.security.auth.module.Krb5LoginModule required;',
      }),
    )
    expect(gssapi.code).to.equal('UNSUPPORTED_SASL_MECHANISM')
    expect(gssapi.message).to.match(/GSSAPI \(Kerberos/)
    expect(gssapi.hint).to.match(/OAUTHBEARER .*SCRAM.*AWS_MSK_IAM.*mTLS/)
  })

  it('times refreshes as Java does: window factor, buffer, minimum period', () => {
    const s = {refreshWindowFactor: 0.8, refreshBufferSeconds: 300, refreshMinPeriodSeconds: 60}
    // One hour: 80 % of the lifetime (48 min) leaves more than the 5 min buffer.
    expect(refreshTime(now, now, now + 3_600_000, s)).to.equal(now + 2_880_000)
    // Ten minutes: 80 % would leave 2 min < buffer, so 5 min before expiry.
    expect(refreshTime(now, now, now + 600_000, s)).to.equal(now + 300_000)
    // Twenty seconds: half the lifetime.
    expect(refreshTime(now, now, now + 20_000, s)).to.equal(now + 10_000)
  })

  it("checks tokens as Java's client validator does (JWT, sub, exp)", () => {
    const settings = oauthSettings({'kctl.oauthbearer.token.env': 'T'}, {}, undefined)
    const t = acceptToken(jwt({sub: 'ops', iat: sec, exp: sec + 3600}), settings, now)
    expect(t).to.include({principal: 'ops', expiresAt: now + 3_600_000, refreshAt: now + 2_880_000})
    expect(() => acceptToken('opaque-token', settings, now)).to.throw(/not a JWT/)
    expect(() => acceptToken(jwt({sub: 'ops', exp: sec - 1}), settings, now)).to.throw(/expired at/)
    expect(() => acceptToken(jwt({exp: sec + 60}), settings, now)).to.throw(/no sub claim/)
    expect(jwtClaims(jwt({sub: 'x', exp: 1}))).to.deep.equal({sub: 'x', exp: 1})
  })

  it('fetches with client credentials (Basic header, form body), caches, and names the failing step', async () => {
    const calls: {url: string; init: RequestInit}[] = []
    let answer: () => Response = () =>
      Response.json({
        access_token: jwt({sub: 'ops', iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 3600}),
        token_type: 'Bearer',
      })
    const fakeFetch = (async (url: string, init: RequestInit) => {
      calls.push({url, init})
      return answer()
    }) as unknown as typeof fetch
    const settings = oauthSettings(
      {'sasl.oauthbearer.token.endpoint.url': 'https://idp/t'},
      {clientId: 'ops', clientSecret: 'p:w', scope: 'kafka'},
      undefined,
    )
    const provider = new OAuthTokenProvider(settings, {timeoutMs: 5000, fetch: fakeFetch})
    const token = await provider.token()
    expect(token.principal).to.equal('ops')
    await provider.token()
    expect(calls).to.have.length(1)
    const headers = calls[0].init.headers as Record<string, string>
    expect(headers.Authorization).to.equal(`Basic ${Buffer.from('ops:p:w').toString('base64')}`)
    expect(calls[0].init.body).to.equal('grant_type=client_credentials&scope=kafka')

    answer = () => Response.json({error: 'invalid_client', error_description: 'bad secret'}, {status: 401})
    const failing = new OAuthTokenProvider(settings, {timeoutMs: 5000, fetch: fakeFetch})
    const e = await failing.token().then(
      () => expect.fail('no error'),
      (error: {message: string; exitCode: number; code: string}) => error,
    )
    expect(e.exitCode).to.equal(4)
    expect(e.code).to.equal('OAUTH_TOKEN_REQUEST_FAILED')
    expect(e.message).to.equal(
      'OAUTHBEARER token request: the token endpoint https://idp/t answered HTTP 401 invalid_client (bad secret) for client ops',
    )
    expect(e.message).not.to.include('p:w')
  })

  it('builds the RFC 7628 initial response and a JWKS that verifies its own tokens', () => {
    expect(oauthBearerMessage('abc', {a: '1'}).toString()).to.equal('n,,\u0001auth=Bearer abc\u0001a=1\u0001\u0001')
    const {keys} = jwks(KEY, 'k1')
    expect(keys[0]).to.include({kty: 'RSA', kid: 'k1', alg: 'RS256', use: 'sig'})
  })
})
