import * as Flags from '@oclif/core/flags'

import {KafkaCommand} from '../../base-command.js'
import {type ConfigDescribeResult, configDescribeView, describeConfigsFor} from '../../cli/config-describe.js'
import {usageError} from '../../errors.js'
import {entityArgs, entityFlags, resolveEntity} from '../../flags/configs.js'

export default class ConfigsDescribe extends KafkaCommand<typeof ConfigsDescribe> {
  static summary =
    "Show the config overrides of a topic, broker, the broker default or a broker's loggers; --all for every value with its source."
  static description =
    'TYPE is topic, broker or broker-logger, or user, client, ip (client quotas, as in kafka-configs). Without NAME, every topic or broker. Sources: topic, dynamic-broker, dynamic-default, static-broker, default. Sensitive values are never shown.'

  static examples = [
    '<%= config.bin %> configs describe topic orders',
    '<%= config.bin %> configs describe topic orders --all --output wide',
    '<%= config.bin %> configs describe broker 1 --all',
    '<%= config.bin %> configs describe broker --default',
    '<%= config.bin %> configs describe broker-logger 1',
    '<%= config.bin %> configs describe --entity-type topics --entity-name orders --output json',
  ]

  static strict = false
  static args = entityArgs
  static flags = {
    ...entityFlags,
    all: Flags.boolean({summary: 'Every config with its value and source, not only the overrides.'}),
  }

  async run(): Promise<ConfigDescribeResult> {
    const r = resolveEntity(this.positionals, this.flags, {nameOptional: true})
    if (r.rest.length > 0)
      throw usageError(
        `Unexpected argument${r.rest.length > 1 ? 's' : ''}: ${r.rest.join(' ')}`,
        'Usage: kctl configs describe TYPE [NAME].',
        'INVALID_ARGUMENTS',
      )
    const result = await describeConfigsFor(await this.connection(), r, this.flags.all)
    return this.present(result, configDescribeView(this.flags.all))
  }
}
