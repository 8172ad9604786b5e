import {UsersUpsertCommand} from '../../cli/users-upsert.js'
import {yesFlag} from '../../base-command.js'
import {credentialFlags, userArg} from '../../flags/users.js'

export default class UsersCreate extends UsersUpsertCommand {
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
  protected action = 'created' as const
}
