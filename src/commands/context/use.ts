import * as Args from '@oclif/core/args'

import {KctlCommand} from '../../base-command.js'
import {updateConfig} from '../../connection/config-file.js'
import {usageError} from '../../errors.js'
import {objectView} from '../../output/format.js'

export default class ContextUse extends KctlCommand<typeof ContextUse> {
  static summary = 'Make a context the current one.'
  static examples = ['<%= config.bin %> context use prod']
  static args = {name: Args.string({description: 'Context name.', required: true})}

  async run(): Promise<{currentContext: string}> {
    const {name} = this.args
    updateConfig((config) => {
      if (!config.contexts[name])
        throw usageError(
          `Unknown context "${name}"`,
          `Known contexts: ${Object.keys(config.contexts).sort().join(', ') || 'none'}.`,
          'UNKNOWN_CONTEXT',
        )
      config.currentContext = name
    })
    return this.present(
      {currentContext: name},
      objectView((r) => [`Switched to context ${r.currentContext}.`], ['currentContext']),
    )
  }
}
