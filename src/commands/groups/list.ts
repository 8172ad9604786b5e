import * as Flags from '@oclif/core/flags'

import {type GroupListing, groupsService, parseGroupStates, parseGroupTypes} from '../../admin/groups/groups.js'
import {KafkaCommand} from '../../base-command.js'
import type {View} from '../../output/format.js'

export interface GroupListResult {
  groups: GroupListing[]
}

const csvList = (v: string | undefined) =>
  v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : []

export default class GroupsList extends KafkaCommand<typeof GroupsList> {
  static summary = 'List consumer groups with their state, type, protocol type and member count.'
  static description =
    'Filters run on the brokers (ListGroups v4+ state filter, v5 type filter); one ListGroups per broker.'
  static aliases = ['consumer-groups:list', 'groups:ls']
  static examples = [
    '<%= config.bin %> groups list',
    '<%= config.bin %> groups list --state stable,empty',
    '<%= config.bin %> groups list --type consumer --output json',
  ]

  static flags = {
    state: Flags.string({
      summary:
        'Only groups in these states (comma-separated): stable, empty, preparingrebalance, completingrebalance, dead, assigning, reconciling.',
    }),
    type: Flags.string({
      summary: 'Only groups of these types (comma-separated): classic, consumer (KIP-848), share, streams.',
    }),
  }

  async run(): Promise<GroupListResult> {
    const states = parseGroupStates(csvList(this.flags.state))
    const types = parseGroupTypes(csvList(this.flags.type))
    const conn = await this.connection()
    await groupsService.requireGroupTypesSupported(conn, types)
    const groups = await groupsService.listGroups(conn, {states, types})
    return this.present({groups}, groupListView)
  }
}

export const groupListView: View<GroupListResult> = {
  columns: [
    {key: 'group', header: 'GROUP'},
    {
      key: 'state',
      header: 'STATE',
      color: (v) => (v === 'Stable' ? 'green' : v === 'Empty' || v === 'Dead' ? 'dim' : 'yellow'),
    },
    {key: 'type', header: 'TYPE'},
    {key: 'protocolType', header: 'PROTOCOL'},
    {key: 'members', header: 'MEMBERS', align: 'right'},
    {key: 'coordinator', header: 'COORDINATOR', align: 'right', wide: true},
  ],
  rows: (d) => d.groups.map((g) => ({...g})),
  empty: 'No groups.',
}
