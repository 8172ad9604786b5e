import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {type UnregisterBrokerPlan, brokerRegistrationService} from '../../admin/cluster/broker-unregister.js'
import {KafkaCommand, yesFlag} from '../../base-command.js'
import {usageError} from '../../errors.js'
import {NUMBER_RULES, parseInteger} from '../../input/numbers.js'
import type {View} from '../../output/format.js'

export interface BrokersUnregisterResult extends UnregisterBrokerPlan {
  dryRun: boolean
  unregistered: boolean
}

export default class BrokersUnregister extends KafkaCommand<typeof BrokersUnregister> {
  static summary = 'Remove a stopped broker’s registration from the KRaft metadata (UnregisterBroker).'
  static description =
    'Like `kafka-cluster unregister --id N`: for a broker that is gone for good. Its partition replicas are not moved: reassign them first (a warning counts them). ' +
    'A running broker is refused: Kafka 4.4 unregisters it too, and it then stays out of the cluster (its heartbeats fail with STALE_BROKER_EPOCH) until it restarts; --force does that on purpose. ' +
    'A stopped broker registers again when it starts. Confirms first (--yes skips); --dry-run shows the plan.'

  static examples = ['<%= config.bin %> brokers unregister 4 --dry-run', '<%= config.bin %> brokers unregister 4 --yes']

  static args = {id: Args.string({description: 'Broker id.'})}
  static flags = {
    force: Flags.boolean({summary: 'Unregister the broker even though it is running.'}),
    'dry-run': Flags.boolean({summary: 'Check and show what would be unregistered; change nothing.'}),
    yes: yesFlag,
  }

  async run(): Promise<BrokersUnregisterResult> {
    if (this.args.id === undefined)
      throw usageError(
        'Say which broker to unregister: kctl brokers unregister ID',
        'See `kctl brokers list`.',
        'MISSING_ARGUMENT',
      )
    const id = parseInteger(this.args.id, 'broker id', NUMBER_RULES.brokerId)
    const conn = await this.connection()
    const plan = await brokerRegistrationService.planUnregisterBroker(conn, id, {force: this.flags.force})
    for (const w of plan.notes) this.warnUser(w)
    if (this.flags['dry-run']) return this.present({...plan, dryRun: true, unregistered: false}, unregisterView)
    await this.guardMutation(`Unregister broker ${id} (${plan.registration})?`, {destructive: true})
    await brokerRegistrationService.unregisterBroker(conn, id)
    return this.present({...plan, dryRun: false, unregistered: true}, unregisterView)
  }
}

const unregisterView: View<BrokersUnregisterResult> = {
  columns: [
    {key: 'broker', header: 'BROKER', align: 'right'},
    {key: 'registration', header: 'REGISTRATION'},
    {key: 'replicaPartitionCount', header: 'PARTITIONS WITH REPLICAS', align: 'right'},
  ],
  rows: (d) => [{broker: d.broker, registration: d.registration, replicaPartitionCount: d.replicaPartitionCount}],
  footer: (d) => [
    '',
    d.dryRun
      ? `Dry run: broker ${d.broker} would be unregistered; nothing was changed.`
      : `Unregistered broker ${d.broker}.`,
  ],
}
