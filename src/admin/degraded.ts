import type {KafkaConnection} from '../connection/client.js'
import type {KafkaBroker} from '../protocol/kafkajs-internals.js'
import {KctlError, toKctlError} from '../errors.js'

/** Error codes that mean "this broker could not be reached" (down, hung, not a live broker). */
const UNREACHABLE = new Set([
  'CONNECTION_FAILED',
  'BROKER_UNREACHABLE',
  'BROKER_NOT_AVAILABLE',
  'CONNECTION_TIMEOUT',
  'REQUEST_TIMED_OUT',
  'NOT_KAFKA',
])

export function isUnreachable(error: unknown): boolean {
  return error instanceof KctlError ? UNREACHABLE.has(error.code) : UNREACHABLE.has(toKctlError(error).code)
}

export function isDenied(error: unknown): boolean {
  return (error instanceof KctlError ? error : toKctlError(error)).code === 'AUTHORIZATION_FAILED'
}

/**
 * Run `fn` on each broker in parallel. A broker that cannot be reached (or, with `denied`, that
 * refuses the request for lack of an ACL) is left out and recorded on the connection as a
 * warning naming it and what is missing; any other failure ends the command as before.
 */
export async function onEachBroker<T>(
  conn: KafkaConnection,
  ids: number[],
  missing: string,
  fn: (broker: KafkaBroker, id: number) => Promise<T>,
  options: {denied?: boolean} = {},
): Promise<Map<number, T>> {
  const out = new Map<number, T>()
  const unreachable: number[] = []
  const denied: number[] = []
  let deniedMessage = ''
  await Promise.all(
    ids.map(async (id) => {
      try {
        out.set(id, await fn(await conn.broker(id), id))
      } catch (error) {
        if (isUnreachable(error)) unreachable.push(id)
        else if (options.denied && isDenied(error)) {
          denied.push(id)
          deniedMessage = toKctlError(error).message
        } else throw error
      }
    }),
  )
  if (unreachable.length > 0) {
    unreachable.sort((a, b) => a - b)
    conn.warn({
      code: 'BROKER_UNREACHABLE',
      message: `${plural('broker', unreachable)} ${unreachable.join(', ')} did not answer: ${missing}`,
      brokers: unreachable,
    })
  }
  if (denied.length > 0) {
    denied.sort((a, b) => a - b)
    conn.warn({
      code: 'AUTHORIZATION_FAILED',
      message: `${deniedMessage.replace(/\.$/, '')}: ${missing}`,
      brokers: denied,
    })
  }
  return out
}

/** Record the partitions that have no leader (what a command could not read from them). */
export function warnLeaderless(
  conn: KafkaConnection,
  partitions: {topic: string; partition: number}[],
  missing: string,
): void {
  if (partitions.length === 0) return
  const names = partitions.map((p) => `${p.topic}:${p.partition}`)
  const shown =
    names.length > 10 ? `${names.slice(0, 10).join(', ')} (and ${names.length - 10} more)` : names.join(', ')
  conn.warn({
    code: 'LEADER_NOT_AVAILABLE',
    message: `${names.length === 1 ? 'partition' : 'partitions'} ${shown} ${names.length === 1 ? 'has' : 'have'} no leader: ${missing}`,
    partitions: names,
  })
}

const plural = (word: string, items: unknown[]) => (items.length === 1 ? word : `${word}s`)
