import {expect} from 'chai'
import {generateKeyPairSync} from 'node:crypto'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {signJwt} from '../../src/local/oauth.js'
import {kctl} from '../helpers/cli.js'
import {testCluster} from '../helpers/cluster.js'

const LOGIN_MODULE = 'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule'

/**
 * SASL/OAUTHBEARER against the local cluster's OAUTH listener: Kafka's own validator checks the
 * JWTs against the JWKS of the token endpoint `kctl local start --secure` serves on 127.0.0.1.
 */
describe('SASL/OAUTHBEARER (OIDC client credentials)', () => {
  let n = 0
  const properties = (lines: string[]) => {
    const c = testCluster()
    const file = join(c.dir, `client-oauth-${Date.now()}-${n++}.properties`)
    writeFileSync(
      file,
      [
        'security.protocol=SASL_SSL',
        'sasl.mechanism=OAUTHBEARER',
        'ssl.truststore.type=PEM',
        `ssl.truststore.location=${c.caFile}`,
        ...lines,
      ].join('\n'),
      {mode: 0o600},
    )
    return file
  }
  const describeCluster = (file: string, extra: string[] = [], env: Record<string, string> = {}) =>
    kctl(
      [
        'cluster',
        'describe',
        '-b',
        testCluster().oauthBootstrap,
        '--command-config',
        file,
        '--timeout',
        '20s',
        ...extra,
      ],
      {env},
    )
  const clientCredentials = (secret: string, scope = 'kafka') => [
    `sasl.oauthbearer.token.endpoint.url=${testCluster().tokenEndpoint}`,
    'sasl.login.callback.handler.class=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler',
    `sasl.jaas.config=${LOGIN_MODULE} required clientId="admin" clientSecret="${secret}" scope="${scope}";`,
  ]

  it('logs in through the full client-credentials flow (KIP-768 JAAS form, the local-oauth context) @smoke', async () => {
    const c = testCluster()
    const viaContext = await kctl(['cluster', 'describe', '--context', 'local-oauth', '--json'])
    expect(viaContext.code, viaContext.stderr).to.equal(0)
    expect(viaContext.json().clusterId).to.equal(c.clusterId)
    const r = await describeCluster(properties(clientCredentials(c.users.admin)), ['--json', '--debug'])
    expect(r.code, r.stderr).to.equal(0)
    expect(r.json().clusterId).to.equal(c.clusterId)
    expect(r.stderr).to.match(/oauthbearer: token #1 for admin from the token endpoint/)
    expect(r.stderr).to.match(/SaslAuthenticate=\d/)
    expect(r.stderr).not.to.include(c.users.admin)
  })

  it('reads the Kafka 4.1+ top-level keys, and tokens from an environment variable and a command', async () => {
    const c = testCluster()
    const topLevel = await describeCluster(
      properties([
        `sasl.oauthbearer.token.endpoint.url=${c.tokenEndpoint}`,
        'sasl.oauthbearer.jwt.retriever.class=org.apache.kafka.common.security.oauthbearer.ClientCredentialsJwtRetriever',
        'sasl.oauthbearer.client.credentials.client.id=admin',
        'sasl.oauthbearer.client.credentials.client.secret=${env:KCTL_TEST_OAUTH_SECRET}',
        'sasl.oauthbearer.scope=kafka',
        `sasl.jaas.config=${LOGIN_MODULE} required;`,
      ]),
      ['--json'],
      {KCTL_TEST_OAUTH_SECRET: c.users.admin},
    )
    expect(topLevel.code, topLevel.stderr).to.equal(0)
    // A token fetched as an SSO helper would, handed over by environment variable and by command.
    const response = await fetch(c.tokenEndpoint, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`admin:${c.users.admin}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials&scope=kafka',
    })
    const token = ((await response.json()) as {access_token: string}).access_token
    const fromEnv = await describeCluster(properties(['kctl.oauthbearer.token.env=KCTL_TEST_TOKEN']), ['--json'], {
      KCTL_TEST_TOKEN: token,
    })
    expect(fromEnv.code, fromEnv.stderr).to.equal(0)
    const tokenFile = join(c.dir, `token-${Date.now()}.jwt`)
    writeFileSync(tokenFile, token, {mode: 0o600})
    const fromCommand = await describeCluster(properties([`kctl.oauthbearer.token.command=cat ${tokenFile}`]), [
      '--json',
    ])
    expect(fromCommand.code, fromCommand.stderr).to.equal(0)
    const fromFile = await describeCluster(properties([`sasl.oauthbearer.token.endpoint.url=file://${tokenFile}`]), [
      '--json',
    ])
    expect(fromFile.code, fromFile.stderr).to.equal(0)
    expect(fromFile.json().clusterId).to.equal(c.clusterId)
  })

  it('a wrong client secret exits 4 naming the token request and the OAuth error @smoke', async () => {
    const r = await describeCluster(properties(clientCredentials('not-the-secret')))
    expect(r.code, r.stderr).to.equal(4)
    expect(r.stderr).to.match(
      /^Error: OAUTHBEARER token request: the token endpoint http:\/\/127\.0\.0\.1:\d+\/oauth2\/token answered HTTP 401 invalid_client/m,
    )
    expect(r.stderr).to.match(/^Hint: Check clientId and clientSecret/m)
    expect(r.stderr).not.to.include('not-the-secret')
  })

  it('a token the broker does not trust exits 4 naming the broker rejection', async () => {
    const c = testCluster()
    // Signed with a key outside the JWKS (otherwise a perfect token).
    const key = generateKeyPairSync('rsa', {modulusLength: 2048}).privateKey.export({
      format: 'pem',
      type: 'pkcs8',
    }) as string
    const now = Math.floor(Date.now() / 1000)
    const issuer = c.tokenEndpoint.replace(/\/oauth2\/token$/, '')
    const forged = signJwt(key, 'kctl-local-1', {iss: issuer, sub: 'admin', aud: 'kafka', iat: now, exp: now + 600})
    const r = await describeCluster(properties(['kctl.oauthbearer.token.env=KCTL_TEST_TOKEN']), [], {
      KCTL_TEST_TOKEN: forged,
    })
    expect(r.code, r.stderr).to.equal(4)
    expect(r.stderr).to.match(
      /^Error: Authentication failed at [\d.:,]+: the broker rejected the token for admin .*invalid_token/m,
    )
  })

  it('lag --watch stays connected across token refreshes (re-authentication with fresh tokens)', async () => {
    const c = testCluster()
    // The local token endpoint grants 16 s tokens when asked: each re-authentication fetches a new one.
    const file = properties(clientCredentials(c.users.admin, 'kafka lifetime:16'))
    const r = await kctl(
      [
        'lag',
        '--all-groups',
        '--watch',
        '1s',
        '--iterations',
        '12',
        '--no-time-lag',
        '-b',
        c.oauthBootstrap,
        '--command-config',
        file,
        '--debug',
      ],
      {timeoutMs: 60_000},
    )
    expect(r.code, r.stderr).to.equal(0)
    expect(r.stderr).to.match(/oauthbearer: token #2 for admin/)
    const authentications = Number(/SaslAuthenticate=(\d+)/.exec(r.stderr)![1])
    expect(authentications).to.be.greaterThan(c.brokerIds.length)
    expect(r.stderr).not.to.match(/^Error:/m)
  })
})
