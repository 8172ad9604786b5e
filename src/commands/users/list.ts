import {usersService} from '../../admin/security/users.js'
import {KafkaCommand} from '../../base-command.js'
import {type UserListResult, usersView} from '../../cli/views/users.js'

export default class UsersList extends KafkaCommand<typeof UsersList> {
  static summary = 'List SCRAM users with their mechanisms and iterations (never secrets).'
  static examples = ['<%= config.bin %> users list', '<%= config.bin %> users list --output json']

  async run(): Promise<UserListResult> {
    const users = await usersService.describeUsers(await this.connection())
    return this.present({users}, usersView)
  }
}
