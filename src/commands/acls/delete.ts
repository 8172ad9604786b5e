import * as Flags from '@oclif/core/flags'

import {aclsService} from '../../admin/security/acls.js'
import {KafkaCommand} from '../../base-command.js'
import {usageError} from '../../errors.js'
import {entryFlags, filterFlags, patternFilterFlag} from '../../flags/acls.js'
import {type AclBinding, expandAclFlags, isMatchAll, parseAclFilter} from '../../input/acl.js'
import {render} from '../../output/render.js'
import {bindingsView} from '../../cli/views/acls.js'

export interface AclDeleteResult {
  dryRun: boolean
  deleted: AclBinding[]
}

export default class AclsDelete extends KafkaCommand<typeof AclsDelete> {
  static summary = 'Delete the ACL bindings that match a filter, after showing them.'
  static description =
    "Filters are those of `acls list` (default pattern type literal, like kafka-acls --remove); Kafka's --allow-principal/--deny-principal with --operation, --producer or --consumer name exact bindings instead. Every matching binding is shown, then deleted (exactly those) after confirmation or with --yes. A filter that matches everything needs --all."
  static examples = [
    '<%= config.bin %> acls delete --principal User:alice --topic orders --yes',
    '<%= config.bin %> acls delete --allow-principal User:bob --consumer --topic orders --group billing --yes',
    '<%= config.bin %> acls delete --topic tmp- --resource-pattern-type prefixed --dry-run',
    '<%= config.bin %> acls delete --all --yes',
  ]

  static flags = {
    ...filterFlags,
    ...entryFlags,
    'resource-pattern-type': patternFilterFlag('literal'),
    all: Flags.boolean({summary: 'Allow a filter that matches every binding of the cluster.'}),
    yes: Flags.boolean({char: 'y', summary: 'Do not ask for confirmation.'}),
    'dry-run': Flags.boolean({summary: 'Show the bindings that would be deleted; delete nothing.'}),
  }

  async run(): Promise<AclDeleteResult> {
    const {flags} = this
    const exact = Boolean(
      flags['allow-principal']?.length || flags['deny-principal']?.length || flags.producer || flags.consumer,
    )
    if (exact && (flags.principal?.length || flags.permission || flags.host?.length)) {
      throw usageError(
        '--principal/--permission/--host cannot be combined with --allow-principal/--deny-principal/--producer/--consumer',
        "Use either list-style filters or Kafka's exact binding flags.",
        'INVALID_ACL',
      )
    }
    const filter = exact ? undefined : parseAclFilter(flags, 'LITERAL')
    const bindings = exact
      ? expandAclFlags({...flags, 'resource-pattern-type': flags['resource-pattern-type'] ?? 'literal'})
      : undefined
    if (filter && isMatchAll(filter) && !flags.all)
      throw usageError(
        'This filter matches every ACL binding of the cluster',
        'Pass --all to delete them all, or narrow it with --principal, --topic, --operation, ...',
        'FILTER_MATCHES_ALL',
      )
    const conn = await this.connection()
    const matching = bindings
      ? await aclsService.existingBindings(conn, bindings)
      : await aclsService.listAcls(conn, filter!)
    const view = {
      ...bindingsView<AclDeleteResult>(this.format, 'No ACL bindings match: nothing to delete.', (d) => d.deleted),
      footer: (d: AclDeleteResult) =>
        d.dryRun ? ['', `Dry run: ${d.deleted.length} binding(s) would be deleted; nothing was changed.`] : [],
    }
    if (flags['dry-run'] || matching.length === 0)
      return this.present({dryRun: Boolean(flags['dry-run']), deleted: flags['dry-run'] ? matching : []}, view)
    // Shown before the question; with --yes the result below lists them.
    if (!flags.yes && !this.jsonEnabled())
      this.logToStderr(
        render(
          matching,
          bindingsView<AclBinding[]>('table', '', (d) => d),
          'table',
          {color: this.color},
        ),
      )
    await this.guardMutation(`Delete these ${matching.length} ACL binding(s)?`, {yes: flags.yes, destructive: true})
    const deleted = await aclsService.deleteAcls(conn, matching)
    return this.present({dryRun: false, deleted}, view)
  }
}
