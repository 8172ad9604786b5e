import * as Args from '@oclif/core/args'

import {consumeService} from '../../admin/records/consume.js'
import {type RecordJson, toRecordJson} from '../../admin/records/record-json.js'
import {KafkaCommand} from '../../base-command.js'
import {operationError, usageError} from '../../errors.js'
import type {View} from '../../output/format.js'

export default class RecordsGet extends KafkaCommand<typeof RecordsGet> {
  static summary = 'Print one record in full: TOPIC:PARTITION@OFFSET (key, value, headers, timestamp).'
  static description =
    'Reads the record whatever its transaction state (read_uncommitted). JSON output is one record of `kctl consume --output json`.'
  static examples = [
    '<%= config.bin %> records get orders:3@1042',
    '<%= config.bin %> records get orders:3@1042 --output json',
  ]
  static args = {record: Args.string({description: 'TOPIC:PARTITION@OFFSET', required: true})}

  async run(): Promise<RecordJson> {
    const m = /^(.+):(\d+)@(\d+)$/.exec(this.args.record.trim())
    if (!m)
      throw usageError(
        `Invalid record "${this.args.record}"`,
        'Name it TOPIC:PARTITION@OFFSET, e.g. orders:3@1042.',
        'INVALID_RECORD',
      )
    const [, topic, partition, offsetText] = m
    const offset = BigInt(offsetText)
    const conn = await this.connection()
    const plan = await consumeService.planConsume(conn, {
      topics: [{topic, partitions: [Number(partition)]}],
      from: {kind: 'offset', offset},
      to: {kind: 'offset', offset: offset + 1n},
      isolation: 'read_uncommitted',
    })
    const range = plan.ranges[0]
    if (offset < range.earliest || offset >= range.latest) {
      throw operationError(
        `No record at ${topic}:${partition}@${offset}: the partition holds offsets ${range.earliest} to ${range.latest - 1n}`,
        {
          code: 'RECORD_NOT_FOUND',
          hint: 'Offsets before the earliest were deleted by retention; see `kctl topics describe`.',
        },
      )
    }
    let found: RecordJson | undefined
    await consumeService.consumeRecords(conn, plan, {isolation: 'read_uncommitted', showAborted: true}, (records) => {
      const r = records.find((x) => x.offset === offset)
      if (r) found = toRecordJson(r, false)
      return !found
    })
    if (!found)
      throw operationError(
        `No record at ${topic}:${partition}@${offset}: compaction removed it, or it is a transaction marker`,
        {code: 'RECORD_NOT_FOUND'},
      )
    return this.present(found, recordView)
  }
}

const show = (v: unknown) => (v === null ? null : typeof v === 'string' ? v : JSON.stringify(v))

const recordView: View<RecordJson> = {
  columns: [
    {key: 'field', header: 'FIELD'},
    {key: 'value', header: 'VALUE'},
  ],
  rows: (r) => [
    {field: 'topic', value: r.topic},
    {field: 'partition', value: r.partition},
    {field: 'offset', value: r.offset},
    {
      field: 'timestamp',
      value: r.timestamp === null ? null : `${new Date(r.timestamp).toISOString()} (${r.timestampType})`,
    },
    {field: `key (${r.encodings.key ?? 'null'})`, value: show(r.key)},
    {field: `value (${r.encodings.value ?? 'null'})`, value: show(r.value)},
    ...r.headers.map((h) => ({field: `header ${h.key} (${h.encoding ?? 'null'})`, value: h.value})),
  ],
}
