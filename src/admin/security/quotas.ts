import {isIP} from 'node:net'

import type {KafkaConnection} from '../../connection/client.js'
import {usageError} from '../../errors.js'
import {AlterClientQuotasApi, alterClientQuotasRequest} from '../../protocol/alter-client-quotas.js'
import {
  DescribeClientQuotasApi,
  QUOTA_MATCH,
  type QuotaEntityPart,
  type QuotaFilterComponent,
  describeClientQuotasRequest,
} from '../../protocol/describe-client-quotas.js'
import {throwIfError} from '../../protocol/protocol-error.js'

/**
 * Client quotas (DescribeClientQuotas/AlterClientQuotas, APIs 48/49) as a plain service, so
 * `quotas` and `configs ... user|client|ip` can share it. An entity names up to three parts;
 * a part set to `null` is that type's default entity (`--user-default`, kafka-configs' <default>).
 */
export interface QuotaEntity {
  user?: string | null
  clientId?: string | null
  ip?: string | null
}

export const QUOTA_KEYS = [
  'producer_byte_rate',
  'consumer_byte_rate',
  'request_percentage',
  'controller_mutation_rate',
  'connection_creation_rate',
] as const
export type QuotaKey = (typeof QUOTA_KEYS)[number]

export interface QuotaEntry {
  entity: QuotaEntity
  values: Partial<Record<QuotaKey, number>> & Record<string, number>
}

const PART_TYPE = {user: 'user', clientId: 'client-id', ip: 'ip'} as const
type Part = keyof typeof PART_TYPE

function toParts(entity: QuotaEntity): QuotaEntityPart[] {
  return (Object.keys(PART_TYPE) as Part[])
    .filter((k) => entity[k] !== undefined)
    .map((k) => ({entityType: PART_TYPE[k], entityName: entity[k] ?? null}))
}

function fromParts(parts: QuotaEntityPart[]): QuotaEntity {
  const entity: QuotaEntity = {}
  for (const key of Object.keys(PART_TYPE) as Part[]) {
    const part = parts.find((p) => p.entityType === PART_TYPE[key])
    if (part) entity[key] = part.entityName
  }
  return entity
}

/** `user=alice, client-id=<default>`: how kafka-configs names entities. */
export function formatQuotaEntity(entity: QuotaEntity): string {
  return toParts(entity)
    .map((p) => `${p.entityType}=${p.entityName ?? '<default>'}`)
    .join(', ')
}

/** Validate an entity before any request: ip must be an IP address; IP quotas stand alone. */
export function validateQuotaEntity(entity: QuotaEntity, options: {requireOne: boolean}): void {
  const parts = toParts(entity)
  if (options.requireOne && parts.length === 0)
    throw usageError(
      'No quota entity given',
      'Pass --user U, --client-id C, --ip I or their --*-default forms.',
      'INVALID_QUOTA_ENTITY',
    )
  for (const p of parts)
    if (p.entityName === '')
      throw usageError(
        `Empty ${p.entityType} name`,
        `Pass a name, or --${p.entityType === 'client-id' ? 'client' : p.entityType}-default for the default entity.`,
        'INVALID_QUOTA_ENTITY',
      )
  if (entity.ip !== undefined && (entity.user !== undefined || entity.clientId !== undefined)) {
    throw usageError(
      'IP quotas cannot be combined with --user or --client-id',
      'Kafka keeps IP connection quotas separate from user/client quotas.',
      'INVALID_QUOTA_ENTITY',
    )
  }
  if (entity.ip !== undefined && entity.ip !== null && isIP(entity.ip) === 0)
    throw usageError(
      `Invalid IP address "${entity.ip}"`,
      'Use an IPv4 or IPv6 address, or --ip-default.',
      'INVALID_QUOTA_ENTITY',
    )
}

/** Quotas of entities matching `filter` (non-strict: also the user+client pairs of a user); one request. */
export async function describeQuotas(conn: KafkaConnection, filter: QuotaEntity = {}): Promise<QuotaEntry[]> {
  const components: QuotaFilterComponent[] = toParts(filter).map((p) =>
    p.entityName === null
      ? {entityType: p.entityType, matchType: QUOTA_MATCH.default, match: null}
      : {entityType: p.entityType, matchType: QUOTA_MATCH.exact, match: p.entityName},
  )
  const broker = await conn.anyBroker()
  const res = await conn.request(broker, DescribeClientQuotasApi, (v, Encoder) =>
    describeClientQuotasRequest(v, {components, strict: false}, Encoder),
  )
  throwIfError(res.errorCode, res.errorMessage, 'describing client quotas (DESCRIBE_CONFIGS on the CLUSTER)')
  return (res.entries ?? [])
    .map((e) => ({
      entity: fromParts(e.entity),
      values: Object.fromEntries(
        e.values.map((v) => [v.key, v.value]).sort(([a], [b]) => String(a).localeCompare(String(b))),
      ),
    }))
    .sort((a, b) => formatQuotaEntity(a.entity).localeCompare(formatQuotaEntity(b.entity)))
}

