import {isIP} from 'node:net'

import {usageError} from '../errors.js'

/**
 * ACL vocabulary and the parsers of user input for it. Names are Kafka's enum names (upper
 * case, as Kafka's AclCommand prints them); input is accepted case-insensitively with `-`, `_`
 * or camelCase (`describe-configs`, `DescribeConfigs`, `DESCRIBE_CONFIGS`).
 */
export const RESOURCE_TYPES = ['TOPIC', 'GROUP', 'CLUSTER', 'TRANSACTIONAL_ID', 'DELEGATION_TOKEN'] as const
export type AclResourceType = (typeof RESOURCE_TYPES)[number]

export const OPERATIONS = [
  'ALL',
  'READ',
  'WRITE',
  'CREATE',
  'DELETE',
  'ALTER',
  'DESCRIBE',
  'CLUSTER_ACTION',
  'DESCRIBE_CONFIGS',
  'ALTER_CONFIGS',
  'IDEMPOTENT_WRITE',
] as const
export type AclOperation = (typeof OPERATIONS)[number]

export const PATTERN_TYPES = ['LITERAL', 'PREFIXED'] as const
export type AclPatternType = (typeof PATTERN_TYPES)[number]
export const PATTERN_FILTER_TYPES = ['LITERAL', 'PREFIXED', 'MATCH', 'ANY'] as const
export type AclPatternFilterType = (typeof PATTERN_FILTER_TYPES)[number]

export type AclPermission = 'ALLOW' | 'DENY'

/** The cluster resource's one name. */
export const CLUSTER_NAME = 'kafka-cluster'
export const WILDCARD = '*'

/** One ACL binding: a resource pattern plus an access control entry. */
export interface AclBinding {
  resourceType: AclResourceType
  resourceName: string
  patternType: AclPatternType
  principal: string
  host: string
  operation: AclOperation
  permission: AclPermission
}

/** A resource filter; `name` undefined matches any name. */
export interface ResourceSpec {
  resourceType: AclResourceType
  resourceName?: string
}

/** Operations each resource type supports (Kafka's AclEntry.supportedOperations, plus ALL). */
export const SUPPORTED_OPERATIONS: Record<AclResourceType, AclOperation[]> = {
  TOPIC: ['ALL', 'READ', 'WRITE', 'CREATE', 'DESCRIBE', 'DELETE', 'ALTER', 'DESCRIBE_CONFIGS', 'ALTER_CONFIGS'],
  GROUP: ['ALL', 'READ', 'DESCRIBE', 'DELETE'],
  CLUSTER: [
    'ALL',
    'CREATE',
    'CLUSTER_ACTION',
    'DESCRIBE_CONFIGS',
    'ALTER_CONFIGS',
    'IDEMPOTENT_WRITE',
    'ALTER',
    'DESCRIBE',
  ],
  TRANSACTIONAL_ID: ['ALL', 'DESCRIBE', 'WRITE'],
  DELEGATION_TOKEN: ['ALL', 'DESCRIBE'],
}

const normalize = (s: string) =>
  s
    .trim()
    .replaceAll(/[-_\s]/g, '')
    .toLowerCase()

function parseEnum<T extends string>(input: string, values: readonly T[], what: string, flag: string): T {
  const wanted = normalize(input)
  const found = values.find((v) => normalize(v) === wanted)
  if (found) return found
  throw usageError(
    `Unknown ${what} "${input}" for ${flag}`,
    `Valid values: ${values.map((v) => v.toLowerCase().replaceAll('_', '-')).join(', ')}.`,
    'INVALID_ACL',
  )
}

export const parseOperation = (input: string, flag = '--operation') => parseEnum(input, OPERATIONS, 'operation', flag)
export const parseResourceType = (input: string, flag = '--resource-type') =>
  parseEnum(input, RESOURCE_TYPES, 'resource type', flag)
export const parsePermission = (input: string, flag = '--permission') =>
  parseEnum(input, ['ALLOW', 'DENY'] as const, 'permission', flag)

export function parsePatternType(input: string, flag = '--resource-pattern-type'): AclPatternType {
  return parseEnum(input, PATTERN_TYPES, 'pattern type', flag)
}

export function parsePatternFilterType(input: string, flag = '--resource-pattern-type'): AclPatternFilterType {
  return parseEnum(input, PATTERN_FILTER_TYPES, 'pattern type', flag)
}

