import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {mkdirSync, renameSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {BROKER_CONFIG_KEYS, TOPIC_CONFIG_KEYS} from '../admin/configs/config-keys.js'
import {CLIENT_METRICS_CONFIG_KEYS, GROUP_CONFIG_KEYS} from '../admin/configs/configs.js'
import {QUOTA_KEYS} from '../admin/security/quotas.js'
import {KctlCommand} from '../base-command.js'
import {completionDir, specFile} from '../completion/cache.js'
import {loadConfig} from '../connection/config-file.js'
import type {CommandSpec, CompletionSpec} from '../completion/complete.js'
import {type Shell, SHELLS, script} from '../completion/scripts.js'
import {usageError} from '../errors.js'

/** How to install, per shell: the line and the file it goes in. */
const INSTALL: Record<Shell, [string, string]> = {
  bash: ['eval "$(BIN autocomplete bash)"', '~/.bashrc'],
  zsh: ['eval "$(BIN autocomplete zsh)"', '~/.zshrc, after compinit'],
  fish: ['BIN autocomplete fish | source', '~/.config/fish/config.fish'],
  powershell: ['BIN autocomplete powershell | Out-String | Invoke-Expression', '$PROFILE'],
}

export default class Autocomplete extends KctlCommand<typeof Autocomplete> {
  static aliases = ['completion']
  static summary =
    'Print the shell completion script for bash, zsh, fish or PowerShell, with live names from the cluster.'
  static description = `Completes commands, flags, flag values and live names of the current context's cluster (or the --context / --bootstrap-server on the line): topics, groups, contexts, SCRAM users, brokers, client-metrics subscriptions, partitions (\`--partition\`, \`topic:N\`) and config keys (\`configs set topic orders retention.<TAB>\`).

Names come from a per-cluster cache in the kctl cache directory, refreshed in the background when older than a minute: answers from the cache take well under 300 ms, and a cluster that is down gives the cached names or nothing within a second, never a prompt. The completion path loads neither oclif nor the Kafka client.

Without SHELL, prints how to install it. Install: add the line for your shell to its rc file (it runs this command at each shell start, so an upgraded kctl is picked up). \`kctl completion\` is the same command.`
  static examples = [
    'eval "$(<%= config.bin %> autocomplete bash)"',
    'eval "$(<%= config.bin %> autocomplete zsh)"',
    '<%= config.bin %> autocomplete fish | source',
    '<%= config.bin %> autocomplete powershell | Out-String | Invoke-Expression',
    '<%= config.bin %> autocomplete --refresh-cache --context prod',
  ]
  static enableJsonFlag = false
  static args = {shell: Args.string({description: 'The shell.', options: [...SHELLS]})}
  static flags = {
    'refresh-cache': Flags.boolean({
      char: 'r',
      summary: "Refresh the cached names of the context's cluster now (in the foreground) and say how many.",
    }),
    context: Flags.string({summary: 'With --refresh-cache: the context whose names to cache.', env: 'KCTL_CONTEXT'}),
    'bootstrap-server': Flags.string({
      char: 'b',
      summary: 'With --refresh-cache: an ad-hoc cluster (host:port) whose names to cache.',
      env: 'KCTL_BOOTSTRAP_SERVER',
    }),
  }

  async run(): Promise<void> {
    const {shell} = this.args
    if (shell !== undefined && !SHELLS.includes(shell as Shell))
      throw usageError(`Unknown shell ${shell}`, `Use one of ${SHELLS.join(', ')}.`)
    writeSpec(this.config.commands)
    if (this.flags['refresh-cache']) {
      const {refreshNames} = await import('../completion/refresh.js')
      const flags = this.connectionFlags()
      const key = flags.context
        ? `context:${flags.context}`
        : flags['bootstrap-server']
          ? `bootstrap:${flags['bootstrap-server']}`
          : undefined
      if (!key) throw usageError('No cluster to ask', 'Pass --context NAME or --bootstrap-server HOST:PORT.')
      const cache = await refreshNames(key, flags, 10_000)
      const kinds = ['topics', 'groups', 'brokers', 'users', 'client-metrics'] as const
      const counts = kinds.map((kind) => `${cache.names[kind]?.length ?? 0} ${kind}`)
      this.log(`Cached for ${key}: ${counts.join(', ')}.`)
      if (!shell) return
    }
    if (!shell) {
      this.log(`Add the line for your shell to its start-up file, then open a new shell:\n`)
      for (const s of SHELLS) {
        const [line, file] = INSTALL[s]
        this.log(`  ${line.replace('BIN', this.config.bin).padEnd(62)} # ${file}`)
      }
      return
    }
    const here = dirname(fileURLToPath(import.meta.url))
    const source = import.meta.url.endsWith('.ts')
    const main = join(here, '..', 'completion', `main.${source ? 'ts' : 'js'}`)
    this.log(
      script(
        shell as Shell,
        {program: process.execPath, args: [...(source ? ['--import', 'tsx'] : []), main]},
        this.config.bin,
      ),
    )
  }

  /** The context or bootstrap address completion uses: the flags, else the current context. */
  private connectionFlags(): {context?: string; 'bootstrap-server'?: string} {
    const f = this.flags
    if (f.context) return {context: f.context}
    if (f['bootstrap-server']) return {'bootstrap-server': f['bootstrap-server']}
    const current = loadConfig().currentContext
    return current ? {context: current} : {}
  }
}

/** The commands, flags and config keys the completion helper answers from (it never loads oclif). */
function writeSpec(commands: {id: string; hidden?: boolean; args?: object; flags?: object}[]): void {
  const spec: CompletionSpec = {
    commands: {},
    configKeys: {
      topic: [...TOPIC_CONFIG_KEYS].sort(),
      broker: [...BROKER_CONFIG_KEYS].sort(),
      group: [...GROUP_CONFIG_KEYS].sort(),
      'client-metrics': [...CLIENT_METRICS_CONFIG_KEYS].sort(),
      user: [...QUOTA_KEYS],
      client: [...QUOTA_KEYS],
      ip: ['connection_creation_rate'],
    },
  }
  for (const c of commands) {
    if (c.hidden) continue
    const flags: CommandSpec['flags'] = {}
    for (const [name, f] of Object.entries((c.flags ?? {}) as Record<string, Record<string, unknown>>)) {
      if (f.hidden) continue
      const value = f.type === 'option'
      flags[name] = {
        value,
        ...(f.char ? {char: String(f.char)} : {}),
        ...(value && Array.isArray(f.options) ? {options: [...(f.options as string[])]} : {}),
      }
    }
    const args = Object.entries((c.args ?? {}) as Record<string, {options?: string[]}>)
    const argOptions = Object.fromEntries(args.flatMap(([name, a]) => (a.options ? [[name, [...a.options]]] : [])))
    spec.commands[c.id.replaceAll(':', ' ')] = {
      args: args.map(([name]) => name),
      ...(Object.keys(argOptions).length > 0 ? {argOptions} : {}),
      flags,
    }
  }
  mkdirSync(completionDir(), {recursive: true, mode: 0o700})
  // Atomically: shells starting at once each write it while others may be reading it.
  const tmp = `${specFile()}.${process.pid}.tmp`
  writeFileSync(tmp, JSON.stringify(spec))
  renameSync(tmp, specFile())
}
