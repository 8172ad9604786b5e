import * as Flags from '@oclif/core/flags'

import {
  featureVersionsSource,
  findReleaseVersion,
  latestProductionRelease,
  metadataVersionName,
  productionFeatureNames,
  releaseVersionRange,
  releaseVersions,
} from '../../../admin/cluster/feature-versions.js'
import {featuresService} from '../../../admin/cluster/features.js'
import {KafkaCommand} from '../../../base-command.js'
import {ExitCode, KctlError, usageError} from '../../../errors.js'
import type {Cell, View} from '../../../output/format.js'

export interface FeatureVersionsResult {
  /** The Kafka version whose jars the mapping was generated from. */
  source: string
  latestProduction: string
  /** The cluster's finalized metadata.version; null with --offline. */
  cluster: {metadataVersion: string; level: number} | null
  releases: {
    version: string
    level: number
    production: boolean
    /** The release the cluster runs at (its finalized metadata.version). */
    current: boolean
    features: {name: string; level: number}[]
  }[]
}

export default class ClusterFeaturesVersions extends KafkaCommand<typeof ClusterFeaturesVersions> {
  static summary =
    'The release versions (metadata.version) and the feature levels each one sets, like kafka-features version-mapping.'
  static description =
    "Every metadata.version Kafka knows (3.3-IV3 on), its level, and each feature's default level at that release: what " +
    '`kctl cluster features upgrade|downgrade --release-version` sets. The table is generated from the Kafka jars of the version ' +
    "kctl's local cluster uses. Connected, it marks the release the cluster runs at (its finalized metadata.version); " +
    '--offline prints the table without connecting.'

  static examples = [
    '<%= config.bin %> cluster features versions',
    '<%= config.bin %> cluster features versions --release-version 4.4-IV2 --offline',
    '<%= config.bin %> cluster features versions --offline --output csv',
  ]

  static flags = {
    'release-version': Flags.string({summary: 'Only this release version (e.g. 4.4-IV2, or 4.4 for its last one).'}),
    offline: Flags.boolean({summary: "Do not connect: the table only, without the cluster's current release."}),
  }

  async run(): Promise<FeatureVersionsResult> {
    const wanted = this.flags['release-version']
    const only = wanted === undefined ? undefined : findReleaseVersion(wanted)
    if (wanted !== undefined && !only)
      throw usageError(
        `Unknown release version "${wanted}"`,
        `Release versions run from ${releaseVersionRange()}.`,
        'UNKNOWN_RELEASE_VERSION',
      )
    let cluster: FeatureVersionsResult['cluster'] = null
    if (!this.flags.offline) {
      const f = await this.connection()
        .then((conn) => featuresService.clusterFeatures(conn))
        .catch((error: unknown) => {
          throw offlineHint(error)
        })
      const mv = f.features.find((x) => x.name === 'metadata.version')
      if (mv) cluster = {metadataVersion: metadataVersionName(mv.finalizedLevel), level: mv.finalizedLevel}
    }
    const releases = (only ? [only] : releaseVersions()).map((r) => ({...r, current: r.level === cluster?.level}))
    return this.present(
      {source: featureVersionsSource, latestProduction: latestProductionRelease, cluster, releases},
      versionsView,
    )
  }
}

/** Cannot reach the cluster: the same error, its hint naming --offline (the table needs no cluster). */
function offlineHint(error: unknown): unknown {
  if (!(error instanceof KctlError) || error.exitCode !== ExitCode.connection) return error
  return new KctlError(error.code, error.exitCode, error.message, {
    hint: `${error.hint ? `${error.hint} ` : ''}Or pass --offline for the table without the cluster's release.`,
    details: error.details,
    cause: error.cause,
    retriable: error.retriable,
  })
}

/** CSV headers are camelCase: share.version -> shareVersion. */
const csvKey = (name: string): string => name.replace(/\.(\w)/g, (_, c: string) => c.toUpperCase())

/** share.version -> SHARE, eligible.leader.replicas.version -> ELR (the JSON and CSV keep the full names). */
const shortHeader = (name: string): string => {
  const base = name.replace(/\.version$/, '')
  return (
    base.includes('.')
      ? base
          .split('.')
          .map((w) => w[0])
          .join('')
      : base
  ).toUpperCase()
}

const versionsView: View<FeatureVersionsResult> = {
  header: (d) => [
    d.cluster
      ? `The cluster runs at metadata.version ${d.cluster.level} (${d.cluster.metadataVersion})${d.releases.some((r) => r.current) ? ', marked *' : ''}.`
      : 'Offline: the cluster was not asked for its release.',
    `Mapping from Kafka ${d.source}'s jars; latest production release ${d.latestProduction}.`,
    '',
  ],
  columns: [
    {key: 'current', header: ' ', human: (v) => (v ? '*' : '')},
    {key: 'version', header: 'RELEASE'},
    {key: 'metadataVersion', header: 'METADATA.VERSION', align: 'right'},
    ...productionFeatureNames.map((name) => ({key: csvKey(name), header: shortHeader(name), align: 'right' as const})),
    {key: 'production', header: 'PRODUCTION'},
  ],
  rows: (d) =>
    d.releases.map((r) => {
      const row: Record<string, Cell> = {
        current: r.current,
        version: r.version,
        metadataVersion: r.level,
        production: r.production,
      }
      for (const f of r.features) row[csvKey(f.name)] = f.level
      return row
    }),
}
