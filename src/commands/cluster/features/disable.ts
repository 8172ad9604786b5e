import * as Flags from '@oclif/core/flags'

import {
  FeatureUpdateCommand,
  type FeatureUpdateResult,
  featureUpdateFlags,
  unsafeFlags,
} from '../../../cli/feature-update.js'

export default class ClusterFeaturesDisable extends FeatureUpdateCommand<typeof ClusterFeaturesDisable> {
  static summary = 'Disable features: downgrade them to level 0 (UpdateFeatures), like kafka-features disable.'
  static description =
    'The same as `kctl cluster features downgrade --feature NAME=0` for each --feature NAME. A feature whose supported range does not ' +
    'include 0 (metadata.version) cannot be disabled. --unsafe, --cluster-id, --yes and --dry-run as for downgrade.'

  static examples = [
    '<%= config.bin %> cluster features disable --feature eligible.leader.replicas.version --dry-run',
    '<%= config.bin %> cluster features disable --feature streams.version --yes',
  ]

  static flags = {
    feature: Flags.string({summary: 'NAME of a feature to disable (repeatable).', multiple: true}),
    ...unsafeFlags,
    ...featureUpdateFlags,
  }

  async run(): Promise<FeatureUpdateResult> {
    return this.updateFeatures('disable', {
      features: this.flags.feature,
      unsafe: this.flags.unsafe,
      clusterId: this.flags['cluster-id'],
    })
  }
}
