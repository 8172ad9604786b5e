import {expect} from 'chai'
import {type ChildProcess, execFileSync, spawn} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {homedir, tmpdir} from 'node:os'
import {join} from 'node:path'

import {ROOT, kctl} from '../helpers/cli.js'
import {testCluster} from '../helpers/cluster.js'
import {createTopic, deleteTopics, produce} from '../helpers/kafka.js'
import {kafkaTool} from '../helpers/kafka-tools.js'
import {uniqueName, waitFor} from '../helpers/poll.js'

const run = (args: string[]) => kctl([...args, '--context', 'local'])
const is4x = () => !testCluster().version.startsWith('3.')

interface ShareConsumer {
  child: ChildProcess
  records: () => number
}

/** Kafka's own console share consumer (KIP-932) from the cluster's jars, reading `topic` in `group`. */
function consoleShareConsumer(group: string, topic: string): ShareConsumer {
  const state = JSON.parse(readFileSync(join(testCluster().dir, 'state.json'), 'utf8'))
  const child = spawn(
    'java',
    [
      '-cp',
      state.classpath,
      'org.apache.kafka.tools.consumer.ConsoleShareConsumer',
      '--bootstrap-server',
      testCluster().bootstrap.split(',')[0],
      '--topic',
      topic,
      '--group',
      group,
    ],
    {stdio: ['ignore', 'pipe', 'pipe']},
  )
  let out = ''
  child.stdout!.on('data', (d) => (out += d))
  child.stderr!.resume()
  return {child, records: () => out.split('\n').filter((l) => l !== '').length}
}

function stop(consumer: {child: ChildProcess} | undefined): Promise<void> {
  if (!consumer || consumer.child.exitCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    consumer.child.once('exit', () => resolve())
    consumer.child.kill('SIGTERM')
  })
}

/**
 * A tiny Kafka Streams app (test/fixtures/streams/PipeApp.java) on the streams protocol, with
 * the cluster's jars plus kafka-streams of the same version (fetched into the local Maven
 * repository once: the cluster's jar set does not include it).
 */
function streamsApp(
  appId: string,
  source: string,
  sink: string,
  mode?: 'repartition',
): {child: ChildProcess; stateDir: string} {
  const {version, dir} = testCluster()
  const jar = join(homedir(), '.m2/repository/org/apache/kafka/kafka-streams', version, `kafka-streams-${version}.jar`)
  if (!existsSync(jar))
    execFileSync('mvn', [
      '-q',
      'dependency:get',
      `-Dartifact=org.apache.kafka:kafka-streams:${version}`,
      '-Dtransitive=false',
    ])
  const state = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8'))
  const stateDir = mkdtempSync(join(tmpdir(), 'kctl-streams-'))
  const child = spawn(
    'java',
    [
      '-cp',
      `${state.classpath}:${jar}`,
      join(ROOT, 'test/fixtures/streams/PipeApp.java'),
      testCluster().bootstrap.split(',')[0],
      appId,
      source,
      sink,
      stateDir,
      ...(mode ? [mode] : []),
    ],
    {stdio: ['ignore', 'ignore', 'ignore']},
  )
  return {child, stateDir}
}

/** A share group's start offsets as Kafka's ShareGroupCommand prints them (`kafka-share-groups --describe --offsets`). */
async function refereeShareOffsets(group: string, topic: string): Promise<[number, bigint][]> {
  const out = await kafkaTool('org.apache.kafka.tools.consumer.group.ShareGroupCommand', [
    '--bootstrap-server',
    testCluster().bootstrap.split(',')[0],
    '--describe',
    '--offsets',
    '--group',
    group,
  ])
  return [...out.matchAll(new RegExp(`^${group}\\s+${topic}\\s+(\\d+)\\s+(\\d+)`, 'gm'))]
    .map((m): [number, bigint] => [Number(m[1]), BigInt(m[2])])
    .sort((a, b) => a[0] - b[0])
}

