import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import type {GroupDescription} from '../../admin/groups/groups.js'
import {type PartitionLag, lagService} from '../../admin/groups/lag.js'
import {KafkaCommand} from '../../base-command.js'
import {usageError} from '../../errors.js'
import {requireIds} from '../../input/ids.js'
import type {View} from '../../output/format.js'

export interface GroupDetail extends GroupDescription {
  /** Total lag over the committed partitions. */
  lag: bigint
  offsets: Omit<PartitionLag, 'timeLagMs'>[]
}

export interface GroupDescribeResult {
  groups: GroupDetail[]
}

export default class GroupsDescribe extends KafkaCommand<typeof GroupsDescribe> {
  static summary = 'Describe consumer groups: state, coordinator, assignor, members and per-partition offsets and lag.'
  static description =
    'Groups on the new consumer protocol (KIP-848) are described with ConsumerGroupDescribe, share groups (KIP-932) with ShareGroupDescribe and their start offsets, streams groups (KIP-1071) with StreamsGroupDescribe. Without --members or --state the table shows offsets (like kafka-consumer-groups --describe); JSON always has everything.'
  static aliases = ['consumer-groups:describe']
  static strict = false
  static examples = [
    '<%= config.bin %> groups describe orders-service',
    '<%= config.bin %> groups describe orders-service --members',
    '<%= config.bin %> groups describe --all-groups --state',
    '<%= config.bin %> groups describe orders-service billing --output json',
    '<%= config.bin %> groups describe word-count-app --topology',
  ]

  static args = {group: Args.string({description: 'Group id(s).'})}
  static flags = {
    'all-groups': Flags.boolean({summary: 'Describe every group.'}),
    members: Flags.boolean({
      summary: 'Show members: client id, host, assigned partitions.',
      exclusive: ['state', 'offsets', 'topology'],
    }),
    offsets: Flags.boolean({
      summary: 'Show per-partition committed offset, log-end offset and lag (the default).',
      exclusive: ['state', 'members', 'topology'],
    }),
    state: Flags.boolean({
      summary: 'Show one line per group: state, type, assignor, coordinator, members.',
      exclusive: ['offsets', 'members', 'topology'],
    }),
    topology: Flags.boolean({
      summary:
        'Show the topology of streams groups (KIP-1071): per subtopology its source, repartition and changelog topics.',
      exclusive: ['offsets', 'members', 'state'],
    }),
  }

  async run(): Promise<GroupDescribeResult> {
    const groups = requireIds(this.positionals, 'group', 'GROUP')
    if (groups.length === 0 && !this.flags['all-groups'])
      throw usageError(
        'Name at least one group, or pass --all-groups',
        'e.g. kctl groups describe my-group',
        'MISSING_GROUP',
      )
    if (groups.length > 0 && this.flags['all-groups'])
      throw usageError('Pass group names or --all-groups, not both', undefined, 'CONFLICTING_ARGUMENTS')
    const described = await lagService.describeWithLag(await this.connection(), {
      groups,
      allGroups: this.flags['all-groups'],
      timeLag: false,
    })
    const result = {
      groups: described.map(({description: d, lag}) => ({
        group: d.group,
        state: d.state,
        type: d.type,
        protocolType: d.protocolType,
        assignor: d.assignor,
        coordinator: d.coordinator,
        lag: lag.lag,
        members: d.members,
        offsets: lag.topics.flatMap((t) => t.partitions.map(({timeLagMs: _, ...p}) => p)),
        ...(d.topology ? {topology: d.topology} : {}),
      })),
    }
    const view = this.flags.members
      ? membersView
      : this.flags.state
        ? stateView
        : this.flags.topology
          ? topologyView
          : offsetsView
    return this.present(result, view)
  }
}

const stateColor = (v: unknown) => (v === 'Stable' ? 'green' : v === 'Empty' ? 'dim' : v === 'Dead' ? 'red' : 'yellow')

