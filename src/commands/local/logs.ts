import {KctlCommand} from '../../base-command.js'
import {brokerIdFlag, countFlag} from '../../flags/values.js'
import {nodeLog} from '../../local/cluster.js'
import {localClusterDir} from '../../local/paths.js'
import type {View} from '../../output/format.js'

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
    return this.present(result, logLinesView)
  }
}

/** Table and wide print the log as it is; CSV is one row per line (node, line number, text). */
const logLinesView: View<LocalLogsResult> = {
  headerOnly: true,
  header: (r) => r.lines,
  columns: [
    {key: 'nodeId', header: 'NODE'},
    {key: 'line', header: 'LINE'},
    {key: 'text', header: 'TEXT'},
  ],
  rows: (r) => r.lines.map((text, i) => ({nodeId: r.nodeId, line: i + 1, text})),
}
