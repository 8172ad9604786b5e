import {describeCluster} from '../admin/cluster.js'
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
