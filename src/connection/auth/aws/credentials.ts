/**
 * AWS credentials as the SDKs' default chain finds them, for AWS_MSK_IAM: explicit JAAS options,
 * the environment, web identity (EKS), shared profiles (static keys, credential_process,
 * role_arn with source_profile or credential_source), container endpoints (ECS, EKS Pod
 * Identity) and the EC2 instance metadata service (IMDSv2); optionally an assumed role on top.
 */
import {execFile} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {homedir} from 'node:os'
import {join} from 'node:path'

import {KctlError, connectionError} from '../../../errors.js'
import {type AwsCredentials, signHeaders} from './sigv4.js'

export interface AwsSettings {
  profile?: string
  roleArn?: string
  roleSessionName?: string
  roleExternalId?: string
  stsRegion?: string
  /** Region override (else from the broker host name, AWS_REGION, the profile). */
  region?: string
  /** Static credentials for the role assumption (awsRoleAccessKeyId …). */
  roleCredentials?: AwsCredentials
}

export interface ChainContext {
  env: NodeJS.ProcessEnv
  timeoutMs: number
  now?: () => Date
  debug?: (line: string) => void
}

const awsError = (step: string, message: string, hint?: string) =>
  connectionError(`AWS_MSK_IAM ${step}: ${message}`, {code: 'AWS_CREDENTIALS_FAILED', hint})

/** Parse an AWS ini file (credentials or config). */
export function parseIni(text: string): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {}
  let section: Record<string, string> | undefined
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/^\s+/, '')
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue
    const head = /^\[\s*([^\]]+?)\s*\]/.exec(line)
    if (head) {
      section = out[head[1]] ??= {}
      continue
    }
    const kv = /^([^=]+?)\s*=\s*(.*?)\s*$/.exec(line)
    if (kv && section) section[kv[1].toLowerCase()] = kv[2]
  }
  return out
}

function readIni(path: string): Record<string, Record<string, string>> {
  try {
    return parseIni(readFileSync(path, 'utf8'))
  } catch {
    return {}
  }
}

