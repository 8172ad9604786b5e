import {usageError} from '../errors.js'
import {type Context, type KctlConfig, loadConfig} from './config-file.js'
import {
  type ClientSettings,
  propertiesBaseDir,
  readPropertiesFile,
  splitServers,
  toClientSettings,
} from './properties.js'

export const DEFAULT_BOOTSTRAP = 'localhost:9092'

export interface ConnectionFlags {
  'bootstrap-server'?: string
  'command-config'?: string
  context?: string
}

/** Everything needed to connect, after applying command line > env > context > default. */
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
 * Resolve the connection. `flags` holds only what was given on the command line; `env` the
 * KCTL_* variables. The command line beats the environment:
 * - `--context` on the command line ignores KCTL_CONTEXT, KCTL_BOOTSTRAP_SERVER and KCTL_COMMAND_CONFIG;
 * - `-b` on the command line without `--context` is an ad-hoc connection: KCTL_CONTEXT and the
 *   current context are not applied (KCTL_COMMAND_CONFIG still is);
 * - otherwise KCTL_CONTEXT, then KCTL_BOOTSTRAP_SERVER (ad hoc), then the current context.
 * A context's settings (its secrets) go only to that context's brokers: bootstrap servers given
 * together with a context must be among the context's own, else this is a usage error.
 */
export function resolveConnection(
  flags: ConnectionFlags,
  env: NodeJS.ProcessEnv = process.env,
  config?: KctlConfig,
): ConnectionSpec {
  let contextName: string | undefined
  let contextFrom: 'flag' | 'env' | undefined
  let given: {servers: string; source: 'flag' | 'env'} | undefined
  let commandConfig = flags['command-config']
  if (flags.context === '')
    throw usageError('--context needs a context name', 'See `kctl context list`.', 'UNKNOWN_CONTEXT')
  if (flags.context !== undefined) {
    ;[contextName, contextFrom] = [flags.context, 'flag']
    if (flags['bootstrap-server']) given = {servers: flags['bootstrap-server'], source: 'flag'}
  } else {
    commandConfig ??= env.KCTL_COMMAND_CONFIG || undefined
    if (flags['bootstrap-server']) given = {servers: flags['bootstrap-server'], source: 'flag'}
    else {
      if (env.KCTL_CONTEXT) [contextName, contextFrom] = [env.KCTL_CONTEXT, 'env']
      if (env.KCTL_BOOTSTRAP_SERVER) given = {servers: env.KCTL_BOOTSTRAP_SERVER, source: 'env'}
    }
  }
  // An ad-hoc bootstrap server needs nothing from the config file: it is not even read.
  const adHoc = !contextName && given !== undefined
  const cfg = config ?? (adHoc ? {contexts: {}} : loadConfig())
  if (!contextName && !adHoc) contextName = cfg.currentContext
  let context: Context | undefined
  if (contextName) {
    context = cfg.contexts[contextName]
    if (!context) {
      const names = Object.keys(cfg.contexts).sort()
      throw usageError(
        `Unknown context "${contextName}"`,
        names.length > 0
          ? `Known contexts: ${names.join(', ')}. See \`kctl context list\`.`
          : 'No contexts are configured; create one with `kctl context set NAME --bootstrap-server host:port`.',
        'UNKNOWN_CONTEXT',
      )
    }
  }

  const givenBrokers = given ? splitServers(given.servers) : undefined
  for (const b of givenBrokers ?? []) validateAddress(b)
  if (context && givenBrokers) {
    const own = new Set(context.bootstrapServers.map(normalizeAddress))
    const foreign = givenBrokers.filter((b) => !own.has(normalizeAddress(b)))
    if (foreign.length > 0) {
      const brokerFrom = given!.source === 'flag' ? '--bootstrap-server' : 'KCTL_BOOTSTRAP_SERVER'
      const contextFromText = contextFrom === 'flag' ? '--context' : 'KCTL_CONTEXT'
      throw usageError(
        `${brokerFrom} ${foreign.join(',')} is not a bootstrap server of context ${contextName} (${contextFromText}): a context's credentials are sent only to its own brokers`,
        `Use one of ${context.bootstrapServers.join(',')}, add the address to the context (\`kctl context set ${contextName} --bootstrap-server ...\`), or drop ${contextFromText} to connect ad hoc with --command-config.`,
        'CONTEXT_BROKER_MISMATCH',
      )
    }
  }

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
  if (givenBrokers) [brokers, source] = [givenBrokers, given!.source]
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

/** host:port compared case-insensitively (host names are), surrounding spaces ignored. */
export function normalizeAddress(address: string): string {
  return address.trim().toLowerCase()
}

export function validateAddress(address: string): void {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^\s:/[\]]+):(\d{1,5})$/.exec(address)
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 65_535) {
    throw usageError(
      `Invalid bootstrap server "${address}"`,
      'Use host:port, comma-separated for several, e.g. --bootstrap-server kafka1:9092,kafka2:9092.',
      'INVALID_BOOTSTRAP_SERVER',
    )
  }
}
