import {expect} from 'chai'
import {execFile} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {promisify} from 'node:util'

import {kctl} from '../helpers/cli.js'
import {restartTestCluster, testCluster} from '../helpers/cluster.js'
import {waitFor} from '../helpers/poll.js'

/**
 * `kctl cluster quorum` and `kctl brokers unregister` on the suite's 3-node cluster, with Kafka's own
 * tools as referee: kafka-metadata-quorum (MetadataQuorumCommand) for the voters and observers,
 * kafka-cluster list-endpoints (ClusterTool) for broker and controller registrations. Kafka 4.x
 * clusters from `kctl local start` have a dynamic quorum (KIP-853); 3.9 keeps the static one. The
 * cluster ends as it started: 3 voters, every node running, registered and in sync.
 */
const local = ['--context', 'local']
const dynamic = () => Number(testCluster().version.split('.')[0]) >= 4

interface LocalNode {
  id: number
  ports: {controller: number}
  directoryId?: string
}
const state = () => JSON.parse(readFileSync(join(testCluster().dir, 'state.json'), 'utf8'))
const nodes = (): LocalNode[] => state().nodes

/** One of Kafka's tool classes, with the JVM flags of a short-lived tool (about half the start-up time). */
async function kafkaTool(mainClass: string, args: string[]): Promise<string> {
  const jvm = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-cp', state().classpath]
  return (await promisify(execFile)('java', [...jvm, mainClass, ...args], {encoding: 'utf8'})).stdout
}
const endpointOf = (id: number) => `CONTROLLER://127.0.0.1:${nodes().find((n) => n.id === id)!.ports.controller}`

/** Voters and observers as Kafka's kafka-metadata-quorum describe --status prints them. */
async function kafkaQuorum(): Promise<{leader: number; voters: number[]; observers: number[]; text: string}> {
  const text = await kafkaTool('org.apache.kafka.tools.MetadataQuorumCommand', [
    '--bootstrap-server',
    testCluster().bootstrap,
    'describe',
    '--status',
  ])
  const list = (field: string) =>
    (JSON.parse(new RegExp(`^${field}:\\s+(.*)$`, 'm').exec(text)![1]) as {id: number}[]).map((m) => m.id).sort()
  return {
    leader: Number(/^LeaderId:\s+(\d+)/m.exec(text)![1]),
    voters: list('CurrentVoters'),
    observers: list('CurrentObservers'),
    text,
  }
}

/** kafka-cluster list-endpoints: registered brokers (with fenced ones), or registered controllers. */
async function kafkaEndpoints(type: 'broker' | 'controller'): Promise<number[]> {
  const args =
    type === 'broker'
      ? ['list-endpoints', '--bootstrap-server', testCluster().bootstrap, '--include-fenced-brokers']
      : [
          'list-endpoints',
          '--bootstrap-controller',
          nodes()
            .map((n) => `127.0.0.1:${n.ports.controller}`)
            .join(','),
        ]
  const text = await kafkaTool('org.apache.kafka.tools.ClusterTool', args)
  return [...text.matchAll(new RegExp(`^(\\d+)\\s.*\\s${type}\\s*$`, 'gm'))].map((m) => Number(m[1])).sort()
}

/** `kctl cluster quorum VERB ... --json` on the PLAINTEXT context. */
const quorum = (verb: string, ...args: string[]) => kctl(['cluster', 'quorum', verb, ...args, '--json', ...local])
const removeController = (id: number, ...flags: string[]) =>
  quorum('remove-controller', '--controller-id', String(id), ...flags)
const addController = (id: number, ...flags: string[]) =>
  quorum('add-controller', '--controller-id', String(id), '--endpoint', endpointOf(id), ...flags)
const unregisterBroker = (id: number, ...flags: string[]) =>
  kctl(['brokers', 'unregister', String(id), ...flags, '--json', ...local])

