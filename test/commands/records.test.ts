import {expect} from 'chai'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {
  type ConsumePlan,
  type ConsumePlanOptions,
  type ConsumedRecord,
  consumeService,
} from '../../src/admin/records/consume.js'
import {type OutgoingRecord, type ProduceOptions, produceService} from '../../src/admin/records/produce.js'
import Consume from '../../src/commands/consume.js'
import Produce from '../../src/commands/produce.js'
import {replace, runCmd, servicesReplaced} from './helpers.js'

const record = (partition: number, offset: number, key: string | null, value: string | null, timestamp: number) =>
  ({
    topic: 'orders',
    partition,
    offset: BigInt(offset),
    timestamp,
    timestampType: 'CreateTime',
    key: key === null ? null : Buffer.from(key),
    value: value === null ? null : Buffer.from(value),
    headers: [{key: 'trace', value: Buffer.from(`t${offset}`)}],
    aborted: false,
  }) as ConsumedRecord

/** Partition 0: a@0 (t=1000), b@1 (t=3000); partition 1: c@0 (t=2000), tombstone d@1 (t=4000). */
const RECORDS = [
  record(0, 0, 'a', '{"n":1}', 1000),
  record(0, 1, 'b', 'plain text', 3000),
  record(1, 0, 'c', '{"n":3}', 2000),
  record(1, 1, 'd', null, 4000),
]

const PLAN: ConsumePlan = {
  layout: {
    leaders: new Map([
      [
        'orders',
        new Map([
          [0, 1],
          [1, 2],
        ]),
      ],
    ]),
  },
  ranges: [0, 1].map((partition) => ({
    topic: 'orders',
    partition,
    start: 0n,
    end: 2n,
    earliest: 0n,
    latest: 2n,
  })),
  uncommitted: [],
}

const ndjson = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))

