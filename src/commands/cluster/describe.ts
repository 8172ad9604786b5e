import {type ClusterDescription, clusterService} from '../../admin/cluster/cluster.js'
import {KafkaCommand} from '../../base-command.js'
import {toKeyValues} from '../../output/table.js'
import type {View} from '../../output/format.js'
import {markCell} from '../../output/size.js'

export default class ClusterDescribe extends KafkaCommand<typeof ClusterDescribe> {
  static summary = 'Show the cluster id, the active controller and the brokers.'
  static description =
    'Uses DescribeCluster (API 60), so the controller shown is the one the cluster reports, not a random broker.'
  static examples = [
    '<%= config.bin %> cluster describe',
    '<%= config.bin %> cluster describe --bootstrap-server kafka1:9092 --output json',
  ]

  async run(): Promise<ClusterDescription> {
    const conn = await this.connection()
    const result = await clusterService.describeCluster(conn)
    return this.present(result, view(this.color))
  }
}

const view = (color: boolean): View<ClusterDescription> => ({
  header: (d) => [
    ...toKeyValues(
      [
        ['Cluster ID', d.clusterId],
        ['Controller', d.controllerId],
        ['Brokers', d.brokers.length],
      ],
      {color},
    ),
    '',
  ],
  columns: [
    {key: 'id', header: 'ID', align: 'right'},
    {key: 'host', header: 'HOST'},
    {key: 'port', header: 'PORT', align: 'right'},
    {key: 'rack', header: 'RACK'},
    {key: 'controller', header: 'CONTROLLER', human: markCell},
    {key: 'fenced', header: 'FENCED', wide: true, color: (v) => (v === true ? 'red' : undefined)},
  ],
  rows: (d) =>
    d.brokers.map((b) => ({
      id: b.id,
      host: b.host,
      port: b.port,
      rack: b.rack,
      controller: b.isController,
      fenced: b.fenced,
    })),
})
