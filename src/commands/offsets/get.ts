import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {type OffsetQuery, type PartitionOffset, offsetsService, resolvePartitions} from '../../admin/groups/offsets.js'
import {KafkaCommand} from '../../base-command.js'
import {usageError} from '../../errors.js'
import {MAX_EPOCH_MS, formatTimestamp, parseDateTime} from '../../input/datetime.js'
import {parseTopicPartitions} from '../../input/topic-partitions.js'
import type {View} from '../../output/format.js'

export interface OffsetGetResult {
  time: string
  offsets: (Omit<PartitionOffset, 'timestamp'> & {timestamp: string | null})[]
}

/** `earliest`, `latest`, `max-timestamp`, epoch milliseconds or an ISO-8601 date-time. */
export function parseOffsetTime(text: string): OffsetQuery {
  const t = text.trim().toLowerCase()
  if (t === 'earliest' || t === 'latest' || t === 'max-timestamp') return t
  if (t === '-1') return 'latest'
  if (t === '-2') return 'earliest'
  if (t === '-3') return 'max-timestamp'
  if (/^\d+$/.test(t)) {
    if (BigInt(t) > BigInt(MAX_EPOCH_MS))
      throw usageError(
        `Invalid --time "${text}": ${t} ms is beyond any date`,
        `Epoch milliseconds are at most ${MAX_EPOCH_MS}; e.g. --time ${Date.UTC(2024, 0, 31)} or --time 2024-01-31T00:00:00Z.`,
        'INVALID_TIME',
      )
    return {timestamp: Number(t)}
  }
  if (/^\d{4}-/.test(t)) return {timestamp: parseDateTime(text, '--time')}
  throw usageError(
    `Invalid --time "${text}"`,
    'Use earliest, latest, max-timestamp, epoch milliseconds or ISO-8601 (2024-01-31T12:00:00Z).',
    'INVALID_TIME',
  )
}

export default class OffsetsGet extends KafkaCommand<typeof OffsetsGet> {
  static summary =
    'Offsets of topic partitions: earliest, latest, max-timestamp or the first at a time (like kafka-get-offsets).'
  static description =
    'One ListOffsets request per leader broker. With a time, the offset is that of the first record at or after it; `-` when no record is that new.'
  static strict = false
  static examples = [
    '<%= config.bin %> offsets get orders',
    '<%= config.bin %> offsets get orders payments --time earliest',
    '<%= config.bin %> offsets get orders --time 2024-01-31T12:00:00Z --partitions 0,1',
    '<%= config.bin %> offsets get orders:0-3 --time max-timestamp --output json',
  ]

  static args = {topic: Args.string({description: 'Topic(s), optionally with partitions (topic:0,1).', required: true})}
  static flags = {
    time: Flags.string({
      summary: 'earliest, latest (default), max-timestamp, epoch ms or ISO-8601.',
      default: 'latest',
    }),
    partitions: Flags.string({summary: 'Only these partitions (comma-separated, ranges allowed: 0,2,4-7).'}),
  }

  async run(): Promise<OffsetGetResult> {
    const query = parseOffsetTime(this.flags.time)
    const specs = this.positionals.map((t) => {
      const spec = parseTopicPartitions(t, 'topic')
      return this.flags.partitions
        ? {
            topic: spec.topic,
            partitions: parseTopicPartitions(`${spec.topic}:${this.flags.partitions}`, '--partitions').partitions,
          }
        : spec
    })
    const conn = await this.connection()
    const layout = await offsetsService.topicLayout(
      conn,
      specs.map((s) => s.topic),
    )
    const partitions = resolvePartitions(layout, specs, '--partitions')
    const found = await offsetsService.listOffsets(conn, layout, partitions, query)
    const offsets = partitions.map((tp) => {
      const o = found.get(`${tp.topic}:${tp.partition}`)
      return {...tp, offset: o?.offset ?? null, timestamp: formatTimestamp(o?.timestamp ?? null)}
    })
    return this.present(
      {time: typeof query === 'string' ? query : new Date(query.timestamp).toISOString(), offsets},
      offsetGetView,
    )
  }
}

export const offsetGetView: View<OffsetGetResult> = {
  columns: [
    {key: 'topic', header: 'TOPIC'},
    {key: 'partition', header: 'PARTITION', align: 'right'},
    {key: 'offset', header: 'OFFSET', align: 'right'},
    {key: 'timestamp', header: 'TIMESTAMP'},
  ],
  rows: (d) => d.offsets.map((o) => ({...o})),
  empty: 'No partitions.',
}
