import {aclsService} from '../../admin/acls.js'
import {KafkaCommand} from '../../base-command.js'
import {filterFlags, patternFilterFlag} from '../../flags/acls.js'
import {type AclBinding, parseAclFilter} from '../../input/acl.js'
import type {Column, OutputFormat, View} from '../../output/format.js'

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

export const BINDING_COLUMNS: Column[] = [
  {key: 'resourceType', header: 'RESOURCE TYPE'},
  {key: 'resourceName', header: 'NAME'},
  {key: 'patternType', header: 'PATTERN'},
  {key: 'principal', header: 'PRINCIPAL'},
  {key: 'host', header: 'HOST'},
  {key: 'operation', header: 'OPERATION'},
  {key: 'permission', header: 'PERMISSION', color: (v) => (v === 'DENY' ? 'red' : 'green')},
]

/** Bindings sorted by resource; in tables the resource is printed once per group. */
export function bindingsView<R>(
  format: OutputFormat,
  empty: string,
  pick: (d: R) => AclBinding[] = (d) => (d as {bindings: AclBinding[]}).bindings,
): View<R> {
  const grouped = format === 'table' || format === 'wide'
  return {
    columns: BINDING_COLUMNS,
    rows: (d) => {
      let previous = ''
      return pick(d).map((b) => {
        const resource = `${b.resourceType}\u0000${b.resourceName}\u0000${b.patternType}`
        const repeat = grouped && resource === previous
        previous = resource
        return repeat ? {...b, resourceType: '', resourceName: '', patternType: ''} : {...b}
      })
    },
    empty,
  }
}
