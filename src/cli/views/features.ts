import type {FeatureOperation, FeatureUpdateOutcome, UpgradeTypeName} from '../../admin/cluster/features.js'
import type {Cell, View} from '../../output/format.js'

export interface FeatureUpdateResult {
  operation: FeatureOperation
  /** What UpdateFeatures was asked to do with the changed levels. */
  upgradeType: UpgradeTypeName
  dryRun: boolean
  /** The --release-version the levels come from, or null. */
  releaseVersion: string | null
  /** Every feature of the request, sorted by name, each with its outcome. */
  features: FeatureUpdateOutcome[]
}

const level = (n: number, version: string | null): string => (version ? `${n} (${version})` : String(n))

const STATUS: Record<FeatureUpdateOutcome['status'], string> = {
  changed: 'changed',
  validated: 'valid (dry run)',
  unchanged: 'unchanged',
  failed: 'FAILED',
}

export const featureUpdateView: View<FeatureUpdateResult> = {
  columns: [
    {key: 'name', header: 'FEATURE'},
    {key: 'from', header: 'FROM', align: 'right'},
    {key: 'to', header: 'TO', align: 'right'},
    {key: 'status', header: 'RESULT', color: (v) => (v === 'FAILED' || v === 'failed' ? 'red' : undefined)},
    {key: 'error', header: 'ERROR'},
  ],
  rows: (r) =>
    r.features.map((f): Record<string, Cell> => ({
      name: f.name,
      from: level(f.fromLevel, f.fromVersion),
      to: level(f.toLevel, f.toVersion),
      status: STATUS[f.status],
      error: f.error ? `${f.error.code}: ${f.error.message}` : null,
    })),
  footer: (r) => {
    const failed = r.features.filter((f) => f.status === 'failed').length
    const changed = r.features.filter((f) => f.status === 'changed' || f.status === 'validated').length
    const what = `${r.upgradeType}${r.releaseVersion ? ` to release ${r.releaseVersion}` : ''}`
    if (r.dryRun) {
      if (failed > 0) return ['', `Dry run: the controller would refuse ${failed} of ${r.features.length} feature(s).`]
      if (changed === 0) return ['', 'Dry run: nothing would change, every feature is at that level already.']
      return ['', `Dry run: validated only (${what}); the levels above would be set, nothing was changed.`]
    }
    if (failed > 0) return ['', `${failed} of ${r.features.length} feature(s) failed.`]
    if (changed === 0) return ['', 'Nothing to change: every feature is at that level already.']
    return ['', `Done (${what}).`]
  },
}
