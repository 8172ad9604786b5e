import {createReadStream, existsSync} from 'node:fs'

import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'

import {COMPRESSION_NAMES, type ProducedRecord, produceService} from '../admin/records/produce.js'
import {KafkaCommand} from '../base-command.js'
import {ExitCode, usageError} from '../errors.js'
import {type InputFormat, parseHeaderFlags, readRecords} from '../cli/produce-input.js'

interface ProduceResult {
  topic: string
  records: number
  /** Records per partition. */
  partitions: Record<string, number>
  transactional: boolean
}

export default class Produce extends KafkaCommand<typeof Produce> {
  static summary = "Write records to a topic from stdin or a file: lines, consume's NDJSON, or one raw value."
  static description = `Idempotent by default (a retried batch is never written twice); with --transactional-id the whole input is one transaction, committed at the end and aborted on an error or Ctrl-C.

--input json reads exactly what \`kctl consume --output json\` prints (keys, values, headers, timestamps and their encodings), so \`kctl consume A --output json | kctl produce B --input json\` copies records byte for byte; --keep-partitions keeps their partitions too.

Keyed records go to the partition Kafka's Java partitioner picks (murmur2); records without a key fill one partition per chunk, then the next (sticky). -o json prints where each record landed, one line each.`

  static examples = [
    'echo "hello" | <%= config.bin %> produce orders',
    '<%= config.bin %> produce orders --file orders.txt --key-separator ":" --compression zstd',
    '<%= config.bin %> consume orders --output json | <%= config.bin %> produce orders-copy --input json --keep-partitions',
    '<%= config.bin %> produce orders --input raw --file image.png --key logo --header content-type=image/png',
    '<%= config.bin %> produce orders --file events.txt --transactional-id loader-1 --rate 100',
    '<%= config.bin %> produce orders --key customer-42 --null-value NULL --output json',
  ]

  static args = {topic: Args.string({description: 'The topic to write to.'})}
  static strict = false
  static flags = {
    file: Flags.string({summary: 'Read from this file instead of stdin.'}),
    input: Flags.option({
      options: ['lines', 'json', 'raw'] as const,
      default: 'lines' as const,
      summary: "lines: a record a line; json: consume's NDJSON; raw: the whole input is one value.",
    })(),
    key: Flags.string({summary: 'The key of every record.'}),
    'key-separator': Flags.string({summary: 'lines: split each line into KEY<separator>VALUE.', exclusive: ['key']}),
    header: Flags.string({char: 'H', summary: 'A header on every record, name=value (repeatable).', multiple: true}),
    'null-value': Flags.string({summary: 'lines: a value equal to this is written as null (a tombstone).'}),
    partition: Flags.integer({
      char: 'p',
      summary: 'Write every record to this partition.',
      min: 0,
      exclusive: ['keep-partitions'],
    }),
    'keep-partitions': Flags.boolean({summary: 'json: write each record to the partition it names.'}),
    compression: Flags.option({
      options: COMPRESSION_NAMES,
      default: 'none' as const,
      summary: 'Batch compression.',
    })(),
    acks: Flags.option({
      options: ['all', '1', '0'] as const,
      default: 'all' as const,
      summary: 'all: every in-sync replica; 1: the leader; 0: no answer (no offsets; not idempotent).',
    })(),
    idempotent: Flags.boolean({
      summary: 'Idempotent writes (with --acks all). --no-idempotent turns them off.',
      default: true,
      allowNo: true,
    }),
    'transactional-id': Flags.string({summary: 'Write the whole input as one transaction with this id.'}),
    rate: Flags.integer({summary: 'At most N records per second.', min: 1}),
  }

  override get timeoutMs(): number {
    // --timeout bounds each request; the input may take as long as it takes (stdin, --rate).
    return 2_147_483_647
  }

