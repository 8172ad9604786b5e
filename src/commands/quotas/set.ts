import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {
  type QuotaEntity,
  checkQuotaKeysForEntity,
  formatQuotaEntity,
  parseQuotaValues,
  quotasService,
} from '../../admin/security/quotas.js'
import {KafkaCommand, yesFlag} from '../../base-command.js'
import {quotaEntityFlags, quotaEntityFromFlags} from '../../flags/quotas.js'
import {entityQuotaView} from '../../cli/views/quotas.js'

export interface QuotaSetResult {
  entity: QuotaEntity
  dryRun: boolean
  set: Record<string, number>
  /** The entity's quotas after the change (before it, for --dry-run). */
  quotas: Record<string, number>
}

export default class QuotasSet extends KafkaCommand<typeof QuotasSet> {
  static summary = 'Set client quotas of a user, client id, user+client id or IP (other quotas stay).'
  static description =
    'Keys: producer_byte_rate, consumer_byte_rate, request_percentage, controller_mutation_rate (users/clients) and connection_creation_rate (IPs). One AlterClientQuotas request; --dry-run asks the broker to validate only.'
  static examples = [
    '<%= config.bin %> quotas set --user alice producer_byte_rate=1048576 consumer_byte_rate=2097152',
    '<%= config.bin %> quotas set --user alice --client-id billing request_percentage=50',
    '<%= config.bin %> quotas set --client-default consumer_byte_rate=10485760 --dry-run',
    '<%= config.bin %> quotas set --ip 10.0.0.12 connection_creation_rate=10',
  ]

  static strict = false
  static args = {quotas: Args.string({ignoreStdin: true, description: 'key=value pairs.', required: true})}
  static flags = {
    yes: yesFlag,
    ...quotaEntityFlags,
    'dry-run': Flags.boolean({summary: 'Validate on the broker; change nothing.'}),
  }

  async run(): Promise<QuotaSetResult> {
    const entity = quotaEntityFromFlags(this.flags, {requireOne: true})
    const set = parseQuotaValues((await this.parse(QuotasSet)).argv as string[])
    checkQuotaKeysForEntity(entity, Object.keys(set))
    const dryRun = Boolean(this.flags['dry-run'])
    if (!dryRun) await this.guardMutation(`Set ${Object.keys(set).join(', ')} for ${formatQuotaEntity(entity)}?`)
    const conn = await this.connection()
    await quotasService.alterQuotas(conn, entity, {set, validateOnly: dryRun})
    const quotas = dryRun
      ? await quotasService.entityQuotas(conn, entity)
      : await quotasService.settledEntityQuotas(conn, entity, (q) => Object.entries(set).every(([k, v]) => q[k] === v))
    return this.present({entity, dryRun, set, quotas}, entityQuotaView(this.color))
  }
}
