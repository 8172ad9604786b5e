/**
 * AWS_MSK_IAM: the SASL payload AWS's own client libraries send (aws-msk-iam-auth): a SigV4
 * presigned `GET kafka://<broker host>/?Action=kafka-cluster:Connect` for the service
 * kafka-cluster, valid 15 minutes, as a JSON object of its lower-cased query parameters, the
 * host, a version and a user agent.
 */
import {type AwsCredentials, presign} from './sigv4.js'

export const MSK_PAYLOAD_VERSION = '2020_10_22'
export const MSK_EXPIRY_SECONDS = 900

/** The region of an MSK broker host name (b-1.name.id.c2.kafka.eu-west-1.amazonaws.com). */
export function regionFromHost(host: string): string | undefined {
  return /\.kafka(?:-serverless)?\.([a-z]{2}(?:-gov|-iso[a-z]*)?-[a-z]+-\d+)\.amazonaws\.com(?:\.cn)?$/i
    .exec(host)?.[1]
    ?.toLowerCase()
}

export function mskAuthPayload(
  host: string,
  region: string,
  credentials: AwsCredentials,
  date: Date,
  userAgent: string,
): Record<string, string> {
  const params = presign(
    {
      method: 'GET',
      host,
      path: '/',
      query: [['Action', 'kafka-cluster:Connect']],
      region,
      service: 'kafka-cluster',
      date,
    },
    credentials,
    MSK_EXPIRY_SECONDS,
  )
  return {
    version: MSK_PAYLOAD_VERSION,
    host,
    'user-agent': userAgent,
    ...Object.fromEntries(params.map(([k, v]) => [k.toLowerCase(), v])),
  }
}
