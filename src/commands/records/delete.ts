import * as Flags from '@oclif/core/flags'

import {type DeleteBefore, type RecordDeletion, recordsService} from '../../admin/records/records.js'
import {KafkaCommand} from '../../base-command.js'
import {ExitCode, usageError} from '../../errors.js'
import {partitionIdFlag} from '../../flags/values.js'
import {parseDateTime} from '../../input/datetime.js'
import {parseInt64} from '../../input/numbers.js'
import {parseOffsetFile, readJsonFile} from '../../input/kafka-json.js'
import {type TopicPartitionsSpec, mergeTopicPartitions, parseTopicPartitions} from '../../input/topic-partitions.js'
import type {View} from '../../output/format.js'
import {render} from '../../output/render.js'

export interface RecordsDeleteResult {
  dryRun: boolean
  recordsDeleted: bigint
  partitions: (RecordDeletion & {lowWatermark: bigint | null; error: string | null})[]
}

export default class RecordsDelete extends KafkaCommand<typeof RecordsDelete> {
  static summary =
    'Delete the records before an offset or a point in time (DeleteRecords), showing what each partition loses.'
  static examples = [
    '<%= config.bin %> records delete --topic orders --partition 0 --before-offset 1000 --dry-run',
    '<%= config.bin %> records delete --topic orders --before-datetime 2024-01-31T00:00:00Z --yes',
    '<%= config.bin %> records delete --offset-json-file offsets.json',
  ]

  static flags = {
    topic: Flags.string({summary: 'Topic, or topic:partitions like orders:0,1 (repeatable).', multiple: true}),
    partition: partitionIdFlag({summary: 'Only this partition of the one --topic (repeatable).', multiple: true}),
    'before-offset': Flags.string({
      summary: 'Delete every record before this offset.',
      exclusive: ['before-datetime', 'offset-json-file'],
    }),
    'before-datetime': Flags.string({
      summary: 'Delete every record older than this ISO-8601 time.',
      exclusive: ['before-offset', 'offset-json-file'],
    }),
    'offset-json-file': Flags.string({
      summary: 'kafka-delete-records\' JSON: {"partitions":[{"topic":"t","partition":0,"offset":10}]}.',
      exclusive: ['topic', 'before-offset', 'before-datetime'],
    }),
    'dry-run': Flags.boolean({summary: 'Show what each partition would lose; delete nothing.'}),
    yes: Flags.boolean({char: 'y', summary: 'Do not ask for confirmation.'}),
  }

  async run(): Promise<RecordsDeleteResult> {
    const {targets, before} = this.parseInput()
    const conn = await this.connection()
    const plan = await recordsService.planRecordDeletion(conn, targets, before)
    const total = plan.reduce((n, p) => n + p.records, 0n)
    const dryRun = Boolean(this.flags['dry-run'])
    if (!dryRun && total > 0n) {
      this.note(
        render(
          {dryRun: true, recordsDeleted: total, partitions: plan.map((p) => ({...p, lowWatermark: null, error: null}))},
          recordsView,
          'table',
          {color: this.color},
        ),
      )
      await this.guardMutation(
        `Delete ${total} records from ${plan.filter((p) => p.records > 0n).length} partition(s)? This cannot be undone.`,
        {yes: this.flags.yes, destructive: true},
      )
    }
    const results =
      dryRun || total === 0n ? [] : await recordsService.deleteRecords(conn, plan, Math.min(this.timeoutMs, 60_000))
    const partitions = plan.map((p) => {
      const r = results.find((x) => x.topic === p.topic && x.partition === p.partition)
      return {...p, lowWatermark: dryRun ? null : (r?.lowWatermark ?? p.earliest), error: r?.error ?? null}
    })
    const result = {
      dryRun,
      recordsDeleted: dryRun ? 0n : partitions.filter((p) => !p.error).reduce((n, p) => n + p.records, 0n),
      partitions,
    }
    this.present(result, recordsView)
    if (partitions.some((p) => p.error)) this.exitWith(ExitCode.failed)
    return result
  }

  private parseInput(): {targets: TopicPartitionsSpec[]; before: DeleteBefore} {
    const {flags} = this
    if (flags['offset-json-file']) {
      const perPartition = parseOffsetFile(readJsonFile(flags['offset-json-file'], '--offset-json-file'))
      return {
        targets: mergeTopicPartitions(perPartition.map((p) => ({topic: p.topic, partitions: [p.partition]}))),
        before: {perPartition},
      }
    }
    if (!flags.topic)
      throw usageError(
        'Say which records: --topic T (with --before-offset or --before-datetime), or --offset-json-file F',
        'E.g. `kctl records delete --topic orders --partition 0 --before-offset 1000 --dry-run`.',
      )
    let targets = mergeTopicPartitions(flags.topic.map((t) => parseTopicPartitions(t)))
    if (flags.partition) {
      if (targets.length !== 1 || targets[0].partitions)
        throw usageError('--partition needs exactly one --topic without partitions', 'Or use --topic orders:0,1.')
      targets = [{topic: targets[0].topic, partitions: [...new Set(flags.partition)].sort((a, b) => a - b)}]
    }
    if (flags['before-offset'] !== undefined) {
      return {targets, before: {offset: parseInt64(flags['before-offset'], '--before-offset', {what: 'offset'})}}
    }
    if (flags['before-datetime'] !== undefined)
      return {targets, before: {timestamp: parseDateTime(flags['before-datetime'], '--before-datetime')}}
    throw usageError(
      'Say where to cut: --before-offset N or --before-datetime ISO-8601',
      'E.g. --before-offset 1000 or --before-datetime 2024-01-31T00:00:00Z.',
    )
  }
}

const recordsView: View<RecordsDeleteResult> = {
  columns: [
    {key: 'topic', header: 'TOPIC'},
    {key: 'partition', header: 'PARTITION', align: 'right'},
    {key: 'earliest', header: 'EARLIEST', align: 'right'},
    {key: 'latest', header: 'LATEST', align: 'right'},
    {key: 'deleteBefore', header: 'DELETE BEFORE', align: 'right'},
    {key: 'records', header: 'RECORDS', align: 'right'},
    {key: 'lowWatermark', header: 'NEW EARLIEST', align: 'right'},
    {key: 'error', header: 'ERROR', color: (v) => (v ? 'red' : undefined)},
  ],
  rows: (d) => d.partitions.map((p) => ({...p})),
  footer: (d) => [
    '',
    d.dryRun
      ? `Dry run: ${d.partitions.reduce((n, p) => n + p.records, 0n)} records would be deleted.`
      : `Deleted ${d.recordsDeleted} records.`,
  ],
}
