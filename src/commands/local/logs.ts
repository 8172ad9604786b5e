import {KctlCommand} from '../../base-command.js'
import {brokerIdFlag, countFlag} from '../../flags/values.js'
import {nodeLog} from '../../local/cluster.js'
import {localClusterDir} from '../../local/paths.js'

export interface LocalLogsResult {
  nodeId: number
  file: string
  lines: string[]
}

export default class LocalLogs extends KctlCommand<typeof LocalLogs> {
  static summary = "Print the end of a local node's server log."
  static examples = ['<%= config.bin %> local logs', '<%= config.bin %> local logs --broker 2 --lines 200']

  static flags = {
    broker: brokerIdFlag({summary: 'Node id (default: the first node).'}),
    lines: countFlag({char: 'n', summary: 'How many lines from the end.', default: 50}),
  }

  async run(): Promise<LocalLogsResult> {
    const result = nodeLog(localClusterDir(), this.flags.broker, this.flags.lines)
    if (!this.jsonEnabled()) this.log(result.lines.join('\n'))
    return result
  }
}
