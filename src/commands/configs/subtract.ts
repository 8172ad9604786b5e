import type {AlterConfigsResult} from '../../admin/configs/configs.js'
import {ConfigAlterCommand} from '../../cli/config-alter.js'
import {entityOf, resolveEntity} from '../../flags/configs.js'
import {parseConfigAssignment} from '../../input/config-entries.js'

export default class ConfigsSubtract extends ConfigAlterCommand<typeof ConfigsSubtract> {
  static summary = 'Remove items from list configs.'
  static description =
    "Uses IncrementalAlterConfigs (SUBTRACT). Keys are checked against Kafka's known keys before anything is sent."
  static examples = [
    '<%= config.bin %> configs subtract topic orders cleanup.policy=compact',
    '<%= config.bin %> configs subtract topic orders follower.replication.throttled.replicas=0:1 --dry-run',
    '<%= config.bin %> configs subtract broker --default sasl.enabled.mechanisms=PLAIN --yes',
  ]

  async run(): Promise<AlterConfigsResult> {
    const r = resolveEntity(this.positionals, this.flags)
    const changes = r.rest.map((text) => ({...parseConfigAssignment(text), operation: 'subtract' as const}))
    return this.applyChanges(entityOf(r), changes, {destructive: true})
  }
}
