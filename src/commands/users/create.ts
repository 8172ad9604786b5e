import {type ScramChange, usersService} from '../../admin/users.js'
import {KafkaCommand, yesFlag} from '../../base-command.js'
import {operationError} from '../../errors.js'
import {credentialFlags, parseIterations, parseMechanism, parseUserName, userArg} from '../../flags/users.js'
import {newPassword} from '../../input/password.js'
import type {View} from '../../output/format.js'
import {canPrompt} from '../../prompts/prompter.js'

export default class UsersCreate extends KafkaCommand<typeof UsersCreate> {
  static summary =
    'Create a SCRAM credential for a user (the salted password is computed here; the password never leaves).'
  static description =
    'Fails if the user already has a credential for the mechanism (use `users update`). The password comes from --password-file, --password-stdin or a prompt, never from the command line.'
  static examples = [
    '<%= config.bin %> users create alice --mechanism SCRAM-SHA-512 --password-file ./alice.pw',
    'printf %s "$PW" | <%= config.bin %> users create alice --mechanism SCRAM-SHA-256 --iterations 8192 --password-stdin',
  ]

  static args = {user: userArg}
  static flags = {...credentialFlags, yes: yesFlag}
  /** `users update` is this command with the opposite existence check. */
  protected action: 'created' | 'updated' = 'created'

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

export const changeView: View<ScramChange | {changes: ScramChange[]}> = {
  columns: [
    {key: 'user', header: 'USER'},
    {key: 'mechanism', header: 'MECHANISM'},
    {key: 'iterations', header: 'ITERATIONS', align: 'right'},
    {key: 'action', header: 'ACTION'},
  ],
  rows: (d) => ('changes' in d ? d.changes : [d]).map((c) => ({...c})),
  empty: 'Nothing changed.',
  footer: (d) =>
    'dryRun' in d && d.dryRun
      ? [
          '',
          `Dry run: the ${'changes' in d && d.changes.length === 1 ? 'credential' : 'credentials'} above would be deleted; nothing was changed.`,
        ]
      : [],
}
