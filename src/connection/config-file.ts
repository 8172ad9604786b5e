import {chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {homedir} from 'node:os'
import {dirname, join} from 'node:path'

import {usageError} from '../errors.js'
import {parseSimpleYaml} from './simple-yaml.js'

// Loaded only when a config file is read or written (~25 ms to import).
const require = createRequire(import.meta.url)
const yaml = () => require('yaml') as typeof import('yaml')

/** One named cluster connection. Keys are kebab-case in the YAML file. */
export interface Context {
  bootstrapServers: string[]
  /** Path of a Kafka client .properties file. */
  commandConfig?: string
  /** Inline Kafka client properties (what `context import` writes). */
  properties?: Record<string, string>
  readOnly?: boolean
  protected?: boolean
  clusterId?: string
}

export interface KctlConfig {
  currentContext?: string
  contexts: Record<string, Context>
}

export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KCTL_CONFIG) return env.KCTL_CONFIG
  const base = env.XDG_CONFIG_HOME || join(homedir(), '.config')
  return join(base, 'kctl', 'config.yaml')
}

interface RawContext {
  'bootstrap-servers'?: string[] | string
  'command-config'?: string
  properties?: Record<string, unknown>
  'read-only'?: boolean
  protected?: boolean
  'cluster-id'?: string
}

export function loadConfig(path = configPath()): KctlConfig {
  if (!existsSync(path)) return {contexts: {}}
  let raw: {'current-context'?: string; contexts?: Record<string, RawContext>} | null
  try {
    // The plain YAML kctl writes is read without the yaml package; anything else goes through it.
    const source = readFileSync(path, 'utf8')
    raw = (parseSimpleYaml(source) ?? yaml().parse(source)) as typeof raw
  } catch (error) {
    throw usageError(
      `Cannot parse the kctl config file ${path}: ${(error as Error).message}`,
      'Fix the YAML or move the file away.',
      'CONFIG_INVALID',
    )
  }
  const contexts: Record<string, Context> = {}
  for (const [name, c] of Object.entries(raw?.contexts ?? {})) {
    const servers = c?.['bootstrap-servers']
    if (!servers) throw usageError(`Context ${name} in ${path} has no bootstrap-servers`, undefined, 'CONFIG_INVALID')
    contexts[name] = {
      bootstrapServers: Array.isArray(servers) ? servers.map(String) : String(servers).split(','),
      ...(c['command-config'] ? {commandConfig: c['command-config']} : {}),
      ...(c.properties
        ? {properties: Object.fromEntries(Object.entries(c.properties).map(([k, v]) => [k, String(v)]))}
        : {}),
      ...(c['read-only'] ? {readOnly: true} : {}),
      ...(c.protected ? {protected: true} : {}),
      ...(c['cluster-id'] ? {clusterId: c['cluster-id']} : {}),
    }
  }
  return {currentContext: raw?.['current-context'] || undefined, contexts}
}

/** Write atomically with mode 0600: the file may hold secrets. */
export function saveConfig(config: KctlConfig, path = configPath()): void {
  const raw = {
    ...(config.currentContext ? {'current-context': config.currentContext} : {}),
    contexts: Object.fromEntries(
      Object.entries(config.contexts)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, c]) => [
          name,
          {
            'bootstrap-servers': c.bootstrapServers,
            ...(c.commandConfig ? {'command-config': c.commandConfig} : {}),
            ...(c.properties ? {properties: c.properties} : {}),
            ...(c.readOnly ? {'read-only': true} : {}),
            ...(c.protected ? {protected: true} : {}),
            ...(c.clusterId ? {'cluster-id': c.clusterId} : {}),
          },
        ]),
    ),
  }
  mkdirSync(dirname(path), {recursive: true, mode: 0o700})
  const tmp = `${path}.${process.pid}.tmp`
  writeFileSync(tmp, yaml().stringify(raw), {mode: 0o600})
  chmodSync(tmp, 0o600)
  renameSync(tmp, path)
}

/** Read-modify-write helper for commands that change the file. */
export function updateConfig(mutate: (config: KctlConfig) => void, path = configPath()): KctlConfig {
  const config = loadConfig(path)
  mutate(config)
  saveConfig(config, path)
  return config
}