  async run(): Promise<undefined> {
    const {flags} = this
    const topic = this.positionals[0]
    if (!topic || this.positionals.length > 1)
      throw usageError('Name exactly one topic', 'E.g. `echo hello | kctl produce orders`.', 'MISSING_TOPIC')
    if (flags.file && !existsSync(flags.file))
      throw usageError(`No such file: ${flags.file}`, 'Check the --file path.', 'FILE_NOT_FOUND')
    if (flags['keep-partitions'] && flags.input !== 'json')
      throw usageError(
        '--keep-partitions needs --input json',
        "Only consume's NDJSON names partitions.",
        'INVALID_ARGUMENTS',
      )
    if (flags.input !== 'lines' && (flags['key-separator'] !== undefined || flags['null-value'] !== undefined))
      throw usageError(
        '--key-separator and --null-value apply to --input lines',
        'Drop them, or use --input lines.',
        'INVALID_ARGUMENTS',
      )
    if (flags.input === 'json' && flags.key !== undefined)
      throw usageError(
        '--key applies to --input lines and raw; json records carry their own keys',
        'Drop --key, or set "key" in each JSON line.',
        'INVALID_ARGUMENTS',
      )
    if (flags['key-separator'] === '')
      throw usageError('--key-separator must not be empty', 'E.g. --key-separator ":".', 'INVALID_ARGUMENTS')
    if (flags['transactional-id'] !== undefined && (flags.acks !== 'all' || !flags.idempotent))
      throw usageError(
        '--transactional-id needs --acks all and idempotence',
        'Drop --acks / --no-idempotent, or the transactional id.',
        'INVALID_ARGUMENTS',
      )
    const headers = parseHeaderFlags(flags.header ?? [])
    const acks = flags.acks === 'all' ? -1 : flags.acks === '1' ? 1 : 0
    await this.guardMutation(`Write records to ${topic}?`)

    const conn = await this.connection()
    const controller = new AbortController()
    const producer = await produceService.open(conn, {
      topic,
      partition: flags.partition,
      keepPartitions: Boolean(flags['keep-partitions']),
      compression: flags.compression,
      acks,
      idempotent: flags.idempotent,
      transactionalId: flags['transactional-id'],
      timeoutMs: Math.min(super.timeoutMs, 60_000),
      signal: controller.signal,
    })
    const onSigint = () => {
      controller.abort()
      this.exitWith(ExitCode.cancelled)
    }
    process.once('SIGINT', onSigint)
    const input = flags.file ? createReadStream(flags.file) : process.stdin
    const chunkSize = flags.rate ? Math.max(1, Math.min(500, Math.floor(flags.rate / 10))) : 500
    const result: ProduceResult = {topic, records: 0, partitions: {}, transactional: Boolean(flags['transactional-id'])}
    const started = Date.now()
    try {
      for await (const chunk of readRecords(input, {
        format: flags.input as InputFormat,
        key: flags.key === undefined ? undefined : Buffer.from(flags.key),
        keySeparator: flags['key-separator'],
        headers,
        nullValue: flags['null-value'],
        chunkSize,
      })) {
        if (controller.signal.aborted) break
        if (flags.rate) await this.throttle(started, result.records, flags.rate, controller.signal)
        const landed = await producer.send(chunk)
        this.report(topic, landed, result)
        if (process.stderr.isTTY && result.records % 10_000 < chunk.length) this.note(`${result.records} records…`)
      }
      await producer.finish(!controller.signal.aborted)
    } catch (error) {
      await producer.finish(false).catch(() => {})
      throw error
    } finally {
      process.off('SIGINT', onSigint)
    }
    if (!this.jsonEnabled())
      this.log(
        `Produced ${result.records} record(s) to ${topic}${result.transactional ? (controller.signal.aborted ? ' (transaction aborted)' : ' in one transaction') : ''}.`,
      )
    return undefined
  }

  override logJson(json: unknown): void {
    // -o json streams one line per record while producing.
    if (json !== undefined) super.logJson(json)
  }

  private report(topic: string, landed: ProducedRecord[], result: ProduceResult): void {
    for (const r of landed) {
      result.partitions[r.partition] = (result.partitions[r.partition] ?? 0) + 1
      if (this.jsonEnabled())
        process.stdout.write(
          `{"topic":${JSON.stringify(topic)},"partition":${r.partition},"offset":${r.offset ?? 'null'}}\n`,
        )
    }
    result.records += landed.length
  }

  /** --rate: wait until `sent` records fit N per second since the start. */
  private async throttle(started: number, sent: number, rate: number, signal: AbortSignal): Promise<void> {
    const due = started + (sent / rate) * 1000 - Date.now()
    if (due > 0 && !signal.aborted) await new Promise((r) => setTimeout(r, due))
  }
}
