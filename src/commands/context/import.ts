import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {basename, extname} from 'node:path'

import {KctlCommand} from '../../base-command.js'
import {updateConfig} from '../../connection/config-file.js'
import {propertiesBaseDir, readPropertiesFile, splitServers, toClientSettings} from '../../connection/properties.js'
import {validateAddress} from '../../connection/resolve.js'
import {usageError} from '../../errors.js'
import {resolve} from 'node:path'
import {objectView} from '../../output/format.js'

export default class ContextImport extends KctlCommand<typeof ContextImport> {
  static summary = 'Turn a Kafka client.properties file into a context.'
  static description = `The properties are copied into the config file (mode 0600), with store locations made absolute. bootstrap.servers comes from the file or --bootstrap-server. Use \${env:NAME} or \${file:/path} in the file to keep a password out of the config.`
  static examples = [
    '<%= config.bin %> context import ~/prod-client.properties --name prod --bootstrap-server kafka1:9093',
    '<%= config.bin %> context import client.properties',
  ]

  static args = {file: Args.string({description: 'Kafka client .properties file.', required: true})}
  static flags = {
    name: Flags.string({summary: 'Context name (default: the file name without extension).'}),
    'bootstrap-server': Flags.string({
      char: 'b',
      summary: 'Bootstrap servers, when the file has no bootstrap.servers.',
    }),
    use: Flags.boolean({summary: 'Also make it the current context.'}),
  }

  async run(): Promise<{
    name: string
    bootstrapServers: string[]
    securityProtocol: string
    currentContext: string | null
    warnings: string[]
  }> {
    const file = resolve(this.args.file)
    const props = readPropertiesFile(file)
    const settings = toClientSettings(props, propertiesBaseDir(file))
    for (const w of settings.warnings) this.warnUser(w)
    const name = this.flags.name ?? basename(file, extname(file))
    if (!/^[\w.-]+$/.test(name))
      throw usageError(
        `Invalid context name "${name}"`,
        'Pass --name with letters, digits, dots, dashes and underscores.',
      )
    const servers = this.flags['bootstrap-server']
      ? splitServers(this.flags['bootstrap-server'])
      : settings.bootstrapServers
    if (!servers || servers.length === 0)
      throw usageError(`${file} has no bootstrap.servers`, 'Pass --bootstrap-server host:port.')
    for (const s of servers) validateAddress(s)
    const stored = Object.fromEntries(
      Object.entries(props)
        .filter(([k]) => k !== 'bootstrap.servers')
        .map(([k, v]) => [k, k.endsWith('.location') ? resolve(propertiesBaseDir(file), v) : v]),
    )
    const config = updateConfig((config) => {
      config.contexts[name] = {bootstrapServers: servers, properties: stored}
      if (this.flags.use || !config.currentContext) config.currentContext = name
    })
    return this.present(
      {
        name,
        bootstrapServers: servers,
        securityProtocol: settings.securityProtocol,
        currentContext: config.currentContext ?? null,
        warnings: settings.warnings,
      },
      objectView(
        (r) => [`Imported ${file} as context ${r.name} (${r.securityProtocol}).`],
        ['name', 'bootstrapServers', 'securityProtocol', 'currentContext'],
      ),
    )
  }
}
