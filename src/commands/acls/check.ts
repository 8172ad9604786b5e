import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import type {AccessRequest} from '../../admin/security/acl-authorizer.js'
import {type AccessCheck, aclsService} from '../../admin/security/acls.js'
import {KafkaCommand} from '../../base-command.js'
import {ExitCode, usageError} from '../../errors.js'
import {resourceFlags} from '../../flags/acls.js'
import {checkOperationSupported, parseHost, parseOperation, parsePrincipal, parseResources} from '../../input/acl.js'
import type {View} from '../../output/format.js'
import {toKeyValues} from '../../output/table.js'
import {BINDING_COLUMNS} from '../../cli/views/acls.js'

export default class AclsCheck extends KafkaCommand<typeof AclsCheck> {
  static summary = 'Explain whether a principal may do an operation on a resource, and which binding decides.'
  static description =
    "Evaluates the cluster's bindings the way the StandardAuthorizer does: literal, prefixed and * wildcard resources, the User:* principal, host matching, DENY before ALLOW, implied operations (READ/WRITE/DELETE/ALTER imply DESCRIBE, ALTER_CONFIGS implies DESCRIBE_CONFIGS) and super users when the brokers reveal super.users (Kafka hides it: then only bindings are evaluated). Exit 0 when ALLOWED, 3 when DENIED. Without --host only bindings for every host (*) apply."
  static examples = [
    '<%= config.bin %> acls check User:alice --operation read --topic orders',
    '<%= config.bin %> acls check User:bob --operation describe --group billing --host 10.0.0.12',
    '<%= config.bin %> acls check User:alice --operation idempotent-write --cluster --output json',
  ]

  static args = {
    principal: Args.string({ignoreStdin: true, description: 'Principal, e.g. User:alice.', required: true}),
  }
  static flags = {
    operation: Flags.string({summary: 'The operation, e.g. read, write, describe, alter-configs.', required: true}),
    ...resourceFlags,
    host: Flags.string({summary: "The client's IP address (default: unknown, only * bindings apply).", default: '*'}),
  }

  async run(): Promise<AccessCheck> {
    const {flags} = this
    const principal = parsePrincipal(this.args.principal, 'PRINCIPAL')
    const operation = parseOperation(flags.operation)
    if (operation === 'ALL')
      throw usageError('acls check needs one concrete operation, not all', 'E.g. --operation read.', 'INVALID_ACL')
    const resources = parseResources(flags)
    if (resources.length !== 1 || resources[0].resourceName === undefined || resources[0].resourceName === '*') {
      throw usageError(
        'acls check needs exactly one named resource',
        'E.g. --topic orders, --group billing, --cluster or --transactional-id tx-1 (not *).',
        'INVALID_RESOURCE',
      )
    }
    const [{resourceType, resourceName}] = resources
    checkOperationSupported(resourceType, operation)
    const req: AccessRequest = {
      principal,
      host: parseHost(flags.host),
      operation,
      resourceType,
      resourceName: resourceName!,
    }
    const result = await aclsService.checkAccess(await this.connection(), req)
    this.present(result, view(this.color))
    if (result.decision === 'DENIED') this.exitWith(ExitCode.checkFailed)
    return result
  }
}

const view = (color: boolean): View<AccessCheck> => ({
  header: (d) => [
    ...toKeyValues(
      [
        ['Decision', d.decision],
        [
          'Request',
          `${d.request.principal} ${d.request.operation} on ${d.request.resourceType} ${d.request.resourceName} from ${d.request.host}`,
        ],
        ['Because', d.explanation],
        ...(d.superUsersKnown
          ? []
          : ([
              [
                'Note',
                'the brokers do not reveal super.users: a super user is allowed everything, whatever the bindings say',
              ],
            ] as [string, string][])),
      ],
      {color},
    ),
    '',
    'Applicable bindings:',
  ],
  columns: BINDING_COLUMNS,
  rows: (d) => d.matching.map((b) => ({...b})),
  empty: '(none)',
})