/** Poll Kafka's share group tool until it shows `want` (the share coordinator persists asynchronously). */
function waitForShareOffsets(group: string, topic: string, want: [number, bigint][]): Promise<[number, bigint][]> {
  let last: [number, bigint][] = []
  return waitFor(
    async () => {
      last = await refereeShareOffsets(group, topic)
      return JSON.stringify(last, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)) ===
        JSON.stringify(want, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))
        ? last
        : undefined
    },
    {what: `Kafka's share group tool to show ${group}'s start offsets ${want.join(' ')} (last: ${last.join(' ')})`},
  )
}

describe('share groups (KIP-932) on a real cluster', function () {
  this.timeout(180_000)
  const topic = uniqueName('share-t')
  const group = uniqueName('share-g')
  let consumer: ShareConsumer | undefined

  before(async function () {
    if (!is4x()) this.skip() // Kafka 3.9 has no share groups: the @smoke test below checks what kctl says there
    await createTopic(topic, 2)
    // Records produced before the consumer's first fetch count too.
    expect((await run(['configs', 'set', 'group', group, 'share.auto.offset.reset=earliest', '--yes'])).code).to.equal(
      0,
    )
    consumer = consoleShareConsumer(group, topic)
  })

  after(async () => {
    await stop(consumer)
    if (is4x()) {
      await run(['groups', 'delete', group, '--yes'])
      await deleteTopics(topic)
    }
  })

  it('describes a live share consumer with ShareGroupDescribe: share type, Stable, its member and assignment', async () => {
    const described = await waitFor(
      async () => {
        const r = await run(['groups', 'describe', group, '--json'])
        const g = r.code === 0 ? r.json().groups[0] : undefined
        return g?.state === 'Stable' && g.members.length === 1 && g.members[0].assignment.length > 0 ? g : undefined
      },
      {what: `share group ${group} to have its member`, timeoutMs: 60_000},
    )
    expect(described).to.include({group, type: 'share', protocolType: 'share', assignor: 'simple'})
    expect(described.members[0]).to.include({clientId: 'console-share-consumer'})
    expect(described.members[0].assignment).to.deep.equal([{topic, partitions: [0, 1]}])

    const listed = (await run(['groups', 'list', '--type', 'share', '--json'])).json()
    expect(listed.groups.find((g: {group: string}) => g.group === group)).to.include({
      type: 'share',
      state: 'Stable',
      members: 1,
    })
    const members = await run(['groups', 'describe', group, '--members'])
    expect(members.stdout).to.match(new RegExp(`${group}\\s+console-share-consumer\\s+\\S+\\s+2\\s+${topic}:0,1`))
    // A share group with a member is refused before anything is changed, as a consumer group is.
    for (const args of [
      ['offsets', 'reset', '--group', group, '--topic', topic, '--to-latest', '--execute', '--yes', '--json'],
      ['offsets', 'delete', '--group', group, '--topic', topic, '--yes', '--json'],
    ]) {
      const r = await run(args)
      expect(r.code, r.stderr).to.equal(1)
      expect(r.json().error.code).to.equal('GROUP_NOT_EMPTY')
      expect(r.json().error.message).to.match(new RegExp(`^Cannot (reset|delete) offsets: group ${group} \\(Stable`))
    }
  })

  it('shows the lag of a share group from DescribeShareGroupOffsets, as Kafka’s share group tool does', async () => {
    await produce(topic, [3, 2])
    await waitFor(async () => consumer!.records() === 5, {what: 'the share consumer to read 5 records'})
    await stop(consumer)
    await waitFor(async () => (await run(['groups', 'describe', group, '--json'])).json().groups[0].state === 'Empty', {
      what: `${group} to be empty`,
    })
    await produce(topic, [2, 1])
    // The share coordinator persists acknowledgements asynchronously: poll until the 3 new records are the lag.
    const lag = await waitFor(
      async () => {
        const l = (await run(['lag', group, '--json'])).json().groups[0]
        return l.lag === 3 ? l : undefined
      },
      {what: `the lag of ${group} to be 3`, timeoutMs: 60_000},
    )
    expect(lag).to.include({group, state: 'Empty', members: 0})
    const rows = lag.topics[0].partitions.map((p: {partition: number; logEnd: number; lag: number}) => [
      p.partition,
      p.logEnd,
      p.lag,
    ])
    expect(rows).to.deep.equal([
      [0, 5, 2],
      [1, 3, 1],
    ])
    // Referee: Kafka's ShareGroupCommand (kafka-share-groups --describe) reads the same start offsets and lag.
    const referee = await kafkaTool('org.apache.kafka.tools.consumer.group.ShareGroupCommand', [
      '--bootstrap-server',
      testCluster().bootstrap.split(',')[0],
      '--describe',
      '--group',
      group,
    ])
    const theirs = [...referee.matchAll(new RegExp(`^${group}\\s+${topic}\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)`, 'gm'))].map(
      (m) => [Number(m[1]), BigInt(m[2]), Number(m[3])],
    )
    const ours = lag.topics[0].partitions.map((p: {partition: number; committed: number; lag: number}) => [
      p.partition,
      BigInt(p.committed),
      p.lag,
    ])
    expect(ours).to.deep.equal(theirs)
  })

  it("resets an empty share group's start offsets (AlterShareGroupOffsets), undoes it and deletes them; Kafka's tool reads each back", async () => {
    // To the log end first: a start offset with no acknowledged records beyond it, which undo restores exactly.
    const latest = await run([
      'offsets',
      'reset',
      '--group',
      group,
      '--topic',
      topic,
      '--to-latest',
      '--execute',
      '--yes',
    ])
    expect(latest.code, latest.stderr).to.equal(0)
    await waitForShareOffsets(group, topic, [
      [0, 5n],
      [1, 3n],
    ])
    const reset = await run([
      'offsets',
      'reset',
      '--group',
      group,
      '--topic',
      topic,
      '--to-earliest',
      '--execute',
      '--yes',
      '--json',
    ])
    expect(reset.code, reset.stderr).to.equal(0)
    const plan = reset.json()
    expect(
      plan.rows.map((r: {partition: number; currentOffset: number; newOffset: number; lagAfter: number}) => [
        r.partition,
        r.currentOffset,
        r.newOffset,
        r.lagAfter,
      ]),
    ).to.deep.equal([
      [0, 5, 0, 5],
      [1, 3, 0, 3],
    ])
    await waitForShareOffsets(group, topic, [
      [0, 0n],
      [1, 0n],
    ])
    const undo = await run(['offsets', 'undo', '--group', group, '--execute', '--yes', '--json'])
    expect(undo.code, undo.stderr).to.equal(0)
    expect(undo.json().undoOf).to.equal(plan.journal[0])
    await waitForShareOffsets(group, topic, [
      [0, 5n],
      [1, 3n],
    ])
    // DeleteShareGroupOffsets names topics only: one partition is refused, exit 2 (more in the bad-input test).
    const partial = await run(['offsets', 'delete', '--group', group, '--topic', `${topic}:0`, '--yes'])
    expect(partial.code).to.equal(2)
    expect(partial.stderr).to.match(
      new RegExp(
        `^Error: Share group ${group} keeps its offsets per topic: they cannot be deleted for single partitions`,
        'm',
      ),
    )
    expect(partial.stderr).to.match(/^Hint: Delete the whole topic's offsets with --topic/m)
    const deleted = await run(['offsets', 'delete', '--group', group, '--topic', topic, '--yes', '--json'])
    expect(deleted.code, deleted.stderr).to.equal(0)
    expect(
      deleted.json().offsets.map((o: {partition: number; deleted: boolean}) => [o.partition, o.deleted]),
    ).to.deep.equal([
      [0, true],
      [1, true],
    ])
    await waitForShareOffsets(group, topic, [])
  })

  it('bad input on a share group: exit 2, one Error and a Hint, nothing on stdout, nothing changed', async () => {
    const rows: [string[], RegExp][] = [
      [['offsets', 'delete', '--group', group, '--topic', `${topic}:0-1`, '--yes'], /keeps its offsets per topic/],
      [
        ['offsets', 'reset', '--group', group, '--topic', `${topic}:7`, '--to-earliest', '--execute', '--yes'],
        /Partition 7 of topic/,
      ],
      // After the delete the group has no start offset to shift from.
      [
        ['offsets', 'reset', '--group', group, '--topic', topic, '--shift-by=-1', '--execute', '--yes'],
        /has no committed offset to shift from/,
      ],
    ]
    for (const [args, message] of rows) {
      const r = await run(args)
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).to.equal(2)
      expect(r.stdout).to.equal('')
      expect(r.stderr.match(/^Error: /gm), r.stderr).to.have.length(1)
      expect(r.stderr).to.match(message)
      expect(r.stderr).to.match(/^Hint: /m)
    }
    expect(await refereeShareOffsets(group, topic)).to.deep.equal([])
  })
})

