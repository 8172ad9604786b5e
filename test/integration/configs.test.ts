import {expect} from 'chai'
import {chmodSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {kctl, kctlTty} from '../helpers/cli.js'
import {testCluster} from '../helpers/cluster.js'
import {kafkaConfigsOverrides} from '../helpers/kafka-tools.js'
import {uniqueName} from '../helpers/poll.js'

const ctx = ['--context', 'local']

async function ok(args: string[]) {
  const r = await kctl([...args, ...ctx])
  expect(r.code, `kctl ${args.join(' ')}\n${r.stdout}\n${r.stderr}`).to.equal(0)
  return r
}

describe('configs on a real cluster', function () {
  this.timeout(120_000)
  let topic: string

  before(async () => {
    topic = uniqueName('cfg')
    await ok(['topics', 'create', topic, '--partitions', '1', '--replication-factor', '3'])
  })

  after(async () => {
    await kctl(['topics', 'delete', topic, '--yes', ...ctx])
  })

  it('set, set, delete on a topic never clobbers the untouched override (read back with kafka-configs) @smoke', async () => {
    await ok(['configs', 'set', 'topic', topic, 'retention.ms=3600000', 'segment.ms=7200000'])
    const r = await ok(['configs', 'set', 'topic', topic, 'max.message.bytes=2000000', '--debug'])
    expect(r.stderr).to.match(/IncrementalAlterConfigs=1/)
    expect(r.stderr).not.to.match(/request AlterConfigs v/) // never the legacy API 33
    await ok(['configs', 'delete', 'topic', topic, 'segment.ms', '--yes'])
    const kafka = await kafkaConfigsOverrides('topics', topic)
    expect(kafka).to.deep.equal({'max.message.bytes': '2000000', 'retention.ms': '3600000'})
    const mine = (await ok(['configs', 'describe', 'topic', topic, '--json'])).json()
    expect(mine.entities[0].configs.map((c: {key: string; value: string}) => `${c.key}=${c.value}`)).to.deep.equal([
      'max.message.bytes=2000000',
      'retention.ms=3600000',
    ])
  })

  it('set, set, delete on a dynamic broker config keeps the other override (read back with kafka-configs)', async () => {
    const broker = String(testCluster().brokerIds[0])
    try {
      await ok(['configs', 'set', 'broker', broker, 'log.cleaner.backoff.ms=16000', 'log.retention.bytes=1073741824'])
      await ok(['configs', 'set', 'broker', broker, 'log.roll.ms=86400000'])
      const r = await ok(['configs', 'delete', 'broker', broker, 'log.retention.bytes', '--yes', '--json'])
      expect(r.json()).to.deep.equal({
        entity: {type: 'broker', name: broker},
        dryRun: false,
        changes: [{key: 'log.retention.bytes', before: '1073741824', after: null}],
      })
      const kafka = await kafkaConfigsOverrides('brokers', broker)
      expect(kafka).to.include({'log.cleaner.backoff.ms': '16000', 'log.roll.ms': '86400000'})
      expect(kafka).not.to.have.property('log.retention.bytes')
    } finally {
      await kctl(['configs', 'delete', 'broker', broker, 'log.cleaner.backoff.ms', 'log.roll.ms', '--yes', ...ctx])
    }
  })

  it('the cluster-wide broker default: set with --default, describe shows source dynamic-default', async () => {
    try {
      await ok(['configs', 'set', 'broker', '--default', 'log.cleaner.backoff.ms=17000'])
      const d = (await ok(['configs', 'describe', 'broker', '--default', '--json'])).json()
      expect(d.entities[0]).to.include({type: 'broker', name: ''})
      expect(d.entities[0].configs).to.deep.include({
        key: 'log.cleaner.backoff.ms',
        value: '17000',
        source: 'dynamic-default',
        readOnly: false,
        sensitive: false,
      })
      expect(await kafkaConfigsOverrides('brokers', 'default')).to.include({'log.cleaner.backoff.ms': '17000'})
      // A broker's --all view names where each value comes from.
      const all = (
        await ok(['configs', 'describe', 'broker', String(testCluster().brokerIds[0]), '--all', '--json'])
      ).json()
      const byKey = new Map(all.entities[0].configs.map((c: {key: string}) => [c.key, c]))
      expect(byKey.get('log.cleaner.backoff.ms')).to.include({value: '17000', source: 'dynamic-default'})
      expect(byKey.get('num.network.threads')).to.include({source: 'static-broker'})
      expect(byKey.get('log.retention.hours')).to.include({source: 'default'})
    } finally {
      await kctl(['configs', 'delete', 'broker', '--default', 'log.cleaner.backoff.ms', '--yes', ...ctx])
    }
  })

  it('--all shows sources and redacts sensitive values; the JSON shape is stable', async () => {
    const r = await ok(['configs', 'describe', 'topic', topic, '--all', '--json'])
    const d = r.json()
    expect(Object.keys(d)).to.deep.equal(['entities'])
    expect(Object.keys(d.entities[0])).to.deep.equal(['type', 'name', 'configs'])
    const entry = d.entities[0].configs.find((c: {key: string}) => c.key === 'retention.ms')
    expect(Object.keys(entry)).to.deep.equal(['key', 'value', 'source', 'readOnly', 'sensitive'])
    expect(entry).to.deep.equal({
      key: 'retention.ms',
      value: '3600000',
      source: 'topic',
      readOnly: false,
      sensitive: false,
    })
    expect(d.entities[0].configs.find((c: {key: string}) => c.key === 'cleanup.policy')).to.include({
      source: 'default',
      value: 'delete',
    })
    // The secure cluster's brokers have SSL store passwords: never printed.
    const broker = await ok([
      'configs',
      'describe',
      'broker',
      String(testCluster().brokerIds[0]),
      '--all',
      '-o',
      'wide',
    ])
    expect(broker.stdout).to.match(/ssl\.truststore\.password\s+\[redacted\]/)
  })

  it('--dry-run validates on the broker, prints the diff and changes nothing', async () => {
    const r = await ok(['configs', 'set', 'topic', topic, 'retention.ms=60000', '--dry-run', '--json'])
    expect(r.json()).to.deep.equal({
      entity: {type: 'topic', name: topic},
      dryRun: true,
      changes: [{key: 'retention.ms', before: '3600000', after: '60000'}],
    })
    const bad = await kctl(['configs', 'set', 'topic', topic, 'retention.ms=abc', '--dry-run', ...ctx])
    expect(bad.code).to.equal(2)
    expect(bad.stderr).to.match(/^Error: The broker rejected the change to topic .*retention\.ms/m)
    expect((await kafkaConfigsOverrides('topics', topic))['retention.ms']).to.equal('3600000')
  })

  it('append and subtract change list values item by item', async () => {
    const a = await ok(['configs', 'append', 'topic', topic, 'cleanup.policy=compact', '--json'])
    expect(a.json().changes).to.deep.equal([{key: 'cleanup.policy', before: null, after: 'delete,compact'}])
    const s = await ok(['configs', 'subtract', 'topic', topic, 'cleanup.policy=delete', '--yes', '--json'])
    expect(s.json().changes).to.deep.equal([{key: 'cleanup.policy', before: 'delete,compact', after: 'compact'}])
    await ok(['configs', 'delete', 'topic', topic, 'cleanup.policy', '--yes'])
  })

  it('kafka-configs syntax: --alter --add-config k=v,k2=[a,b] --delete-config k', async () => {
    await ok([
      'configs',
      '--alter',
      '--entity-type',
      'topics',
      '--entity-name',
      topic,
      '--add-config',
      'segment.ms=9000000,cleanup.policy=[compact,delete]',
    ])
    expect(await kafkaConfigsOverrides('topics', topic)).to.include({
      'segment.ms': '9000000',
      'cleanup.policy': 'compact,delete',
    })
    await ok([
      'configs',
      '--alter',
      '--entity-type',
      'topics',
      '--entity-name',
      topic,
      '--delete-config',
      'segment.ms,cleanup.policy',
      '--yes',
    ])
    const d = (await ok(['configs', '--describe', '--entity-type', 'topics', '--entity-name', topic, '--json'])).json()
    expect(d.entities[0].configs.map((c: {key: string}) => c.key)).to.deep.equal(['max.message.bytes', 'retention.ms'])
  })

  it('edit opens $EDITOR on a terminal and applies only the minimal patch; without a terminal it never starts the editor', async function () {
    this.timeout(300_000) // three kctl runs, two on a pseudo-terminal, and kafka-configs
    const editor = join(testCluster().dir, `edit-${Date.now()}.sh`)
    // Change retention.ms, remove max.message.bytes, add segment.ms; keep the rest.
    writeFileSync(
      editor,
      `#!/bin/sh\nsed -i -e 's/^retention.ms=.*/retention.ms=7200000/' -e '/^max.message.bytes=/d' "$1"\necho segment.ms=8000000 >> "$1"\n`,
    )
    chmodSync(editor, 0o755)
    // Without a terminal (CI, a pipe): refused before connecting, the editor never runs, nothing changes.
    const refused = await kctl(['configs', 'edit', 'topic', topic, '--yes', '--debug', ...ctx], {env: {EDITOR: editor}})
    expect(refused.code, refused.stderr).to.equal(2)
    expect(refused.stderr).to.match(/^Error: Refusing to start \$EDITOR without a terminal/m)
    expect(refused.stderr).to.match(
      new RegExp(
        `^Hint: Without a terminal use \`kctl configs set topic ${topic} KEY=VALUE\` or \`kctl configs delete topic ${topic} KEY\``,
        'm',
      ),
    )
    expect(refused.stderr).not.to.match(/\[debug\]/) // no connection was opened, so nothing could change
    // On a terminal: the editor runs, the diff is shown and the minimal patch applied.
    const tty = kctlTty(['configs', 'edit', 'topic', topic, '--yes', '--debug', ...ctx], {env: {EDITOR: editor}})
    expect(await tty.exited, tty.screen).to.equal(0)
    expect(tty.screen).to.match(/IncrementalAlterConfigs=1/)
    expect(tty.screen).to.match(/retention\.ms\b.*\b3600000\b.*\b7200000\b/)
    expect(await kafkaConfigsOverrides('topics', topic)).to.deep.equal({
      'retention.ms': '7200000',
      'segment.ms': '8000000',
    })
    // An editor that saves the file unchanged changes nothing.
    const same = kctlTty(['configs', 'edit', 'topic', topic, ...ctx], {env: {EDITOR: 'true'}})
    expect(await same.exited, same.screen).to.equal(0)
    expect(same.screen).to.include('No changes.')
  })

  it('user/client/ip are client quotas: configs set/describe/delete go through the quotas service', async () => {
    const user = uniqueName('quser')
    try {
      const set = await ok([
        'configs',
        'set',
        'user',
        user,
        'producer_byte_rate=1048576',
        'consumer_byte_rate=2097152',
        '--json',
        '--debug',
      ])
      expect(set.json().changes).to.deep.equal([
        {key: 'producer_byte_rate', before: null, after: '1048576'},
        {key: 'consumer_byte_rate', before: null, after: '2097152'},
      ])
      expect(set.stderr).to.match(/AlterClientQuotas=1/)
      const d = (await ok(['configs', '--describe', '--entity-type', 'users', '--entity-name', user, '--json'])).json()
      expect(d.entities[0]).to.deep.equal({
        type: 'user',
        name: user,
        configs: [
          {key: 'consumer_byte_rate', value: '2097152', source: 'quota', readOnly: false, sensitive: false},
          {key: 'producer_byte_rate', value: '1048576', source: 'quota', readOnly: false, sensitive: false},
        ],
      })
      const del = await ok(['configs', 'delete', 'user', user, 'producer_byte_rate', '--yes', '--json'])
      expect(del.json().changes).to.deep.equal([{key: 'producer_byte_rate', before: '1048576', after: null}])
      const q = (await ok(['quotas', 'describe', '--user', user, '--json'])).json()
      expect(JSON.stringify(q)).to.include('"consumer_byte_rate":2097152').and.not.include('producer_byte_rate')
    } finally {
      await kctl(['configs', 'delete', 'user', user, 'consumer_byte_rate', '--yes', ...ctx])
    }
  })

  it('broker-logger: set a logger level on one broker and reset it', async () => {
    const broker = String(testCluster().brokerIds[1])
    const logger = 'kafka.server.KafkaApis'
    const r = await ok(['configs', 'set', 'broker-logger', broker, `${logger}=DEBUG`, '--json'])
    expect(r.json().changes).to.deep.equal([{key: logger, before: 'INFO', after: 'DEBUG'}])
    const d = (await ok(['configs', 'describe', 'broker-logger', broker, '--json'])).json()
    expect(d.entities[0].configs.find((c: {key: string}) => c.key === logger)).to.include({value: 'DEBUG'})
    await ok(['configs', 'delete', 'broker-logger', broker, logger, '--yes'])
  })
})
