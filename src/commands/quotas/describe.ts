import {type QuotaEntry, formatQuotaEntity, quotasService} from '../../admin/security/quotas.js'
import {KafkaCommand} from '../../base-command.js'
import {quotaEntityFlags, quotaEntityFromFlags} from '../../flags/quotas.js'
import type {View} from '../../output/format.js'

export interface QuotaDescribeResult {
  entries: QuotaEntry[]
}

export default class QuotasDescribe extends KafkaCommand<typeof QuotasDescribe> {
  static summary = 'Show client quotas (all, or those of a user, client id or IP).'
  static description =
    'One DescribeClientQuotas request. --user alice also shows the quotas of alice with specific client ids; an entity set to <default> is the default for its type.'
  static examples = [
    '<%= config.bin %> quotas describe',
    '<%= config.bin %> quotas describe --user alice --output json',
    '<%= config.bin %> quotas describe --client-default',
    '<%= config.bin %> quotas describe --ip 10.0.0.12',
  ]

  static flags = {...quotaEntityFlags}

  async run(): Promise<QuotaDescribeResult> {
    const filter = quotaEntityFromFlags(this.flags, {requireOne: false})
    const entries = await quotasService.describeQuotas(await this.connection(), filter)
    return this.present({entries}, quotaView)
  }
}

export const quotaView: View<QuotaDescribeResult> = {
  columns: [
    {key: 'entity', header: 'ENTITY'},
    {key: 'key', header: 'QUOTA'},
    {key: 'value', header: 'VALUE', align: 'right'},
  ],
  rows: (d) =>
    d.entries.flatMap((e) =>
      Object.entries(e.values).map(([key, value]) => ({entity: formatQuotaEntity(e.entity), key, value})),
    ),
  empty: 'No client quotas.',
}
