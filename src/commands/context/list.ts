import {KctlCommand} from '../../base-command.js'
import {type Context, configPath, loadConfig} from '../../connection/config-file.js'
import {readPropertiesFile} from '../../connection/properties.js'
import type {View} from '../../output/format.js'
import {markCell} from '../../output/size.js'

export interface ContextListResult {
  configFile: string
  currentContext: string | null
  contexts: {
    name: string
    current: boolean
    bootstrapServers: string[]
    securityProtocol: string
    readOnly: boolean
    protected: boolean
    clusterId: string | null
  }[]
}

export default class ContextList extends KctlCommand<typeof ContextList> {
  static summary = 'List the contexts in the kctl config file.'
  static examples = ['<%= config.bin %> context list', '<%= config.bin %> context list --json']

  async run(): Promise<ContextListResult> {
    const config = loadConfig()
    const result: ContextListResult = {
      configFile: configPath(),
      currentContext: config.currentContext ?? null,
      contexts: Object.entries(config.contexts)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, c]) => ({
          name,
          current: name === config.currentContext,
          bootstrapServers: c.bootstrapServers,
          securityProtocol: securityProtocolOf(c),
          readOnly: Boolean(c.readOnly),
          protected: Boolean(c.protected),
          clusterId: c.clusterId ?? null,
        })),
    }
    return this.present(result, view)
  }
}

function securityProtocolOf(c: Context): string {
  let fromFile: string | undefined
  if (c.commandConfig) {
    try {
      fromFile = readPropertiesFile(c.commandConfig)['security.protocol']
    } catch {
      return 'unreadable command-config'
    }
  }
  return (c.properties?.['security.protocol'] ?? fromFile ?? 'PLAINTEXT').toUpperCase()
}

const view: View<ContextListResult> = {
  columns: [
    {key: 'current', header: 'CURRENT', human: markCell},
    {key: 'name', header: 'NAME'},
    {key: 'bootstrap', header: 'BOOTSTRAP SERVERS'},
    {key: 'security', header: 'SECURITY'},
    {key: 'flags', header: 'FLAGS'},
    {key: 'clusterId', header: 'CLUSTER ID', wide: true},
  ],
  rows: (d) =>
    d.contexts.map((c) => ({
      current: c.current,
      name: c.name,
      bootstrap: c.bootstrapServers.join(','),
      security: c.securityProtocol,
      flags: [c.readOnly ? 'read-only' : '', c.protected ? 'protected' : ''].filter(Boolean).join(','),
      clusterId: c.clusterId,
    })),
  empty:
    'No contexts. Create one with `kctl context set NAME --bootstrap-server host:port`, or run `kctl local start`.',
}
