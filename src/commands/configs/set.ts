import type {AlterConfigsResult} from '../../admin/configs/configs.js'
import {ConfigAlterCommand} from '../../cli/config-alter.js'
import {entityOf, resolveEntity} from '../../flags/configs.js'
import {parseConfigAssignment} from '../../input/config-entries.js'

export default class ConfigsSet extends ConfigAlterCommand<typeof ConfigsSet> {
  static summary =
    'Set configs of a topic, broker, the broker default or a broker logger; other overrides are untouched.'
  static description =
    "Uses IncrementalAlterConfigs: only the named keys change. Prints the diff (key, before, after). Keys are checked against Kafka's known keys before anything is sent."
  static examples = [
    '<%= config.bin %> configs set topic orders retention.ms=86400000 cleanup.policy=compact',
    '<%= config.bin %> configs set broker 1 log.cleaner.threads=2 --dry-run',
    '<%= config.bin %> configs set broker --default log.retention.ms=604800000',
  ]

  async run(): Promise<AlterConfigsResult> {
    const r = resolveEntity(this.positionals, this.flags)
    const changes = r.rest.map((text) => ({...parseConfigAssignment(text), operation: 'set' as const}))
    return this.applyChanges(entityOf(r), changes, {destructive: false})
  }
}
