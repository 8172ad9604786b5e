import * as Flags from '@oclif/core/flags'

import {type AddControllerPlan, quorumService} from '../../../admin/cluster/quorum.js'
import {KafkaCommand, yesFlag} from '../../../base-command.js'
import {usageError} from '../../../errors.js'
import {controllerIdFlag, directoryIdFlag, endpointFlag} from '../../../flags/quorum.js'
import type {View} from '../../../output/format.js'

export interface QuorumAddControllerResult extends AddControllerPlan {
  dryRun: boolean
  added: boolean
  /** The voters DescribeQuorum lists afterwards (before, on a dry run). */
  voters: number[]
}

export default class ClusterQuorumAddController extends KafkaCommand<typeof ClusterQuorumAddController> {
  static summary = 'Make a running observer controller a voter of a dynamic KRaft quorum (AddRaftVoter).'
  static description =
    'The controller must run (process.roles with controller, controller.quorum.bootstrap.servers) and be caught up: the quorum lists it as an observer, with its directory id. ' +
    'Kafka reports no endpoints for observers, so --endpoint names its controller listener unless the quorum already knows the node. ' +
    'Kafka’s `kafka-metadata-quorum add-controller` reads the same from the controller’s own properties file; kctl works from any client. ' +
    '--dry-run checks and shows the plan.'

  static examples = [
    '<%= config.bin %> cluster quorum add-controller --controller-id 3 --endpoint CONTROLLER://ctrl-3.example.com:9093',
    '<%= config.bin %> cluster quorum add-controller --controller-id 3 --endpoint CONTROLLER://ctrl-3.example.com:9093 --dry-run',
  ]

  static flags = {
    'controller-id': controllerIdFlag,
    'controller-directory-id': directoryIdFlag(),
    endpoint: endpointFlag(),
    'dry-run': Flags.boolean({summary: 'Check and show what would be added; change nothing.'}),
    yes: yesFlag,
  }

  async run(): Promise<QuorumAddControllerResult> {
    const {flags} = this
    if (flags['controller-id'] === undefined)
      throw usageError(
        'Say which controller to add: --controller-id N',
        'Observers are listed by `kctl cluster quorum describe`.',
        'MISSING_FLAG',
      )
    const conn = await this.connection()
    const plan = await quorumService.planAddController(conn, {
      controller: flags['controller-id'],
      directoryId: flags['controller-directory-id'],
      endpoints: flags.endpoint,
    })
    if (flags['dry-run']) return this.present({...plan, dryRun: true, added: false, voters: plan.votersBefore}, addView)
    await this.guardMutation(
      `Add controller ${plan.controller} (directory ${plan.directoryId}) to the KRaft voters ${plan.votersBefore.join(', ')}?`,
    )
    const after = await quorumService.addController(conn, plan, {timeoutMs: this.timeoutMs})
    return this.present({...plan, dryRun: false, added: true, voters: after.voters.map((v) => v.id)}, addView)
  }
}

const addView: View<QuorumAddControllerResult> = {
  columns: [
    {key: 'controller', header: 'CONTROLLER', align: 'right'},
    {key: 'directoryId', header: 'DIRECTORY ID'},
    {key: 'endpoints', header: 'ENDPOINTS'},
    {key: 'votersBefore', header: 'VOTERS BEFORE'},
    {key: 'votersAfter', header: 'VOTERS AFTER'},
  ],
  rows: (d) => [
    {
      controller: d.controller,
      directoryId: d.directoryId,
      endpoints: d.endpoints.map((e) => `${e.name}://${e.host}:${e.port}`).join(','),
      votersBefore: d.votersBefore.join(','),
      votersAfter: (d.dryRun ? d.votersAfter : d.voters).join(','),
    },
  ],
  footer: (d) => [
    '',
    d.dryRun
      ? `Dry run: controller ${d.controller} would become a voter; nothing was changed.`
      : `Added controller ${d.controller} to the voters.`,
  ],
}
