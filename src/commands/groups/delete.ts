import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {type GroupDeleteResult, assertInactive, groupsService} from '../../admin/groups/groups.js'
import {KafkaCommand} from '../../base-command.js'
import {operationError, usageError} from '../../errors.js'
import {requireIds} from '../../input/ids.js'
import type {View} from '../../output/format.js'

export interface GroupDeleteCommandResult {
  dryRun: boolean
  groups: GroupDeleteResult[]
}

export default class GroupsDelete extends KafkaCommand<typeof GroupsDelete> {
  static summary = 'Delete consumer groups and their committed offsets. Groups with active members are refused.'
  static aliases = ['consumer-groups:delete']
  static strict = false
  static examples = [
    '<%= config.bin %> groups delete old-service',
    '<%= config.bin %> groups delete a b c --yes',
    '<%= config.bin %> groups delete old-service --dry-run --output json',
  ]
  static args = {group: Args.string({description: 'Group id(s).'})}
  static flags = {
    yes: Flags.boolean({char: 'y', summary: 'Do not ask for confirmation.'}),
    'dry-run': Flags.boolean({summary: 'Check the groups and show what would be deleted; change nothing.'}),
  }

  async run(): Promise<GroupDeleteCommandResult> {
    const ids = [...new Set(requireIds(this.positionals, 'group', 'GROUP'))]
    if (ids.length === 0)
      throw usageError('Name at least one group to delete', 'e.g. kctl groups delete old-service', 'MISSING_GROUP')
    const conn = await this.connection()
    const coordinators = await groupsService.findCoordinators(conn, ids)
    const described = await groupsService.describeGroups(conn, ids, coordinators)
    const missing = described.filter((d) => d.state === 'Dead')
    if (missing.length)
      throw usageError(
        `No such group: ${missing.map((d) => d.group).join(', ')}`,
        'List groups with `kctl groups list`.',
        'UNKNOWN_GROUP',
      )
    assertInactive(described, 'delete')
    if (this.flags['dry-run'])
      return this.present(
        {dryRun: true, groups: ids.sort().map((g) => ({group: g, deleted: false, error: null}))},
        groupDeleteView,
      )
    await this.guardMutation(`Delete ${ids.length} group(s) (${ids.join(', ')}) and their committed offsets?`, {
      yes: this.flags.yes,
      destructive: true,
    })
    const groups = await groupsService.deleteGroups(conn, ids, coordinators)
    const result = this.present({dryRun: false, groups}, groupDeleteView)
    const failed = groups.filter((g) => !g.deleted)
    if (failed.length)
      throw operationError(
        `${failed.length} of ${groups.length} groups were not deleted: ${failed.map((f) => `${f.group} ${f.error}`).join(', ')}`,
        {code: 'PARTIAL_FAILURE'},
      )
    return result
  }
}

export const groupDeleteView: View<GroupDeleteCommandResult> = {
  columns: [
    {key: 'group', header: 'GROUP'},
    {
      key: 'result',
      header: 'RESULT',
      color: (v) => (v === 'deleted' ? 'green' : v === 'would delete' ? undefined : 'red'),
    },
  ],
  rows: (d) =>
    d.groups.map((g) => ({group: g.group, result: d.dryRun ? 'would delete' : g.deleted ? 'deleted' : g.error})),
}
