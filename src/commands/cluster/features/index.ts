import {type ClusterFeatures, featuresService} from '../../../admin/cluster/features.js'
import {KafkaCommand} from '../../../base-command.js'
import type {View} from '../../../output/format.js'
import {toKeyValues} from '../../../output/table.js'

export default class ClusterFeaturesCommand extends KafkaCommand<typeof ClusterFeaturesCommand> {
  static summary =
    'Show the finalized feature levels (metadata.version, kraft.version, ...) and what the brokers support.'
  static description =
    'Read from the ApiVersions v3+ tagged fields (SupportedFeatures, FinalizedFeatures), like kafka-features describe. ' +
    'Change levels with `kctl cluster features upgrade|downgrade|disable`; `kctl cluster features versions` shows the release-version mapping.'
  static examples = ['<%= config.bin %> cluster features', '<%= config.bin %> cluster features --output json']

  async run(): Promise<ClusterFeatures> {
    return this.present(await featuresService.clusterFeatures(await this.connection()), featuresView(this.color))
  }
}

const featuresView = (color: boolean): View<ClusterFeatures> => ({
  header: (f) => [
    ...toKeyValues(
      [
        ['metadata.version', f.metadataVersion],
        ['Features epoch', f.epoch],
      ],
      {color},
    ),
    '',
  ],
  columns: [
    {key: 'name', header: 'FEATURE'},
    {key: 'finalized', header: 'FINALIZED', align: 'right'},
    {key: 'supportedMin', header: 'SUPPORTED MIN', align: 'right'},
    {key: 'supportedMax', header: 'SUPPORTED MAX', align: 'right'},
  ],
  rows: (f) =>
    f.features.map((x) => ({
      name: x.name,
      finalized: x.finalizedVersion ? `${x.finalizedLevel} (${x.finalizedVersion})` : x.finalizedLevel,
      supportedMin: x.supportedMin,
      supportedMax: x.supportedMax,
    })),
  empty: 'The broker reports no features.',
})
