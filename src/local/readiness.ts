import {describeCluster} from '../admin/cluster.js'
import {MIN_ITERATIONS, SCRAM_MECHANISM_NAMES, type ScramUser, usersService} from '../admin/users.js'
import {KafkaConnection} from '../connection/client.js'
import {resolveConnection} from '../connection/resolve.js'
import {operationError} from '../errors.js'

/** Poll until DescribeCluster lists `count` unfenced brokers: the cluster is ready for clients. */
export async function waitForBrokers(bootstrap: string, count: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let last = 'no answer'
  while (Date.now() < deadline) {
    const conn = new KafkaConnection(resolveConnection({'bootstrap-server': bootstrap}, {}, {contexts: {}}), {timeoutMs: Math.min(5000, deadline - Date.now())})
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
  throw operationError(`The local cluster did not become ready within ${timeoutMs}ms (${last})`, {code: 'LOCAL_START_TIMEOUT'})
}

/**
 * Create the SCRAM-SHA-256 and SCRAM-SHA-512 credentials of a new secure cluster's users through
 * the brokers (AlterUserScramCredentials over the trusted PLAINTEXT listener: the salted password
 * is computed here, so no password is ever on a command line), then wait until every broker lists
 * them: a broker authenticates from its own copy of the metadata, which follows the controller.
 */
export async function createScramUsers(bootstrap: string, users: Record<string, string>, brokerIds: number[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  const conn = new KafkaConnection(resolveConnection({'bootstrap-server': bootstrap}, {}, {contexts: {}}), {timeoutMs})
  try {
    for (const [user, password] of Object.entries(users)) {
      for (const mechanism of SCRAM_MECHANISM_NAMES) {
        await usersService.upsertScramCredential(conn, {user, mechanism, iterations: MIN_ITERATIONS, password, action: 'created'})
      }
    }
    const complete = (listed: ScramUser[]) =>
      Object.keys(users).every((name) => {
        const found = listed.find((u) => u.name === name)
        return found !== undefined && SCRAM_MECHANISM_NAMES.every((m) => found.credentials.some((c) => c.mechanism === m))
      })
    for (const nodeId of brokerIds) {
      while (!complete(await usersService.describeUsers(conn, Object.keys(users), {nodeId}))) {
        if (Date.now() > deadline) throw operationError(`Broker ${nodeId} of the local cluster did not list its SCRAM users within ${timeoutMs}ms`, {code: 'LOCAL_START_TIMEOUT'})
        await new Promise((r) => setTimeout(r, 100))
      }
    }
  } finally {
    await conn.close()
  }
}
