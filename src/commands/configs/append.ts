import type {AlterConfigsResult} from '../../admin/configs/configs.js'
import {ConfigAlterCommand} from '../../cli/config-alter.js'
import {entityOf, resolveEntity} from '../../flags/configs.js'
import {parseConfigAssignment} from '../../input/config-entries.js'

export default class ConfigsAppend extends ConfigAlterCommand<typeof ConfigsAppend> {
  static summary = 'Append items to list configs (e.g. cleanup.policy, leader.replication.throttled.replicas).'
  static description =
    "Items already present are kept once. Uses IncrementalAlterConfigs (APPEND). Keys are checked against Kafka's known keys before anything is sent."
  static examples = [
    '<%= config.bin %> configs append topic orders cleanup.policy=compact',
    '<%= config.bin %> configs append topic orders follower.replication.throttled.replicas=0:1,1:2 --dry-run',
    '<%= config.bin %> configs append broker --default sasl.enabled.mechanisms=SCRAM-SHA-512',
  ]

  async run(): Promise<AlterConfigsResult> {
    const r = resolveEntity(this.positionals, this.flags)
    const changes = r.rest.map((text) => ({...parseConfigAssignment(text), operation: 'append' as const}))
    return this.applyChanges(entityOf(r), changes, {destructive: false})
  }
}
