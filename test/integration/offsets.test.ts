import {expect} from 'chai'
import {existsSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {kctl} from '../helpers/cli.js'
import {
  activeConsumer,
  committedGroup,
  committedOffsets,
  createTopic,
  deleteGroups,
  deleteTopics,
  produce,
  withKafka,
} from '../helpers/kafka.js'
import {bootstrapServer, kafkaTool} from '../helpers/kafka-tools.js'
import {uniqueName, waitFor} from '../helpers/poll.js'

const stateDir = mkdtempSync(join(tmpdir(), 'kctl-offsets-state-'))
const env = {KCTL_STATE_DIR: stateDir}
const run = (args: string[]) => kctl([...args, '--context', 'local'], {env})
const journal = () =>
  existsSync(join(stateDir, 'offset-resets.jsonl')) ? readFileSync(join(stateDir, 'offset-resets.jsonl'), 'utf8') : ''

describe('offsets on a real cluster', function () {
  this.timeout(240_000)
  const topic = uniqueName('off-t')
  const groups: string[] = []
  // Mocha loads every file before the run: these are taken at load time, maybe an hour before the
  // tests run on a busy machine, so the windows are wide (a relative --by-duration must still fall
  // between the batches when the test runs up to 3 hours later).
  const now = Date.now()
  const tA = now - 10 * 3_600_000
  const tB = now - 2 * 3_600_000
  const between = new Date(now - 6 * 3_600_000).toISOString()

  /** A fresh inactive group committed at 5 on partitions 0 and 1 (none on 2). */
  const group = () => committedGroup('off-g', topic, {0: 5, 1: 5}, groups)

  before(async () => {
    await createTopic(topic, 3)
    // Batch A (ten hours ago) then batch B (two hours ago): offsets 0-9 and 10-19 on each partition.
    await produce(topic, [10, 10, 10], {timestamp: tA})
    await produce(topic, [10, 10, 10], {timestamp: tB})
    // Partition 0 starts at 2: resets below it are clamped there.
    // kafkajs's deleteTopicRecords needs the topic's metadata loaded, and a just-created
    // partition may briefly be unknown to a broker: retry until it is done.
    await waitFor(
      () =>
        withKafka(async (a) => {
          await a.fetchTopicOffsets(topic)
          await a.deleteTopicRecords({topic, partitions: [{partition: 0, offset: '2'}]})
          return true
        }),
      {what: 'records before offset 2 to be deleted'},
    )
  })

  after(async () => {
    await deleteGroups(...groups)
    await deleteTopics(topic)
  })

  it('offsets get agrees with kafka-get-offsets for earliest, latest and a time @smoke', async () => {
    for (const [time, kafkaTime] of [
      ['earliest', '-2'],
      ['latest', '-1'],
      [between, String(Date.parse(between))],
    ]) {
      const r = await run(['offsets', 'get', topic, '--time', time, '--json'])
      expect(r.code, r.stderr).to.equal(0)
      const mine = r
        .json()
        .offsets.map((o: {partition: number; offset: number}) => `${topic}:${o.partition}:${o.offset}`)
      const kafka = (
        await kafkaTool('org.apache.kafka.tools.GetOffsetShell', [
          ...bootstrapServer(),
          '--topic',
          topic,
          '--time',
          kafkaTime,
        ])
      )
        .trim()
        .split('\n')
        .sort()
      expect(mine, time).to.deep.equal(kafka)
    }
    const r = await run(['offsets', 'get', topic, '--partitions', '1', '--time', between, '--json'])
    expect(r.json().offsets).to.deep.equal([{topic, partition: 1, offset: 10, timestamp: new Date(tB).toISOString()}])
    expect(Object.keys(r.json())).to.deep.equal(['time', 'offsets'])
  })

  const strategies: [string, string[], Record<number, number | null>][] = [
    ['to-earliest', ['--topic', topic, '--to-earliest'], {0: 2, 1: 0, 2: 0}],
    ['to-latest', ['--topic', topic, '--to-latest'], {0: 20, 1: 20, 2: 20}],
    ['to-current (log end where nothing is committed)', ['--topic', topic, '--to-current'], {0: 5, 1: 5, 2: 20}],
    ['to-offset, clamped up to the log start', ['--topic', topic, '--to-offset', '1'], {0: 2, 1: 1, 2: 1}],
    ['to-offset, clamped down to the log end', ['--topic', topic, '--to-offset', '999'], {0: 20, 1: 20, 2: 20}],
    ['shift-by back, clamped, on chosen partitions', ['--topic', `${topic}:0,1`, '--shift-by=-4'], {0: 2, 1: 1}],
    ['shift-by forward on all committed topics', ['--all-topics', '--shift-by', '+100'], {0: 20, 1: 20}],
    ['to-datetime between the two batches', ['--topic', topic, '--to-datetime', between], {0: 10, 1: 10, 2: 10}],
    ['by-duration back between the batches', ['--topic', topic, '--by-duration', 'PT5H'], {0: 10, 1: 10, 2: 10}],
  ]
  it('each strategy moves a real group exactly where Kafka puts it (clamped) @smoke', async () => {
    // One fresh group per strategy, run side by side to keep the suite quick.
    await Promise.all(
      strategies.map(async ([name, args, expected]) => {
        const g = await group()
        const r = await run(['offsets', 'reset', '--group', g, ...args, '--execute', '--yes', '--json'])
        expect(r.code, `${name}: ${r.stderr}`).to.equal(0)
        expect(r.json().executed, name).to.equal(true)
        expect(await committedOffsets(g, topic), name).to.deep.equal({2: null, ...expected})
      }),
    )
  })

  it('the default is a plan that changes nothing; --export writes a CSV that --from-file applies (clamped) @smoke', async () => {
    const g = await group()
    const plan = await run(['offsets', 'reset', '--group', g, '--topic', topic, '--to-earliest', '--json'])
    expect(plan.code, plan.stderr).to.equal(0)
    const p = plan.json()
    expect(Object.keys(p)).to.deep.equal(['strategy', 'groups', 'rows', 'executed', 'journal'])
    expect(Object.keys(p.rows[0])).to.deep.equal([
      'group',
      'topic',
      'partition',
      'currentOffset',
      'newOffset',
      'logStartOffset',
      'logEndOffset',
      'lagBefore',
      'lagAfter',
    ])
    expect(p.rows[0]).to.deep.equal({
      group: g,
      topic,
      partition: 0,
      currentOffset: 5,
      newOffset: 2,
      logStartOffset: 2,
      logEndOffset: 20,
      lagBefore: 15,
      lagAfter: 18,
    })
    expect(p.rows[2]).to.include({partition: 2, currentOffset: null, lagBefore: null})
    expect(p.executed).to.equal(false)
    expect(await committedOffsets(g, topic)).to.deep.equal({0: 5, 1: 5, 2: null})

    const exported = await run(['offsets', 'reset', '--group', g, '--topic', topic, '--to-offset', '7', '--export'])
    expect(exported.stdout).to.equal(`${topic},0,7\n${topic},1,7\n${topic},2,7\n`)
    const file = join(stateDir, 'plan.csv')
    writeFileSync(file, `${topic},0,0\n${topic},1,12\n`)
    const applied = await run(['offsets', 'reset', '--group', g, '--from-file', file, '--execute', '--yes'])
    expect(applied.code, applied.stderr).to.equal(0)
    expect(await committedOffsets(g, topic)).to.deep.equal({0: 2, 1: 12, 2: null})
  })

  it('undo restores the exact previous offsets, deleting the ones that did not exist @smoke', async () => {
    const g = await group()
    expect(
      (await run(['offsets', 'reset', '--group', g, '--topic', topic, '--to-latest', '--execute', '--yes'])).code,
    ).to.equal(0)
    expect(await committedOffsets(g, topic)).to.deep.equal({0: 20, 1: 20, 2: 20})
    const preview = await run(['offsets', 'undo', '--group', g, '--json'])
    expect(preview.code, preview.stderr).to.equal(0)
    expect(
      preview.json().rows.map((r: {partition: number; newOffset: number}) => [r.partition, r.newOffset]),
    ).to.deep.equal([
      [0, 5],
      [1, 5],
    ])
    expect(preview.json().deletes.map((r: {partition: number}) => r.partition)).to.deep.equal([2])
    expect(await committedOffsets(g, topic)).to.deep.equal({0: 20, 1: 20, 2: 20})
    const undo = await run(['offsets', 'undo', '--group', g, '--execute', '--yes'])
    expect(undo.code, undo.stderr).to.equal(0)
    expect(await committedOffsets(g, topic)).to.deep.equal({0: 5, 1: 5, 2: null})
    const list = await run(['offsets', 'undo', '--list', '--group', g, '--json'])
    expect(list.json().entries.map((e: {action: string}) => e.action)).to.deep.equal([
      `undo of ${preview.json().undoOf}`,
      'to latest',
    ])
  })

  it('refuses when any group is active, naming its members, and commits to no group', async () => {
    const idle = await group()
    const busy = uniqueName('off-busy')
    groups.push(busy)
    const consumer = await activeConsumer(busy, topic)
    try {
      const before = journal()
      const r = await run([
        'offsets',
        'reset',
        '--group',
        idle,
        '--group',
        busy,
        '--topic',
        topic,
        '--to-earliest',
        '--execute',
        '--yes',
      ])
      expect(r.code, r.stderr).to.equal(1)
      expect(r.stderr).to.match(
        new RegExp(`^Error: Cannot reset offsets: group ${busy} \\(Stable; members: kctl-test@`, 'm'),
      )
      expect(await committedOffsets(idle, topic)).to.deep.equal({0: 5, 1: 5, 2: null})
      expect(journal()).to.equal(before)
    } finally {
      await consumer.stop()
    }
  })

  it('rejects 40 bad inputs with exit 2, one Error line each, and commits nothing', async () => {
    const g = await group()
    const before = journal()
    const dir = mkdtempSync(join(tmpdir(), 'kctl-bad-csv-'))
    const csv = (name: string, text: string) => {
      const f = join(dir, name)
      writeFileSync(f, text)
      return f
    }
    const reset = (...a: string[]) => ['offsets', 'reset', '--group', g, ...a, '--execute', '--yes']
    const T = ['--topic', topic]
    const bad: string[][] = [
      reset(...T, '--to-offset', 'abc'),
      reset(...T, '--to-offset', '-1'),
      reset(...T, '--to-offset', '1.5'),
      reset(...T, '--to-offset', '99999999999999999999'),
      reset(...T, '--shift-by', 'x'),
      reset(...T, '--shift-by=--2'),
      reset(...T, '--to-datetime', 'yesterday'),
      reset(...T, '--to-datetime', '2024-02-30T00:00:00'),
      reset(...T, '--to-datetime', '2024-01-01T24:30:00'),
      reset(...T, '--to-datetime', '31/01/2024'),
      reset(...T, '--by-duration', 'soon'),
      reset(...T, '--by-duration', 'P'),
      reset(...T, '--by-duration', '-PT1H'),
      reset(...T, '--by-duration', '10x'),
      reset('--topic', `${topic}:abc`, '--to-earliest'),
      reset('--topic', `${topic}:`, '--to-earliest'),
      reset('--topic', ':0', '--to-earliest'),
      reset('--topic', `${topic}:3-1`, '--to-earliest'),
      reset('--topic', `${topic}:7`, '--to-earliest'),
      reset('--topic', 'no-such-topic-kctl', '--to-earliest'),
      reset('--from-file', join(dir, 'missing.csv')),
      reset('--from-file', csv('short.csv', `${topic},0\n`)),
      reset('--from-file', csv('negative.csv', `${topic},0,-3\n`)),
      reset('--from-file', csv('partition.csv', `${topic},9,1\n`)),
      reset('--from-file', csv('mixed.csv', `${topic},0,1\n${g},${topic},1,1\n`)),
      reset('--from-file', csv('other-group.csv', `someone-else,${topic},0,1\n`)),
      reset('--from-file', csv('empty.csv', '\n')),
      reset('--from-file', csv('nan.csv', `${topic},zero,1\n`)),
      reset(...T, '--to-earliest', '--to-latest'),
      reset(...T),
      ['offsets', 'reset', '--topic', topic, '--to-earliest', '--execute', '--yes'],
      reset('--to-earliest'),
      reset('--all-groups', ...T, '--to-earliest'),
      reset(...T, '--all-topics', '--to-earliest'),
      reset('--topic', `${topic}:2`, '--shift-by=-1'),
      ['offsets', 'get', topic, '--time', 'yesterday'],
      ['offsets', 'get', topic, '--partitions', '9'],
      ['offsets', 'delete', '--group', g, '--topic', `${topic}:x`, '--yes'],
      ['groups', 'list', '--state', 'sleeping'],
      ['offsets', 'undo', '--group', uniqueName('never-reset'), '--execute', '--yes'],
    ]
    expect(bad).to.have.length(40)
    for (let i = 0; i < bad.length; i += 8) {
      const results = await Promise.all(bad.slice(i, i + 8).map((args) => run(args)))
      for (const [j, r] of results.entries()) {
        const args = bad[i + j].join(' ')
        expect(r.code, `${args}\n${r.stderr}`).to.equal(2)
        expect(r.stderr, args).to.match(/^Error: \S.*$/m)
        expect(
          r.stderr.split('\n').filter((l) => l.startsWith('Error:')),
          args,
        ).to.have.length(1)
        expect(r.stderr, args).not.to.match(/\s+at .*\.js:\d+/)
      }
    }
    expect(await committedOffsets(g, topic)).to.deep.equal({0: 5, 1: 5, 2: null})
    expect(journal()).to.equal(before)
  })

  it('without a strategy and without a TTY there is no wizard: exit 2 naming the flags', async () => {
    const r = await run(['offsets', 'reset', '--group', 'x'])
    expect(r.code).to.equal(2)
    expect(r.stderr).to.match(/^Error: Choose a reset strategy/m)
    expect(r.stderr).to.match(
      /^Hint: Pass one of --to-earliest, --to-latest, --to-current, --to-offset, --shift-by, --to-datetime, --by-duration, --from-file/m,
    )
  })
})
