import * as Flags from '@oclif/core/flags'

import type {AlterConfigsResult, ConfigChange} from '../../admin/configs/configs.js'
import {ConfigAlterCommand} from '../../cli/config-alter.js'
import {type ConfigDescribeResult, configDescribeView, describeConfigsFor} from '../../cli/config-describe.js'
import {usageError} from '../../errors.js'
import {entityOf, resolveEntity} from '../../flags/configs.js'
import {parseKafkaConfigList, parseKeyList} from '../../input/config-entries.js'

export default class Configs extends ConfigAlterCommand<typeof Configs> {
  static summary = 'kafka-configs compatible: --describe, or --alter with --add-config / --delete-config.'
  static description =
    "Maps Kafka's syntax onto `kctl configs describe|set|delete`, through IncrementalAlterConfigs (never the legacy AlterConfigs). List values go in brackets: --add-config k=v,k2=[a,b]."

  static examples = [
    '<%= config.bin %> configs --describe --entity-type topics --entity-name orders',
    '<%= config.bin %> configs --alter --entity-type topics --entity-name orders --add-config retention.ms=86400000,cleanup.policy=[compact,delete] --delete-config segment.ms --yes',
    '<%= config.bin %> configs --alter --entity-type brokers --entity-default --add-config log.cleaner.threads=2',
  ]

  static flags = {
    ...ConfigAlterCommand.flags,
    describe: Flags.boolean({summary: 'Describe the entity (as `kctl configs describe`).', exclusive: ['alter']}),
    alter: Flags.boolean({summary: "Change the entity's configs."}),
    'add-config': Flags.string({summary: 'k1=v1,k2=[a,b]: keys to set (repeatable).', multiple: true}),
    'delete-config': Flags.string({summary: 'k1,k2: overrides to delete (repeatable).', multiple: true}),
    all: Flags.boolean({summary: 'With --describe: every config with its source.'}),
  }

  async run(): Promise<AlterConfigsResult | ConfigDescribeResult> {
    const {flags} = this
    if (flags.describe) {
      if (flags['add-config'] || flags['delete-config'])
        throw usageError(
          '--add-config and --delete-config need --alter, not --describe',
          undefined,
          'CONFLICTING_ARGUMENTS',
        )
    }
    const r = resolveEntity(this.positionals, flags, {nameOptional: flags.describe})
    if (flags.describe)
      return this.present(
        await describeConfigsFor(await this.connection(), r, flags.all),
        configDescribeView(flags.all),
      )
    if (!flags.alter)
      throw usageError(
        'Pass --describe or --alter',
        'Or use `kctl configs describe|set|delete TYPE NAME ...`.',
        'MISSING_ACTION',
      )
    if (r.rest.length > 0)
      throw usageError(
        `Unexpected argument: ${r.rest.join(' ')}`,
        'Use --add-config k=v and --delete-config k.',
        'INVALID_ARGUMENTS',
      )
    const sets: ConfigChange[] = (flags['add-config'] ?? [])
      .flatMap(parseKafkaConfigList)
      .map((a) => ({key: a.key, operation: 'set', value: a.value}))
    const deletes: ConfigChange[] = (flags['delete-config'] ?? [])
      .flatMap(parseKeyList)
      .map((key) => ({key, operation: 'delete', value: null}))
    return this.applyChanges(entityOf(r), [...sets, ...deletes], {destructive: deletes.length > 0})
  }
}
