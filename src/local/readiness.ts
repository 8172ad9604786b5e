import {describeCluster} from '../admin/cluster/cluster.js'
import {
  MIN_ITERATIONS,
  SCRAM_MECHANISM_NAMES,
  type ScramMechanism,
  describeUsers,
  upsertScramCredential,
} from '../admin/security/users.js'
import {KafkaConnection} from '../connection/client.js'
import {resolveConnection} from '../connection/resolve.js'
import {operationError} from '../errors.js'

/** Poll until DescribeCluster lists `count` unfenced brokers: the cluster is ready for clients. */
export async function waitForBrokers(bootstrap: string, count: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let last = 'no answer'
  while (Date.now() < deadline) {
    const conn = new KafkaConnection(resolveConnection({'bootstrap-server': bootstrap}, {}, {contexts: {}}), {
      timeoutMs: Math.min(5000, deadline - Date.now()),
    })
    try {
      const d = await describeCluster(conn)
      const ready = d.brokers.filter((b) => !b.fenced).length
      if (ready >= count) return
      last = `${ready} of ${count} brokers registered`
    } catch (error) {
      last = (error as Error).message
    } finally {
      await conn.close()
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw operationError(`The local cluster did not become ready within ${timeoutMs}ms (${last})`, {
    code: 'LOCAL_START_TIMEOUT',
  })
}

/**
 * Make sure every broker of a secure local cluster has the SCRAM users it was created with.
 *
 * Kafka 4.4.0 was seen restarting a node whose metadata image (and so its logins and its answer to
 * DescribeUserScramCredentials) lacked every SCRAM-SHA-512 credential the metadata log holds, while
 * the nodes that kept running had them; not every restart does it. A credential a broker lacks is
 * written again (same password, new salt) and every broker is polled until it has it. Returns what
 * was missing, as "user MECHANISM on broker N".
 */
export async function restoreScramUsers(
  bootstrap: string,
  users: Record<string, string>,
  timeoutMs: number,
): Promise<string[]> {
  const deadline = Date.now() + timeoutMs
  const conn = new KafkaConnection(resolveConnection({'bootstrap-server': bootstrap}, {}, {contexts: {}}), {timeoutMs})
  const names = Object.keys(users).sort()
  const missing = async () => {
    const lost: {broker: number; user: string; mechanism: ScramMechanism}[] = []
    for (const broker of await conn.brokerIds()) {
      const have = await describeUsers(conn, names, broker)
      for (const user of names)
        for (const mechanism of SCRAM_MECHANISM_NAMES)
          if (!have.find((u) => u.name === user)?.credentials.some((c) => c.mechanism === mechanism))
            lost.push({broker, user, mechanism})
    }
    return lost
  }
  try {
    let lost = await missing()
    const report = lost.map((l) => `${l.user} ${l.mechanism} on broker ${l.broker}`)
    const rewrite = [...new Set(lost.map((l) => `${l.user}\u0000${l.mechanism}`))].map((k) => k.split('\u0000'))
    for (const [user, mechanism] of rewrite) {
      await upsertScramCredential(conn, {
        user,
        mechanism: mechanism as ScramMechanism,
        iterations: MIN_ITERATIONS,
        password: users[user],
        action: 'updated',
      })
    }
    while (lost.length > 0) {
      if (Date.now() > deadline)
        throw operationError(
          `The local cluster's SCRAM users did not reach every broker within ${timeoutMs}ms (${lost.length} credential(s) missing)`,
          {code: 'LOCAL_START_TIMEOUT'},
        )
      await new Promise((r) => setTimeout(r, 250))
      lost = await missing()
    }
    return report
  } finally {
    await conn.close()
  }
}

/** The seam command tests replace. */
export const readinessService = {waitForBrokers, restoreScramUsers}