describe('streams groups (KIP-1071) on a real cluster', function () {
  this.timeout(180_000)
  const source = uniqueName('streams-in')
  const sink = uniqueName('streams-out')
  const appId = uniqueName('streams-app')
  let app: ReturnType<typeof streamsApp> | undefined

  before(async function () {
    if (!is4x()) this.skip() // Kafka 3.9 has no streams groups: the @smoke test below checks what kctl says there
    await createTopic(source, 2)
    await createTopic(sink, 2)
    await produce(source, [3, 2])
    app = streamsApp(appId, source, sink)
  })

  after(async () => {
    await stop(app)
    if (app) rmSync(app.stateDir, {recursive: true, force: true})
    if (is4x()) {
      await run(['groups', 'delete', appId, '--yes'])
      await deleteTopics(source, sink)
    }
  })

  it('describes a running Kafka Streams app with StreamsGroupDescribe: members, tasks, topology and lag', async () => {
    const described = await waitFor(
      async () => {
        const r = await run(['groups', 'describe', appId, '--json'])
        const g = r.code === 0 ? r.json().groups[0] : undefined
        // The app commits every 200 ms: wait for its member and for every record to be committed.
        return g?.state === 'Stable' &&
          g.members.length === 1 &&
          g.offsets.length === 2 &&
          g.offsets.every((o: {committed: number | null; logEnd: number}) => o.committed === o.logEnd)
          ? g
          : undefined
      },
      {what: `streams group ${appId} to run and commit`, timeoutMs: 90_000},
    )
    expect(described).to.include({group: appId, type: 'streams', protocolType: 'streams'})
    expect(described.members[0].assignment).to.deep.equal([{topic: source, partitions: [0, 1]}])
    expect(described.members[0].tasks).to.deep.equal({
      active: [{subtopology: '0', partitions: [0, 1]}],
      standby: [],
      warmup: [],
    })
    expect(described.topology).to.deep.equal([
      {
        subtopology: '0',
        sourceTopics: [source],
        repartitionSinkTopics: [],
        repartitionSourceTopics: [],
        changelogTopics: [],
      },
    ])
    expect(described.offsets.map((o: {committed: number; logEnd: number}) => [o.committed, o.logEnd])).to.deep.equal([
      [3, 3],
      [2, 2],
    ])
    const topology = await run(['groups', 'describe', appId, '--topology'])
    expect(topology.stdout).to.match(new RegExp(`${appId}\\s+0\\s+${source}\\s+-\\s+-`))
    const listed = (await run(['groups', 'list', '--type', 'streams', '--json'])).json()
    expect(listed.groups.find((g: {group: string}) => g.group === appId)).to.include({type: 'streams', members: 1})
  })
})

