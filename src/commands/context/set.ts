import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {resolve} from 'node:path'

import {KctlCommand} from '../../base-command.js'
import {type Context, updateConfig} from '../../connection/config-file.js'
import {readPropertiesFile, toClientSettings, propertiesBaseDir} from '../../connection/properties.js'
import {validateAddress} from '../../connection/resolve.js'
import {usageError} from '../../errors.js'
import {objectView} from '../../output/format.js'

export default class ContextSet extends KctlCommand<typeof ContextSet> {
  static summary = 'Create or update a context.'
  static description =
    'Only the given settings change; the file is written with mode 0600. The first context created becomes the current one.'
  static examples = [
    '<%= config.bin %> context set prod --bootstrap-server kafka1:9092,kafka2:9092 --command-config ~/prod.properties --protected --cluster-id 3UhJFVybQ2W0YmoMI8vaJQ',
    '<%= config.bin %> context set staging --bootstrap-server staging:9092 --read-only',
  ]

  static args = {name: Args.string({description: 'Context name.', required: true})}
  static flags = {
    'bootstrap-server': Flags.string({char: 'b', summary: 'Bootstrap servers, host:port[,host:port].'}),
    'command-config': Flags.string({
      summary: 'Kafka client .properties file for this context (path is stored, not the content).',
    }),
    'read-only': Flags.boolean({summary: 'Refuse every mutating command in this context.', allowNo: true}),
    protected: Flags.boolean({summary: 'Mutations need the context name typed, or --yes.', allowNo: true}),
    'cluster-id': Flags.string({summary: 'Refuse to run when the brokers report another cluster id ("" to unpin).'}),
    use: Flags.boolean({summary: 'Also make it the current context.'}),
  }

  async run(): Promise<{name: string; context: Context; currentContext: string | null}> {
    const {name} = this.args
    const {flags} = this
    if (!/^[\w.-]+$/.test(name))
      throw usageError(`Invalid context name "${name}"`, 'Use letters, digits, dots, dashes and underscores.')
    const servers = flags['bootstrap-server']
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean)
    for (const s of servers ?? []) validateAddress(s)
    let commandConfig: string | undefined
    if (flags['command-config']) {
      commandConfig = resolve(flags['command-config'])
      // Validate now, so a broken file is reported here and not at the next command.
      toClientSettings(readPropertiesFile(commandConfig), propertiesBaseDir(commandConfig))
    }
    let result!: Context
    const config = updateConfig((config) => {
      const existing = config.contexts[name]
      if (!existing && !servers)
        throw usageError(
          `Context ${name} does not exist yet: --bootstrap-server is required`,
          `kctl context set ${name} --bootstrap-server host:9092`,
        )
      const next: Context = {...existing, bootstrapServers: servers ?? existing!.bootstrapServers}
      if (commandConfig) next.commandConfig = commandConfig
      if (flags['read-only'] !== undefined) next.readOnly = flags['read-only']
      if (flags.protected !== undefined) next.protected = flags.protected
      if (flags['cluster-id'] !== undefined) next.clusterId = flags['cluster-id'] || undefined
      config.contexts[name] = next
      if (flags.use || !config.currentContext) config.currentContext = name
      result = next
    })
    return this.present(
      {name, context: result, currentContext: config.currentContext ?? null},
      objectView(
        (r) => [`Context ${r.name} saved${r.currentContext === r.name ? ' (current)' : ''}.`],
        ['name', 'currentContext'],
      ),
    )
  }
}
