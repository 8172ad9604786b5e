import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {type QuotaEntity, formatQuotaEntity, parseQuotaKey, quotasService} from '../../admin/security/quotas.js'
import {KafkaCommand} from '../../base-command.js'
import {usageError} from '../../errors.js'
import {quotaEntityFlags, quotaEntityFromFlags} from '../../flags/quotas.js'
import {entityQuotaView} from '../../cli/views/quotas.js'

export interface QuotaDeleteResult {
  entity: QuotaEntity
  dryRun: boolean
  deleted: string[]
  /** The entity's quotas after the change. */
  quotas: Record<string, number>
}

export default class QuotasDelete extends KafkaCommand<typeof QuotasDelete> {
  static summary = 'Delete client quotas of an entity (named keys, or --all of them).'
  static examples = [
    '<%= config.bin %> quotas delete --user alice producer_byte_rate --yes',
    '<%= config.bin %> quotas delete --user alice --client-id billing --all --yes',
    '<%= config.bin %> quotas delete --ip-default connection_creation_rate --dry-run',
  ]

  static strict = false
  static args = {keys: Args.string({ignoreStdin: true, description: 'Quota keys to delete (or --all).'})}
  static flags = {
    ...quotaEntityFlags,
    all: Flags.boolean({summary: 'Delete every quota of the entity.'}),
    yes: Flags.boolean({char: 'y', summary: 'Do not ask for confirmation.'}),
    'dry-run': Flags.boolean({summary: 'Show what would be deleted; change nothing.'}),
  }

  async run(): Promise<QuotaDeleteResult> {
    const entity = quotaEntityFromFlags(this.flags, {requireOne: true})
    const named = ((await this.parse(QuotasDelete)).argv as string[]).map((k) => parseQuotaKey(k))
    if (named.length === 0 && !this.flags.all)
      throw usageError(
        'No quota key given',
        'Name the keys to delete, e.g. producer_byte_rate, or pass --all.',
        'INVALID_QUOTA',
      )
    if (named.length > 0 && this.flags.all)
      throw usageError('Quota keys and --all are exclusive', undefined, 'INVALID_QUOTA')
    const conn = await this.connection()
    const before = await quotasService.entityQuotas(conn, entity)
    const deleted = (this.flags.all ? Object.keys(before) : named).filter((k) => k in before)
    const dryRun = Boolean(this.flags['dry-run'])
    if (deleted.length > 0 && !dryRun) {
      await this.guardMutation(`Delete ${deleted.join(', ')} of ${formatQuotaEntity(entity)}?`, {
        yes: this.flags.yes,
        destructive: true,
      })
      await quotasService.alterQuotas(conn, entity, {remove: deleted})
    }
    const quotas =
      dryRun || deleted.length === 0
        ? before
        : await quotasService.settledEntityQuotas(conn, entity, (q) => deleted.every((k) => !(k in q)))
    return this.present({entity, dryRun, deleted, quotas}, entityQuotaView(this.color))
  }
}
