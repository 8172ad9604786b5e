import {usageError} from '../errors.js'
import {type Context, type KctlConfig, loadConfig} from './config-file.js'
import {type ClientSettings, propertiesBaseDir, readPropertiesFile, splitServers, toClientSettings} from './properties.js'

export const DEFAULT_BOOTSTRAP = 'localhost:9092'

export interface ConnectionFlags {
  'bootstrap-server'?: string
  'command-config'?: string
  context?: string
}

/** Everything needed to connect, after applying flag > env > context > default. */
export interface ConnectionSpec extends ClientSettings {
  brokers: string[]
  /** Where the bootstrap address came from, for error messages and `context show`. */
  source: 'flag' | 'env' | 'context' | 'default'
  contextName?: string
  readOnly: boolean
  protected: boolean
  clusterId?: string
}

/**
 * Resolve the connection. A bootstrap server given on the command line or in the environment,
 * without an explicit context, is an ad-hoc connection: the current context's security settings
 * are not silently applied to another cluster.
 */
export function resolveConnection(flags: ConnectionFlags, env: NodeJS.ProcessEnv = process.env, config?: KctlConfig): ConnectionSpec {
  const explicitContext = flags.context ?? env.KCTL_CONTEXT
  const bootstrapFlag = flags['bootstrap-server']
  const bootstrapEnv = env.KCTL_BOOTSTRAP_SERVER
  // An ad-hoc bootstrap server needs nothing from the config file: it is not even read.
  const adHoc = !explicitContext && (bootstrapFlag || bootstrapEnv)
  const cfg = config ?? (adHoc ? {contexts: {}} : loadConfig())
  let contextName = explicitContext
  if (!contextName && !adHoc) contextName = cfg.currentContext
  let context: Context | undefined
  if (contextName) {
    context = cfg.contexts[contextName]
    if (!context) {
      const names = Object.keys(cfg.contexts).sort()
      throw usageError(
        `Unknown context "${contextName}"`,
        names.length > 0 ? `Known contexts: ${names.join(', ')}. See \`kctl context list\`.` : 'No contexts are configured; create one with `kctl context set NAME --bootstrap-server host:port`.',
        'UNKNOWN_CONTEXT',
      )
    }
  }

  const commandConfig = flags['command-config'] ?? env.KCTL_COMMAND_CONFIG
  let props: Record<string, string> = {...context?.properties}
  let baseDir = process.cwd()
  if (context?.commandConfig) {
    props = {...readPropertiesFile(context.commandConfig), ...props}
    baseDir = propertiesBaseDir(context.commandConfig)
  }
  if (commandConfig) {
    props = {...props, ...readPropertiesFile(commandConfig)}
    baseDir = propertiesBaseDir(commandConfig)
  }
  const settings = toClientSettings(props, baseDir)

  let brokers: string[]
  let source: ConnectionSpec['source']
  if (bootstrapFlag) [brokers, source] = [splitServers(bootstrapFlag), 'flag']
  else if (bootstrapEnv) [brokers, source] = [splitServers(bootstrapEnv), 'env']
  else if (context) [brokers, source] = [context.bootstrapServers, 'context']
  else if (settings.bootstrapServers) [brokers, source] = [settings.bootstrapServers, 'flag']
  else [brokers, source] = [[DEFAULT_BOOTSTRAP], 'default']
  for (const b of brokers) validateAddress(b)

  return {
    ...settings,
    brokers,
    source,
    contextName: context ? contextName : undefined,
    readOnly: Boolean(context?.readOnly),
    protected: Boolean(context?.protected),
    clusterId: context?.clusterId,
  }
}

export function validateAddress(address: string): void {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^\s:/[\]]+):(\d{1,5})$/.exec(address)
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 65_535) {
    throw usageError(`Invalid bootstrap server "${address}"`, 'Use host:port, comma-separated for several, e.g. --bootstrap-server kafka1:9092,kafka2:9092.', 'INVALID_BOOTSTRAP_SERVER')
  }
}
