import {expect} from 'chai'
import {CompressionTypes} from 'kafkajs'

import {kctl, ndjson} from '../helpers/cli.js'
import {consoleProduce} from '../helpers/kafka-console.js'
import {createTopic, deleteTopics, kafka} from '../helpers/kafka.js'
import {uniqueName} from '../helpers/poll.js'

const ctx = ['--context', 'local']
const run = (args: string[], options: {input?: string} = {}) => kctl([...args, ...ctx], options)

describe('consume and records get on a real cluster', function () {
  this.timeout(180_000)
  const codecs = uniqueName('consume-codecs')
  const txn = uniqueName('consume-txn')
  const keyed = uniqueName('consume-key')
  const busy = uniqueName('consume-busy')

  before(async () => {
    await Promise.all([createTopic(codecs, 1), createTopic(txn, 1), createTopic(keyed, 6), createTopic(busy, 2)])
  })

  after(async () => {
    await deleteTopics(codecs, txn, keyed, busy)
  })

  it("reads every record of batches Kafka's console producer wrote with gzip, snappy, lz4 and zstd, in full", async () => {
    const names = ['gzip', 'snappy', 'lz4', 'zstd']
    // 300 records each: several records per batch, and values long enough to compress.
    await Promise.all(
      names.map((c) =>
        consoleProduce(
          codecs,
          Array.from({length: 300}, (_, i) => `${c}-${i}\t${c} value ${i} ${'x'.repeat(i % 50)}`),
          c,
        ),
      ),
    )
    const r = await run(['consume', codecs, '--output', 'json'])
    expect(r.code, r.stderr).to.equal(0)
    const records = ndjson(r.stdout)
    expect(records).to.have.length(1200)
    expect(records.map((x) => x.offset)).to.deep.equal(records.map((_, i) => i))
    const byKey = new Map(records.map((x) => [x.key, x.value]))
    for (const c of names)
      for (const i of [0, 149, 299]) expect(byKey.get(`${c}-${i}`)).to.equal(`${c} value ${i} ${'x'.repeat(i % 50)}`)
    expect(records[0]).to.have.keys([
      'topic',
      'partition',
      'offset',
      'timestamp',
      'timestampType',
      'key',
      'value',
      'headers',
      'encodings',
    ])

    // records get prints one of them in full; --from/--to/-n select ranges.
    const one = await run(['records', 'get', `${codecs}:0@600`, '--output', 'json'])
    expect(one.code, one.stderr).to.equal(0)
    expect(one.json()).to.deep.include({offset: 600, key: records[600].key, value: records[600].value})
    const range = await run(['consume', codecs, '--from', '+10', '--to', '20', '--output', 'json'])
    expect(ndjson(range.stdout).map((x) => x.offset)).to.deep.equal([10, 11, 12, 13, 14, 15, 16, 17, 18, 19])
    const last = await run(['consume', codecs, '--from', '-3', '--format', '%o:%k\\n'])
    expect(last.stdout).to.equal(`1197:${records[1197].key}\n1198:${records[1198].key}\n1199:${records[1199].key}\n`)
    const n = await run(['consume', codecs, '-n', '5', '--grep', 'key:^lz4-', '--output', 'raw'])
    expect(n.stdout.split('\n').filter(Boolean)).to.have.length(5)
    expect(
      n.stdout
        .split('\n')
        .filter(Boolean)
        .every((v) => v.startsWith('lz4 value')),
    ).to.equal(true)
  })

  it('read_committed drops an aborted transaction; --show-aborted marks it; --read-uncommitted shows it @smoke', async () => {
    const transactionalId = uniqueName('kctl-txn')
    const producer = kafka().producer({transactionalId, idempotent: true, maxInFlightRequests: 1})
    await producer.connect()
    try {
      const aborted = await producer.transaction()
      await aborted.send({
        topic: txn,
        compression: CompressionTypes.GZIP,
        messages: [
          {key: 'a', value: 'aborted-1'},
          {key: 'a', value: 'aborted-2'},
        ],
      })
      await aborted.abort()
      const committed = await producer.transaction()
      await committed.send({topic: txn, messages: [{key: 'c', value: 'committed-1', headers: {trace: 'abc'}}]})
      await committed.commit()
    } finally {
      await producer.disconnect()
    }
    const values = async (...extra: string[]) => {
      const r = await run(['consume', txn, '--output', 'json', ...extra])
      expect(r.code, r.stderr).to.equal(0)
      return ndjson(r.stdout).map((x) => [x.value, x.aborted])
    }
    expect(await values()).to.deep.equal([['committed-1', undefined]])
    expect(await values('--show-aborted')).to.deep.equal([
      ['aborted-1', true],
      ['aborted-2', true],
      ['committed-1', false],
    ])
    expect(await values('--read-uncommitted')).to.deep.equal([
      ['aborted-1', undefined],
      ['aborted-2', undefined],
      ['committed-1', undefined],
    ])
    const h = await run(['consume', txn, '--output', 'json'])
    expect(ndjson(h.stdout)[0].headers).to.deep.equal([{key: 'trace', value: 'abc', encoding: 'text'}])
    // The coordinator's own log, decoded: the transaction went through an abort, then a commit.
    const log = await run([
      'consume',
      '__transaction_state',
      '--decode',
      'transactions',
      '--grep',
      `key:${transactionalId}$`,
      '--output',
      'json',
    ])
    expect(log.code, log.stderr).to.equal(0)
    const states = ndjson(log.stdout).map((x) => x.decoded)
    expect(states.every((d) => d.transactionalId === transactionalId)).to.equal(true)
    expect(states.map((d) => d.state)).to.include.members(['Ongoing', 'CompleteAbort', 'CompleteCommit'])
  })

  it("--key reads the partition Kafka's Java partitioner put the key in", async () => {
    const keys = Array.from({length: 12}, (_, i) => `customer-${i}`)
    await consoleProduce(
      keyed,
      keys.map((k) => `${k}\tfor ${k}`),
    )
    const all = ndjson((await run(['consume', keyed, '--output', 'json'])).stdout)
    expect(all).to.have.length(12)
    const partitionOf = new Map(all.map((x) => [x.key, x.partition]))
    expect(new Set(partitionOf.values()).size).to.be.greaterThan(1)
    for (const k of ['customer-3', 'customer-7']) {
      const r = await run(['consume', keyed, '--key', k, '--output', 'json', '--debug'])
      expect(r.code, r.stderr).to.equal(0)
      const got = ndjson(r.stdout)
      expect(got.map((x) => [x.key, x.partition])).to.deep.equal([[k, partitionOf.get(k)]])
    }
  })

  it('stops at the end offsets taken at start while a producer keeps writing @smoke', async () => {
    const producer = kafka().producer({idempotent: true, maxInFlightRequests: 1})
    await producer.connect()
    await producer.send({
      topic: busy,
      acks: -1,
      messages: Array.from({length: 50}, (_, i) => ({partition: i % 2, value: `before-${i}`})),
    })
    let writing = true
    let written = 0
    // Bounded: stops when kctl is done, or after 2,000 sends.
    const writer = (async () => {
      while (writing && written < 2000) {
        await producer.send({topic: busy, acks: -1, messages: [{partition: written % 2, value: `during-${written}`}]})
        written++
      }
    })()
    try {
      const r = await run(['consume', busy, '--output', 'raw'])
      expect(r.code, r.stderr).to.equal(0)
      const values = r.stdout.split('\n').filter(Boolean)
      expect(values.filter((v) => v.startsWith('before-'))).to.have.length(50)
      expect(writing && written < 2000, 'the producer was still writing when consume ended').to.equal(true)
    } finally {
      writing = false
      await writer
      await producer.disconnect()
    }
  })

  it('a table of bad input: exit 2, one Error line and a Hint, before any request', async () => {
    const cases: [string[], RegExp][] = [
      [['consume'], /Name at least one topic/],
      [['consume', codecs, '--from', 'soon'], /Invalid --from "soon"/],
      [['consume', codecs, '--to', '@yesterday'], /Invalid --to "@yesterday"/],
      [['consume', codecs, '--from', 'committed:'], /committed: needs a group id/],
      [['consume', codecs, '--commit'], /--group/],
      [['consume', codecs, busy, '--partition', '0'], /--partition needs exactly one topic/],
      [['consume', codecs, '--format', '%q'], /Unknown --format token %q/],
      [['consume', codecs, '--grep', 'value:('], /Invalid --grep/],
      [['consume', codecs, '--tail', '3', '--follow'], /cannot also be provided|--tail/],
      [['consume', codecs, '--output', 'yaml'], /Expected --output=yaml to be one of/],
      [['consume', `${codecs}-missing`], /does not exist/],
      [['consume', codecs, '--partition', '7'], /Partition 7 of topic/],
      [['consume', codecs, '--from', '99999999'], /beyond the end/],
      [['records', 'get', 'nonsense'], /Invalid record "nonsense"/],
      [['records', 'get', `${codecs}:9@0`], /Partition 9 of topic/],
    ]
    const failures: string[] = []
    for (let i = 0; i < cases.length; i += 5) {
      await Promise.all(
        cases.slice(i, i + 5).map(async ([args, pattern]) => {
          const r = await run(args)
          const errors = r.stderr.split('\n').filter((l) => l.startsWith('Error: '))
          if (
            r.code !== 2 ||
            !pattern.test(r.stderr) ||
            errors.length !== 1 ||
            !/Hint: /.test(r.stderr) ||
            r.stdout !== ''
          )
            failures.push(`kctl ${args.join(' ')}: exit ${r.code}\n${r.stderr}`)
        }),
      )
    }
    expect(failures, failures.join('\n\n')).to.deep.equal([])
  })
})
