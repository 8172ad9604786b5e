import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import type {ConfigEntity, ConfigEntityType} from '../admin/configs/configs.js'
import {validateTopicName} from '../input/topic-name.js'
import {usageError} from '../errors.js'
import {NUMBER_RULES, parseInteger} from '../input/numbers.js'

/** Kafka's entity flags, accepted next to (or instead of) the TYPE and NAME arguments. */
export const entityFlags = {
  'entity-type': Flags.string({
    summary:
      "Kafka's --entity-type (topics, brokers, broker-loggers, groups, client-metrics, users, clients, ips) instead of TYPE.",
    helpGroup: 'ENTITY',
  }),
  'entity-name': Flags.string({summary: "Kafka's --entity-name instead of NAME.", helpGroup: 'ENTITY'}),
  default: Flags.boolean({
    summary: 'The cluster-wide dynamic broker default (TYPE broker), or the default user/client/ip quota entity.',
    aliases: ['entity-default'],
    helpGroup: 'ENTITY',
  }),
}

/** TYPE and NAME (documentation: the commands read positionals themselves, so Kafka's flags can replace them). */
export const entityArgs = {
  type: Args.string({
    description: 'topic, broker, broker-logger, group, client-metrics, or user, client, ip (client quotas).',
    required: false,
  }),
  name: Args.string({
    description: 'Topic name, broker id, group id, subscription name, user, client id or IP (or --default).',
    required: false,
  }),
}

const TYPES: Record<string, ConfigEntityType> = {
  topic: 'topic',
  topics: 'topic',
  broker: 'broker',
  brokers: 'broker',
  'broker-logger': 'broker-logger',
  'broker-loggers': 'broker-logger',
  group: 'group',
  groups: 'group',
  'client-metrics': 'client-metrics',
  user: 'user',
  users: 'user',
  client: 'client',
  clients: 'client',
  ip: 'ip',
  ips: 'ip',
}

export function parseEntityType(text: string): ConfigEntityType {
  const type = TYPES[text.toLowerCase()]
  if (type) return type
  throw usageError(
    `Unknown config entity type "${text}"`,
    'Use topic, broker, broker-logger, group, client-metrics, or user, client, ip (client quotas).',
    'INVALID_ENTITY_TYPE',
  )
}

interface EntityFlagValues {
  'entity-type'?: string
  'entity-name'?: string
  default?: boolean
}

/**
 * The entity from `TYPE NAME ...` or `--entity-type T --entity-name N` (or `--default`), and the
 * remaining positional arguments. `nameOptional` lets describe run over every entity of a type.
 */
export function resolveEntity(
  positionals: string[],
  flags: EntityFlagValues,
  options: {nameOptional?: boolean} = {},
): {type: ConfigEntityType; name: string | undefined; rest: string[]} {
  const rest = [...positionals]
  const typeText = flags['entity-type'] ?? rest.shift()
  if (typeText === undefined)
    throw usageError(
      'Missing the entity TYPE',
      'Pass topic, broker or broker-logger, e.g. `kctl configs describe topic orders`.',
      'MISSING_ENTITY_TYPE',
    )
  const type = parseEntityType(typeText)
  if (flags.default) {
    if (type === 'topic' || type === 'broker-logger' || type === 'group' || type === 'client-metrics')
      throw usageError(
        `--default applies to brokers, users, clients and ips, not ${type}s`,
        'E.g. `kctl configs describe broker --default`.',
        'INVALID_ENTITY',
      )
    if (flags['entity-name'] !== undefined)
      throw usageError('Pass --entity-name or --default, not both', undefined, 'CONFLICTING_ARGUMENTS')
    return {type, name: '', rest}
  }
  let name = flags['entity-name']
  if (name === undefined && !(options.nameOptional && rest.length === 0)) {
    name = rest.shift()
    if (name === undefined || name.includes('=')) {
      const what =
        type === 'topic'
          ? 'topic name'
          : type === 'group'
            ? 'group id'
            : type === 'client-metrics'
              ? 'subscription name'
              : 'broker id'
      throw usageError(
        `Missing the ${type} name`,
        type === 'broker'
          ? 'Pass a broker id, or --default for the cluster-wide default.'
          : `Pass the ${what} after the type.`,
        'MISSING_ENTITY_NAME',
      )
    }
  }
  if (name !== undefined && name !== '') checkEntityName(type, name)
  return {type, name, rest}
}

/** The entity's name, as far as it can be checked before connecting: a legal topic name, a broker id in int32. */
function checkEntityName(type: ConfigEntityType, name: string): void {
  if (type === 'topic') validateTopicName(name)
  if (type === 'broker' || type === 'broker-logger') parseInteger(name, 'broker id', NUMBER_RULES.brokerId)
}

export function entityOf(r: {type: ConfigEntityType; name: string | undefined}): ConfigEntity {
  return {type: r.type, name: r.name ?? ''}
}