describe('consume (services replaced)', () => {
  const restores = servicesReplaced()
  let planned: ConsumePlanOptions | undefined
  let committed: {group: string; positions: Map<string, bigint>} | undefined
  let fetchOptions: {isolation: string; showAborted: boolean} | undefined

  beforeEach(() => {
    planned = undefined
    committed = undefined
    restores.push(
      replace(consumeService, {
        planConsume: async (_c, options) => ((planned = options), PLAN),
        // Delivered a partition at a time, as fetch responses arrive.
        consumeRecords: async (_c, _plan, options, emit) => {
          fetchOptions = {isolation: options.isolation, showAborted: options.showAborted}
          for (const p of [0, 1]) if (!(await emit(RECORDS.filter((r) => r.partition === p)))) break
          return new Map([
            ['orders:0', 2n],
            ['orders:1', 2n],
          ])
        },
        commitPositions: async (_c, group, positions) => void (committed = {group, positions}),
      }),
    )
  })

  it('-o json prints one NDJSON line per record: JSON stays JSON, text stays text, null stays null', async () => {
    const r = await runCmd(Consume, ['orders', '-b', 'x:9092', '-o', 'json'])
    expect(r.exitCode).to.equal(0)
    const lines = ndjson(r.stdout)
    expect(lines.map((l) => [l.partition, l.offset, l.key, l.value])).to.deep.equal([
      [0, 0, 'a', {n: 1}],
      [0, 1, 'b', 'plain text'],
      [1, 0, 'c', {n: 3}],
      [1, 1, 'd', null],
    ])
    expect(lines[1].encodings).to.deep.equal({key: 'text', value: 'text'})
    expect(lines[0].headers).to.deep.equal([{key: 'trace', value: 't0', encoding: 'text'}])
    // Defaults: from the earliest offset to the end offsets taken at start, read committed.
    expect(planned).to.deep.include({from: {kind: 'earliest'}, to: {kind: 'latest'}, isolation: 'read_committed'})
    expect(fetchOptions).to.deep.equal({isolation: 'read_committed', showAborted: false})
    expect(committed, 'never commits without --commit').to.equal(undefined)
  })

  it('passes --from, --to, --partition and --read-uncommitted to the plan', async () => {
    await runCmd(Consume, [
      'orders',
      '-b',
      'x:9092',
      '-o',
      'json',
      '--from',
      '-5',
      '--to',
      '@2024-01-31T12:00:00',
      '--partition',
      '1',
      '--read-uncommitted',
    ])
    expect(planned?.topics).to.deep.equal([{topic: 'orders', partitions: [1]}])
    expect(planned?.from).to.deep.equal({kind: 'fromEnd', n: 5n})
    expect(planned?.to).to.deep.include({kind: 'time'})
    expect(planned?.isolation).to.equal('read_uncommitted')
  })

  it('-n stops after N records in all; --grep filters before printing', async () => {
    const two = await runCmd(Consume, ['orders', '-b', 'x:9092', '-o', 'json', '-n', '2'])
    expect(ndjson(two.stdout).map((l) => l.key)).to.deep.equal(['a', 'b'])
    const grep = await runCmd(Consume, [
      'orders',
      '-b',
      'x:9092',
      '-o',
      'json',
      '--grep',
      'value:^\\{',
      '--grep',
      '!key:c',
    ])
    expect(ndjson(grep.stdout).map((l) => l.key)).to.deep.equal(['a'])
  })

  it('--tail N prints the newest N records of all partitions, merged by timestamp', async () => {
    const r = await runCmd(Consume, ['orders', '-b', 'x:9092', '-o', 'json', '--tail', '3'])
    expect(ndjson(r.stdout).map((l) => [l.key, l.timestamp])).to.deep.equal([
      ['c', 2000],
      ['b', 3000],
      ['d', 4000],
    ])
    expect(planned?.from).to.deep.equal({kind: 'fromEnd', n: 3n})
  })

  it('--format uses kcat tokens; -o raw prints values only', async () => {
    const f = await runCmd(Consume, ['orders', '-b', 'x:9092', '--format', '%p:%o %k=%s\\n', '-n', '2'])
    expect(f.stdout).to.equal('0:0 a={"n":1}\n0:1 b=plain text\n')
    const raw = await runCmd(Consume, ['orders', '-b', 'x:9092', '-o', 'raw', '-n', '2'])
    expect(raw.stdout).to.equal('{"n":1}\nplain text\n')
  })

  it('--group G starts at its committed offsets; --commit commits the positions reached', async () => {
    const r = await runCmd(Consume, ['orders', '-b', 'x:9092', '-o', 'json', '--group', 'billing', '--commit'])
    expect(r.exitCode, r.stderr).to.equal(0)
    expect(planned?.from).to.deep.equal({kind: 'committed', group: 'billing'})
    expect(committed?.group).to.equal('billing')
    expect([...committed!.positions]).to.deep.equal([
      ['orders:0', 2n],
      ['orders:1', 2n],
    ])
  })

  it('says "No records." on a terminal when nothing matched (table output), and nothing on stdout', async () => {
    const tty = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY')
    Object.defineProperty(process.stderr, 'isTTY', {value: true, configurable: true})
    try {
      const r = await runCmd(Consume, ['orders', '-b', 'x:9092', '--grep', 'nothing-matches-this'])
      expect(r.exitCode).to.equal(0)
      expect(r.stdout).to.equal('')
      expect(r.stderr).to.include('No records.')
    } finally {
      if (tty) Object.defineProperty(process.stderr, 'isTTY', tty)
      else delete (process.stderr as {isTTY?: boolean}).isTTY
    }
  })

  it('an offset beyond the end of a partition is bad input (exit 2), read nothing', async () => {
    let read = false
    restores.push(
      replace(consumeService, {
        planConsume: async () => ({...PLAN, ranges: [{...PLAN.ranges[0], start: 9n}]}),
        consumeRecords: async () => ((read = true), new Map()),
      }),
    )
    const r = await runCmd(Consume, ['orders', '-b', 'x:9092', '--from', '9'])
    expect(r.exitCode).to.equal(2)
    expect(r.stderr).to.match(/Offset 9 is beyond the end of orders:0 \(its end offset is 2\)/)
    expect(read).to.equal(false)
  })
})

