import * as Flags from '@oclif/core/flags'

import {
  FeatureUpdateCommand,
  type FeatureUpdateResult,
  featureUpdateFlags,
  releaseVersionFlag,
} from '../../../cli/feature-update.js'

export default class ClusterFeaturesUpgrade extends FeatureUpdateCommand<typeof ClusterFeaturesUpgrade> {
  static summary = 'Raise finalized feature levels (UpdateFeatures), like kafka-features upgrade.'
  static description =
    'Each --feature NAME=LEVEL, or --release-version VERSION for metadata.version and the level every other feature has at that release ' +
    '(features the release leaves at 0 are not sent, as kafka-features does). Checked first against every broker: the feature must be ' +
    'supported, the level inside the range all brokers support and not below the current one; features already at the level are reported ' +
    'unchanged and not sent. Confirms on a terminal (--yes skips); --dry-run asks the controller to validate only. ' +
    'Exit 1 when the controller refuses a feature (each is listed with its error).'

  static examples = [
    '<%= config.bin %> cluster features upgrade --feature share.version=2 --dry-run',
    '<%= config.bin %> cluster features upgrade --release-version 4.4-IV2 --yes',
    '<%= config.bin %> cluster features upgrade --feature group.version=1 --feature transaction.version=2 --output json --yes',
  ]

  static flags = {
    feature: Flags.string({summary: 'NAME=LEVEL to upgrade to (repeatable).', multiple: true}),
    'release-version': releaseVersionFlag,
    ...featureUpdateFlags,
  }

  async run(): Promise<FeatureUpdateResult> {
    return this.updateFeatures('upgrade', {
      features: this.flags.feature,
      releaseVersion: this.flags['release-version'],
    })
  }
}
