import {aclsService} from '../../admin/security/acls.js'
import {KafkaCommand} from '../../base-command.js'
import {filterFlags, patternFilterFlag} from '../../flags/acls.js'
import {type AclBinding, parseAclFilter} from '../../input/acl.js'
import {bindingsView} from '../../cli/views/acls.js'

export interface AclListResult {
  bindings: AclBinding[]
}

export default class AclsList extends KafkaCommand<typeof AclsList> {
  static summary = 'List ACL bindings, one row per binding, grouped by resource.'
  static description =
    'Without filters every binding is listed. A resource flag with the default --resource-pattern-type any lists the bindings with exactly that name (literal and prefixed); `match` lists every binding that applies to the resource (literal, prefixed and the * wildcard).'
  static examples = [
    '<%= config.bin %> acls list',
    '<%= config.bin %> acls list --principal User:alice',
    '<%= config.bin %> acls list --topic orders --resource-pattern-type match --output json',
    '<%= config.bin %> acls list --operation read --permission deny',
  ]

  static flags = {
    ...filterFlags,
    'resource-pattern-type': patternFilterFlag('any'),
  }

  async run(): Promise<AclListResult> {
    const filter = parseAclFilter(this.flags, 'ANY')
    const bindings = await aclsService.listAcls(await this.connection(), filter)
    return this.present({bindings}, bindingsView(this.format, 'No ACL bindings match.'))
  }
}
