import type {KafkaConnection} from '../../connection/client.js'
import {type KctlErrorCode, kafkaErrorCode, operationError, usageError} from '../../errors.js'
import {closestMatch} from '../../input/did-you-mean.js'
import {ApiVersionsApi, type ApiVersionsResponse, apiVersionsRequest} from '../../protocol/api-versions.js'
import {errorName} from '../../protocol/error-codes.js'
import type {KafkaBroker} from '../../protocol/kafkajs-internals.js'
import {protocolErrorToKctl, throwIfError} from '../../protocol/protocol-error.js'
import {
  UpdateFeaturesApi,
  UpgradeType,
  type UpgradeTypeValue,
  updateFeaturesRequest,
} from '../../protocol/update-features.js'
import {brokerLabel} from '../../protocol/wire.js'
import {onEachBroker} from '../degraded.js'
import {METADATA_VERSION, type ReleaseVersion, findMetadataVersion, metadataVersionName} from './feature-versions.js'

export interface FeatureInfo {
  name: string
  /** The cluster-wide finalized level (0 when not finalized, as kafka-features shows it). */
  finalizedLevel: number
  /** The range the answering broker supports. */
  supportedMin: number | null
  supportedMax: number | null
  /** For metadata.version: the release name of the level (e.g. 4.4-IV2). */
  finalizedVersion: string | null
}

export interface ClusterFeatures {
  /** The broker that answered (features are finalized cluster-wide). */
  broker: number | null
  /** Epoch of the finalized features; null when the broker has none. */
  epoch: bigint | null
  metadataVersion: string | null
  features: FeatureInfo[]
}

/** Supported and finalized features from one ApiVersions v3+ request (its tagged fields). */
export async function clusterFeatures(conn: KafkaConnection): Promise<ClusterFeatures> {
  const broker = await conn.anyBroker()
  const res = await apiVersions(conn, broker)
  throwIfError(res.errorCode, null, 'ApiVersions')
  const names = [
    ...new Set([...res.supportedFeatures.map((f) => f.name), ...res.finalizedFeatures.map((f) => f.name)]),
  ].sort()
  const features = names.map((name) => {
    const s = res.supportedFeatures.find((f) => f.name === name)
    const f = res.finalizedFeatures.find((x) => x.name === name)
    const finalizedLevel = f ? f.maxVersionLevel : 0
    return {
      name,
      finalizedLevel,
      supportedMin: s?.minVersion ?? null,
      supportedMax: s?.maxVersion ?? null,
      finalizedVersion: name === 'metadata.version' && f ? metadataVersionName(finalizedLevel) : null,
    }
  })
  return {
    broker: broker.nodeId ?? null,
    epoch: res.finalizedFeaturesEpoch < 0n ? null : res.finalizedFeaturesEpoch,
    metadataVersion: features.find((f) => f.name === 'metadata.version')?.finalizedVersion ?? null,
    features,
  }
}

function apiVersions(conn: KafkaConnection, broker: KafkaBroker): Promise<ApiVersionsResponse> {
  return conn.request(broker, ApiVersionsApi, (v, Encoder) =>
    apiVersionsRequest(v, {name: 'kctl', version: '0'}, Encoder),
  )
}

/** One feature as the whole cluster sees it: the finalized level and the range every broker supports. */
export interface FeatureState {
  finalizedLevel: number
  /** The intersection of the answering brokers' ranges (null: no broker supports the feature). */
  supportedMin: number | null
  supportedMax: number | null
  /** Brokers that answered without the feature among their supported ones. */
  unsupportedBy: number[]
}

export interface ClusterFeatureState {
  /** The brokers whose ApiVersions answered. */
  brokers: number[]
  features: Map<string, FeatureState>
}

/**
 * Supported ranges from every live broker's ApiVersions (a feature can only be finalized at a
 * level every broker supports), finalized levels from the answer with the newest epoch.
 */
export async function clusterFeatureState(conn: KafkaConnection): Promise<ClusterFeatureState> {
  const answers = await onEachBroker(
    conn,
    await conn.brokerIds(),
    'their supported feature ranges are not checked',
    (b) => apiVersions(conn, b),
  )
  for (const res of answers.values()) throwIfError(res.errorCode, null, 'ApiVersions')
  const newest = [...answers.values()].sort((a, b) => Number(b.finalizedFeaturesEpoch - a.finalizedFeaturesEpoch))[0]
  const names = new Set<string>()
  for (const res of answers.values()) for (const f of res.supportedFeatures) names.add(f.name)
  for (const f of newest?.finalizedFeatures ?? []) names.add(f.name)
  const features = new Map<string, FeatureState>()
  for (const name of [...names].sort()) {
    let min: number | null = null
    let max: number | null = null
    const unsupportedBy: number[] = []
    for (const [id, res] of answers) {
      const s = res.supportedFeatures.find((f) => f.name === name)
      if (!s) {
        unsupportedBy.push(id)
        continue
      }
      min = min === null ? s.minVersion : Math.max(min, s.minVersion)
      max = max === null ? s.maxVersion : Math.min(max, s.maxVersion)
    }
    features.set(name, {
      finalizedLevel: newest?.finalizedFeatures.find((f) => f.name === name)?.maxVersionLevel ?? 0,
      supportedMin: min,
      supportedMax: max,
      unsupportedBy: unsupportedBy.sort((a, b) => a - b),
    })
  }
  return {brokers: [...answers.keys()].sort((a, b) => a - b), features}
}