describe('produce (services replaced)', () => {
  const restores = servicesReplaced()
  let opened: ProduceOptions | undefined
  let sent: OutgoingRecord[][]
  let finished: boolean[]

  beforeEach(() => {
    opened = undefined
    sent = []
    finished = []
    restores.push(
      replace(produceService, {
        open: async (_c, options) => {
          opened = options
          let next = 0
          return {
            send: async (records: OutgoingRecord[]) => (
              sent.push(records),
              records.map((r) => ({partition: r.partition ?? options.partition ?? 0, offset: BigInt(next++)}))
            ),
            finish: async (commit: boolean) => void finished.push(commit),
          } as never
        },
      }),
    )
  })

  const file = (text: string) => {
    const path = join(mkdtempSync(join(tmpdir(), 'kctl-produce-')), 'in.txt')
    writeFileSync(path, text)
    return path
  }

  it('--input lines with a key separator and headers: one record per line, each reported in -o json', async () => {
    const r = await runCmd(Produce, [
      'orders',
      '-b',
      'x:9092',
      '--file',
      file('k1:v1\nk2:v2\n'),
      '--key-separator',
      ':',
      '-H',
      'source=test',
      '-o',
      'json',
    ])
    expect(r.exitCode, r.stderr).to.equal(0)
    const records = sent.flat()
    expect(records.map((x) => [x.key?.toString(), x.value?.toString()])).to.deep.equal([
      ['k1', 'v1'],
      ['k2', 'v2'],
    ])
    expect(records[0].headers?.map((h) => [h.key, h.value?.toString()])).to.deep.equal([['source', 'test']])
    expect(ndjson(r.stdout)).to.deep.equal([
      {topic: 'orders', partition: 0, offset: 0},
      {topic: 'orders', partition: 0, offset: 1},
    ])
    expect(finished).to.deep.equal([true])
    // Idempotent by default, acks all.
    expect(opened).to.deep.include({topic: 'orders', acks: -1, idempotent: true})
  })

  it('--input json writes what consume -o json printed: keys, headers, tombstones, partitions with --keep-partitions', async () => {
    const line = (o: object) => JSON.stringify(o)
    const input = [
      line({
        topic: 'a',
        partition: 2,
        offset: 5,
        timestamp: 1000,
        timestampType: 'CreateTime',
        key: 'k',
        value: {n: 1},
        headers: [{key: 'h', value: 'AQI=', encoding: 'base64'}],
        encodings: {key: 'text', value: 'json'},
      }),
      line({
        topic: 'a',
        partition: 1,
        offset: 6,
        timestamp: 2000,
        timestampType: 'CreateTime',
        key: 'gone',
        value: null,
        headers: [],
        encodings: {key: 'text', value: null},
      }),
    ].join('\n')
    const r = await runCmd(Produce, [
      'orders',
      '-b',
      'x:9092',
      '--file',
      file(input),
      '--input',
      'json',
      '--keep-partitions',
    ])
    expect(r.exitCode, r.stderr).to.equal(0)
    const records = sent.flat()
    expect(records.map((x) => [x.partition, x.key?.toString(), x.value?.toString() ?? null])).to.deep.equal([
      [2, 'k', '{"n":1}'],
      [1, 'gone', null],
    ])
    expect([...records[0].headers![0].value!]).to.deep.equal([1, 2])
    expect(r.stdout).to.equal('Produced 2 record(s) to orders.\n')
  })

  it('--partition, --compression and --acks reach the producer; a transactional id is one transaction', async () => {
    await runCmd(Produce, [
      'orders',
      '-b',
      'x:9092',
      '--file',
      file('x\n'),
      '--partition',
      '3',
      '--compression',
      'zstd',
      '--transactional-id',
      'loader-1',
    ])
    expect(opened).to.deep.include({partition: 3, compression: 'zstd', transactionalId: 'loader-1'})
    expect(finished).to.deep.equal([true])
  })

  it('a failed send aborts (finish without commit) and exits non-zero', async () => {
    restores.push(
      replace(produceService, {
        open: async () =>
          ({
            send: async () => {
              throw new Error('broker went away')
            },
            finish: async (commit: boolean) => void finished.push(commit),
          }) as never,
      }),
    )
    const r = await runCmd(Produce, ['orders', '-b', 'x:9092', '--file', file('x\n')])
    expect(r.exitCode).to.not.equal(0)
    expect(finished).to.deep.equal([false])
    expect(r.stderr).to.match(/Error: .*broker went away/)
  })

  it('bad input is exit 2 before any connection: --key with --input json, --transactional-id with acks 1', async () => {
    const a = await runCmd(Produce, ['orders', '-b', 'x:9092', '--file', file('{}'), '--input', 'json', '--key', 'k'])
    expect(a.exitCode).to.equal(2)
    expect(a.stderr).to.match(/--key applies to --input lines and raw/)
    const b = await runCmd(Produce, [
      'orders',
      '-b',
      'x:9092',
      '--file',
      file('x'),
      '--transactional-id',
      't',
      '--acks',
      '1',
    ])
    expect(b.exitCode).to.equal(2)
    expect(b.stderr).to.match(/--transactional-id needs --acks all/)
    expect(opened).to.equal(undefined)
  })
})
