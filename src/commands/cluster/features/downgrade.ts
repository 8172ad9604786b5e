import * as Flags from '@oclif/core/flags'

import {
  FeatureUpdateCommand,
  type FeatureUpdateResult,
  featureUpdateFlags,
  releaseVersionFlag,
  unsafeFlags,
} from '../../../cli/feature-update.js'

export default class ClusterFeaturesDowngrade extends FeatureUpdateCommand<typeof ClusterFeaturesDowngrade> {
  static summary =
    'Lower finalized feature levels (UpdateFeatures, safe downgrade unless --unsafe), like kafka-features downgrade.'
  static description =
    'Each --feature NAME=LEVEL, or --release-version VERSION for metadata.version and the level every other feature has at that release ' +
    '(level 0 disables). Checked first against every broker: the level must be inside the range all brokers support and not above the ' +
    'current one. A safe downgrade loses no metadata; the controller refuses one that would. --unsafe allows a lossy downgrade and needs ' +
    'the cluster id as confirmation: typed on a terminal, or --cluster-id ID (--yes alone is not enough). ' +
    'Confirms on a terminal (--yes skips); --dry-run asks the controller to validate only. Exit 1 when the controller refuses a feature.'

  static examples = [
    '<%= config.bin %> cluster features downgrade --feature eligible.leader.replicas.version=0 --dry-run',
    '<%= config.bin %> cluster features downgrade --feature transaction.version=1 --yes',
    '<%= config.bin %> cluster features downgrade --release-version 4.3-IV0 --unsafe --cluster-id MkU3OEVBNTcwNTJENDM2Qk --yes',
  ]

  static flags = {
    feature: Flags.string({summary: 'NAME=LEVEL to downgrade to (repeatable).', multiple: true}),
    'release-version': releaseVersionFlag,
    ...unsafeFlags,
    ...featureUpdateFlags,
  }

  async run(): Promise<FeatureUpdateResult> {
    return this.updateFeatures('downgrade', {
      features: this.flags.feature,
      releaseVersion: this.flags['release-version'],
      unsafe: this.flags.unsafe,
      clusterId: this.flags['cluster-id'],
    })
  }
}