export type FeatureOperation = 'upgrade' | 'downgrade' | 'disable'

export interface FeatureUpdateRequest {
  operation: FeatureOperation
  /** --feature name=level (disable: level 0). */
  features: {name: string; level: number}[]
  /** --release-version: metadata.version and the levels that release maps the other features to. */
  release: ReleaseVersion | null
}

export interface PlannedFeatureUpdate {
  name: string
  fromLevel: number
  toLevel: number
  /** For metadata.version: the release names of the levels. */
  fromVersion: string | null
  toVersion: string | null
}

const versionName = (name: string, level: number) => (name === METADATA_VERSION && findMetadataVersion(level)) || null

const levelText = (name: string, level: number) => {
  const v = versionName(name, level)
  return v ? `${level} (${v})` : String(level)
}

/**
 * The updates a request makes, checked against the cluster before anything is sent: known
 * features, levels inside the range every broker supports, upgrades that raise and downgrades
 * that lower. Features already at the level are kept (unchanged) and not sent.
 */
export function planFeatureUpdates(request: FeatureUpdateRequest, state: ClusterFeatureState): PlannedFeatureUpdate[] {
  const {operation} = request
  const wanted: {name: string; level: number; fromRelease: boolean}[] = request.release
    ? [
        {name: METADATA_VERSION, level: request.release.level, fromRelease: true},
        // As kafka-features: an upgrade never sends a feature to level 0; a downgrade sends all.
        ...request.release.features
          .filter((f) => operation !== 'upgrade' || f.level > 0)
          .map((f) => ({...f, fromRelease: true})),
      ]
    : request.features.map((f) => ({...f, fromRelease: false}))
  const plan: PlannedFeatureUpdate[] = []
  for (const {name, level, fromRelease} of wanted) {
    const s = state.features.get(name)
    const bad = (message: string, hint: string, code: KctlErrorCode = 'INVALID_FEATURE_LEVEL') =>
      usageError(message, hint, code, {feature: name, level})
    if (!s || s.supportedMax === null) {
      // A release maps features this cluster does not know yet to 0: nothing to do for them.
      if (fromRelease && level === 0) continue
      const known = [...state.features.keys()]
      const near = closestMatch(name, known)
      throw bad(
        `Unknown feature ${name}: no broker supports it`,
        `${near ? `Did you mean ${near}? ` : ''}The cluster's features: ${known.join(', ') || 'none'} (\`kctl cluster features\`).`,
        'UNKNOWN_FEATURE',
      )
    }
    const from = s.finalizedLevel
    // A release upgrade never lowers another feature, nor a release downgrade raises one (a
    // static quorum's kraft.version 0 stays 0): those are kept as they are.
    const past = operation === 'upgrade' ? level < from : level > from
    if (fromRelease && name !== METADATA_VERSION && past) {
      plan.push({name, fromLevel: from, toLevel: from, fromVersion: null, toVersion: null})
      continue
    }
    const range = `${levelText(name, s.supportedMin!)} to ${levelText(name, s.supportedMax)}`
    if (level !== 0 && s.unsupportedBy.length > 0)
      throw bad(
        `Broker ${s.unsupportedBy.join(', ')} does not support ${name}`,
        'Every broker must support a feature level before it is finalized: finish upgrading the brokers first.',
      )
    if (level < s.supportedMin! || level > s.supportedMax!)
      throw bad(
        level === 0
          ? `${name} cannot be disabled: the brokers support levels ${range}`
          : `${name} level ${levelText(name, level)} is outside the range the brokers support (${range})`,
        `Choose a level from ${range}; \`kctl cluster features\` shows the ranges.`,
      )
    if (operation === 'upgrade' && level < from)
      throw bad(
        `Cannot upgrade ${name} from ${levelText(name, from)} to the lower level ${levelText(name, level)}`,
        `Lowering a level is a downgrade: \`kctl cluster features downgrade ${fromRelease ? `--release-version ${request.release!.version}` : `--feature ${name}=${level}`}\`.`,
      )
    if (operation !== 'upgrade' && level > from)
      throw bad(
        `Cannot ${operation} ${name} from ${levelText(name, from)} to the higher level ${levelText(name, level)}`,
        `Raising a level is an upgrade: \`kctl cluster features upgrade ${fromRelease ? `--release-version ${request.release!.version}` : `--feature ${name}=${level}`}\`.`,
      )
    plan.push({
      name,
      fromLevel: from,
      toLevel: level,
      fromVersion: versionName(name, from),
      toVersion: versionName(name, level),
    })
  }
  return plan.sort((a, b) => a.name.localeCompare(b.name))
}

