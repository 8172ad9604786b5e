/** AWS Signature Version 4, in-house (no AWS SDK at run time): header signing and presigning. */
import {createHash, createHmac} from 'node:crypto'

export interface AwsCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
  /** ms since the epoch, when the credentials expire (temporary credentials). */
  expiresAt?: number
  /** Where they came from, for messages. */
  source?: string
}

export interface SignInput {
  method: string
  host: string
  path?: string
  /** Query parameters, unencoded. */
  query?: [string, string][]
  /** Headers to sign besides host (names any case). */
  headers?: Record<string, string>
  body?: string
  region: string
  service: string
  date: Date
}

export const EMPTY_SHA256 = createHash('sha256').update('').digest('hex')

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex')
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest()

/** RFC 3986 encoding as SigV4 wants it: everything but A-Z a-z 0-9 - _ . ~ is %XX. */
export function uriEncode(s: string, keepSlash = false): string {
  return [...Buffer.from(s, 'utf8')]
    .map((b) => {
      const c = String.fromCharCode(b)
      if (/[A-Za-z0-9\-_.~]/.test(c) || (keepSlash && c === '/')) return c
      return `%${b.toString(16).toUpperCase().padStart(2, '0')}`
    })
    .join('')
}

export const amzDate = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')

export function signingKey(secret: string, day: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), service), 'aws4_request')
}

export interface Signed {
  canonicalRequest: string
  stringToSign: string
  signature: string
  signedHeaders: string
  credentialScope: string
}

/** The canonical request, string to sign and signature of a request. */
export function sign(input: SignInput, credentials: AwsCredentials, payloadHash = sha256(input.body ?? '')): Signed {
  const stamp = amzDate(input.date)
  const day = stamp.slice(0, 8)
  const headers: Record<string, string> = {host: input.host}
  for (const [k, v] of Object.entries(input.headers ?? {})) headers[k.toLowerCase()] = v.trim().replace(/\s+/g, ' ')
  const names = Object.keys(headers).sort()
  const signedHeaders = names.join(';')
  const query = (input.query ?? [])
    .map(([k, v]) => [uriEncode(k), uriEncode(v)])
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&')
  const canonicalRequest = [
    input.method,
    uriEncode(input.path ?? '/', true),
    query,
    ...names.map((n) => `${n}:${headers[n]}`),
    '',
    signedHeaders,
    payloadHash,
  ].join('\n')
  const credentialScope = `${day}/${input.region}/${input.service}/aws4_request`
  const stringToSign = ['AWS4-HMAC-SHA256', stamp, credentialScope, sha256(canonicalRequest)].join('\n')
  const signature = createHmac('sha256', signingKey(credentials.secretAccessKey, day, input.region, input.service))
    .update(stringToSign, 'utf8')
    .digest('hex')
  return {canonicalRequest, stringToSign, signature, signedHeaders, credentialScope}
}

/** Headers of a header-signed request (x-amz-date, the session token, Authorization). */
export function signHeaders(input: SignInput, credentials: AwsCredentials): Record<string, string> {
  const extra: Record<string, string> = {...input.headers, 'x-amz-date': amzDate(input.date)}
  if (credentials.sessionToken) extra['x-amz-security-token'] = credentials.sessionToken
  const s = sign({...input, headers: extra}, credentials)
  return {
    ...extra,
    Authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${s.credentialScope}, SignedHeaders=${s.signedHeaders}, Signature=${s.signature}`,
  }
}

/** Presign (query-string authentication): the X-Amz-* parameters, the signature last. */
export function presign(input: SignInput, credentials: AwsCredentials, expiresSeconds: number): [string, string][] {
  const stamp = amzDate(input.date)
  const params: [string, string][] = [
    ...(input.query ?? []),
    ['X-Amz-Algorithm', 'AWS4-HMAC-SHA256'],
    [
      'X-Amz-Credential',
      `${credentials.accessKeyId}/${stamp.slice(0, 8)}/${input.region}/${input.service}/aws4_request`,
    ],
    ['X-Amz-Date', stamp],
    ['X-Amz-Expires', String(expiresSeconds)],
    ...(credentials.sessionToken ? ([['X-Amz-Security-Token', credentials.sessionToken]] as [string, string][]) : []),
    ['X-Amz-SignedHeaders', 'host'],
  ]
  const s = sign({...input, query: params}, credentials, EMPTY_SHA256)
  return [...params, ['X-Amz-Signature', s.signature]]
}
