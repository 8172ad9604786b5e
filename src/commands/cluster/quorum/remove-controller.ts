import * as Flags from '@oclif/core/flags'

import {type RemoveControllerPlan, quorumService} from '../../../admin/cluster/quorum.js'
import {KafkaCommand, yesFlag} from '../../../base-command.js'
import {usageError} from '../../../errors.js'
import {controllerIdFlag, directoryIdFlag} from '../../../flags/quorum.js'
import type {View} from '../../../output/format.js'

export interface QuorumRemoveControllerResult extends RemoveControllerPlan {
  dryRun: boolean
  removed: boolean
  unregistered: boolean
  /** The voters DescribeQuorum lists afterwards (before, on a dry run). */
  voters: number[]
}

export default class ClusterQuorumRemoveController extends KafkaCommand<typeof ClusterQuorumRemoveController> {
  static summary = 'Remove a controller from the voters of a dynamic KRaft quorum (RemoveRaftVoter).'
  static description =
    'Like `kafka-metadata-quorum remove-controller`. The directory id comes from DescribeQuorum unless --controller-directory-id is given. ' +
    'Refused (exit 2, nothing changed) when the controller is not a voter, is the last voter, or the voters that stay would not hold a majority of caught-up members. ' +
    'A running controller stays an observer (a combined node keeps serving as a broker). ' +
    '--unregister also sends UnregisterController (API 94: Kafka 4.4 has it, 3.9 does not) to drop its registration; it is refused while the controller still fetches, because Kafka lets a running controller register again at once. ' +
    'Confirms first (--yes skips); --dry-run shows the plan.'

  static examples = [
    '<%= config.bin %> cluster quorum remove-controller --controller-id 3 --dry-run',
    '<%= config.bin %> cluster quorum remove-controller --controller-id 3 --yes',
    '<%= config.bin %> cluster quorum remove-controller --controller-id 3 --controller-directory-id mfy4aOA3IbXgWby4n5-uFw --unregister --yes',
  ]

  static flags = {
    'controller-id': controllerIdFlag,
    'controller-directory-id': directoryIdFlag(),
    unregister: Flags.boolean({
      summary: 'Also unregister the controller (UnregisterController) once it is removed; it must be stopped.',
    }),
    'dry-run': Flags.boolean({summary: 'Check and show what would be removed; change nothing.'}),
    yes: yesFlag,
  }

  async run(): Promise<QuorumRemoveControllerResult> {
    const {flags} = this
    if (flags['controller-id'] === undefined)
      throw usageError(
        'Say which controller to remove: --controller-id N',
        'The voters are listed by `kctl cluster quorum describe`.',
        'MISSING_FLAG',
      )
    const conn = await this.connection()
    const plan = await quorumService.planRemoveController(conn, {
      controller: flags['controller-id'],
      directoryId: flags['controller-directory-id'],
      unregister: flags.unregister,
    })
    for (const w of plan.notes) this.warnUser(w)
    if (flags['dry-run'])
      return this.present(
        {...plan, dryRun: true, removed: false, unregistered: false, voters: plan.votersBefore},
        removeView,
      )
    await this.guardMutation(
      `Remove controller ${plan.controller} (directory ${plan.directoryId}) from the KRaft voters ${plan.votersBefore.join(', ')}${flags.unregister ? ' and unregister it' : ''}?`,
      {destructive: true},
    )
    const after = await quorumService.removeController(conn, plan, {timeoutMs: this.timeoutMs})
    if (flags.unregister) await quorumService.unregisterController(conn, plan.controller)
    return this.present(
      {
        ...plan,
        dryRun: false,
        removed: true,
        unregistered: Boolean(flags.unregister),
        voters: after.voters.map((v) => v.id),
      },
      removeView,
    )
  }
}

const removeView: View<QuorumRemoveControllerResult> = {
  columns: [
    {key: 'controller', header: 'CONTROLLER', align: 'right'},
    {key: 'directoryId', header: 'DIRECTORY ID'},
    {key: 'votersBefore', header: 'VOTERS BEFORE'},
    {key: 'votersAfter', header: 'VOTERS AFTER'},
  ],
  rows: (d) => [
    {
      controller: d.controller,
      directoryId: d.directoryId,
      votersBefore: d.votersBefore.join(','),
      votersAfter: (d.dryRun ? d.votersAfter : d.voters).join(','),
    },
  ],
  footer: (d) => [
    '',
    d.dryRun
      ? `Dry run: controller ${d.controller} would be removed; nothing was changed.`
      : `Removed controller ${d.controller} from the voters${d.unregistered ? ' and unregistered it' : ''}.`,
  ],
}
