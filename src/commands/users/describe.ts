import * as Args from '@oclif/core/args'

import {usersService} from '../../admin/security/users.js'
import {KafkaCommand} from '../../base-command.js'
import {operationError} from '../../errors.js'
import {parseUserName} from '../../flags/users.js'
import {type UserListResult, usersView} from '../../cli/views/users.js'

export default class UsersDescribe extends KafkaCommand<typeof UsersDescribe> {
  static summary = 'Show the SCRAM mechanisms and iterations of users (never secrets).'
  static examples = [
    '<%= config.bin %> users describe alice',
    '<%= config.bin %> users describe alice bob --output json',
  ]
  static strict = false
  static args = {user: Args.string({ignoreStdin: true, description: 'User names.', required: true})}

  async run(): Promise<UserListResult> {
    const names = ((await this.parse(UsersDescribe)).argv as string[]).map((u) => parseUserName(u))
    const users = await usersService.describeUsers(await this.connection(), names)
    const missing = names.filter((n) => !users.some((u) => u.name === n))
    if (missing.length > 0)
      throw operationError(`No SCRAM credentials for ${missing.join(', ')}`, {
        code: 'USER_NOT_FOUND',
        hint: 'Create them with `kctl users create NAME`.',
      })
    return this.present({users}, usersView)
  }
}
