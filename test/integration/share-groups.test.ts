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
function streamsApp(appId: string, source: string, sink: string): {child: ChildProcess; stateDir: string} {
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
    ],
    {stdio: ['ignore', 'ignore', 'ignore']},
  )
  return {child, stateDir}
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

  it('refuses offsets reset and delete on a share group with a clear error, changing nothing', async () => {
    for (const args of [
      ['offsets', 'reset', '--group', group, '--topic', topic, '--to-earliest', '--execute', '--yes'],
      ['offsets', 'delete', '--group', group, '--topic', topic, '--yes'],
    ]) {
      const r = await run(args)
      expect(r.code, r.stderr).to.equal(2)
      expect(r.stderr).to.match(
        new RegExp(`^Error: Cannot \\w+ offsets of share group ${group}: kctl does not change`, 'm'),
      )
      expect(r.stderr).to.match(/^Hint: Use Kafka's kafka-share-groups/m)
    }
    expect((await run(['lag', group, '--json'])).json().groups[0].lag).to.equal(3)
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
