import type {ConfigOperationName} from '../../protocol/incremental-alter-configs.js'

/** The config entities and changes of `kctl configs` (shared by configs.ts and config-quotas.ts). */
export const CONFIG_ENTITY_TYPES = [
  'topic',
  'broker',
  'broker-logger',
  'group',
  'client-metrics',
  'user',
  'client',
  'ip',
] as const
export type ConfigEntityType = (typeof CONFIG_ENTITY_TYPES)[number]

export interface ConfigEntity {
  type: ConfigEntityType
  /** Topic name or broker id; '' = the cluster-wide broker default. */
  name: string
}

export interface ConfigEntry {
  key: string
  /** null when unset or sensitive (the broker never returns sensitive values). */
  value: string | null
  source: string
  readOnly: boolean
  sensitive: boolean
}

export interface ConfigDiffRow {
  key: string
  before: string | null
  after: string | null
}

export interface ConfigChange {
  key: string
  operation: ConfigOperationName
  value: string | null
}

export interface AlterConfigsResult {
  entity: ConfigEntity
  dryRun: boolean
  changes: ConfigDiffRow[]
}
