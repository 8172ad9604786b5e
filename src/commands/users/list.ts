import {type ScramUser, usersService} from '../../admin/users.js'
import {KafkaCommand} from '../../base-command.js'
import type {View} from '../../output/format.js'

export interface UserListResult {
  users: ScramUser[]
}

export default class UsersList extends KafkaCommand<typeof UsersList> {
  static summary = 'List SCRAM users with their mechanisms and iterations (never secrets).'
  static examples = ['<%= config.bin %> users list', '<%= config.bin %> users list --output json']

  async run(): Promise<UserListResult> {
    const users = await usersService.describeUsers(await this.connection())
    return this.present({users}, usersView)
  }
}

export const usersView: View<UserListResult> = {
  columns: [
    {key: 'user', header: 'USER'},
    {key: 'mechanism', header: 'MECHANISM'},
    {key: 'iterations', header: 'ITERATIONS', align: 'right'},
  ],
  rows: (d) => d.users.flatMap((u) => u.credentials.map((c) => ({user: u.name, ...c}))),
  empty: 'No SCRAM users.',
}
