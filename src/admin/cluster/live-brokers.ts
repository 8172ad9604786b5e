import type {KafkaConnection} from '../../connection/client.js'
import {usageError} from '../../errors.js'

/** Brokers in the current metadata (live, registered brokers), ascending. */
export async function liveBrokerIds(conn: KafkaConnection): Promise<number[]> {
  return conn.brokerIds()
}

/** Exit 2 for broker ids the cluster does not have; returns the ids sorted and de-duplicated. */
export async function requireBrokers(conn: KafkaConnection, ids: number[]): Promise<number[]> {
  const live = await liveBrokerIds(conn)
  const unknown = [...new Set(ids)].filter((id) => !live.includes(id))
  if (unknown.length > 0) {
    throw usageError(
      `Unknown broker${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`,
      `The cluster's live brokers are ${live.join(', ')}.`,
      'UNKNOWN_BROKER',
      {brokers: unknown},
    )
  }
  return [...new Set(ids)].sort((a, b) => a - b)
}