describe('streams groups (KIP-1071): offsets reset and undo, internal topics on delete', function () {
  this.timeout(180_000)
  const source = uniqueName('streams-rin')
  const sink = uniqueName('streams-rout')
  // Two apps with a repartition topic each: one is deleted keeping its internal topic, one deleting it.
  const kept = uniqueName('streams-keep')
  const dropped = uniqueName('streams-drop')
  const repartition = (appId: string) => `${appId}-KSTREAM-REPARTITION-0000000001-repartition`
  let apps: ReturnType<typeof streamsApp>[] = []

  before(async function () {
    if (!is4x()) this.skip()
    await createTopic(source, 2)
    await createTopic(sink, 2)
    await produce(source, [3, 2])
    apps = [streamsApp(kept, source, sink, 'repartition'), streamsApp(dropped, source, sink, 'repartition')]
  })

  after(async () => {
    await Promise.all(apps.map(stop))
    for (const app of apps) rmSync(app.stateDir, {recursive: true, force: true})
    if (is4x()) {
      await run(['groups', 'delete', kept, dropped, '--yes'])
      await deleteTopics(source, sink, repartition(kept))
      // Deleted by the last test unless it failed first.
      await deleteTopics(repartition(dropped)).catch(() => {})
    }
  })

  const inputOffsets = async (appId: string) => {
    const r = await run(['groups', 'describe', appId, '--json'])
    const g = r.code === 0 ? r.json().groups[0] : undefined
    return g?.offsets
      .filter((o: {topic: string}) => o.topic === source)
      .map((o: {partition: number; committed: number | null}) => [o.partition, o.committed])
  }

  /** The group's input offsets as Kafka's StreamsGroupCommand sees them (a --to-current dry run prints them). */
  const refereeOffsets = async (appId: string) => {
    const out = await kafkaTool('org.apache.kafka.tools.streams.StreamsGroupCommand', [
      '--bootstrap-server',
      testCluster().bootstrap.split(',')[0],
      '--reset-offsets',
      '--to-current',
      '--dry-run',
      '--all-input-topics',
      '--group',
      appId,
    ])
    return [...out.matchAll(new RegExp(`^${appId}\\s+${source}\\s+(\\d+)\\s+(\\d+)`, 'gm'))]
      .map((m) => [Number(m[1]), Number(m[2])])
      .sort((a, b) => a[0] - b[0])
  }

  it('two Kafka Streams apps with a repartition topic run, commit every input record and stop (groups empty)', async () => {
    for (const appId of [kept, dropped])
      await waitFor(async () => JSON.stringify(await inputOffsets(appId)) === '[[0,3],[1,2]]' || undefined, {
        what: `streams app ${appId} to commit its input`,
        timeoutMs: 90_000,
      })
    await Promise.all(apps.map(stop))
    for (const appId of [kept, dropped])
      await waitFor(
        async () => (await run(['groups', 'describe', appId, '--json'])).json().groups[0].state === 'Empty',
        {
          what: `${appId} to be empty`,
        },
      )
    const topics = (await run(['topics', 'list', '--json'])).json().topics.map((t: {name: string}) => t.name)
    expect(topics).to.include.members([repartition(kept), repartition(dropped)])
  })

  it('resets a streams group on its input topics (not its repartition topic), undoes it and deletes an offset; Kafka’s streams group tool agrees', async () => {
    const reset = await run([
      'offsets',
      'reset',
      '--group',
      kept,
      '--all-topics',
      '--to-earliest',
      '--execute',
      '--yes',
      '--json',
    ])
    expect(reset.code, reset.stderr).to.equal(0)
    expect(
      reset
        .json()
        .rows.map((r: {topic: string; partition: number; currentOffset: number; newOffset: number}) => [
          r.topic,
          r.partition,
          r.currentOffset,
          r.newOffset,
        ]),
    ).to.deep.equal([
      [source, 0, 3, 0],
      [source, 1, 2, 0],
    ])
    expect(await refereeOffsets(kept)).to.deep.equal([
      [0, 0],
      [1, 0],
    ])
    const undo = await run(['offsets', 'undo', '--group', kept, '--execute', '--yes'])
    expect(undo.code, undo.stderr).to.equal(0)
    expect(await refereeOffsets(kept)).to.deep.equal([
      [0, 3],
      [1, 2],
    ])
    // A streams group's committed offsets are deleted with OffsetDelete, as a consumer group's.
    const deleted = await run(['offsets', 'delete', '--group', kept, '--topic', `${source}:1`, '--yes'])
    expect(deleted.code, deleted.stderr).to.equal(0)
    expect(await refereeOffsets(kept)).to.deep.equal([[0, 3]])
  })

  it('groups delete keeps a streams group’s internal topics and names them; --delete-all-internal-topics deletes them', async () => {
    // Bad input first: no confirmation off a terminal, a partition that does not exist (exit 2, nothing changed).
    for (const [args, message] of [
      [
        ['groups', 'delete', dropped, '--delete-all-internal-topics'],
        /Refusing to make this change without confirmation/,
      ],
      [
        ['offsets', 'reset', '--group', kept, '--topic', `${source}:5`, '--to-earliest', '--execute', '--yes'],
        /Partition 5 of topic/,
      ],
    ] as [string[], RegExp][]) {
      const r = await run(args)
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).to.equal(2)
      expect(r.stdout).to.equal('')
      expect(r.stderr.match(/^Error: /gm), r.stderr).to.have.length(1)
      expect(r.stderr).to.match(message)
      expect(r.stderr).to.match(/^Hint: /m)
    }
    expect(await refereeOffsets(kept)).to.deep.equal([[0, 3]])
    const keep = await run(['groups', 'delete', kept, '--yes'])
    expect(keep.code, keep.stderr).to.equal(0)
    expect(keep.stdout).to.match(
      new RegExp(
        `^Internal topics of streams group ${kept} were kept: ${repartition(kept)} \\(add --delete-all-internal-topics`,
        'm',
      ),
    )
    const dry = await run(['groups', 'delete', dropped, '--delete-all-internal-topics', '--dry-run', '--json'])
    expect(dry.json().internalTopics).to.deep.equal([
      {group: dropped, topic: repartition(dropped), action: 'delete', deleted: false, error: null},
    ])
    const drop = await run(['groups', 'delete', dropped, '--delete-all-internal-topics', '--yes', '--json'])
    expect(drop.code, drop.stderr).to.equal(0)
    expect(drop.json()).to.deep.equal({
      dryRun: false,
      groups: [{group: dropped, deleted: true, error: null}],
      internalTopics: [{group: dropped, topic: repartition(dropped), action: 'delete', deleted: true, error: null}],
    })
    const topics = await waitFor(
      async () => {
        const names = (await run(['topics', 'list', '--json'])).json().topics.map((t: {name: string}) => t.name)
        return names.includes(repartition(dropped)) ? undefined : names
      },
      {what: `${repartition(dropped)} to be gone`},
    )
    expect(topics).to.include(repartition(kept))
    const groups = (await run(['groups', 'list', '--type', 'streams', '--json']))
      .json()
      .groups.map((g: {group: string}) => g.group)
    expect(groups).not.to.include(kept)
    expect(groups).not.to.include(dropped)
  })
})

describe('share and streams groups where the cluster has none @smoke', () => {
  for (const [type, title] of [
    ['share', 'Share'],
    ['streams', 'Streams'],
  ]) {
    it(`groups list --type ${type} says the cluster cannot have them (Kafka 3.9), or lists them (4.x)`, async () => {
      const r = await run(['groups', 'list', '--type', type])
      if (is4x()) {
        expect(r.code).to.equal(0)
        return
      }
      expect(r.code).to.equal(2)
      expect(r.stderr).to.match(
        new RegExp(
          `^Error: This cluster has no ${type} groups: its brokers do not know the ${type}.version feature`,
          'm',
        ),
      )
      expect(r.stderr).to.match(new RegExp(`^Hint: ${title} groups \\(KIP-\\d+\\) need Kafka 4\\.1 or newer`, 'm'))
    })
  }
})
