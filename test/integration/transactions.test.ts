import {expect} from 'chai'
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import kafkajs from 'kafkajs'

import {expectBadInputs} from '../helpers/bad-input.js'
import {kctl} from '../helpers/cli.js'
import {testCluster} from '../helpers/cluster.js'
import {assignment, commitGroupOffsets, createTopic, deleteTopics, kafka, withKafka} from '../helpers/kafka.js'
import {kafkaTool} from '../helpers/kafka-tools.js'
import {uniqueName, waitFor} from '../helpers/poll.js'

const local = ['--context', 'local']
const OTHER_CHECKS = [
  'offline-partitions',
  'under-replicated',
  'under-min-isr',
  'preferred-leader',
  'leader-skew',
  'quorum',
  'brokers',
].flatMap((c) => ['--skip-check', c])

/** Kafka's kafka-transactions tool (TransactionsCommand): rows of its tab-separated table, by header. */
async function kafkaTransactions(args: string[]): Promise<Record<string, string>[]> {
  const out = await kafkaTool('org.apache.kafka.tools.TransactionsCommand', [
    '--bootstrap-server',
    testCluster().bootstrap.split(',')[0],
    ...args,
  ])
  const [header, ...rows] = out
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.split('\t').map((c) => c.trim()))
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])))
}

/**
 * A hanging transaction, made the way the bug that KIP-890 closes made them: a transactional
 * Produce to a partition never added to the transaction. The partition leader's verification
 * (transaction.partition.verification.enable, a dynamic broker config) is off for that one write.
 */
async function writeOutsideTransaction(
  topic: string,
  partition: number,
  leader: number,
  txn: {transactionalId: string; producerId: number; producerEpoch: number},
): Promise<void> {
  const set = await kctl([
    'configs',
    'set',
    'broker',
    String(leader),
    'transaction.partition.verification.enable=false',
    '--yes',
    ...local,
  ])
  expect(set.code, set.stderr).to.equal(0)
  try {
    const client = kafka()
    // kafkajs's producer always adds partitions first; its broker object sends the bare Produce.
    const createCluster = Object.getOwnPropertySymbols(client).find(
      (s) => s.description === 'private:Kafka:createCluster',
    )!
    const cluster = (client as unknown as Record<symbol, (o: object) => any>)[createCluster]({})
    await cluster.connect()
    try {
      await cluster.refreshMetadata()
      const broker = await cluster.findBroker({nodeId: String(leader)})
      await broker.produce({
        ...txn,
        acks: -1,
        topicData: [{topic, partitions: [{partition, firstSequence: 0, messages: [{value: 'outside'}]}]}],
      })
    } finally {
      await cluster.disconnect()
    }
  } finally {
    const reset = await kctl([
      'configs',
      'delete',
      'broker',
      String(leader),
      'transaction.partition.verification.enable',
      '--yes',
      ...local,
    ])
    expect(reset.code, reset.stderr).to.equal(0)
  }
}

