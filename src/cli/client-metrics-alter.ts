import type {Command} from '@oclif/core/command'
import * as Flags from '@oclif/core/flags'

import {
  type AlterConfigsResult,
  type ConfigChange,
  configsService,
  validateConfigChanges,
} from '../admin/configs/configs.js'
import {KafkaCommand, yesFlag} from '../base-command.js'
import {usageError} from '../errors.js'
import {configDiffView} from './config-alter.js'

/** The flags `client-metrics set` and `delete` both take. */
export const clientMetricsAlterFlags = {
  'dry-run': Flags.boolean({summary: 'Validate on the broker and print the diff; change nothing.'}),
  yes: yesFlag,
}

/** `client-metrics set|delete`: validate, confirm, change the subscription's configs, print the diff. */
export abstract class ClientMetricsAlterCommand<T extends typeof Command> extends KafkaCommand<T> {
  /** The subscription named by the argument (trimmed); a usage error without one. */
  protected subscriptionName(message: string, hint: string): string {
    const name = (this.args as {name?: string}).name?.trim()
    if (!name) throw usageError(message, hint, 'MISSING_ENTITY_NAME')
    return name
  }

  protected async apply(name: string, changes: ConfigChange[], destructive: boolean): Promise<AlterConfigsResult> {
    const {'dry-run': dryRun, yes} = this.flags as {'dry-run'?: boolean; yes?: boolean}
    const entity = {type: 'client-metrics' as const, name}
    validateConfigChanges(entity, changes)
    if (!dryRun)
      await this.guardMutation(`${destructive ? 'Delete' : 'Change'} client-metrics subscription ${name}?`, {
        yes,
        destructive,
      })
    return this.present(
      await configsService.alterEntityConfigs(await this.connection(), entity, changes, {dryRun: Boolean(dryRun)}),
      configDiffView,
    )
  }
}
