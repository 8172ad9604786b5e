import * as Args from '@oclif/core/args'
import {mkdirSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

import {KctlCommand} from '../base-command.js'
import {completionDir, specFile} from '../completion/cache.js'
import type {CommandSpec, CompletionSpec} from '../completion/complete.js'
import {usageError} from '../errors.js'

const SHELLS = ['bash', 'zsh'] as const

export default class Completion extends KctlCommand<typeof Completion> {
  static summary = 'Print a shell completion script with live names (topics, groups, contexts, users, brokers).'
  static description = `Completes commands, flags, flag values and live names from the current context's cluster (or --context / --bootstrap-server on the line). Names come from a per-cluster cache in the kctl cache directory, refreshed in the background when older than a minute: answers from the cache take well under 300 ms, and a cluster that is down gives the cached names or nothing within a second, never a prompt.

Install: add the eval line of your shell to its rc file. Run it again after upgrading kctl.`
  static examples = ['eval "$(<%= config.bin %> completion bash)"', 'eval "$(<%= config.bin %> completion zsh)"']
  static enableJsonFlag = false
  static args = {shell: Args.string({description: 'The shell.', required: true, options: [...SHELLS]})}

  async run(): Promise<void> {
    const {shell} = this.args
    if (!SHELLS.includes(shell as (typeof SHELLS)[number]))
      throw usageError(`Unknown shell ${shell}`, `Use one of ${SHELLS.join(', ')}.`)
    const spec: CompletionSpec = {commands: {}}
    for (const c of this.config.commands) {
      if (c.hidden) continue
      const flags: CommandSpec['flags'] = {}
      for (const [name, f] of Object.entries(c.flags ?? {})) {
        if (f.hidden) continue
        flags[name] = {
          value: f.type === 'option',
          ...(f.char ? {char: f.char} : {}),
          ...(f.type === 'option' && f.options ? {options: [...f.options]} : {}),
        }
      }
      spec.commands[c.id.replaceAll(':', ' ')] = {args: Object.keys(c.args ?? {}), flags}
    }
    mkdirSync(completionDir(), {recursive: true, mode: 0o700})
    writeFileSync(specFile(), JSON.stringify(spec))
    const here = dirname(fileURLToPath(import.meta.url))
    const source = import.meta.url.endsWith('.ts')
    const main = join(here, '..', 'completion', `main.${source ? 'ts' : 'js'}`)
    const node = [process.execPath, ...(source ? ['--import', 'tsx'] : [])].map(quote).join(' ')
    this.log(
      shell === 'bash' ? bashScript(node, quote(main), this.config.bin) : zshScript(node, quote(main), this.config.bin),
    )
  }
}

const quote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`

export function bashScript(node: string, main: string, bin: string): string {
  return `# ${bin} completion for bash (eval "$(${bin} completion bash)")
_${bin}_complete() {
  local IFS=$'\\n'
  COMPREPLY=($(${node} ${main} -- "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
}
complete -o default -F _${bin}_complete ${bin}`
}

export function zshScript(node: string, main: string, bin: string): string {
  return `# ${bin} completion for zsh (eval "$(${bin} completion zsh)")
_${bin}_complete() {
  local -a candidates
  candidates=("\${(@f)$(${node} ${main} -- "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  compadd -- "\${candidates[@]}"
}
compdef _${bin}_complete ${bin}`
}