function featureUpgradeType(operation: FeatureOperation, unsafe: boolean): UpgradeTypeValue {
  if (operation === 'upgrade') return UpgradeType.upgrade
  return unsafe ? UpgradeType.unsafeDowngrade : UpgradeType.safeDowngrade
}

export type UpgradeTypeName = 'upgrade' | 'safe-downgrade' | 'unsafe-downgrade'

/** What UpdateFeatures is asked to do with the changed levels, by name. */
export function upgradeTypeName(operation: FeatureOperation, unsafe: boolean): UpgradeTypeName {
  const names = {1: 'upgrade', 2: 'safe-downgrade', 3: 'unsafe-downgrade'} as const
  return names[featureUpgradeType(operation, unsafe)]
}

export interface FeatureUpdateOutcome extends PlannedFeatureUpdate {
  /** changed / validated (dry run) / unchanged (already at the level, not sent) / failed. */
  status: 'changed' | 'validated' | 'unchanged' | 'failed'
  error: {code: string; message: string} | null
}

/**
 * Send the changed features in one UpdateFeatures (brokers forward it to the active controller,
 * as Kafka's Admin does). The update is all or nothing; each feature gets its own outcome: v0-v1
 * answer per feature, v2 with one top-level error that applies to every feature.
 */
export async function updateFeatures(
  conn: KafkaConnection,
  plan: PlannedFeatureUpdate[],
  options: {operation: FeatureOperation; unsafe: boolean; validateOnly: boolean; timeoutMs: number},
): Promise<FeatureUpdateOutcome[]> {
  const upgradeType = featureUpgradeType(options.operation, options.unsafe)
  const changed = plan.filter((p) => p.fromLevel !== p.toLevel)
  const unchanged = (p: PlannedFeatureUpdate): FeatureUpdateOutcome => ({...p, status: 'unchanged', error: null})
  if (changed.length === 0) return plan.map(unchanged)
  // Any broker forwards it to the active controller (Kafka's Admin picks the least loaded broker).
  const broker = await conn.anyBroker()
  let sentVersion = -1
  const res = await conn.request(broker, UpdateFeaturesApi, (v, Encoder) => {
    if (options.validateOnly && v < 1)
      throw operationError(
        `${brokerLabel(broker)} cannot validate an update without applying it (UpdateFeatures v${v})`,
        {
          code: 'UNSUPPORTED_VERSION',
          hint: 'A dry run needs UpdateFeatures v1 (Kafka 3.7 or later).',
        },
      )
    sentVersion = v
    return updateFeaturesRequest(
      v,
      {
        timeoutMs: options.timeoutMs,
        validateOnly: options.validateOnly,
        featureUpdates: changed.map((p) => ({
          feature: p.name,
          maxVersionLevel: p.toLevel,
          upgradeType: p.toLevel >= p.fromLevel ? UpgradeType.upgrade : upgradeType,
        })),
      },
      Encoder,
    )
  })
  // A top-level authorization error is the whole command's (exit 4), not a feature's.
  if (res.errorCode !== 0 && errorName(res.errorCode).endsWith('_AUTHORIZATION_FAILED'))
    throw protocolErrorToKctl(res.errorCode, res.errorMessage, 'UpdateFeatures')
  const outcome = (p: PlannedFeatureUpdate, code: number, message: string | null): FeatureUpdateOutcome =>
    code === 0
      ? {...p, status: options.validateOnly ? 'validated' : 'changed', error: null}
      : {...p, status: 'failed', error: {code: kafkaErrorCode(errorName(code)), message: message ?? errorName(code)}}
  return plan.map((p) => {
    if (p.fromLevel === p.toLevel) return unchanged(p)
    if (res.errorCode !== 0 || sentVersion >= 2) return outcome(p, res.errorCode, res.errorMessage)
    const r = res.results.find((x) => x.feature === p.name)
    return r ? outcome(p, r.errorCode, r.errorMessage) : outcome(p, 0, null)
  })
}

/** The service object commands call (command tests replace its functions). */
export const featuresService = {clusterFeatures, clusterFeatureState, planFeatureUpdates, updateFeatures}

export {metadataVersionName}
