import * as Args from '@oclif/core/args'
import type {Command} from '@oclif/core/command'
import * as Flags from '@oclif/core/flags'

import {
  type AlterConfigsResult,
  type ConfigChange,
  type ConfigEntity,
  configsService,
  entityLabel,
  validateConfigChanges,
  validateEntity,
} from '../admin/configs/configs.js'
import {isQuotaType} from '../admin/configs/config-quotas.js'
import {topicsService} from '../admin/topics/topics.js'
import {KafkaCommand} from '../base-command.js'
import {usageError} from '../errors.js'
import {assertUniqueKeys} from '../input/config-entries.js'
import {entityArgs, entityFlags} from '../flags/configs.js'
import type {View} from '../output/format.js'

/** What every config-changing command shares: entity flags, validation, confirmation, the diff. */
export abstract class ConfigAlterCommand<T extends typeof Command> extends KafkaCommand<T> {
  static strict = false
  static args = {
    ...entityArgs,
    entries: Args.string({description: 'key=value settings (key for delete).', required: false}),
  }
  static flags = {
    ...entityFlags,
    'dry-run': Flags.boolean({summary: 'Validate on the broker and print the diff; change nothing.'}),
    yes: Flags.boolean({char: 'y', summary: 'Do not ask for confirmation.'}),
  }

  /** The entity exists (a broker id is in the cluster; topics are checked by the broker). */
  protected async validateTarget(entity: ConfigEntity): Promise<void> {
    if (
      entity.type === 'topic' ||
      entity.type === 'group' ||
      entity.type === 'client-metrics' ||
      isQuotaType(entity.type)
    )
      validateEntity(entity, [])
    else validateEntity(entity, (await topicsService.topicsAndBrokers(await this.connection())).brokerIds)
  }

  /** Keys are unique and known; values well-formed where kctl can tell. */
  protected validateChanges(entity: ConfigEntity, changes: ConfigChange[]): void {
    if (changes.length === 0)
      throw usageError(
        'No config changes given',
        'Pass key=value (or key for delete) after the entity.',
        'MISSING_CONFIG_ENTRIES',
      )
    assertUniqueKeys(changes.map((c) => c.key))
    validateConfigChanges(entity, changes)
  }

  /** Validate locally, confirm, apply (or validate on the broker), and present the diff. */
  protected async applyChanges(
    entity: ConfigEntity,
    changes: ConfigChange[],
    options: {destructive: boolean},
  ): Promise<AlterConfigsResult> {
    const flags = this.flags as {'dry-run'?: boolean; yes?: boolean}
    this.validateChanges(entity, changes)
    await this.validateTarget(entity)
    if (!flags['dry-run']) {
      const what = changes.map((c) => `${c.operation} ${c.key}`).join(', ')
      await this.guardMutation(`Change ${entityLabel(entity)}: ${what}?`, {
        yes: flags.yes,
        destructive: options.destructive,
      })
    }
    const result = await configsService.alterEntityConfigs(await this.connection(), entity, changes, {
      dryRun: Boolean(flags['dry-run']),
    })
    return this.present(result, configDiffView)
  }
}

export const configDiffView: View<AlterConfigsResult> = {
  header: (d) => [
    d.dryRun
      ? `Dry run: validated only by the broker; these changes would be made to ${entityLabel(d.entity)}`
      : `Applied: ${entityLabel(d.entity)}`,
  ],
  columns: [
    {key: 'key', header: 'KEY'},
    {key: 'before', header: 'BEFORE', color: () => 'red'},
    {key: 'after', header: 'AFTER', color: () => 'green'},
  ],
  rows: (d) => d.changes.map((c) => ({...c})),
}
