import {
  FEATURE_VERSIONS_SOURCE,
  LATEST_PRODUCTION,
  PRODUCTION_FEATURES,
  RELEASE_ALIASES,
  RELEASE_VERSIONS,
} from './feature-versions.generated.js'

/**
 * The release-version mapping (metadata.version names and levels, and the level of every other
 * production feature at each release), from the table generated out of Kafka's jars.
 */
export interface ReleaseVersion {
  /** The metadata.version name, e.g. 4.4-IV2. */
  version: string
  /** Its metadata.version feature level. */
  level: number
  /** Kafka marks later versions unstable (testing only). */
  production: boolean
  /** The level each production feature defaults to at this release (Feature.defaultLevel). */
  features: {name: string; level: number}[]
}

export const METADATA_VERSION = 'metadata.version'

/** The Kafka version whose jars the table was generated from. */
export const featureVersionsSource = FEATURE_VERSIONS_SOURCE
export const latestProductionRelease = LATEST_PRODUCTION
export const productionFeatureNames: string[] = PRODUCTION_FEATURES.map((f) => f.name)

const releases: ReleaseVersion[] = RELEASE_VERSIONS.map((r) => ({
  version: r.version,
  level: r.level,
  production: r.production,
  features: PRODUCTION_FEATURES.map((f, i) => ({name: f.name, level: r.features[i]})),
}))

export function releaseVersions(): ReleaseVersion[] {
  return releases
}

/** A release version by name ("4.4-IV2", or "4.4" for the release's last one, as Kafka reads it). */
export function findReleaseVersion(name: string): ReleaseVersion | undefined {
  const t = name.trim()
  const full = RELEASE_ALIASES[t] ?? t
  return releases.find((r) => r.version.toLowerCase() === full.toLowerCase())
}

/** The name of a metadata.version level (e.g. 33 -> 4.4-IV2), or `level N` for one the table lacks. */
export function metadataVersionName(level: number): string {
  return findMetadataVersion(level) ?? `level ${level}`
}

export function findMetadataVersion(level: number): string | undefined {
  return releases.find((r) => r.level === level)?.version
}

/** The known names, oldest to newest, for hints. */
export function releaseVersionRange(): string {
  return `${releases[0].version} to ${releases.at(-1)!.version} (or a release such as ${LATEST_PRODUCTION.replace(/-IV\d+$/, '')})`
}
