import {pbkdf2Sync, randomBytes} from 'node:crypto'

import type {KafkaConnection} from '../../connection/client.js'
import {
  AlterUserScramCredentialsApi,
  alterUserScramCredentialsRequest,
} from '../../protocol/alter-user-scram-credentials.js'
import {
  DescribeUserScramCredentialsApi,
  type ScramMechanism,
  describeUserScramCredentialsRequest,
  scramMechanismCode,
  scramMechanismName,
} from '../../protocol/describe-user-scram-credentials.js'
import {throwIfError} from '../../protocol/protocol-error.js'

export type {ScramMechanism} from '../../protocol/describe-user-scram-credentials.js'
export const SCRAM_MECHANISM_NAMES: ScramMechanism[] = ['SCRAM-SHA-256', 'SCRAM-SHA-512']
/** Kafka refuses fewer (KIP-554) and more (ScramMechanism.maxIterations) iterations. */
export const MIN_ITERATIONS = 4096
export const MAX_ITERATIONS = 16_384
const RESOURCE_NOT_FOUND = 91

export interface ScramUser {
  name: string
  credentials: {mechanism: string; iterations: number}[]
}

/**
 * SaltedPassword := Hi(password, salt, i), which is PBKDF2 with HMAC-SHA-256/512 and an output
 * as long as the hash (RFC 5802; KIP-554 has the client compute it, so the password never travels).
 */
export function scramSaltedPassword(
  mechanism: ScramMechanism,
  password: string,
  salt: Buffer,
  iterations: number,
): Buffer {
  const [digest, length] = mechanism === 'SCRAM-SHA-256' ? ['sha256', 32] : ['sha512', 64]
  return pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, length, digest)
}

/**
 * SCRAM users and their mechanisms/iterations (never secrets). `names` undefined lists every user.
 * Each broker answers from its own metadata image: `brokerId` asks that one.
 */
export async function describeUsers(conn: KafkaConnection, names?: string[], brokerId?: number): Promise<ScramUser[]> {
  const broker = brokerId === undefined ? await conn.anyBroker() : await conn.broker(brokerId)
  const res = await conn.request(broker, DescribeUserScramCredentialsApi, (v, Encoder) =>
    describeUserScramCredentialsRequest(v, names ?? [], Encoder),
  )
  throwIfError(res.errorCode, res.errorMessage, 'describing SCRAM users (DESCRIBE on the CLUSTER)')
  const users: ScramUser[] = []
  for (const r of res.results) {
    if (r.errorCode === RESOURCE_NOT_FOUND) continue
    throwIfError(r.errorCode, r.errorMessage, `describing user ${r.user}`)
    users.push({
      name: r.user,
      credentials: r.credentialInfos
        .map((c) => ({mechanism: scramMechanismName(c.mechanism), iterations: c.iterations}))
        .sort((a, b) => a.mechanism.localeCompare(b.mechanism)),
    })
  }
  return users.sort((a, b) => a.name.localeCompare(b.name))
}

export interface ScramChange {
  user: string
  mechanism: ScramMechanism
  /** Present for upserts. */
  iterations?: number
  action: 'created' | 'updated' | 'deleted'
}

/** Set a user's credential for one mechanism (one AlterUserScramCredentials request). */
export async function upsertScramCredential(
  conn: KafkaConnection,
  options: {
    user: string
    mechanism: ScramMechanism
    iterations: number
    password: string
    action: 'created' | 'updated'
  },
): Promise<ScramChange> {
  const salt = randomBytes(32)
  const saltedPassword = scramSaltedPassword(options.mechanism, options.password, salt, options.iterations)
  const upsertion = {
    name: options.user,
    mechanism: scramMechanismCode(options.mechanism),
    iterations: options.iterations,
    salt,
    saltedPassword,
  }
  await alter(
    conn,
    {deletions: [], upsertions: [upsertion]},
    `setting the ${options.mechanism} credential of ${options.user}`,
  )
  return {user: options.user, mechanism: options.mechanism, iterations: options.iterations, action: options.action}
}

/**
 * Delete a user's credentials for these mechanisms. Kafka refuses to alter one user twice in a
 * request (DUPLICATE_RESOURCE), so each mechanism is its own request.
 */
export async function deleteScramCredentials(
  conn: KafkaConnection,
  user: string,
  mechanisms: ScramMechanism[],
): Promise<ScramChange[]> {
  const changes: ScramChange[] = []
  for (const mechanism of mechanisms) {
    await alter(
      conn,
      {deletions: [{name: user, mechanism: scramMechanismCode(mechanism)}], upsertions: []},
      `deleting the ${mechanism} credential of ${user}`,
    )
    changes.push({user, mechanism, action: 'deleted'})
  }
  return changes
}

async function alter(
  conn: KafkaConnection,
  req: Parameters<typeof alterUserScramCredentialsRequest>[1],
  what: string,
): Promise<void> {
  const broker = await conn.anyBroker()
  const res = await conn.request(broker, AlterUserScramCredentialsApi, (v, Encoder) =>
    alterUserScramCredentialsRequest(v, req, Encoder),
  )
  for (const r of res.results) throwIfError(r.errorCode, r.errorMessage, what)
}

/** The service object commands call (tests replace its functions). */
export const usersService = {describeUsers, upsertScramCredential, deleteScramCredentials}
