import * as Flags from '@oclif/core/flags'

import {type ElectionKind, type ElectionResult, electionsService} from '../../admin/partitions/elections.js'
import {KafkaCommand} from '../../base-command.js'
import {ExitCode, usageError} from '../../errors.js'
import {parseElectionPartitions, readJsonFile} from '../../input/kafka-json.js'
import {mergeTopicPartitions, parseTopicPartitions} from '../../input/topic-partitions.js'
import type {View} from '../../output/format.js'

export interface ElectLeadersResult {
  electionType: ElectionKind
  results: ElectionResult[]
}

export default class PartitionsElectLeaders extends KafkaCommand<typeof PartitionsElectLeaders> {
  static summary = 'Elect the preferred (or, with data-loss risk, an unclean) leader for partitions.'
  static description =
    'ElectLeaders (API 43) in one request. Reports each partition: elected, not-needed or failed (exit 1 when any failed).'
  static examples = [
    '<%= config.bin %> partitions elect-leaders --preferred --all-topics',
    '<%= config.bin %> partitions elect-leaders --preferred --topic orders:0,1',
    '<%= config.bin %> partitions elect-leaders --unclean --topic orders:3 --yes',
    '<%= config.bin %> partitions elect-leaders --election-type preferred --path-to-json-file partitions.json',
  ]

  static flags = {
    preferred: Flags.boolean({
      summary: 'Make the preferred replica (the first in the list) the leader.',
      exclusive: ['unclean', 'election-type'],
    }),
    unclean: Flags.boolean({
      summary: 'Elect an out-of-sync replica where no in-sync one is alive: committed records may be lost.',
      exclusive: ['preferred', 'election-type'],
    }),
    'election-type': Flags.option({
      options: ['preferred', 'unclean'] as const,
      summary: "Kafka's flag: preferred or unclean.",
    })(),
    topic: Flags.string({
      summary: 'Topic, or topic:partitions like orders:0,2 (repeatable).',
      multiple: true,
      exclusive: ['all-topics', 'path-to-json-file'],
    }),
    'all-topics': Flags.boolean({
      summary: 'Every partition of the cluster.',
      aliases: ['all-topic-partitions'],
      exclusive: ['topic', 'path-to-json-file'],
    }),
    'path-to-json-file': Flags.string({
      summary: 'Kafka\'s JSON: {"partitions":[{"topic":"t","partition":0}]}.',
      exclusive: ['topic', 'all-topics'],
    }),
    yes: Flags.boolean({char: 'y', summary: 'Do not ask for confirmation.'}),
  }

  async run(): Promise<ElectLeadersResult> {
    const {flags} = this
    const kind: ElectionKind | undefined = flags.preferred
      ? 'preferred'
      : flags.unclean
        ? 'unclean'
        : flags['election-type']
    if (!kind)
      throw usageError(
        'Say which election: --preferred or --unclean',
        'E.g. `kctl partitions elect-leaders --preferred --all-topics`.',
      )
    if (!flags.topic && !flags['all-topics'] && !flags['path-to-json-file'])
      throw usageError(
        'Say which partitions: --topic T[:P], --all-topics or --path-to-json-file F',
        'E.g. `kctl partitions elect-leaders --preferred --topic orders:0,1`.',
      )
    const fromFile = flags['path-to-json-file']
      ? parseElectionPartitions(readJsonFile(flags['path-to-json-file'], '--path-to-json-file'))
      : undefined
    const specs = flags.topic ? mergeTopicPartitions(flags.topic.map((t) => parseTopicPartitions(t))) : undefined
    const conn = await this.connection()
    const targets = flags['all-topics'] ? null : await electionsService.resolveElectionTargets(conn, specs, fromFile)
    const what =
      targets === null
        ? 'every partition of the cluster'
        : `${targets.length} partition${targets.length === 1 ? '' : 's'}`
    if (kind === 'unclean') {
      await this.guardMutation(
        `Unclean leader election for ${what}: an out-of-sync replica may become leader and records it does not have are LOST for good. Continue?`,
        {yes: flags.yes, destructive: true},
      )
    } else {
      await this.guardMutation(`Elect the preferred leader for ${what}?`, {yes: flags.yes})
    }
    const results = await electionsService.electLeaders(conn, kind, targets, Math.min(this.timeoutMs, 60_000))
    this.present({electionType: kind, results}, electionView)
    if (results.some((r) => r.result === 'failed')) this.exitWith(ExitCode.failed)
    return {electionType: kind, results}
  }
}

const electionView: View<ElectLeadersResult> = {
  columns: [
    {key: 'topic', header: 'TOPIC'},
    {key: 'partition', header: 'PARTITION', align: 'right'},
    {key: 'result', header: 'RESULT', color: (v) => (v === 'failed' ? 'red' : v === 'elected' ? 'green' : undefined)},
    {key: 'leader', header: 'LEADER', align: 'right'},
    {key: 'error', header: 'ERROR'},
    {key: 'message', header: 'MESSAGE', wide: true},
  ],
  rows: (d) => d.results.map((r) => ({...r})),
  empty: 'No partitions needed an election.',
}
