import {UsersUpsertCommand} from '../../cli/users-upsert.js'
import {yesFlag} from '../../base-command.js'
import {credentialFlags, userArg} from '../../flags/users.js'

export default class UsersUpdate extends UsersUpsertCommand {
  static summary = "Change a user's SCRAM password (or iterations) for one mechanism."
  static description =
    'Fails if the user has no credential for the mechanism (use `users create`). The password comes from --password-file, --password-stdin or a prompt, never from the command line. Connections already authenticated stay open.'
  static examples = [
    '<%= config.bin %> users update alice --mechanism SCRAM-SHA-512 --password-file ./alice-new.pw',
    'printf %s "$NEW_PW" | <%= config.bin %> users update alice --password-stdin --iterations 8192',
  ]

  static args = {user: userArg}
  static flags = {...credentialFlags, yes: yesFlag}
  protected action = 'updated' as const
}