/**
 * `Type:name` as Kafka's SecurityUtils.parseKafkaPrincipal reads it. Principal types are
 * case-sensitive in Kafka (`user:alice` never matches `User:alice`), so a mis-cased `User` is refused.
 */
export function parsePrincipal(input: string, flag = '--principal'): string {
  const text = input.trim()
  const i = text.indexOf(':')
  const type = i === -1 ? '' : text.slice(0, i)
  const name = i === -1 ? '' : text.slice(i + 1)
  if (i === -1 || type === '' || name === '' || /\s/.test(type)) {
    throw usageError(
      `Invalid principal "${input}" for ${flag}`,
      'A principal is Type:name, e.g. User:alice, User:* (every user) or Group:ops.',
      'INVALID_PRINCIPAL',
    )
  }
  if (type !== 'User' && type.toLowerCase() === 'user') {
    throw usageError(
      `Invalid principal "${input}" for ${flag}: principal types are case-sensitive`,
      `Did you mean User:${name}?`,
      'INVALID_PRINCIPAL',
    )
  }
  return `${type}:${name}`
}

/** `*` or an IP address: the authorizer compares the client's IP, so a host name never matches. */
export function parseHost(input: string, flag = '--host'): string {
  const text = input.trim()
  if (text === WILDCARD || isIP(text) !== 0) return text
  throw usageError(
    `Invalid host "${input}" for ${flag}`,
    "Use an IP address (e.g. 10.0.0.12) or * for any host: Kafka matches the client's IP address, never a host name.",
    'INVALID_HOST',
  )
}

const TOPIC_NAME = /^[a-zA-Z0-9._-]+$/

/** A resource name: non-empty; topics keep Kafka's legal characters (or `*`). */
export function parseResourceName(type: AclResourceType, input: string, flag: string): string {
  const name = type === 'TOPIC' ? input.trim() : input
  if (name.trim() === '')
    throw usageError(
      `Empty resource name for ${flag}`,
      `Pass a name, e.g. ${flag} orders, or ${flag} '*' for all.`,
      'INVALID_RESOURCE',
    )
  if (type === 'TOPIC' && name !== WILDCARD && (!TOPIC_NAME.test(name) || name.length > 249)) {
    throw usageError(
      `Invalid topic name "${input}" for ${flag}`,
      'Topic names use only letters, digits, ".", "_" and "-" (at most 249), or * for all topics.',
      'INVALID_RESOURCE',
    )
  }
  return name
}

export interface ResourceFlags {
  topic?: string[]
  group?: string[]
  cluster?: boolean
  'transactional-id'?: string[]
  'delegation-token'?: string[]
  'resource-type'?: string
  'resource-name'?: string
}

/** The resources named by --topic/--group/--cluster/... or --resource-type + --resource-name. */
export function parseResources(flags: ResourceFlags): ResourceSpec[] {
  const out: ResourceSpec[] = []
  const add = (type: AclResourceType, names: string[] | undefined, flag: string) => {
    for (const n of names ?? []) out.push({resourceType: type, resourceName: parseResourceName(type, n, flag)})
  }
  add('TOPIC', flags.topic, '--topic')
  add('GROUP', flags.group, '--group')
  if (flags.cluster) out.push({resourceType: 'CLUSTER', resourceName: CLUSTER_NAME})
  add('TRANSACTIONAL_ID', flags['transactional-id'], '--transactional-id')
  add('DELEGATION_TOKEN', flags['delegation-token'], '--delegation-token')
  if (flags['resource-type'] !== undefined) {
    const type = parseResourceType(flags['resource-type'])
    const name = flags['resource-name'] ?? (type === 'CLUSTER' ? CLUSTER_NAME : undefined)
    out.push({
      resourceType: type,
      resourceName: name === undefined ? undefined : parseResourceName(type, name, '--resource-name'),
    })
  } else if (flags['resource-name'] !== undefined) {
    throw usageError(
      '--resource-name needs --resource-type',
      'E.g. --resource-type topic --resource-name orders, or use --topic orders.',
      'INVALID_RESOURCE',
    )
  }
  return out
}

export function checkOperationSupported(resourceType: AclResourceType, operation: AclOperation): void {
  const valid = SUPPORTED_OPERATIONS[resourceType]
  if (!valid.includes(operation)) {
    throw usageError(
      `Operation ${operation} does not apply to ${resourceType} resources`,
      `${resourceType} supports: ${valid.join(', ')}.`,
      'INVALID_ACL',
    )
  }
}

