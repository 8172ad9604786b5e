import {once} from 'node:events'

import * as Flags from '@oclif/core/flags'

import {
  type ConsumePlan,
  type ConsumedRecord,
  type Isolation,
  checkRanges,
  consumeService,
} from '../admin/records/consume.js'
import {KafkaCommand} from '../base-command.js'
import type {KafkaConnection} from '../connection/client.js'
import {ExitCode, usageError} from '../errors.js'
import {type PositionSpec, parsePosition} from '../input/position.js'
import {type RecordFilter, parseGrep} from '../input/record-grep.js'
import {parseTopicPartitions} from '../input/topic-partitions.js'
import {
  type RecordFormatter,
  decodedValue,
  jsonFormatter,
  kcatFormatter,
  rawFormatter,
  tableFormatter,
} from '../cli/views/records.js'

export interface ConsumeSummary {
  records: number
}

export default class Consume extends KafkaCommand<typeof Consume> {
  static summary =
    'Read records from topics: by default from the earliest offset up to the end offsets taken at start, then exit.'
  static description = `Never joins, creates or commits a consumer group unless --group G --commit is given (the group must have no active members then).

Positions (--from, --to): earliest, latest, an offset, +N (N after the earliest), -N (N before the end), @2024-01-31T12:00:00 (UTC unless a zone is given), @-1h (a duration ago), committed:GROUP (a group's committed offsets, read without joining). --to is exclusive: reading stops before it.

Reads committed data by default (records of aborted transactions are dropped, as Kafka's consumer does); --read-uncommitted reads up to the high watermark; --show-aborted keeps aborted records, marked.

-o json prints NDJSON, one record a line: topic, partition, offset, timestamp, timestampType, key, value, headers (an ordered list of {key, value, encoding}) and encodings. A key or value that is JSON in compact form stays JSON, UTF-8 text stays text, anything else is base64, with its encoding marked: nothing is lost, and \`kctl produce --input json\` writes the same bytes back.`

  static strict = false
  static examples = [
    '<%= config.bin %> consume orders',
    '<%= config.bin %> consume orders --from -10 --partition 0',
    '<%= config.bin %> consume orders --from @-1h --output json > last-hour.ndjson',
    '<%= config.bin %> consume orders --key customer-42 --grep value:refund',
    '<%= config.bin %> consume orders --tail 5',
    '<%= config.bin %> consume orders --follow --format "%p:%o %k=%s\\n"',
    '<%= config.bin %> consume orders --from committed:billing --max-records 100',
    '<%= config.bin %> consume orders --group billing --commit --output raw',
    '<%= config.bin %> consume __consumer_offsets --decode offsets --output json',
  ]

  static baseFlags = {
    ...KafkaCommand.baseFlags,
    // consume's own formats: records stream out, so no yaml/csv/wide (typed as the base flag's).
    output: Flags.option({
      char: 'o',
      options: ['table', 'json', 'raw'] as const,
      summary:
        'Output format: table (aligned lines), json (NDJSON, one record a line) or raw (values only, one a line).',
      helpGroup: 'OUTPUT',
    })() as unknown as (typeof KafkaCommand.baseFlags)['output'],
  }

  static flags = {
    from: Flags.string({
      summary: 'Where to start: earliest (default), latest, OFFSET, +N, -N, @DATETIME, @-DURATION, committed:GROUP.',
    }),
    to: Flags.string({
      summary: 'Where to stop (exclusive), same grammar; default: the end offsets at start.',
      exclusive: ['follow'],
    }),
    partition: Flags.integer({
      char: 'p',
      summary: 'Only this partition (repeatable; one topic).',
      multiple: true,
      min: 0,
    }),
    'max-records': Flags.integer({char: 'n', summary: 'Stop after N records in all.', min: 1}),
    tail: Flags.integer({
      summary: 'The newest N records of the topics, merged by time.',
      min: 1,
      exclusive: ['from', 'to', 'follow', 'max-records'],
    }),
    follow: Flags.boolean({char: 'f', summary: 'Keep reading new records until interrupted (Ctrl-C).'}),
    key: Flags.string({
      summary: "Only records with this key, read from the partition Kafka's partitioner (murmur2) picks for it.",
    }),
    grep: Flags.string({
      summary:
        'Filter: PATTERN, key:PATTERN, value:PATTERN, header:NAME[=PATTERN]; ! negates; repeat to combine (all must match).',
      multiple: true,
    }),
    'read-uncommitted': Flags.boolean({
      summary: 'Read up to the high watermark, open and aborted transactions included.',
      exclusive: ['show-aborted'],
    }),
    'show-aborted': Flags.boolean({summary: 'Keep the records of aborted transactions, marked as aborted.'}),
    format: Flags.string({
      summary: 'kcat-style format, e.g. "%t %p %o %k %s\\n" (%t %p %o %k %s %K %S %T %h %%).',
      exclusive: ['output'],
    }),
    group: Flags.string({summary: 'A consumer group: start at its committed offsets (earliest where none).'}),
    decode: Flags.option({
      options: ['offsets', 'transactions'] as const,
      summary: 'Decode __consumer_offsets (offsets) or __transaction_state (transactions) records into JSON.',
    })(),
    commit: Flags.boolean({
      summary: 'With --group: commit the offsets reached when done (the group must have no active members).',
      dependsOn: ['group'],
    }),
  }

  private written = 0

  override logJson(json: unknown): void {
    // Records are streamed as NDJSON while reading; only errors come here.
    if (json !== undefined) super.logJson(json)
  }

