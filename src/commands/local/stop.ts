import * as Flags from '@oclif/core/flags'

import {KctlCommand} from '../../base-command.js'
import {brokerIdFlag} from '../../flags/values.js'
import {stopCluster} from '../../local/cluster.js'
import {localClusterDir} from '../../local/paths.js'
import {objectView} from '../../output/format.js'

export interface LocalStopResult {
  dir: string
  stopped: number[]
  purged: boolean
}

export default class LocalStop extends KctlCommand<typeof LocalStop> {
  static summary = 'Stop the local Kafka cluster (or some of its nodes).'
  static description =
    'Sends SIGTERM (controlled shutdown) and SIGKILL after a grace period. Data is kept for the next `kctl local start` unless --purge is given.'
  static examples = [
    '<%= config.bin %> local stop',
    '<%= config.bin %> local stop --purge',
    '<%= config.bin %> local stop --broker 2',
  ]

  static flags = {
    purge: Flags.boolean({summary: 'Delete the cluster directory (data, logs, certificates) after stopping.'}),
    broker: brokerIdFlag({
      summary: 'Stop only this node (repeatable); `kctl local start` restarts it.',
      multiple: true,
    }),
    timeout: Flags.string({summary: 'Deadline for the whole command.', default: '60s', helpGroup: 'GLOBAL'}),
  }

  async run(): Promise<LocalStopResult> {
    const dir = localClusterDir()
    const {stopped} = await stopCluster(dir, {nodeIds: this.flags.broker, purge: this.flags.purge})
    const purged = Boolean(this.flags.purge && !this.flags.broker)
    const text =
      stopped.length > 0
        ? `Stopped node(s) ${stopped.join(', ')}.${purged ? ' Removed ' + dir + '.' : ''}`
        : `Nothing was running.${purged ? ' Removed ' + dir + '.' : ''}`
    return this.present(
      {dir, stopped, purged},
      objectView(() => [text], ['dir', 'stopped', 'purged']),
    )
  }
}
