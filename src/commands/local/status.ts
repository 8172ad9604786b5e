import {ExitCode, KctlCommand} from '../../base-command.js'
import {type LocalClusterStatus, clusterStatus} from '../../local/cluster.js'
import {localClusterDir} from '../../local/paths.js'
import type {View} from '../../output/format.js'
import {toKeyValues} from '../../output/table.js'

export default class LocalStatus extends KctlCommand<typeof LocalStatus> {
  static summary = 'Show whether the local cluster runs, its nodes, listeners and log files.'
  static description = 'Exit code 3 when the cluster does not exist or a node is down (usable as a check in scripts).'
  static examples = ['<%= config.bin %> local status', '<%= config.bin %> local status --json']

  async run(): Promise<LocalClusterStatus> {
    const status = clusterStatus(localClusterDir())
    this.present(status, view(this.color))
    if (!status.exists || status.nodes.some((n) => !n.running)) this.exitWith(ExitCode.checkFailed)
    return status
  }
}

const view = (color: boolean): View<LocalClusterStatus> => ({
  header: (s) =>
    s.exists
      ? [
          ...toKeyValues(
            [
              ['Kafka', s.version],
              ['Cluster ID', s.clusterId],
              ['Secure', s.secure],
              ['KRaft quorum', s.quorum],
              ['Bootstrap', s.bootstrap],
              ['Directory', s.dir],
            ],
            {color},
          ),
          '',
        ]
      : [`No local cluster in ${s.dir}. Start one with \`kctl local start\`.`],
  columns: [
    {key: 'id', header: 'NODE', align: 'right'},
    {key: 'state', header: 'STATE', color: (v) => (v === 'running' ? 'green' : 'red')},
    {key: 'pid', header: 'PID', align: 'right'},
    {key: 'plaintext', header: 'PLAINTEXT'},
    {key: 'ssl', header: 'SSL'},
    {key: 'saslSsl', header: 'SASL_SSL'},
    {key: 'oauth', header: 'OAUTHBEARER', wide: true},
    {key: 'controller', header: 'CONTROLLER', wide: true},
    {key: 'log', header: 'LOG', wide: true},
  ],
  rows: (s) =>
    s.nodes.map((n) => ({
      id: n.id,
      state: n.running ? 'running' : 'stopped',
      pid: n.pid,
      plaintext: n.listeners.plaintext,
      ssl: n.listeners.ssl,
      saslSsl: n.listeners.saslSsl,
      oauth: n.listeners.oauth,
      controller: n.listeners.controller,
      log: n.logFile,
    })),
})
