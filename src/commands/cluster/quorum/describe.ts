import {type QuorumMember, quorumService} from '../../../admin/cluster/quorum.js'
import {KafkaCommand} from '../../../base-command.js'
import type {View} from '../../../output/format.js'
import {toKeyValues} from '../../../output/table.js'

export interface QuorumDescribeResult {
  leader: number
  leaderEpoch: number
  highWatermark: bigint
  /** Dynamic (KIP-853): voters can be added and removed. Static: a fixed controller.quorum.voters. */
  dynamic: boolean
  voters: QuorumMember[]
  observers: QuorumMember[]
}

export default class ClusterQuorumDescribe extends KafkaCommand<typeof ClusterQuorumDescribe> {
  static summary = 'Show the KRaft metadata quorum: leader, voters and observers with their directory ids and lag.'
  static description =
    'DescribeQuorum, forwarded by a broker to the quorum leader, like `kafka-metadata-quorum describe --status --replication`. ' +
    'LAST FETCH is measured on the leader’s clock. Endpoints are known for voters only: Kafka does not report them for observers.'

  static examples = [
    '<%= config.bin %> cluster quorum describe',
    '<%= config.bin %> cluster quorum describe --output json',
  ]

  async run(): Promise<QuorumDescribeResult> {
    const q = await quorumService.describeQuorum(await this.connection())
    const result: QuorumDescribeResult = {
      leader: q.leaderId,
      leaderEpoch: q.leaderEpoch,
      highWatermark: q.highWatermark,
      dynamic: q.dynamic,
      voters: q.voters,
      observers: q.observers,
    }
    return this.present(result, quorumView(this.color))
  }
}

const quorumView = (color: boolean): View<QuorumDescribeResult> => ({
  header: (q) => [
    ...toKeyValues(
      [
        ['Leader', q.leader],
        ['Leader epoch', q.leaderEpoch],
        ['High watermark', q.highWatermark],
        ['Quorum', q.dynamic ? 'dynamic (voters can be added and removed)' : 'static (controller.quorum.voters)'],
      ],
      {color},
    ),
    '',
  ],
  columns: [
    {key: 'id', header: 'NODE', align: 'right'},
    {key: 'role', header: 'ROLE'},
    {key: 'directoryId', header: 'DIRECTORY ID'},
    {key: 'logEndOffset', header: 'LOG END OFFSET', align: 'right'},
    {key: 'lag', header: 'LAG', align: 'right'},
    {key: 'lastFetchAgeMs', header: 'LAST FETCH', align: 'right', human: (v) => (v === null ? '-' : `${v}ms ago`)},
    {key: 'endpoints', header: 'ENDPOINTS', wide: true},
  ],
  rows: (q) =>
    [...q.voters, ...q.observers].map((m) => ({
      id: m.id,
      role: m.role,
      directoryId: m.directoryId,
      logEndOffset: m.logEndOffset,
      lag: m.lag,
      lastFetchAgeMs: m.lastFetchAgeMs,
      endpoints: m.endpoints.join(','),
    })),
})
