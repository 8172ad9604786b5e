import {expect} from 'chai'
import {readFileSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {kctl, registerSecret} from '../helpers/cli.js'
import {privateConfig, saslProperties, testCluster} from '../helpers/cluster.js'
import {kafkaTool} from '../helpers/kafka-tools.js'
import {uniqueName, waitFor} from '../helpers/poll.js'

const SASL = ['--context', 'local-sasl']

/**
 * A client .properties file logging in with a delegation token (Kafka's ScramLoginModule options);
 * `hmac` may be a `${file:PATH}` reference.
 */
function tokenProperties(tokenId: string, hmac: string, tokenauth: boolean): string {
  const c = testCluster()
  const file = join(c.dir, `client-token-${uniqueName('t')}.properties`)
  writeFileSync(
    file,
    [
      'security.protocol=SASL_SSL',
      'sasl.mechanism=SCRAM-SHA-512',
      `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${tokenId}" password="${hmac}"${tokenauth ? ' tokenauth="true"' : ''};`,
      'ssl.truststore.type=PEM',
      `ssl.truststore.location=${c.caFile}`,
    ].join('\n'),
    {mode: 0o600},
  )
  return file
}

/** Kafka's own DelegationTokenCommand (org.apache.kafka.tools in 3.9 and 4.x). */
async function kafkaDescribeTokens(): Promise<string> {
  const c = testCluster()
  const config = saslProperties('admin', c.users.admin, 'SCRAM-SHA-512')
  return kafkaTool('org.apache.kafka.tools.DelegationTokenCommand', [
    '--bootstrap-server',
    c.saslBootstrap,
    '--command-config',
    config,
    '--describe',
    '--owner-principal',
    'User:admin',
  ])
}

describe('delegation tokens on the secure cluster', function () {
  this.timeout(180_000)

  it('create (HMAC once), log in with it through a context, describe, renew, expire, then refused @smoke', async () => {
    const c = testCluster()
    const topic = uniqueName('tokens')
    expect((await kctl(['topics', 'create', topic, '--partitions', '1', '--context', 'local'])).code).to.equal(0)

    // Tokens are refused over PLAINTEXT: the principal must be SASL/mTLS-authenticated.
    const plain = await kctl(['tokens', 'create', '--context', 'local', '--json'])
    expect(plain.code, plain.stderr).to.equal(1)
    expect(plain.json().error.code).to.equal('DELEGATION_TOKEN_REQUEST_NOT_ALLOWED')

    // The HMAC goes to a 0600 file only (printed instead without --hmac-file; that is a command test).
    const hmacFile = join(c.dir, `token-${uniqueName('h')}.hmac`)
    const created = await kctl([
      'tokens',
      'create',
      ...SASL,
      '--renewer-principal',
      'User:alice',
      '--hmac-file',
      hmacFile,
      '-o',
      'json',
    ])
    expect(created.code, created.stderr).to.equal(0)
    const hmac = readFileSync(hmacFile, 'utf8').trim()
    registerSecret(hmac)
    expect(statSync(hmacFile).mode & 0o777).to.equal(0o600)
    const token = {...created.json(), hmac}
    expect(created.json()).to.deep.include({hmac: null, hmacFile})
    expect(token.owner).to.equal('User:admin')
    expect(token.renewers).to.deep.equal(['User:alice'])
    expect(Buffer.from(token.hmac, 'base64').length).to.be.above(16)
    // Kafka's own tool sees the same token.
    expect(await kafkaDescribeTokens()).to.include(token.tokenId)

    // Log in with the token through a context; the session is the owner's (admin sees the topic).
    const env = privateConfig()
    const props = tokenProperties(token.tokenId, `\${file:${hmacFile}}`, true)
    const set = await kctl(
      ['context', 'set', 'with-token', '--bootstrap-server', c.saslBootstrap, '--command-config', props],
      {env},
    )
    expect(set.code, set.stderr).to.equal(0)
    const listed = await kctl(['topics', 'list', '--context', 'with-token', '-o', 'json', '--debug'], {env})
    expect(listed.code, listed.stderr).to.equal(0)
    expect(listed.json().topics.map((t: {name: string}) => t.name)).to.include(topic)
    // Without the tokenauth extension the token id is just an unknown SCRAM user.
    const noExt = await kctl([
      'topics',
      'list',
      '-b',
      c.saslBootstrap,
      '--command-config',
      tokenProperties(token.tokenId, token.hmac, false),
    ])
    expect(noExt.code, noExt.stderr).to.equal(4)
    // A token login may not create tokens (Kafka's rule).
    const fromToken = await kctl(['tokens', 'create', '--context', 'with-token', '--json'], {env})
    expect(fromToken.code, fromToken.stderr).to.equal(1)
    expect(fromToken.json().error.code).to.equal('DELEGATION_TOKEN_REQUEST_NOT_ALLOWED')

    // Describe: the token, never its HMAC.
    const described = await kctl(['tokens', 'describe', ...SASL, '--owner-principal', 'User:admin', '-o', 'json'])
    expect(described.code, described.stderr).to.equal(0)
    const row = described.json().tokens.find((t: {tokenId: string}) => t.tokenId === token.tokenId)
    expect(row).to.deep.include({
      owner: 'User:admin',
      renewers: ['User:alice'],
      expiryTimestampMs: token.expiryTimestampMs,
    })
    expect(described.stdout).not.to.include(token.hmac)

    // Renew to one hour from now (HMAC on stdin, never in argv).
    const before = Date.now()
    const renewed = await kctl(
      ['tokens', 'renew', ...SASL, '--hmac-stdin', '--renew-time-period', '1h', '-o', 'json'],
      {
        input: `${token.hmac}\n`,
      },
    )
    expect(renewed.code, renewed.stderr).to.equal(0)
    expect(renewed.json()).to.deep.include({tokenId: token.tokenId, action: 'renewed', dryRun: false})
    expect(renewed.json().expiryTimestampMs).to.be.within(before + 3_600_000 - 5000, Date.now() + 3_600_000 + 5000)

    // Expire: refused without a terminal or --yes; --dry-run changes nothing; --yes expires.
    const unconfirmed = await kctl(['tokens', 'expire', ...SASL, '--hmac-file', hmacFile])
    expect(unconfirmed.code, unconfirmed.stderr).to.equal(2)
    const dry = await kctl(['tokens', 'expire', ...SASL, '--hmac-file', hmacFile, '--dry-run', '-o', 'json'])
    expect(dry.code, dry.stderr).to.equal(0)
    expect(dry.json()).to.deep.include({tokenId: token.tokenId, dryRun: true})
    expect((await kctl(['topics', 'list', '--context', 'with-token'], {env})).code).to.equal(0)
    const expired = await kctl(['tokens', 'expire', ...SASL, '--hmac-file', hmacFile, '--yes', '-o', 'json'])
    expect(expired.code, expired.stderr).to.equal(0)
    expect(expired.json()).to.deep.include({tokenId: token.tokenId, action: 'expired', dryRun: false})

    // Every broker refuses the expired token: exit 4, an authentication error naming the token.
    await waitFor(async () => (await kctl(['topics', 'list', '--context', 'with-token'], {env})).code === 4)
    const refused = await kctl(['topics', 'list', '--context', 'with-token', '--json'], {env})
    expect(refused.code).to.equal(4)
    expect(refused.json().error.message).to.include(`delegation token ${token.tokenId}`)
    expect((await kctl(['topics', 'delete', topic, '--yes', '--context', 'local'])).code).to.equal(0)
  })
})
