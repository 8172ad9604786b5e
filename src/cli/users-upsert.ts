import {type ScramChange, usersService} from '../admin/security/users.js'
import {KafkaCommand} from '../base-command.js'
import {operationError} from '../errors.js'
import {credentialFlags, parseIterations, parseMechanism, parseUserName, userArg} from '../flags/users.js'
import {newPassword} from '../input/password.js'
import {canPrompt} from '../prompts/prompter.js'
import {changeView} from './views/users.js'

/**
 * `users create` and `users update`: one credential of one user, set from a password that never
 * leaves this process; they differ only in the existence check (`action`).
 */
export abstract class UsersUpsertCommand extends KafkaCommand<typeof UsersUpsertCommand> {
  static args = {user: userArg}
  static flags = {...credentialFlags}
  protected abstract action: 'created' | 'updated'

  async run(): Promise<ScramChange> {
    const {flags, action} = this
    const user = parseUserName(this.args.user)
    const mechanism = parseMechanism(flags.mechanism)
    const iterations = parseIterations(flags.iterations)
    const password = await newPassword({
      file: flags['password-file'],
      stdin: flags['password-stdin'],
      interactive: canPrompt() && !this.jsonEnabled(),
    })
    const conn = await this.connection()
    const exists = (await usersService.describeUsers(conn, [user])).some((u) =>
      u.credentials.some((c) => c.mechanism === mechanism),
    )
    if (action === 'created' && exists)
      throw operationError(`${user} already has a ${mechanism} credential`, {
        code: 'USER_EXISTS',
        hint: `Change it with \`kctl users update ${user} --mechanism ${mechanism}\`.`,
      })
    if (action === 'updated' && !exists)
      throw operationError(`${user} has no ${mechanism} credential to update`, {
        code: 'USER_NOT_FOUND',
        hint: `Create it with \`kctl users create ${user} --mechanism ${mechanism}\`.`,
      })
    await this.guardMutation(`${action === 'created' ? 'Create' : 'Update'} the ${mechanism} credential of ${user}?`)
    return this.present(
      await usersService.upsertScramCredential(conn, {user, mechanism, iterations, password, action}),
      changeView,
    )
  }
}