/** One profile, merged from the config file ([profile x]) and the credentials file ([x]). */
export function loadProfile(name: string, env: NodeJS.ProcessEnv): Record<string, string> | undefined {
  const home = env.HOME ?? homedir()
  const config = readIni(env.AWS_CONFIG_FILE ?? join(home, '.aws', 'config'))
  const credentials = readIni(env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials'))
  const fromConfig =
    config[name === 'default' ? 'default' : `profile ${name}`] ?? (name === 'default' ? undefined : config[name])
  const fromCredentials = credentials[name]
  if (!fromConfig && !fromCredentials) return undefined
  return {...fromConfig, ...fromCredentials}
}

async function http(url: string, init: RequestInit, timeoutMs: number): Promise<{status: number; text: string}> {
  const response = await fetch(url, {...init, signal: AbortSignal.timeout(timeoutMs)})
  return {status: response.status, text: await response.text()}
}

const xml = (text: string, tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(text)?.[1]

function stsCredentials(text: string, source: string): AwsCredentials {
  const accessKeyId = xml(text, 'AccessKeyId')
  const secretAccessKey = xml(text, 'SecretAccessKey')
  if (!accessKeyId || !secretAccessKey) throw awsError('STS', `the answer has no credentials: ${text.slice(0, 200)}`)
  const expiration = xml(text, 'Expiration')
  return {
    accessKeyId,
    secretAccessKey,
    sessionToken: xml(text, 'SessionToken'),
    ...(expiration ? {expiresAt: Date.parse(expiration)} : {}),
    source,
  }
}

function stsEndpoint(env: NodeJS.ProcessEnv, region: string): string {
  return (env.AWS_ENDPOINT_URL_STS ?? env.AWS_ENDPOINT_URL ?? `https://sts.${region}.amazonaws.com`).replace(/\/$/, '')
}

async function stsCall(
  params: Record<string, string>,
  region: string,
  ctx: ChainContext,
  signWith?: AwsCredentials,
): Promise<string> {
  const url = `${stsEndpoint(ctx.env, region)}/`
  const body = new URLSearchParams({...params, Version: '2011-06-15'}).toString()
  const host = new URL(url).host
  const base = {'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8'}
  const headers = signWith
    ? signHeaders(
        {method: 'POST', host, path: '/', headers: base, body, region, service: 'sts', date: ctx.now?.() ?? new Date()},
        signWith,
      )
    : base
  let r: {status: number; text: string}
  try {
    r = await http(url, {method: 'POST', headers, body}, ctx.timeoutMs)
  } catch (error) {
    throw awsError(
      `STS ${params.Action}`,
      `cannot reach ${url}: ${(error as Error & {cause?: {code?: string}}).cause?.code ?? (error as Error).message}`,
    )
  }
  if (r.status !== 200) {
    const code = xml(r.text, 'Code')
    const message = xml(r.text, 'Message')
    throw awsError(
      `STS ${params.Action}`,
      `HTTP ${r.status}${code ? ` ${code}` : ''}${message ? ` (${message})` : ''} for ${params.RoleArn ?? ''}`.trim(),
      'Check the role ARN and that the caller may assume it (its trust policy).',
    )
  }
  return r.text
}

export async function assumeRole(
  base: AwsCredentials,
  roleArn: string,
  sessionName: string,
  region: string,
  ctx: ChainContext,
  externalId?: string,
): Promise<AwsCredentials> {
  const text = await stsCall(
    {
      Action: 'AssumeRole',
      RoleArn: roleArn,
      RoleSessionName: sessionName,
      ...(externalId ? {ExternalId: externalId} : {}),
    },
    region,
    ctx,
    base,
  )
  return stsCredentials(text, `role ${roleArn} assumed with ${base.source ?? 'base credentials'}`)
}

async function webIdentity(
  tokenFile: string,
  roleArn: string,
  sessionName: string,
  region: string,
  ctx: ChainContext,
): Promise<AwsCredentials> {
  let token: string
  try {
    token = readFileSync(tokenFile, 'utf8').trim()
  } catch (error) {
    throw awsError('web identity', `cannot read the token file ${tokenFile}: ${(error as Error).message}`)
  }
  const text = await stsCall(
    {Action: 'AssumeRoleWithWebIdentity', RoleArn: roleArn, RoleSessionName: sessionName, WebIdentityToken: token},
    region,
    ctx,
  )
  return stsCredentials(text, `web identity (${roleArn})`)
}

function credentialProcess(command: string, ctx: ChainContext): Promise<AwsCredentials> {
  return new Promise((resolve, reject) => {
    execFile(
      '/bin/sh',
      ['-c', command],
      {timeout: ctx.timeoutMs, env: ctx.env, maxBuffer: 1 << 20},
      (error, stdout, stderr) => {
        if (error)
          return reject(
            awsError(
              'credential_process',
              `\`${command}\` failed: ${String(stderr).trim().split('\n').pop() || error.message}`,
            ),
          )
        try {
          const j = JSON.parse(String(stdout)) as {
            Version?: number
            AccessKeyId?: string
            SecretAccessKey?: string
            SessionToken?: string
            Expiration?: string
          }
          if (j.Version !== 1 || !j.AccessKeyId || !j.SecretAccessKey)
            throw new Error('expected {"Version": 1, "AccessKeyId", "SecretAccessKey", …}')
          resolve({
            accessKeyId: j.AccessKeyId,
            secretAccessKey: j.SecretAccessKey,
            sessionToken: j.SessionToken,
            ...(j.Expiration ? {expiresAt: Date.parse(j.Expiration)} : {}),
            source: 'credential_process',
          })
        } catch (parseError) {
          reject(
            awsError('credential_process', `\`${command}\` printed no credentials: ${(parseError as Error).message}`),
          )
        }
      },
    )
  })
}

function jsonCredentials(text: string, source: string): AwsCredentials {
  const j = JSON.parse(text) as {AccessKeyId?: string; SecretAccessKey?: string; Token?: string; Expiration?: string}
  if (!j.AccessKeyId || !j.SecretAccessKey) throw awsError(source, 'the answer has no AccessKeyId/SecretAccessKey')
  return {
    accessKeyId: j.AccessKeyId,
    secretAccessKey: j.SecretAccessKey,
    sessionToken: j.Token,
    ...(j.Expiration ? {expiresAt: Date.parse(j.Expiration)} : {}),
    source,
  }
}

async function container(ctx: ChainContext): Promise<AwsCredentials | undefined> {
  const {env} = ctx
  const url = env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI
    ? `http://169.254.170.2${env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI}`
    : env.AWS_CONTAINER_CREDENTIALS_FULL_URI
  if (!url) return undefined
  let auth = env.AWS_CONTAINER_AUTHORIZATION_TOKEN
  if (env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE)
    auth = readFileSync(env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE, 'utf8').trim()
  let r: {status: number; text: string}
  try {
    r = await http(url, {headers: auth ? {Authorization: auth} : {}}, ctx.timeoutMs)
  } catch (error) {
    throw awsError(
      'container credentials',
      `cannot reach ${url}: ${(error as Error & {cause?: {code?: string}}).cause?.code ?? (error as Error).message}`,
    )
  }
  if (r.status !== 200) throw awsError('container credentials', `${url} answered HTTP ${r.status}`)
  return jsonCredentials(r.text, 'container credentials')
}

async function instanceMetadata(ctx: ChainContext): Promise<AwsCredentials | undefined> {
  const {env} = ctx
  if ((env.AWS_EC2_METADATA_DISABLED ?? '').toLowerCase() === 'true') return undefined
  const base = (env.AWS_EC2_METADATA_SERVICE_ENDPOINT ?? 'http://169.254.169.254').replace(/\/$/, '')
  // Off EC2 the address does not answer: a short deadline keeps the chain's failure quick.
  const timeout = Math.min(ctx.timeoutMs, 1000)
  try {
    const token = await http(
      `${base}/latest/api/token`,
      {method: 'PUT', headers: {'X-aws-ec2-metadata-token-ttl-seconds': '21600'}},
      timeout,
    )
    const headers: Record<string, string> = token.status === 200 ? {'X-aws-ec2-metadata-token': token.text} : {}
    const roles = await http(`${base}/latest/meta-data/iam/security-credentials/`, {headers}, timeout)
    if (roles.status !== 200) return undefined
    const role = roles.text.split('\n')[0].trim()
    const creds = await http(`${base}/latest/meta-data/iam/security-credentials/${role}`, {headers}, timeout)
    if (creds.status !== 200)
      throw awsError('instance metadata', `the credentials of role ${role} answered HTTP ${creds.status}`)
    return jsonCredentials(creds.text, `instance profile ${role}`)
  } catch (error) {
    if (error instanceof KctlError) throw error
    return undefined
  }
}

async function fromProfile(name: string, ctx: ChainContext, region: string, depth = 0): Promise<AwsCredentials> {
  const p = loadProfile(name, ctx.env)
  if (!p)
    throw awsError(
      'profile',
      `no profile ${name} in the AWS config or credentials files`,
      'Check AWS_PROFILE / awsProfileName and ~/.aws/config.',
    )
  if (depth > 4) throw awsError('profile', `profile ${name}: source_profile chain too long`)
  if (p.role_arn) {
    const session = p.role_session_name ?? `kctl-${Date.now()}`
    if (p.web_identity_token_file) return webIdentity(p.web_identity_token_file, p.role_arn, session, region, ctx)
    let base: AwsCredentials | undefined
    if (p.source_profile)
      base =
        p.source_profile === name ? staticFrom(p, name) : await fromProfile(p.source_profile, ctx, region, depth + 1)
    else if (p.credential_source === 'Environment') base = fromEnv(ctx.env)
    else if (p.credential_source === 'EcsContainer') base = await container(ctx)
    else if (p.credential_source === 'Ec2InstanceMetadata') base = await instanceMetadata(ctx)
    if (!base)
      throw awsError('profile', `profile ${name} has role_arn but no usable source_profile or credential_source`)
    return assumeRole(base, p.role_arn, session, region, ctx, p.external_id)
  }
  if (p.credential_process) return credentialProcess(p.credential_process, ctx)
  const s = staticFrom(p, name)
  if (s) return s
  if (p.sso_session || p.sso_start_url)
    throw awsError(
      'profile',
      `profile ${name} uses IAM Identity Center (SSO), which kctl does not read`,
      'Use credential_process with `aws configure export-credentials --profile NAME --format process`.',
    )
  throw awsError('profile', `profile ${name} has no credentials`)
}

function staticFrom(p: Record<string, string>, name: string): AwsCredentials | undefined {
  if (!p.aws_access_key_id || !p.aws_secret_access_key) return undefined
  return {
    accessKeyId: p.aws_access_key_id,
    secretAccessKey: p.aws_secret_access_key,
    sessionToken: p.aws_session_token,
    source: `profile ${name}`,
  }
}

function fromEnv(env: NodeJS.ProcessEnv): AwsCredentials | undefined {
  if (!env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY) return undefined
  return {
    accessKeyId: env.AWS_ACCESS_KEY_ID,
    secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
    sessionToken: env.AWS_SESSION_TOKEN,
    source: 'environment',
  }
}

/** The region for STS and profiles when the broker host does not say. */
export function defaultRegion(settings: AwsSettings, env: NodeJS.ProcessEnv): string | undefined {
  return (
    settings.region ??
    env.AWS_REGION ??
    env.AWS_DEFAULT_REGION ??
    loadProfile(settings.profile ?? env.AWS_PROFILE ?? 'default', env)?.region
  )
}

/** Resolve credentials: the default chain (or the named profile), then the role if one is set. */
export async function resolveCredentials(
  settings: AwsSettings,
  ctx: ChainContext,
  region: string,
): Promise<AwsCredentials> {
  const {env} = ctx
  let base: AwsCredentials | undefined
  if (settings.roleCredentials) base = settings.roleCredentials
  else if (settings.profile) base = await fromProfile(settings.profile, ctx, region)
  else {
    base = fromEnv(env)
    if (!base && env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN)
      base = await webIdentity(
        env.AWS_WEB_IDENTITY_TOKEN_FILE,
        env.AWS_ROLE_ARN,
        env.AWS_ROLE_SESSION_NAME ?? `kctl-${Date.now()}`,
        region,
        ctx,
      )
    if (!base && loadProfile(env.AWS_PROFILE ?? 'default', env))
      base = await fromProfile(env.AWS_PROFILE ?? 'default', ctx, region)
    base ??= await container(ctx)
    base ??= await instanceMetadata(ctx)
  }
  if (!base) {
    throw awsError(
      'credentials',
      'no AWS credentials found (environment, web identity, profiles, container endpoint, instance metadata)',
      'Export AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, set AWS_PROFILE, or add awsProfileName="…" to sasl.jaas.config.',
    )
  }
  ctx.debug?.(`aws_msk_iam: credentials from ${base.source}`)
  if (!settings.roleArn) return base
  const role = await assumeRole(
    base,
    settings.roleArn,
    settings.roleSessionName ?? `kctl-${Date.now()}`,
    settings.stsRegion ?? region,
    ctx,
    settings.roleExternalId,
  )
  ctx.debug?.(`aws_msk_iam: assumed ${settings.roleArn}`)
  return role
}
