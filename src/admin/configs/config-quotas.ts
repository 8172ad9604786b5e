import type {KafkaConnection} from '../../connection/client.js'
import {usageError} from '../../errors.js'
import type {AlterConfigsResult, ConfigChange, ConfigEntity, ConfigEntry} from './config-types.js'
import {
  type QuotaEntity,
  checkQuotaKeysForEntity,
  parseQuotaKey,
  quotasService,
  validateQuotaEntity,
} from '../security/quotas.js'

/**
 * kafka-configs' user, client and ip entity types are client quotas: `configs describe|set|delete`
 * on them go through the quotas service (DescribeClientQuotas/AlterClientQuotas).
 */
export const QUOTA_CONFIG_TYPES = ['user', 'client', 'ip'] as const
export type QuotaConfigType = (typeof QUOTA_CONFIG_TYPES)[number]

export function isQuotaType(type: string): type is QuotaConfigType {
  return (QUOTA_CONFIG_TYPES as readonly string[]).includes(type)
}

/** '' (from --default) is the type's default entity. */
export function quotaEntityOf(e: ConfigEntity): QuotaEntity {
  const name = e.name === '' ? null : e.name
  if (e.type === 'user') return {user: name}
  if (e.type === 'client') return {clientId: name}
  return {ip: name}
}

export async function describeQuotaConfigs(conn: KafkaConnection, e: ConfigEntity): Promise<ConfigEntry[]> {
  const quotas = await quotasService.entityQuotas(conn, quotaEntityOf(e))
  return Object.entries(quotas)
    .map(([key, value]) => ({key, value: String(value), source: 'quota', readOnly: false, sensitive: false}))
    .sort((a, b) => a.key.localeCompare(b.key))
}

export function validateQuotaChanges(e: ConfigEntity, changes: ConfigChange[]): void {
  const entity = quotaEntityOf(e)
  validateQuotaEntity(entity, {requireOne: true})
  for (const c of changes) {
    if (c.operation === 'append' || c.operation === 'subtract')
      throw usageError(
        `Quotas are numbers, not lists: cannot ${c.operation} ${c.key}`,
        'Use `kctl configs set` or `kctl quotas set`.',
        'INVALID_CONFIG_OPERATION',
      )
    parseQuotaKey(c.key)
    const n = Number(c.value)
    if (c.operation === 'set' && (String(c.value).trim() === '' || !Number.isFinite(n) || n <= 0)) {
      throw usageError(
        `Invalid quota ${c.key}=${c.value}`,
        `Use a positive number, e.g. ${c.key}=1048576.`,
        'INVALID_QUOTA',
      )
    }
  }
  checkQuotaKeysForEntity(
    entity,
    changes.map((c) => c.key),
  )
}

const text = (v: number | undefined) => (v === undefined ? null : String(v))

export async function alterQuotaConfigs(
  conn: KafkaConnection,
  e: ConfigEntity,
  changes: ConfigChange[],
  options: {dryRun: boolean},
): Promise<AlterConfigsResult> {
  const entity = quotaEntityOf(e)
  const before = await quotasService.entityQuotas(conn, entity)
  const missing = changes.find((c) => c.operation === 'delete' && before[c.key] === undefined)
  if (missing)
    throw usageError(
      `${missing.key} is not set on ${e.type} ${e.name || '<default>'}: nothing to delete`,
      `Its quotas: ${Object.keys(before).join(', ') || 'none'}.`,
      'CONFIG_NOT_OVERRIDDEN',
    )
  const set = Object.fromEntries(changes.filter((c) => c.operation === 'set').map((c) => [c.key, Number(c.value)]))
  const remove = changes.filter((c) => c.operation === 'delete').map((c) => c.key)
  await quotasService.alterQuotas(conn, entity, {set, remove, validateOnly: options.dryRun})
  const expected = (c: ConfigChange) => (c.operation === 'delete' ? undefined : Number(c.value))
  const after = options.dryRun
    ? Object.fromEntries(changes.map((c) => [c.key, expected(c)]))
    : await quotasService.settledEntityQuotas(conn, entity, (q) => changes.every((c) => q[c.key] === expected(c)))
  return {
    entity: e,
    dryRun: options.dryRun,
    changes: changes.map((c) => ({key: c.key, before: text(before[c.key]), after: text(after[c.key])})),
  }
}
