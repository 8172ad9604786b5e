import type {AclBinding} from '../../input/acl.js'
import type {QuotaEntity} from '../security/quotas.js'

/** The kinds of resources a state file manages (also `kctl export --kinds`). */
export const STATE_KINDS = ['topics', 'acls', 'quotas', 'users', 'configs'] as const
export type StateKind = (typeof STATE_KINDS)[number]

export interface TopicState {
  /** Undefined in a file that leaves it to the broker default (create) or to the cluster (existing topic). */
  partitions?: number
  replicationFactor?: number
  /** Override values as Kafka prints them (units resolved: 7d -> 604800000). */
  configs: Record<string, string>
}

export interface UserState {
  /** Mechanism -> iterations. */
  mechanisms: Record<string, number>
  /** `${env:X}` or `${file:P}`: resolved only when apply must set a credential. */
  password?: string
}

export interface QuotaState {
  entity: QuotaEntity
  values: Record<string, number>
}

export interface BrokerConfigs {
  /** The cluster-wide broker defaults (kafka-configs --entity-default). */
  brokerDefaults: Record<string, string>
  /** Per broker id. */
  brokers: Record<string, Record<string, string>>
  brokerLoggers: Record<string, Record<string, string>>
  /** Per consumer/share/streams group (Kafka 4.1+ lists them): the group's overrides. */
  groups: Record<string, Record<string, string>>
  /** Per client-metrics subscription (KIP-714): metrics, interval.ms, match. */
  clientMetrics: Record<string, Record<string, string>>
}

/** One cluster's resources, normalised the same way whether read from files or from Kafka. */
export interface ClusterState {
  topics: Record<string, TopicState>
  acls: AclBinding[]
  quotas: QuotaState[]
  users: Record<string, UserState>
  configs: BrokerConfigs
}

/** A quota entity pattern of the scope: names may end with `*` (prefix) or be `*` (any); `<default>` is the default entity. */
export interface QuotaScopeEntry {
  user?: string
  'client-id'?: string
  ip?: string
}

export interface Scope {
  topics: {prefixes: string[]; patterns: string[]; exclude: string[]; excludePatterns: string[]}
  principals: string[]
  users: string[]
  quotas: QuotaScopeEntry[]
  /** Group names whose configs the file owns (a trailing * matches a prefix). */
  groups: string[]
  /** Client-metrics subscription names owned (a trailing * matches a prefix). */
  clientMetrics: string[]
}

/** What the merged files ask for. */
export interface DesiredState extends ClusterState {
  clusterId: string | null
  prune: boolean
  scope: Scope
  /** The kinds the files have a section for: only those are compared. */
  kinds: StateKind[]
  files: string[]
}

/** Where a field of the merged files came from: `file:line`. */
export type Locate = (path: (string | number)[]) => string | undefined

export const emptyConfigs = (): BrokerConfigs => ({
  brokerDefaults: {},
  brokers: {},
  brokerLoggers: {},
  groups: {},
  clientMetrics: {},
})