/** How `kctl acls create` (and `delete`) name the bindings: Kafka's AclCommand flag set. */
export interface AclEntryFlags extends ResourceFlags {
  'allow-principal'?: string[]
  'deny-principal'?: string[]
  'allow-host'?: string[]
  'deny-host'?: string[]
  operation?: string[]
  'resource-pattern-type'?: string
  producer?: boolean
  consumer?: boolean
  idempotent?: boolean
}

interface Entry {
  principal: string
  host: string
  permission: AclPermission
}

/**
 * Expand Kafka's ACL flags into bindings exactly as kafka-acls (AclCommand) does:
 * principals x hosts x operations per resource; a principal without hosts gets host `*`;
 * --producer: WRITE, DESCRIBE, CREATE on topics, WRITE, DESCRIBE on transactional ids,
 * IDEMPOTENT_WRITE on the cluster with --idempotent; --consumer: READ, DESCRIBE on topics, READ on groups.
 */
export function expandAclFlags(flags: AclEntryFlags): AclBinding[] {
  const patternType = parsePatternType(flags['resource-pattern-type'] ?? 'literal')
  const {producer, consumer} = flags
  const ops = (flags.operation ?? []).map((o) => parseOperation(o))
  if ((producer || consumer) && ops.length > 0)
    throw usageError(
      '--operation cannot be combined with --producer or --consumer',
      'They choose the operations themselves; create other bindings separately.',
      'INVALID_ACL',
    )
  if ((producer || consumer) && (flags['deny-principal']?.length || flags['deny-host']?.length)) {
    throw usageError(
      '--deny-principal/--deny-host cannot be combined with --producer or --consumer',
      'Create DENY bindings with --operation.',
      'INVALID_ACL',
    )
  }
  if (flags.idempotent && !producer)
    throw usageError('--idempotent needs --producer', 'E.g. --producer --idempotent --topic orders.', 'INVALID_ACL')
  if (producer && !flags.topic?.length)
    throw usageError('--producer needs --topic', 'E.g. --producer --topic orders.', 'INVALID_ACL')
  if (
    consumer &&
    (!flags.topic?.length ||
      !flags.group?.length ||
      (!producer && (flags.cluster || flags['transactional-id']?.length)))
  ) {
    throw usageError(
      '--consumer needs --topic and --group (and no --cluster or --transactional-id)',
      'E.g. --consumer --topic orders --group billing.',
      'INVALID_ACL',
    )
  }

  const entries: Entry[] = []
  const allow = (flags['allow-principal'] ?? []).map((p) => parsePrincipal(p, '--allow-principal'))
  const deny = (flags['deny-principal'] ?? []).map((p) => parsePrincipal(p, '--deny-principal'))
  const allowHosts = (flags['allow-host'] ?? []).map((h) => parseHost(h, '--allow-host'))
  const denyHosts = (flags['deny-host'] ?? []).map((h) => parseHost(h, '--deny-host'))
  if (allowHosts.length > 0 && allow.length === 0)
    throw usageError('--allow-host needs --allow-principal', undefined, 'INVALID_ACL')
  if (denyHosts.length > 0 && deny.length === 0)
    throw usageError('--deny-host needs --deny-principal', undefined, 'INVALID_ACL')
  for (const principal of allow)
    for (const host of allowHosts.length > 0 ? allowHosts : [WILDCARD])
      entries.push({principal, host, permission: 'ALLOW'})
  for (const principal of deny)
    for (const host of denyHosts.length > 0 ? denyHosts : [WILDCARD])
      entries.push({principal, host, permission: 'DENY'})
  if (entries.length === 0)
    throw usageError('No principal given', 'Pass --allow-principal User:NAME (or --deny-principal).', 'INVALID_ACL')

  if (patternType === 'PREFIXED' && flags.cluster)
    throw usageError(
      '--cluster cannot be prefixed',
      'The cluster resource has one literal name; drop --resource-pattern-type prefixed for it.',
      'INVALID_ACL',
    )
  const resources = parseResources(flags)
  // Kafka adds the cluster for --idempotent (and for --cluster only with literal patterns: the cluster has no prefixes).
  if (flags.idempotent && !resources.some((r) => r.resourceType === 'CLUSTER'))
    resources.push({resourceType: 'CLUSTER', resourceName: CLUSTER_NAME})
  if (resources.length === 0)
    throw usageError(
      'No resource given',
      'Pass --topic, --group, --cluster, --transactional-id or --delegation-token.',
      'INVALID_RESOURCE',
    )

  const opsFor = (r: ResourceSpec): AclOperation[] => {
    if (!producer && !consumer) return ops
    const out = new Set<AclOperation>()
    if (producer && r.resourceType === 'TOPIC') for (const o of ['WRITE', 'DESCRIBE', 'CREATE'] as const) out.add(o)
    if (producer && r.resourceType === 'TRANSACTIONAL_ID') for (const o of ['WRITE', 'DESCRIBE'] as const) out.add(o)
    if (producer && flags.idempotent && r.resourceType === 'CLUSTER') out.add('IDEMPOTENT_WRITE')
    if (consumer && r.resourceType === 'TOPIC') for (const o of ['READ', 'DESCRIBE'] as const) out.add(o)
    if (consumer && r.resourceType === 'GROUP') out.add('READ')
    return [...out]
  }
  if (!producer && !consumer && ops.length === 0)
    throw usageError(
      'No operation given',
      `Pass --operation (repeatable): ${OPERATIONS.map((o) => o.toLowerCase().replaceAll('_', '-')).join(', ')}; or --producer / --consumer.`,
      'INVALID_ACL',
    )

  const bindings: AclBinding[] = []
  for (const r of resources) {
    const pattern = r.resourceType === 'CLUSTER' ? 'LITERAL' : patternType
    for (const operation of opsFor(r)) {
      checkOperationSupported(r.resourceType, operation)
      for (const e of entries)
        bindings.push({
          resourceType: r.resourceType,
          resourceName: r.resourceName!,
          patternType: pattern,
          ...e,
          operation,
        })
    }
  }
  return sortBindings(dedupeBindings(bindings))
}