/** Set and remove quota keys of one entity in one AlterClientQuotas request (`validateOnly`: the broker only checks). */
export async function alterQuotas(
  conn: KafkaConnection,
  entity: QuotaEntity,
  change: {set?: Record<string, number>; remove?: string[]; validateOnly?: boolean},
): Promise<void> {
  const ops = [
    ...Object.entries(change.set ?? {}).map(([key, value]) => ({key, value, remove: false})),
    ...(change.remove ?? []).map((key) => ({key, value: 0, remove: true})),
  ]
  const broker = await conn.anyBroker()
  const res = await conn.request(broker, AlterClientQuotasApi, (v, Encoder) =>
    alterClientQuotasRequest(
      v,
      {entries: [{entity: toParts(entity), ops}], validateOnly: Boolean(change.validateOnly)},
      Encoder,
    ),
  )
  for (const e of res.entries)
    throwIfError(e.errorCode, e.errorMessage, `changing the quotas of ${formatQuotaEntity(entity)}`)
}

/** Set and remove quota keys of many entities in one AlterClientQuotas request; the error (or null) of each entity, in order. */
export async function alterManyQuotas(
  conn: KafkaConnection,
  changes: {entity: QuotaEntity; set: Record<string, number>; remove: string[]}[],
): Promise<(string | null)[]> {
  if (changes.length === 0) return []
  const entries = changes.map((c) => ({
    entity: toParts(c.entity),
    ops: [
      ...Object.entries(c.set).map(([key, value]) => ({key, value, remove: false})),
      ...c.remove.map((key) => ({key, value: 0, remove: true})),
    ],
  }))
  const broker = await conn.anyBroker()
  const res = await conn.request(broker, AlterClientQuotasApi, (v, Encoder) =>
    alterClientQuotasRequest(v, {entries, validateOnly: false}, Encoder),
  )
  return changes.map((c, i) => {
    const e =
      res.entries.find((x) => formatQuotaEntity(fromParts(x.entity)) === formatQuotaEntity(c.entity)) ?? res.entries[i]
    return e && e.errorCode !== 0 ? `${e.errorMessage ?? `error ${e.errorCode}`}` : null
  })
}

/** The quotas of exactly this entity. */
export async function entityQuotas(conn: KafkaConnection, entity: QuotaEntity): Promise<Record<string, number>> {
  const entries = await describeQuotas(conn, entity)
  return entries.find((e) => formatQuotaEntity(e.entity) === formatQuotaEntity(entity))?.values ?? {}
}

/**
 * The entity's quotas once `expected` holds. A broker applies a change when the metadata log
 * reaches it, a moment after AlterClientQuotas returns, so the read is repeated briefly.
 */
export async function settledEntityQuotas(
  conn: KafkaConnection,
  entity: QuotaEntity,
  expected: (q: Record<string, number>) => boolean,
  timeoutMs = 5000,
): Promise<Record<string, number>> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const quotas = await entityQuotas(conn, entity)
    if (expected(quotas) || Date.now() > deadline) return quotas
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** `key=value` pairs for `quotas set`: known keys only, positive numbers. */
export function parseQuotaValues(pairs: string[]): Record<QuotaKey, number> {
  const out = {} as Record<QuotaKey, number>
  if (pairs.length === 0)
    throw usageError(
      'No quota given',
      `Pass key=value pairs, e.g. producer_byte_rate=1048576. Keys: ${QUOTA_KEYS.join(', ')}.`,
      'INVALID_QUOTA',
    )
  for (const pair of pairs) {
    const i = pair.indexOf('=')
    const key = parseQuotaKey(i === -1 ? pair : pair.slice(0, i))
    const text = i === -1 ? '' : pair.slice(i + 1).trim()
    const value = Number(text)
    if (i === -1 || text === '' || !Number.isFinite(value) || value <= 0) {
      throw usageError(
        `Invalid quota "${pair}"`,
        `Use ${key}=N with a positive number, e.g. ${key}=1048576.`,
        'INVALID_QUOTA',
      )
    }
    out[key] = value
  }
  return out
}

export function parseQuotaKey(input: string): QuotaKey {
  const key = input.trim().replaceAll('-', '_').toLowerCase()
  if ((QUOTA_KEYS as readonly string[]).includes(key)) return key as QuotaKey
  throw usageError(`Unknown quota "${input}"`, `Quotas: ${QUOTA_KEYS.join(', ')}.`, 'INVALID_QUOTA')
}

/** connection_creation_rate applies to IP entities only, and only it does. */
export function checkQuotaKeysForEntity(entity: QuotaEntity, keys: string[]): void {
  const isIp = entity.ip !== undefined
  const wrong = keys.filter((k) => (k === 'connection_creation_rate') !== isIp)
  if (wrong.length > 0) {
    throw usageError(
      `${wrong.join(', ')} cannot be set on ${isIp ? 'an IP' : 'a user/client-id'} entity`,
      isIp
        ? 'IP entities take connection_creation_rate only.'
        : 'connection_creation_rate is an IP quota: use --ip or --ip-default.',
      'INVALID_QUOTA',
    )
  }
}

/** The service object commands call (tests replace its functions). */
export const quotasService = {describeQuotas, alterQuotas, alterManyQuotas, entityQuotas, settledEntityQuotas}
