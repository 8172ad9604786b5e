import type {Command} from '@oclif/core/command'

import {
  type AlterConfigsResult,
  type ConfigChange,
  configsService,
  validateConfigChanges,
} from '../admin/configs/configs.js'
import {KafkaCommand} from '../base-command.js'
import {configDiffView} from './config-alter.js'

/** `client-metrics set|delete`: validate, confirm, change the subscription's configs, print the diff. */
export abstract class ClientMetricsAlterCommand<T extends typeof Command> extends KafkaCommand<T> {
  protected async apply(
    name: string,
    changes: ConfigChange[],
    options: {dryRun: boolean; yes?: boolean; destructive: boolean},
  ): Promise<AlterConfigsResult> {
    const entity = {type: 'client-metrics' as const, name}
    validateConfigChanges(entity, changes)
    if (!options.dryRun)
      await this.guardMutation(`${options.destructive ? 'Delete' : 'Change'} client-metrics subscription ${name}?`, {
        yes: options.yes,
        destructive: options.destructive,
      })
    return this.present(
      await configsService.alterEntityConfigs(await this.connection(), entity, changes, {dryRun: options.dryRun}),
      configDiffView,
    )
  }
}
