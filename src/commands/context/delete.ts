import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {KctlCommand} from '../../base-command.js'
import {loadConfig, saveConfig} from '../../connection/config-file.js'
import {usageError} from '../../errors.js'
import {objectView} from '../../output/format.js'

export default class ContextDelete extends KctlCommand<typeof ContextDelete> {
  static summary = 'Delete a context from the kctl config file.'
  static examples = ['<%= config.bin %> context delete staging --yes']
  static args = {name: Args.string({description: 'Context name.', required: true})}
  static flags = {yes: Flags.boolean({char: 'y', summary: 'Do not ask for confirmation.'})}

  async run(): Promise<{deleted: string; currentContext: string | null}> {
    const {name} = this.args
    const config = loadConfig()
    if (!config.contexts[name])
      throw usageError(
        `Unknown context "${name}"`,
        `Known contexts: ${Object.keys(config.contexts).sort().join(', ') || 'none'}.`,
        'UNKNOWN_CONTEXT',
      )
    await this.confirm(`Delete context ${name}?`, {yes: this.flags.yes})
    delete config.contexts[name]
    if (config.currentContext === name) config.currentContext = undefined
    saveConfig(config)
    return this.present(
      {deleted: name, currentContext: config.currentContext ?? null},
      objectView((r) => [`Deleted context ${r.deleted}.`], ['deleted', 'currentContext']),
    )
  }
}
