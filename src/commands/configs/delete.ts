import type {AlterConfigsResult} from '../../admin/configs/configs.js'
import {ConfigAlterCommand} from '../../cli/config-alter.js'
import {entityOf, resolveEntity} from '../../flags/configs.js'

export default class ConfigsDelete extends ConfigAlterCommand<typeof ConfigsDelete> {
  static summary =
    'Delete config overrides (the value falls back to the broker or default value); others are untouched.'
  static description =
    'Uses IncrementalAlterConfigs (DELETE). Confirms first; --yes skips. Deleting a key that is not overridden is an error.'
  static examples = [
    '<%= config.bin %> configs delete topic orders retention.ms --yes',
    '<%= config.bin %> configs delete broker 1 log.cleaner.threads --dry-run',
    '<%= config.bin %> configs delete broker --default log.retention.ms --yes',
  ]

  async run(): Promise<AlterConfigsResult> {
    const r = resolveEntity(this.positionals, this.flags)
    return this.applyChanges(
      entityOf(r),
      r.rest.map((key) => ({key, operation: 'delete', value: null})),
      {destructive: true},
    )
  }
}