export const stateView: View<GroupDescribeResult> = {
  columns: [
    {key: 'group', header: 'GROUP'},
    {key: 'state', header: 'STATE', color: stateColor},
    {key: 'type', header: 'TYPE'},
    {key: 'assignor', header: 'ASSIGNOR'},
    {key: 'coordinator', header: 'COORDINATOR', align: 'right'},
    {key: 'members', header: 'MEMBERS', align: 'right'},
    {key: 'lag', header: 'LAG', align: 'right'},
  ],
  rows: (d) =>
    d.groups.map((g) => ({
      group: g.group,
      state: g.state,
      type: g.type,
      assignor: g.assignor,
      coordinator: g.coordinator,
      members: g.members.length,
      lag: g.lag,
    })),
  empty: 'No groups.',
}

export const membersView: View<GroupDescribeResult> = {
  columns: [
    {key: 'group', header: 'GROUP'},
    {key: 'clientId', header: 'CLIENT-ID'},
    {key: 'host', header: 'HOST'},
    {key: 'partitions', header: 'PARTITIONS', align: 'right'},
    {key: 'assignment', header: 'ASSIGNMENT'},
    {key: 'memberId', header: 'MEMBER-ID', wide: true},
    {key: 'instanceId', header: 'INSTANCE-ID', wide: true},
  ],
  rows: (d) =>
    d.groups.flatMap((g) =>
      g.members.map((m) => ({
        group: g.group,
        clientId: m.clientId,
        host: m.host,
        partitions: m.assignment.reduce((n, a) => n + a.partitions.length, 0),
        assignment: m.assignment.map((a) => `${a.topic}:${a.partitions.join(',')}`).join(' ') || null,
        memberId: m.memberId,
        instanceId: m.instanceId,
      })),
    ),
  empty: 'No active members.',
  header: (d) =>
    d.groups.filter((g) => g.members.length === 0).map((g) => `Group ${g.group} has no active members (${g.state}).`),
}

export const offsetsView: View<GroupDescribeResult> = {
  columns: [
    {key: 'group', header: 'GROUP'},
    {key: 'topic', header: 'TOPIC'},
    {key: 'partition', header: 'PARTITION', align: 'right'},
    {key: 'committed', header: 'CURRENT-OFFSET', align: 'right'},
    {key: 'logEnd', header: 'LOG-END-OFFSET', align: 'right'},
    {key: 'lag', header: 'LAG', align: 'right', color: (v) => (typeof v === 'bigint' && v > 0n ? 'yellow' : undefined)},
    {key: 'owner', header: 'CONSUMER'},
    {key: 'state', header: 'STATE', wide: true},
  ],
  rows: (d) => d.groups.flatMap((g) => g.offsets.map((o) => ({group: g.group, state: g.state, ...o}))),
  empty: 'No committed offsets.',
  header: (d) =>
    d.groups
      .filter((g) => g.offsets.length === 0)
      .map((g) => `Group ${g.group} (${g.state}) has no committed offsets.`),
}

export const topologyView: View<GroupDescribeResult> = {
  columns: [
    {key: 'group', header: 'GROUP'},
    {key: 'subtopology', header: 'SUBTOPOLOGY', align: 'right'},
    {key: 'sourceTopics', header: 'SOURCE-TOPICS'},
    {key: 'repartitionSinkTopics', header: 'REPARTITION-SINKS'},
    {key: 'changelogTopics', header: 'CHANGELOGS'},
    {key: 'repartitionSourceTopics', header: 'REPARTITION-SOURCES', wide: true},
  ],
  rows: (d) =>
    d.groups.flatMap((g) =>
      (g.topology ?? []).map((t) => ({
        group: g.group,
        subtopology: t.subtopology,
        sourceTopics: t.sourceTopics.join(',') || null,
        repartitionSinkTopics: t.repartitionSinkTopics.join(',') || null,
        changelogTopics: t.changelogTopics.join(',') || null,
        repartitionSourceTopics: t.repartitionSourceTopics.join(',') || null,
      })),
    ),
  empty: 'No topology.',
  header: (d) =>
    d.groups
      .filter((g) => !g.topology)
      .map((g) => `Group ${g.group} is a ${g.type} group: only streams groups have a topology.`),
}
