import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {type ScramChange, usersService} from '../../admin/security/users.js'
import {KafkaCommand} from '../../base-command.js'
import {operationError} from '../../errors.js'
import {parseMechanism, parseUserName} from '../../flags/users.js'
import {changeView} from '../../cli/views/users.js'

export interface UserDeleteResult {
  dryRun: boolean
  changes: ScramChange[]
}

export default class UsersDelete extends KafkaCommand<typeof UsersDelete> {
  static summary = "Delete a user's SCRAM credentials (all mechanisms, or one)."
  static examples = [
    '<%= config.bin %> users delete alice --yes',
    '<%= config.bin %> users delete alice --mechanism SCRAM-SHA-256 --yes',
    '<%= config.bin %> users delete alice --dry-run',
  ]
  static args = {user: Args.string({ignoreStdin: true, description: 'SCRAM user name.', required: true})}
  static flags = {
    mechanism: Flags.string({
      summary: 'Only this mechanism (SCRAM-SHA-256 or SCRAM-SHA-512); default: all the user has.',
    }),
    yes: Flags.boolean({char: 'y', summary: 'Do not ask for confirmation.'}),
    'dry-run': Flags.boolean({summary: 'Show what would be deleted; change nothing.'}),
  }

  async run(): Promise<UserDeleteResult> {
    const user = parseUserName(this.args.user)
    const only = this.flags.mechanism === undefined ? undefined : parseMechanism(this.flags.mechanism)
    const conn = await this.connection()
    const has = (await usersService.describeUsers(conn, [user]))[0]?.credentials.map((c) => c.mechanism) ?? []
    const mechanisms = (only ? [only] : has).filter((m) => has.includes(m)) as ScramChange['mechanism'][]
    if (mechanisms.length === 0)
      throw operationError(`${user} has no ${only ?? 'SCRAM'} credential`, {
        code: 'USER_NOT_FOUND',
        hint: 'See `kctl users list`.',
      })
    if (this.flags['dry-run'])
      return this.present(
        {dryRun: true, changes: mechanisms.map((mechanism) => ({user, mechanism, action: 'deleted' as const}))},
        changeView,
      )
    await this.guardMutation(`Delete the ${mechanisms.join(' and ')} credential(s) of ${user}?`, {
      yes: this.flags.yes,
      destructive: true,
    })
    return this.present(
      {dryRun: false, changes: await usersService.deleteScramCredentials(conn, user, mechanisms)},
      changeView,
    )
  }
}
