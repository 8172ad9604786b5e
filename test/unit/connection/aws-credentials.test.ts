import {expect} from 'chai'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {type IncomingMessage, type Server, createServer} from 'node:http'
import type {AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {parseIni, resolveCredentials} from '../../../src/connection/auth/aws/credentials.js'

interface Seen {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
}

/** A fake AWS endpoint on 127.0.0.1 answering by path. */
async function fakeEndpoint(
  answer: (req: Seen) => [number, string],
): Promise<{url: string; seen: Seen[]; server: Server}> {
  const seen: Seen[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (d) => (body += d))
    req.on('end', () => {
      const r = {method: req.method!, url: req.url!, headers: req.headers, body}
      seen.push(r)
      const [status, text] = answer(r)
      res.writeHead(status).end(text)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server}
}

const STS_ANSWER = (action: string, key: string) =>
  `<${action}Response><${action}Result><Credentials><AccessKeyId>${key}</AccessKeyId><SecretAccessKey>sts-secret</SecretAccessKey><SessionToken>sts-token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials></${action}Result></${action}Response>`

describe('AWS credentials chain (fake endpoints on 127.0.0.1)', () => {
  const servers: Server[] = []
  const dir = mkdtempSync(join(tmpdir(), 'kctl-aws-'))
  // Nothing from this machine's own AWS set-up, and no real instance metadata.
  const base = {HOME: dir, AWS_EC2_METADATA_DISABLED: 'true', PATH: process.env.PATH}
  const ctx = (env: Record<string, string | undefined>) => ({env: {...base, ...env}, timeoutMs: 3000})
  after(() => {
    for (const s of servers) s.close()
    rmSync(dir, {recursive: true, force: true})
  })
  const fake = async (answer: (req: Seen) => [number, string]) => {
    const f = await fakeEndpoint(answer)
    servers.push(f.server)
    return f
  }

  it('reads the environment first', async () => {
    const c = await resolveCredentials(
      {},
      ctx({AWS_ACCESS_KEY_ID: 'AKENV', AWS_SECRET_ACCESS_KEY: 's', AWS_SESSION_TOKEN: 't'}),
      'us-east-1',
    )
    expect(c).to.include({accessKeyId: 'AKENV', sessionToken: 't', source: 'environment'})
  })

  it('reads profiles: static keys, credential_process, and role_arn with source_profile through STS', async () => {
    const sts = await fake((r) => [
      200,
      STS_ANSWER('AssumeRole', `AKROLE-${new URLSearchParams(r.body).get('RoleSessionName')}`),
    ])
    const config = join(dir, 'config')
    writeFileSync(
      config,
      [
        '[profile static]',
        'aws_access_key_id = AKSTATIC',
        'aws_secret_access_key = s1',
        '[profile proc]',
        `credential_process = printf '{"Version": 1, "AccessKeyId": "AKPROC", "SecretAccessKey": "s2", "SessionToken": "t2"}'`,
        '[profile ops]',
        'role_arn = arn:aws:iam::123456789012:role/ops',
        'source_profile = static',
        'role_session_name = sess',
      ].join('\n'),
    )
    const env = {AWS_CONFIG_FILE: config, AWS_ENDPOINT_URL_STS: sts.url}
    expect(await resolveCredentials({profile: 'static'}, ctx(env), 'us-east-1')).to.include({
      accessKeyId: 'AKSTATIC',
      source: 'profile static',
    })
    expect(await resolveCredentials({}, ctx({...env, AWS_PROFILE: 'proc'}), 'us-east-1')).to.include({
      accessKeyId: 'AKPROC',
      sessionToken: 't2',
      source: 'credential_process',
    })
    const role = await resolveCredentials({profile: 'ops'}, ctx(env), 'us-east-1')
    expect(role).to.include({accessKeyId: 'AKROLE-sess', sessionToken: 'sts-token'})
    // The AssumeRole call is SigV4-signed with the source profile's keys.
    expect(sts.seen[0].headers.authorization).to.match(
      /^AWS4-HMAC-SHA256 Credential=AKSTATIC\/\d{8}\/us-east-1\/sts\/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=[0-9a-f]{64}$/,
    )
    expect(new URLSearchParams(sts.seen[0].body).get('RoleArn')).to.equal('arn:aws:iam::123456789012:role/ops')
  })

  it('uses web identity (EKS): the token file, AssumeRoleWithWebIdentity unsigned', async () => {
    const sts = await fake(() => [200, STS_ANSWER('AssumeRoleWithWebIdentity', 'AKWEB')])
    const tokenFile = join(dir, 'web-token')
    writeFileSync(tokenFile, 'eyJ-web-identity\n')
    const c = await resolveCredentials(
      {},
      ctx({
        AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile,
        AWS_ROLE_ARN: 'arn:aws:iam::1:role/pod',
        AWS_ENDPOINT_URL_STS: sts.url,
      }),
      'eu-west-1',
    )
    expect(c).to.include({accessKeyId: 'AKWEB'})
    const form = new URLSearchParams(sts.seen[0].body)
    expect(form.get('Action')).to.equal('AssumeRoleWithWebIdentity')
    expect(form.get('WebIdentityToken')).to.equal('eyJ-web-identity')
    expect(sts.seen[0].headers.authorization).to.equal(undefined)
  })

  it('uses a container endpoint (full URI with an authorization token)', async () => {
    const ecs = await fake((r) =>
      r.headers.authorization === 'Bearer pod-token'
        ? [
            200,
            JSON.stringify({
              AccessKeyId: 'AKECS',
              SecretAccessKey: 's',
              Token: 't',
              Expiration: '2099-01-01T00:00:00Z',
            }),
          ]
        : [401, ''],
    )
    const c = await resolveCredentials(
      {},
      ctx({
        AWS_CONTAINER_CREDENTIALS_FULL_URI: `${ecs.url}/creds`,
        AWS_CONTAINER_AUTHORIZATION_TOKEN: 'Bearer pod-token',
      }),
      'us-east-1',
    )
    expect(c).to.include({accessKeyId: 'AKECS', source: 'container credentials'})
  })

  it('uses instance metadata with an IMDSv2 session token, then assumes a configured role', async () => {
    const imds = await fake((r) => {
      if (r.method === 'PUT' && r.url === '/latest/api/token') return [200, 'imds-token']
      if (r.headers['x-aws-ec2-metadata-token'] !== 'imds-token') return [401, '']
      if (r.url === '/latest/meta-data/iam/security-credentials/') return [200, 'ec2-role\n']
      if (r.url === '/latest/meta-data/iam/security-credentials/ec2-role')
        return [200, JSON.stringify({AccessKeyId: 'AKEC2', SecretAccessKey: 's', Token: 't'})]
      return [404, '']
    })
    const sts = await fake(() => [200, STS_ANSWER('AssumeRole', 'AKASSUMED')])
    const env = {
      AWS_EC2_METADATA_DISABLED: undefined,
      AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url,
      AWS_ENDPOINT_URL_STS: sts.url,
    }
    expect(await resolveCredentials({}, ctx(env), 'us-east-1')).to.include({
      accessKeyId: 'AKEC2',
      source: 'instance profile ec2-role',
    })
    const assumed = await resolveCredentials(
      {roleArn: 'arn:aws:iam::1:role/kafka', roleSessionName: 'kctl'},
      ctx(env),
      'us-east-1',
    )
    expect(assumed.accessKeyId).to.equal('AKASSUMED')
    expect(sts.seen[0].headers.authorization).to.match(/Credential=AKEC2\//)
    expect(sts.seen[0].headers['x-amz-security-token']).to.equal('t')
  })

  it('names the failing step: nothing found, an STS refusal', async () => {
    const none = await resolveCredentials({}, ctx({}), 'us-east-1').catch((error: Error & {exitCode: number}) => error)
    expect((none as Error & {exitCode: number}).exitCode).to.equal(4)
    expect((none as Error).message).to.match(/^AWS_MSK_IAM credentials: no AWS credentials found/)
    const sts = await fake(() => [
      403,
      '<ErrorResponse><Error><Code>AccessDenied</Code><Message>not authorized to perform sts:AssumeRole</Message></Error></ErrorResponse>',
    ])
    const denied = await resolveCredentials(
      {roleArn: 'arn:aws:iam::1:role/x'},
      ctx({AWS_ACCESS_KEY_ID: 'A', AWS_SECRET_ACCESS_KEY: 'S', AWS_ENDPOINT_URL_STS: sts.url}),
      'us-east-1',
    ).catch((error: Error) => error)
    expect((denied as Error).message).to.equal(
      'AWS_MSK_IAM STS AssumeRole: HTTP 403 AccessDenied (not authorized to perform sts:AssumeRole) for arn:aws:iam::1:role/x',
    )
  })

  it('parses AWS ini files', () => {
    expect(parseIni('[default]\nregion = eu-west-1\n# c\n[profile x]\nAWS_ACCESS_KEY_ID=A\n')).to.deep.equal({
      default: {region: 'eu-west-1'},
      'profile x': {aws_access_key_id: 'A'},
    })
  })
})

describe('AWS_MSK_IAM settings and SASL exchange', () => {
  it('reads IAMLoginModule options and sends the signed JSON payload, naming a broker rejection', async () => {
    const {toClientSettings, redactProperties} = await import('../../../src/connection/properties.js')
    const {saslMechanism} = await import('../../../src/connection/auth/sasl.js')
    const jaas =
      'software.amazon.msk.auth.iam.IAMLoginModule required awsRoleAccessKeyId="AKJAAS" awsRoleSecretAccessKey="jaas-secret";'
    const s = toClientSettings({
      'security.protocol': 'SASL_SSL',
      'sasl.mechanism': 'AWS_MSK_IAM',
      'sasl.jaas.config': jaas,
      'sasl.client.callback.handler.class': 'software.amazon.msk.auth.iam.IAMClientCallbackHandler',
    })
    expect(s.warnings).to.deep.equal([])
    expect(s.sasl!.mechanism).to.equal('aws_msk_iam')
    expect(redactProperties({'sasl.jaas.config': jaas})['sasl.jaas.config']).not.to.include('jaas-secret')
    const mechanism = saslMechanism(s.sasl!, {timeoutMs: 1000, env: {}})
    expect(mechanism.name).to.equal('AWS_MSK_IAM')
    const sent: Buffer[] = []
    const host = 'b-2.orders.x1y2z3.c2.kafka.eu-west-1.amazonaws.com'
    await mechanism.authenticate({
      host,
      port: 9098,
      exchange: async (bytes: Buffer) => {
        sent.push(bytes)
        return Buffer.from('{"version":"2020_10_22","request-id":"r-1"}')
      },
    })
    const payload = JSON.parse(sent[0].toString('utf8'))
    expect(payload).to.include({
      version: '2020_10_22',
      host,
      action: 'kafka-cluster:Connect',
      'x-amz-algorithm': 'AWS4-HMAC-SHA256',
      'x-amz-expires': '900',
      'x-amz-signedheaders': 'host',
    })
    expect(payload['x-amz-credential']).to.match(/^AKJAAS\/\d{8}\/eu-west-1\/kafka-cluster\/aws4_request$/)
    const rejected = await mechanism
      .authenticate({
        host,
        port: 9098,
        exchange: async () => {
          throw new Error('Access denied')
        },
      })
      .catch((error: Error) => error)
    expect((rejected as Error).message).to.match(
      /^SASL AWS_MSK_IAM authentication failed: the broker rejected the signature of AKJAAS .* for region eu-west-1: Access denied/,
    )
  })
})
