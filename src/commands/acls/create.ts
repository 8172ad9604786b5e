import * as Flags from '@oclif/core/flags'

import {aclsService} from '../../admin/security/acls.js'
import {KafkaCommand, yesFlag} from '../../base-command.js'
import {entryFlags, patternTypeFlag, resourceFlags} from '../../flags/acls.js'
import {type AclBinding, expandAclFlags} from '../../input/acl.js'
import {bindingsView} from '../../cli/views/acls.js'

export interface AclCreateResult {
  dryRun: boolean
  created: AclBinding[]
}

export default class AclsCreate extends KafkaCommand<typeof AclsCreate> {
  static summary = "Create ACL bindings (Kafka's kafka-acls --add flags, with --producer and --consumer)."
  static description =
    'Principals x hosts x operations are created on every resource given, exactly as kafka-acls does; a principal without --allow-host/--deny-host gets host *. Prints the bindings created; --dry-run prints them and creates nothing. All bindings go in one CreateAcls request.'
  static examples = [
    '<%= config.bin %> acls create --allow-principal User:alice --operation read --operation describe --topic orders',
    '<%= config.bin %> acls create --allow-principal User:alice --producer --idempotent --topic orders',
    '<%= config.bin %> acls create --allow-principal User:bob --consumer --topic orders --group billing --resource-pattern-type prefixed',
    '<%= config.bin %> acls create --deny-principal User:mallory --deny-host 10.0.0.7 --operation all --topic payments --dry-run',
  ]

  static flags = {
    yes: yesFlag,
    ...entryFlags,
    operation: Flags.string({
      summary:
        'Operation to allow or deny (repeatable): all, read, write, create, delete, alter, describe, cluster-action, describe-configs, alter-configs, idempotent-write.',
      multiple: true,
      helpGroup: 'BINDING',
    }),
    ...resourceFlags,
    'resource-pattern-type': patternTypeFlag,
    'dry-run': Flags.boolean({summary: 'Print the bindings that would be created; change nothing.'}),
  }

  async run(): Promise<AclCreateResult> {
    const {flags} = this
    const bindings = expandAclFlags(flags)
    const view = {
      ...bindingsView<AclCreateResult>(this.format, 'No bindings.', (d) => d.created),
      footer: (d: AclCreateResult) =>
        d.dryRun ? ['', `Dry run: ${d.created.length} binding(s) would be created; nothing was changed.`] : [],
    }
    if (flags['dry-run']) return this.present({dryRun: true, created: bindings}, view)
    await this.guardMutation(`Create ${bindings.length} ACL binding(s)?`)
    const created = await aclsService.createAcls(await this.connection(), bindings)
    return this.present({dryRun: false, created}, view)
  }
}
