import {expect} from 'chai'

import {kctl, ndjson} from '../helpers/cli.js'
import {consoleConsume} from '../helpers/kafka-console.js'
import {createTopic, deleteTopics} from '../helpers/kafka.js'
import {uniqueName} from '../helpers/poll.js'

const ctx = ['--context', 'local']
const run = (args: string[], options: {input?: string} = {}) => kctl([...args, ...ctx], options)

describe('produce on a real cluster', function () {
  this.timeout(180_000)
  const codecs = uniqueName('produce-codecs')
  const source = uniqueName('produce-src')
  const copy = uniqueName('produce-copy')
  const txn = uniqueName('produce-txn')

  before(async () => {
    await Promise.all([createTopic(codecs, 1), createTopic(source, 3), createTopic(copy, 3), createTopic(txn, 1)])
  })

  after(async () => {
    await deleteTopics(codecs, source, copy, txn)
  })

  it("writes gzip, snappy, lz4 and zstd batches that Kafka's console consumer reads in full", async () => {
    const names = ['gzip', 'snappy', 'lz4', 'zstd']
    const results = await Promise.all(
      names.map((c) =>
        run(['produce', codecs, '--compression', c, '--key-separator', '\t', '-H', `codec=${c}`], {
          input: Array.from({length: 100}, (_, i) => `${c}-${i}\t${c} value ${i} ${'y'.repeat(i)}\n`).join(''),
        }),
      ),
    )
    for (const r of results) expect(r.code, r.stderr).to.equal(0)
    const lines = await consoleConsume(codecs, 400)
    expect(lines).to.have.length(400)
    for (const c of names) {
      for (const i of [0, 57, 99])
        expect(lines).to.include(`Partition:0\tcodec:${c}\t${c}-${i}\t${c} value ${i} ${'y'.repeat(i)}`)
    }
  })

  it('consume --output json | produce --input json copies a topic byte for byte: keys, values, headers, timestamps, partitions @smoke', async () => {
    const records = [
      {
        partition: 0,
        key: 'k1',
        value: {order: 1, items: ['a', 'b']},
        encodings: {key: 'text', value: 'json'},
        headers: [
          {key: 'h', value: 'x', encoding: 'text'},
          {key: 'h', value: null, encoding: null},
        ],
        timestamp: 1_700_000_000_000,
      },
      {
        partition: 1,
        key: null,
        value: Buffer.from([0, 255, 1, 128]).toString('base64'),
        encodings: {key: null, value: 'base64'},
        headers: [{key: 'bin', value: Buffer.from([200, 201]).toString('base64'), encoding: 'base64'}],
        timestamp: 1_700_000_000_001,
      },
      {
        partition: 2,
        key: 'tomb',
        value: null,
        encodings: {key: 'text', value: null},
        headers: [],
        timestamp: 1_700_000_000_002,
      },
      {
        partition: 2,
        key: 'spaces',
        value: '{"not": "compact"}',
        encodings: {key: 'text', value: 'text'},
        headers: [],
        timestamp: 1_700_000_000_003,
      },
    ]
    const w = await run(['produce', source, '--input', 'json', '--keep-partitions', '--output', 'json'], {
      input: records.map((r) => JSON.stringify(r)).join('\n'),
    })
    expect(w.code, w.stderr).to.equal(0)
    expect(ndjson(w.stdout).map((x) => x.partition)).to.deep.equal([0, 1, 2, 2])
    const read = await run(['consume', source, '--output', 'json'])
    const c = await run(['produce', copy, '--input', 'json', '--keep-partitions', '--compression', 'lz4'], {
      input: read.stdout,
    })
    expect(c.code, c.stderr).to.equal(0)
    const copied = await run(['consume', copy, '--output', 'json'])
    // Partitions are read in parallel: compare in (partition, offset) order, line for line.
    const ordered = (stdout: string) =>
      stdout
        .split('\n')
        .filter(Boolean)
        .sort(
          (a, b) => JSON.parse(a).partition - JSON.parse(b).partition || JSON.parse(a).offset - JSON.parse(b).offset,
        )
    expect(
      ordered(copied.stdout.replaceAll(`"topic":"${copy}"`, `"topic":"${source}"`)),
      `copy read: ${copied.stderr}; source read: ${read.stderr}; copy written: ${c.stderr}`,
    ).to.deep.equal(ordered(read.stdout))
    const got = ordered(copied.stdout).map((l) => JSON.parse(l))
    expect(got.map((x) => [x.key, x.value, x.timestamp])).to.deep.equal(
      records.map((r) => [r.key, r.value, r.timestamp]),
    )
    expect(got[0].headers).to.deep.equal(records[0].headers)
  })

  it('a transaction that fails midway is aborted: hidden by default, shown with --show-aborted @smoke', async () => {
    // 600 lines: the first chunk (500) is written inside the transaction, then line 550 is bad.
    const lines = Array.from({length: 600}, (_, i) =>
      i === 549 ? 'not json' : JSON.stringify({key: `k${i}`, value: `v${i}`}),
    )
    const w = await run(['produce', txn, '--input', 'json', '--transactional-id', uniqueName('kctl-produce-tx')], {
      input: lines.join('\n'),
    })
    expect(w.code).to.equal(2)
    expect(w.stderr).to.match(/Line 550 is not a kctl record/)
    const ok = await run(['produce', txn, '--transactional-id', uniqueName('kctl-produce-tx')], {input: 'committed\n'})
    expect(ok.code, ok.stderr).to.equal(0)
    const plain = ndjson((await run(['consume', txn, '--output', 'json'])).stdout)
    expect(plain.map((x) => x.value)).to.deep.equal(['committed'])
    const all = ndjson((await run(['consume', txn, '--output', 'json', '--show-aborted'])).stdout)
    expect(all).to.have.length(501)
    expect(all.filter((x) => x.aborted).map((x) => x.value)).to.deep.equal(Array.from({length: 500}, (_, i) => `v${i}`))
  })

  it('a table of bad input: exit 2, one Error line and a Hint, nothing written', async () => {
    const cases: [string[], RegExp, string?][] = [
      [['produce'], /Name exactly one topic/],
      [['produce', copy, txn], /Name exactly one topic/],
      [['produce', copy, '--file', '/nonexistent/records.txt'], /No such file/],
      [['produce', copy, '--keep-partitions'], /--keep-partitions needs --input json/],
      [['produce', copy, '--input', 'json', '--key', 'k'], /--key applies to --input lines and raw/],
      [['produce', copy, '--header', '=x'], /Invalid --header "=x"/, 'a\n'],
      [['produce', copy, '--compression', 'brotli'], /Expected --compression=brotli to be one of/],
      [['produce', copy, '--partition', '9'], /Partition 9 of topic/, 'a\n'],
      [['produce', `${copy}-missing`], /does not exist/, 'a\n'],
      [['produce', copy, '--input', 'json'], /Line 1 is not a kctl record/, '{"key":\n'],
      [
        ['produce', copy, '--input', 'json'],
        /Line 2 is not a kctl record: partition must be/,
        '{"value":"a"}\n{"value":"b","partition":-1}\n',
      ],
      [['produce', copy, '--key-separator', ':'], /Line 1 has no key separator/, 'no separator here\n'],
      [['produce', copy, '--transactional-id', 'x', '--acks', '1'], /--transactional-id needs --acks all/],
    ]
    const lines = async () => {
      const r = await run(['consume', copy, '--output', 'json'])
      expect(r.code, r.stderr).to.equal(0)
      return r.stdout.split('\n').filter(Boolean).sort()
    }
    const before = await lines()
    const failures: string[] = []
    for (let i = 0; i < cases.length; i += 5) {
      await Promise.all(
        cases.slice(i, i + 5).map(async ([args, pattern, input]) => {
          const r = await run(args, {input})
          const errors = r.stderr.split('\n').filter((l) => l.startsWith('Error: '))
          if (r.code !== 2 || !pattern.test(r.stderr) || errors.length !== 1 || !/Hint: /.test(r.stderr))
            failures.push(`kctl ${args.join(' ')}: exit ${r.code}\n${r.stderr}`)
        }),
      )
    }
    expect(failures, failures.join('\n\n')).to.deep.equal([])
    expect(await lines()).to.deep.equal(before)
  })
})
