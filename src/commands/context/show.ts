import * as Args from '@oclif/core/args'

import {KctlCommand} from '../../base-command.js'
import {configPath, loadConfig} from '../../connection/config-file.js'
import {readPropertiesFile, redactProperties} from '../../connection/properties.js'
import {DEFAULT_BOOTSTRAP, resolveConnection} from '../../connection/resolve.js'
import {usageError} from '../../errors.js'
import {type View, objectView} from '../../output/format.js'
import {toKeyValues} from '../../output/table.js'

export interface ContextShowResult {
  name: string | null
  current: boolean
  bootstrapServers: string[]
  commandConfig: string | null
  /** Client properties with secrets redacted. */
  properties: Record<string, string>
  securityProtocol: string
  saslMechanism: string | null
  saslUsername: string | null
  readOnly: boolean
  protected: boolean
  clusterId: string | null
  configFile: string
}

export default class ContextShow extends KctlCommand<typeof ContextShow> {
  static summary = 'Show a context (default: the one in effect); secrets are redacted.'
  static examples = ['<%= config.bin %> context show', '<%= config.bin %> context show prod --json']
  static args = {name: Args.string({description: 'Context name (default: the current context).'})}

  async run(): Promise<ContextShowResult> {
    const config = loadConfig()
    const name = this.args.name ?? process.env.KCTL_CONTEXT ?? config.currentContext ?? null
    if (name && !config.contexts[name])
      throw usageError(
        `Unknown context "${name}"`,
        `Known contexts: ${Object.keys(config.contexts).sort().join(', ') || 'none'}.`,
        'UNKNOWN_CONTEXT',
      )
    const c = name ? config.contexts[name] : undefined
    const spec = resolveConnection({context: name ?? undefined}, {}, config)
    const props = {...(c?.commandConfig ? readPropertiesFile(c.commandConfig) : {}), ...c?.properties}
    const result: ContextShowResult = {
      name,
      current: name !== null && name === config.currentContext,
      bootstrapServers: c?.bootstrapServers ?? [DEFAULT_BOOTSTRAP],
      commandConfig: c?.commandConfig ?? null,
      properties: redactProperties(props),
      securityProtocol: spec.securityProtocol,
      saslMechanism: spec.sasl?.mechanism.toUpperCase() ?? null,
      saslUsername: spec.sasl?.username ?? null,
      readOnly: Boolean(c?.readOnly),
      protected: Boolean(c?.protected),
      clusterId: c?.clusterId ?? null,
      configFile: configPath(),
    }
    return this.present(result, contextShowView(this.color))
  }
}

const contextShowView = (color: boolean): View<ContextShowResult> => ({
  ...objectView<ContextShowResult>(
    () => [],
    [
      'name',
      'current',
      'bootstrapServers',
      'securityProtocol',
      'saslMechanism',
      'saslUsername',
      'commandConfig',
      'readOnly',
      'protected',
      'clusterId',
      'configFile',
    ],
  ),
  header(result) {
    const lines = toKeyValues(
      [
        ['Name', result.name ?? '(none: the embedded default)'],
        ['Bootstrap servers', result.bootstrapServers.join(',')],
        ['Security protocol', result.securityProtocol],
        ['SASL', result.saslMechanism ? `${result.saslMechanism} as ${result.saslUsername}` : null],
        ['Command config', result.commandConfig],
        ['Read-only', result.readOnly],
        ['Protected', result.protected],
        ['Cluster ID', result.clusterId],
      ],
      {color},
    )
    const propLines = Object.entries(result.properties)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `  ${k}=${v}`)
    return [...lines, ...(propLines.length > 0 ? ['Properties:', ...propLines] : [])]
  },
})