export const bindingKey = (b: AclBinding) =>
  [b.resourceType, b.patternType, b.resourceName, b.principal, b.host, b.operation, b.permission].join('\u0000')

export function dedupeBindings(bindings: AclBinding[]): AclBinding[] {
  return [...new Map(bindings.map((b) => [bindingKey(b), b])).values()]
}

/** Deterministic order: resource (type, name, pattern), then principal, permission, operation, host. */
export function sortBindings(bindings: AclBinding[]): AclBinding[] {
  const key = (b: AclBinding) => [
    b.resourceType,
    b.resourceName,
    b.patternType,
    b.principal,
    b.permission,
    b.operation,
    b.host,
  ]
  return [...bindings].sort((a, b) => {
    const ka = key(a)
    const kb = key(b)
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1
    return 0
  })
}

/** What `acls list` and `acls delete` match: empty lists match anything. */
export interface AclFilter {
  resources: ResourceSpec[]
  patternType: AclPatternFilterType
  principals: string[]
  hosts: string[]
  operations: AclOperation[]
  permission?: AclPermission
}

export interface AclFilterFlags extends ResourceFlags {
  principal?: string[]
  host?: string[]
  operation?: string[]
  permission?: string
  'resource-pattern-type'?: string
}

export function parseAclFilter(flags: AclFilterFlags, defaultPatternType: AclPatternFilterType): AclFilter {
  const resources = parseResources(flags)
  const operations = (flags.operation ?? []).map((o) => parseOperation(o))
  for (const r of resources) for (const o of operations) checkOperationSupported(r.resourceType, o)
  return {
    resources,
    patternType:
      flags['resource-pattern-type'] === undefined
        ? defaultPatternType
        : parsePatternFilterType(flags['resource-pattern-type']),
    principals: (flags.principal ?? []).map((p) => parsePrincipal(p)),
    hosts: (flags.host ?? []).map((h) => parseHost(h)),
    operations,
    permission: flags.permission === undefined ? undefined : parsePermission(flags.permission),
  }
}

export function isMatchAll(f: AclFilter): boolean {
  return (
    f.resources.length === 0 &&
    f.principals.length === 0 &&
    f.hosts.length === 0 &&
    f.operations.length === 0 &&
    f.permission === undefined
  )
}

/** The entry half of a filter (principal, host, operation, permission); resources are matched by the broker. */
export function entryMatches(b: AclBinding, f: AclFilter): boolean {
  return (
    (f.principals.length === 0 || f.principals.includes(b.principal)) &&
    (f.hosts.length === 0 || f.hosts.includes(b.host)) &&
    (f.operations.length === 0 || f.operations.includes(b.operation)) &&
    (f.permission === undefined || f.permission === b.permission)
  )
}