/** Poll kctl's view until `ok` holds (DescribeQuorum; Kafka's tool then checks the end state). */
async function waitForQuorum(ok: (q: {voters: {id: number}[]; observers: {id: number}[]}) => boolean, what: string) {
  let last = ''
  await waitFor(
    async () => {
      const r = await quorum('describe')
      last = `${r.code} ${r.stdout.slice(0, 400)} ${r.stderr.slice(0, 200)}`
      return r.code === 0 && ok(r.json())
    },
    {timeoutMs: 90_000, intervalMs: 500, what},
  ).catch((error: Error) => {
    throw new Error(`${error.message} (last answer: ${last})`)
  })
}

const observing = (id: number) =>
  waitForQuorum((q) => q.observers.some((o) => o.id === id), `node ${id} fetching as an observer`)

describe('kctl cluster quorum and brokers unregister', function () {
  this.timeout(300_000)
  let restartNeeded = false

  after(async function () {
    this.timeout(300_000)
    if (restartNeeded) await restartTestCluster()
    if (!dynamic()) return
    // Every node a voter again (a failed test may have left one an observer).
    const q = (await quorum('describe')).json()
    for (const n of nodes())
      if (!q.voters.some((v: {id: number}) => v.id === n.id)) {
        await observing(n.id)
        const r = await addController(n.id)
        expect(r.code, r.stderr).to.equal(0)
      }
    await waitForQuorum((x) => x.voters.length === nodes().length, 'every node a voter again')
  })

  it('describes the quorum as Kafka does; a static quorum (3.9) refuses voter changes @smoke', async () => {
    const r = await quorum('describe')
    expect(r.code, r.stderr).to.equal(0)
    const kctlView = r.json()
    const kafka = await kafkaQuorum()
    expect(kctlView.voters.map((v: {id: number}) => v.id)).to.deep.equal(kafka.voters)
    expect(kafka.voters).to.deep.equal(testCluster().brokerIds)
    expect(kctlView.dynamic).to.equal(dynamic())
    if (dynamic()) {
      // The directory ids kctl formatted each node with, as Kafka reports them.
      for (const n of nodes()) {
        expect(kafka.text).to.include(`"id": ${n.id}, "directoryId": "${n.directoryId}"`)
        expect(kctlView.voters.find((v: {id: number}) => v.id === n.id).directoryId).to.equal(n.directoryId)
      }
    } else {
      const refused = await removeController(1, '--yes')
      expect(refused.code).to.equal(1)
      expect(refused.json().error.code).to.equal('STATIC_QUORUM')
      expect((await kafkaQuorum()).voters).to.deep.equal(testCluster().brokerIds)
    }
    const status = await kctl(['local', 'status', '--json'])
    expect(status.json().quorum).to.equal(dynamic() ? 'dynamic' : 'static')
  })

  it('removes a running controller (it stays an observer) and adds it back', async function () {
    if (!dynamic()) this.skip() // not @smoke: runs on Kafka 4.x only, where kctl local formats a dynamic quorum
    const all = testCluster().brokerIds
    const leader = (await quorum('describe')).json().leader
    const target = all.find((id) => id !== leader)!
    const others = all.filter((id) => id !== target)
    const dry = await removeController(target, '--dry-run')
    expect(dry.code, dry.stderr).to.equal(0)
    expect(dry.json()).to.include({controller: target, dryRun: true, removed: false})
    expect(dry.json().votersAfter).to.deep.equal(others)

    const removed = await removeController(target, '--yes')
    expect(removed.code, removed.stderr).to.equal(0)
    expect(removed.json()).to.include({removed: true, unregistered: false})
    expect(removed.json().voters).to.deep.equal(others)
    const kafkaAfter = await kafkaQuorum()
    expect(kafkaAfter.voters).to.deep.equal(others)
    expect(kafkaAfter.observers).to.include(target)

    // Refusals change nothing: no longer a voter; an observer's endpoint is not in DescribeQuorum.
    const again = await removeController(target, '--yes')
    expect(again.code).to.equal(2)
    expect(again.json().error.code).to.equal('NOT_A_VOTER')
    const noEndpoint = await quorum('add-controller', '--controller-id', String(target))
    expect(noEndpoint.code).to.equal(2)
    expect(noEndpoint.json().error.code).to.equal('MISSING_FLAG')

    await observing(target)
    const added = await addController(target)
    expect(added.code, added.stderr).to.equal(0)
    expect(added.json()).to.include({added: true, directoryIdFrom: 'observer'})
    expect(added.json().voters).to.deep.equal(all)
    expect((await kafkaQuorum()).voters).to.deep.equal(all)
  })

  it('unregisters a stopped controller and broker; they come back when the node starts', async function () {
    if (!dynamic()) this.skip() // not @smoke: UnregisterController and a dynamic quorum need Kafka 4.x
    const all = testCluster().brokerIds
    const target = 3
    const survivors = all.filter((id) => id !== target)
    // Running: both refused before any change.
    const running = await unregisterBroker(target, '--yes')
    expect(running.code).to.equal(2)
    expect(running.json().error.code).to.equal('BROKER_STILL_REGISTERED')
    const runningCtl = await removeController(target, '--unregister', '--yes')
    expect(runningCtl.code).to.equal(2)
    expect(runningCtl.json().error.code).to.equal('CONTROLLER_STILL_RUNNING')

    const stop = await kctl(['local', 'stop', '--broker', String(target)], {timeoutMs: 120_000})
    expect(stop.code, stop.stderr).to.equal(0)
    restartNeeded = true
    // Once the voter has stopped fetching, kctl lets it go (the two others are a majority of two).
    let removed = runningCtl
    await waitFor(
      async () => {
        removed = await removeController(target, '--unregister', '--yes')
        if (removed.code !== 0) expect(removed.json().error.code).to.equal('CONTROLLER_STILL_RUNNING')
        return removed.code === 0
      },
      {timeoutMs: 60_000, intervalMs: 1000, what: `controller ${target} to stop fetching`},
    )
    expect(removed.json()).to.include({removed: true, unregistered: true})
    const [quorumNow, controllersNow] = await Promise.all([kafkaQuorum(), kafkaEndpoints('controller')])
    expect(quorumNow.voters).to.deep.equal(survivors)
    expect(controllersNow).to.deep.equal(survivors)

    await waitFor(
      async () => {
        const r = await kctl(['brokers', 'list', '--json', ...local])
        return r.code === 0 && r.json().brokers.some((b: {id: number; fenced: boolean}) => b.id === target && b.fenced)
      },
      {timeoutMs: 60_000, intervalMs: 1000, what: `broker ${target} fenced`},
    )
    const dry = await unregisterBroker(target, '--dry-run')
    expect(dry.code, dry.stderr).to.equal(0)
    expect(dry.json()).to.include({broker: target, registration: 'fenced', dryRun: true, unregistered: false})
    const unregistered = await unregisterBroker(target, '--yes')
    expect(unregistered.code, unregistered.stderr).to.equal(0)
    expect(unregistered.json()).to.include({unregistered: true})
    expect(await kafkaEndpoints('broker')).to.deep.equal(survivors)
    const gone = await unregisterBroker(target, '--yes')
    expect(gone.code).to.equal(2)
    expect(gone.json().error.code).to.equal('BROKER_NOT_REGISTERED')

    // Started again, the node registers as broker and controller, and fetches as an observer.
    await restartTestCluster()
    restartNeeded = false
    await observing(target)
    const added = await addController(target)
    expect(added.code, added.stderr).to.equal(0)
    const [quorumEnd, controllersEnd] = await Promise.all([kafkaQuorum(), kafkaEndpoints('controller')])
    expect(quorumEnd.voters).to.deep.equal(all)
    expect(controllersEnd).to.deep.equal(all)
  })
})