  async run(): Promise<undefined> {
    const {flags} = this
    const topics = this.positionals.map((t) => parseTopicPartitions(t))
    if (topics.length === 0) throw usageError('Name at least one topic', 'E.g. `kctl consume orders`.', 'MISSING_TOPIC')
    if (flags.partition) {
      if (topics.length !== 1 || topics[0].partitions)
        throw usageError(
          '--partition needs exactly one topic without partitions',
          'Or name them: `kctl consume orders:0,1`.',
          'INVALID_ARGUMENTS',
        )
      topics[0] = {topic: topics[0].topic, partitions: [...new Set(flags.partition)].sort((a, b) => a - b)}
    }
    const from: PositionSpec = flags.tail
      ? {kind: 'fromEnd', n: BigInt(flags.tail)}
      : flags.from
        ? parsePosition(flags.from, '--from')
        : flags.group
          ? {kind: 'committed', group: flags.group}
          : {kind: 'earliest'}
    const to: PositionSpec | null = flags.follow ? null : flags.to ? parsePosition(flags.to, '--to') : {kind: 'latest'}
    const filter = parseGrep(flags.grep ?? [])
    const key = flags.key === undefined ? undefined : Buffer.from(flags.key, 'utf8')
    const keyFilter: RecordFilter | undefined = key ? (r) => r.key !== null && r.key.equals(key) : undefined
    const isolation: Isolation = flags['read-uncommitted'] ? 'read_uncommitted' : 'read_committed'
    const formatter = this.formatter(topics.length > 1)
    if (flags.commit) await this.guardMutation(`Commit the offsets reached to group ${flags.group}?`, {yes: true})

    const conn = await this.connection()
    const plan = await consumeService.planConsume(conn, {topics, key, from, to, isolation})
    checkRanges(plan)
    if (plan.uncommitted.length > 0)
      this.note(
        `No committed offset of ${(from as {group: string}).group} for ${plan.uncommitted.join(', ')}: reading from the earliest.`,
      )
    this.stopDeadline() // --timeout bounds connecting and planning; reading takes as long as the data
    const controller = new AbortController()
    const onSigint = () => {
      controller.abort()
      this.exitWith(ExitCode.cancelled)
    }
    process.once('SIGINT', onSigint)
    process.stdout.on('error', () => {
      this.stdoutClosed = true
      controller.abort()
    })
    const keep = (r: ConsumedRecord) => (!keyFilter || keyFilter(r)) && (!filter || filter(r))
    try {
      const read = {conn, plan, keep, f: formatter, isolation, signal: controller.signal}
      const positions = flags.tail ? await this.tail(read, flags.tail) : await this.stream(read)
      if (flags.commit && flags.group) await consumeService.commitPositions(conn, flags.group, positions)
    } finally {
      process.off('SIGINT', onSigint)
    }
    if (this.format !== 'json' && this.written === 0 && !controller.signal.aborted) this.note('No records.')
    return undefined
  }

  private formatter(showTopic: boolean): {header?: string; format: RecordFormatter} {
    const showAborted = Boolean(this.flags['show-aborted'])
    if (this.flags.format !== undefined) return {format: kcatFormatter(this.flags.format)}
    const decoder = this.flags.decode
    if (this.jsonEnabled()) return {format: jsonFormatter(showAborted, decoder)}
    const decoded = (f: RecordFormatter): RecordFormatter => (decoder ? (r) => f(decodedValue(decoder, r)) : f)
    if ((this.flags.output as string) === 'raw') return {format: decoded(rawFormatter)}
    const table = tableFormatter({
      width: process.stdout.columns ?? 160,
      color: this.color,
      showTopic: showTopic || this.positionals.length > 1,
      showAborted,
    })
    return {header: table.header, format: decoded(table.format)}
  }

  private stdoutClosed = false

  /** Writes with backpressure (memory stays bounded whatever the topic size); a closed pipe (`| head`) ends the reading quietly. */
  private async write(chunk: string | Buffer): Promise<void> {
    if (this.stdoutClosed) return
    if (!process.stdout.write(chunk)) {
      try {
        await once(process.stdout, 'drain')
      } catch {
        this.stdoutClosed = true
      }
    }
  }

  private async stream({conn, plan, keep, f, isolation, signal}: ReadArgs) {
    const limit = this.flags['max-records'] ?? Number.POSITIVE_INFINITY
    let headerDone = false
    return consumeService.consumeRecords(
      conn,
      plan,
      {isolation, showAborted: Boolean(this.flags['show-aborted']), signal},
      async (records) => {
        for (const r of records) {
          if (!keep(r)) continue
          if (!headerDone && f.header) await this.write(f.header)
          headerDone = true
          await this.write(f.format(r))
          if (++this.written >= limit || this.stdoutClosed) return false
        }
        return !this.stdoutClosed
      },
    )
  }

  /** The newest N records of all the partitions read, merged by timestamp. */
  private async tail({conn, plan, keep, f, isolation, signal}: ReadArgs, n: number) {
    const all: ConsumedRecord[] = []
    const positions = await consumeService.consumeRecords(
      conn,
      plan,
      {isolation, showAborted: Boolean(this.flags['show-aborted']), signal},
      (records) => {
        all.push(...records.filter((r) => keep(r)))
        return true
      },
    )
    const newest = all
      .sort((a, b) => a.timestamp - b.timestamp || a.partition - b.partition || (a.offset < b.offset ? -1 : 1))
      .slice(-n)
    if (newest.length > 0 && f.header) await this.write(f.header)
    for (const r of newest) await this.write(f.format(r))
    this.written = newest.length
    return positions
  }
}

interface ReadArgs {
  conn: KafkaConnection
  plan: ConsumePlan
  keep: (r: ConsumedRecord) => boolean
  f: {header?: string; format: RecordFormatter}
  isolation: Isolation
  signal: AbortSignal
}