describe('transactions: list, describe, producers, hanging, abort, health, read-committed lag', function () {
  this.timeout(300_000)
  const topic = uniqueName('txn')
  const transactionalId = uniqueName('txn-app')
  const group = uniqueName('txn-group')
  let stateDir: string
  let env: Record<string, string>
  let producer: kafkajs.Producer
  let transaction: kafkajs.Transaction
  let leader1: number

  before(async () => {
    stateDir = join(testCluster().dir, `${topic}-state`)
    env = {KCTL_STATE_DIR: stateDir}
    await createTopic(topic, [
      [1, 2, 3],
      [2, 3, 1],
    ])
    // A 3.9 broker may not know a new topic for a moment after another one reported its leaders.
    leader1 = await waitFor(async () => (await assignment(topic)).find((p) => p.partition === 1)?.leader, {
      what: `the leader of ${topic}:1`,
    })
    await commitGroupOffsets(group, topic, {0: 0})
    await withKafka(async (_admin, client) => {
      producer = client.producer({
        transactionalId,
        maxInFlightRequests: 1,
        idempotent: true,
        transactionTimeout: 300_000,
      })
    })
    await producer.connect()
    transaction = await producer.transaction()
    await transaction.send({
      topic,
      messages: [
        {partition: 0, value: 'a'},
        {partition: 0, value: 'b'},
      ],
    })
  })

  after(async () => {
    if (transaction?.isActive()) await transaction.abort().catch(() => {})
    await producer?.disconnect()
    await deleteTopics([topic])
    await withKafka((admin) => admin.deleteGroups([group])).catch(() => {})
  })

  it('lists, describes and shows the producers of an open transaction as kafka-transactions does @smoke', async () => {
    // Kafka's tool starts a JVM per call: all three run while kctl answers.
    const kafkaAnswers = Promise.all([
      kafkaTransactions(['list']),
      kafkaTransactions(['describe', '--transactional-id', transactionalId]),
      kafkaTransactions(['describe-producers', '--topic', topic, '--partition', '0']),
    ])
    const listed = (
      await kctl(['txn', 'list', '--state', 'ongoing', '--duration-filter', '0s', '--json', ...local])
    ).json().transactions
    const mine = listed.find((t: {transactionalId: string}) => t.transactionalId === transactionalId)
    expect(mine, JSON.stringify(listed)).to.include({state: 'Ongoing'})
    const [kafkaList, [k], [kp]] = await kafkaAnswers
    const theirs = kafkaList.find((r) => r.TransactionalId === transactionalId)!
    expect({coordinator: mine.coordinator, producerId: mine.producerId, state: mine.state}).to.deep.equal({
      coordinator: Number(theirs.Coordinator),
      producerId: Number(theirs.ProducerId),
      state: theirs.TransactionState,
    })
    const empty = (await kctl(['txn', 'list', '--state', 'prepareepochfence', '--json', ...local])).json().transactions
    expect(empty.map((t: {transactionalId: string}) => t.transactionalId)).not.to.include(transactionalId)

    const d = (await kctl(['txn', 'describe', transactionalId, '--json', ...local])).json()
    expect(d).to.deep.include({
      transactionalId,
      state: 'Ongoing',
      producerId: mine.producerId,
      timeoutMs: 300_000,
      partitions: [{topic, partition: 0}],
    })
    expect([
      d.coordinator,
      d.producerId,
      d.producerEpoch,
      d.state,
      d.timeoutMs,
      d.startTimeMs,
      `${topic}-0`,
    ]).to.deep.equal([
      Number(k.CoordinatorId),
      Number(k.ProducerId),
      Number(k.ProducerEpoch),
      k.TransactionState,
      Number(k.TransactionTimeoutMs),
      Number(k.CurrentTransactionStartTimeMs),
      k.TopicPartitions,
    ])

    const p = (await kctl(['txn', 'producers', `${topic}:0`, '--json', ...local])).json()
    expect(p.producers).to.have.length(1)
    expect(p.producers[0]).to.include({producerId: mine.producerId, producerEpoch: d.producerEpoch, txnStartOffset: 0})
    expect([kp.ProducerId, kp.ProducerEpoch, kp.CurrentTransactionStartOffset, kp.LastTimestamp]).to.deep.equal([
      '' + mine.producerId,
      '' + d.producerEpoch,
      '0',
      '' + p.producers[0].lastTimestamp,
    ])
  })

  it('filters by a transactional-id pattern on the brokers (Kafka 4.1+), and says so on older ones @smoke', async () => {
    const ids = async (pattern: string) => {
      const r = await kctl(['txn', 'list', '--pattern', pattern, '--json', ...local])
      return r.json().transactions.map((t: {transactionalId: string}) => t.transactionalId)
    }
    if (testCluster().version.startsWith('3.')) {
      const r = await kctl(['txn', 'list', '--pattern', '.*', ...local])
      expect(r.code).to.equal(2)
      expect(r.stderr).to.match(/cannot filter by pattern\nHint: --pattern needs brokers on Kafka 4.1/)
      return
    }
    expect(await ids(`${transactionalId.replaceAll('-', '.')}`)).to.deep.equal([transactionalId])
    expect(await ids(`${transactionalId}x.*`)).to.deep.equal([])
  })

  it('measures lag to the last stable offset with --isolation read-committed @smoke', async () => {
    let last = ''
    const lagOf = async (isolation: string) => {
      const r = await kctl(['lag', group, '--isolation', isolation, '--no-time-lag', '--json', ...local])
      last = `exit ${r.code}: ${r.stdout.slice(0, 1500)} ${r.stderr.slice(0, 500)}`
      return r.json().groups[0].lag
    }
    // The high watermark covers the open transaction's 2 records. Polled: in one full 3.9 run (after
    // the fault matrix restarted brokers) the first answer was still 0.
    await waitFor(async () => (await lagOf('read-uncommitted')) === 2, {what: 'read-uncommitted lag 2'}).catch(
      (error: Error) => {
        throw new Error(`${error.message} (last answer: ${last})`)
      },
    )
    // The open transaction starts at offset 0: a read_committed consumer at 0 has nothing to read.
    expect(await lagOf('read-committed')).to.equal(0)
  })

  it('rejects bad input to every transaction command with a one-line Error and a Hint, changing nothing @smoke', async () => {
    const cases: [string, string[], RegExp][] = [
      ['unknown state', ['txn', 'list', '--state', 'running'], /Unknown transaction state "running"/],
      ['malformed duration filter', ['txn', 'list', '--duration-filter', 'long'], /Invalid --duration-filter "long"/],
      [
        'negative duration filter',
        ['txn', 'list', '--duration-filter', '-PT1M'],
        /--duration-filter must not be negative/,
      ],
      ['pattern that is no regular expression', ['txn', 'list', '--pattern', 'app-('], /Invalid --pattern "app-\("/],
      ['describe without an id', ['txn', 'describe'], /Name the transactional id/],
      [
        'describe an unknown id',
        ['txn', 'describe', `${transactionalId}-nope`],
        /Transactional id .*-nope does not exist/,
      ],
      ['producers without a partition', ['txn', 'producers'], /Name the partition as TOPIC:PARTITION/],
      ['producers of a whole topic', ['txn', 'producers', topic], /name exactly one partition/],
      ['producers of two partitions', ['txn', 'producers', `${topic}:0,1`], /name exactly one partition/],
      ['producers of a non-numeric partition', ['txn', 'producers', `${topic}:x`], /"x" is not a partition number/],
      ['producers of an unknown topic', ['txn', 'producers', `${topic}-nope:0`], /Unknown topic: .*-nope/],
      ['producers of a missing partition', ['txn', 'producers', `${topic}:7`], /Partition .*:7 does not exist/],
      [
        'producers on a negative broker',
        ['txn', 'producers', `${topic}:0`, '--broker', '-1'],
        /Expected an integer greater than or equal to 0|--broker/,
      ],
      [
        'abort without --start-offset',
        ['txn', 'abort', `${topic}:0`, '--yes'],
        /Say which transaction: --start-offset N/,
      ],
      [
        'abort at a non-numeric offset',
        ['txn', 'abort', `${topic}:0`, '--start-offset', 'first', '--yes'],
        /Invalid --start-offset "first"/,
      ],
      [
        'abort where no transaction starts',
        ['txn', 'abort', `${topic}:0`, '--start-offset', '5', '--yes'],
        /No open transaction starts at offset 5 on .*:0/,
      ],
      [
        'abort on an unknown topic',
        ['txn', 'abort', `${topic}-nope:0`, '--start-offset', '0', '--yes'],
        /Unknown topic/,
      ],
      [
        'abort without confirmation (no TTY)',
        ['txn', 'abort', `${topic}:0`, '--start-offset', '0'],
        /Refusing to make this change without confirmation/,
      ],
      ['hanging without a scope', ['txn', 'hanging'], /Limit the search: --broker N or --topic T/],
      ['hanging with both scopes', ['txn', 'hanging', '--broker', '1', '--topic', topic], /cannot also be provided/],
      ['hanging on two partitions', ['txn', 'hanging', '--topic', `${topic}:0,1`], /name the topic, or one partition/],
      [
        'hanging with a malformed timeout',
        ['txn', 'hanging', '--topic', topic, '--max-transaction-timeout', 'soon'],
        /Invalid --max-transaction-timeout "soon"/,
      ],
      ['hanging on an unknown topic', ['txn', 'hanging', '--topic', `${topic}-nope`], /Unknown topic/],
      [
        'health with a malformed transaction timeout',
        ['cluster', 'health', '--max-transaction-timeout', 'soon'],
        /Invalid --max-transaction-timeout "soon"/,
      ],
      [
        'unknown lag isolation',
        ['lag', group, '--isolation', 'serializable'],
        /Expected --isolation=serializable to be one of/,
      ],
    ]
    const snapshot = async () => ({
      producers: (await kctl(['txn', 'producers', `${topic}:0`, '--json', ...local])).json().producers,
      journal: existsSync(join(stateDir, 'transaction-aborts.jsonl')),
    })
    await expectBadInputs(cases, {extraArgs: local, env, snapshot})
  })

  it('finds a hanging transaction, aborts it (dry run first, journaled), and cluster health fails then passes @smoke', async () => {
    const d = (await kctl(['txn', 'describe', transactionalId, '--json', ...local])).json()
    await writeOutsideTransaction(topic, 1, leader1, {
      transactionalId,
      producerId: d.producerId,
      producerEpoch: d.producerEpoch,
    })

    const kafkaHanging = kafkaTransactions(['find-hanging', '--topic', topic, '--max-transaction-timeout', '0'])
    const hanging = await kctl([
      'txn',
      'hanging',
      '--topic',
      topic,
      '--max-transaction-timeout',
      '0s',
      '--json',
      ...local,
    ])
    expect(hanging.code, hanging.stderr).to.equal(3)
    // Partition 0's transaction is tracked by its coordinator: only partition 1 hangs.
    expect(
      hanging
        .json()
        .transactions.map((t: {topic: string; partition: number; txnStartOffset: number; abortCommand: string}) => [
          t.partition,
          t.txnStartOffset,
          t.abortCommand,
        ]),
    ).to.deep.equal([[1, 0, `kctl txn abort ${topic}:1 --start-offset 0`]])
    const theirs = await kafkaHanging
    expect(theirs.map((r) => [r.Topic, r.Partition, r.ProducerId, r.StartOffset])).to.deep.equal([
      [topic, '1', String(d.producerId), '0'],
    ])

    const health = await waitFor(
      async () => {
        const r = await kctl(['cluster', 'health', '--max-transaction-timeout', '1s', ...OTHER_CHECKS, ...local])
        return r.code === 3 && r.stdout.includes(`${topic}:1`) && r.stdout.includes(`${topic}:0`) ? r : undefined
      },
      {what: 'cluster health to fail on both open transactions', timeoutMs: 20_000},
    )
    expect(health.stdout).to.match(/stuck-transactions\s+FAIL/)
    expect(health.stdout).to.include(`Stuck transaction ${transactionalId} on ${topic}:1`)
    expect(health.stdout).to.include(`abort with: kctl txn abort ${topic}:1 --start-offset 0`)
    expect(health.stdout).to.include(`abort with: kctl txn abort ${topic}:0 --start-offset 0`)

    const dry = await kctl(['txn', 'abort', `${topic}:1`, '--start-offset', '0', '--dry-run', '--json', ...local], {
      env,
    })
    expect(dry.json()).to.include({dryRun: true, aborted: false, producerId: d.producerId, leader: leader1})
    expect(existsSync(join(stateDir, 'transaction-aborts.jsonl'))).to.equal(false)
    const openOn1 = async () =>
      (await kctl(['txn', 'producers', `${topic}:1`, '--json', ...local])).json().producers[0].txnStartOffset
    expect(await openOn1()).to.equal(0)

    const abort = await kctl(['txn', 'abort', `${topic}:1`, '--start-offset', '0', '--yes', ...local], {env})
    expect(abort.code, abort.stderr).to.equal(0)
    expect(await openOn1()).to.equal(null)
    const journal = readFileSync(join(stateDir, 'transaction-aborts.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(journal).to.have.length(1)
    expect(journal[0]).to.include({
      clusterId: testCluster().clusterId,
      topic,
      partition: 1,
      startOffset: '0',
      producerId: String(d.producerId),
    })
    const after = await kctl([
      'txn',
      'hanging',
      '--topic',
      topic,
      '--max-transaction-timeout',
      '0s',
      '--json',
      ...local,
    ])
    expect(after.code, after.stderr).to.equal(0)
    expect(after.json().transactions).to.deep.equal([])

    // The producer ends its own transaction: nothing holds a last stable offset any more.
    await transaction.commit()
    const healthy = await kctl([
      'cluster',
      'health',
      '--max-transaction-timeout',
      '1s',
      ...OTHER_CHECKS,
      '--json',
      ...local,
    ])
    expect(healthy.code, healthy.stdout).to.equal(0)
    expect(healthy.json().checks.find((c: {name: string}) => c.name === 'stuck-transactions')).to.include({
      ok: true,
      skipped: false,
    })
  })
})
