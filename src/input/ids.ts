import {usageError} from '../errors.js'

/**
 * Ids Kafka would accept empty but nobody means empty: a group "" is a real group to the broker
 * (kafka-consumer-groups refuses it), a transactional id "" is rejected only later. kctl refuses
 * empty and blank ids before any request.
 */
export type IdKind = 'group' | 'topic' | 'transactional id' | 'principal' | 'user' | 'client id' | 'context'

export function requireId(value: string, kind: IdKind, flag: string): string {
  if (value.trim() === '') {
    throw usageError(
      `Empty ${kind} ${flag.startsWith('-') ? `for ${flag}` : `(${flag})`}`,
      `Pass a non-empty ${kind}, e.g. ${example(kind, flag)}.`,
      'EMPTY_ID',
    )
  }
  return value
}

/** Every id of a list (positional group ids, repeated flags) is non-empty. */
export function requireIds(values: string[], kind: IdKind, flag: string): string[] {
  for (const v of values) requireId(v, kind, flag)
  return values
}

function example(kind: IdKind, flag: string): string {
  const value = {
    group: 'billing',
    topic: 'orders',
    'transactional id': 'tx-1',
    principal: 'User:alice',
    user: 'alice',
    'client id': 'billing-app',
    context: 'prod',
  }[kind]
  return flag.startsWith('-') ? `${flag} ${value}` : value
}
