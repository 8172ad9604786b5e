import {expect} from 'chai'
import {chmodSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {kctl} from '../helpers/cli.js'
import {testCluster} from '../helpers/cluster.js'
import {uniqueName} from '../helpers/poll.js'

const ctx = ['--context', 'local']

/**
 * Bad input across topics and configs: every case exits 2 with a one-line `Error:` (and the
 * expected words), and the cluster is unchanged afterwards (topics, the overrides of a topic,
 * a broker and the broker default, logger levels, client quotas).
 */
describe('bad input is rejected with exit 2 and changes nothing', function () {
  this.timeout(240_000)
  const ref = uniqueName('ref')
  const fresh = uniqueName('never')
  const broker = () => String(testCluster().brokerIds[0])

  const snapshot = async () => {
    const parts = await Promise.all([
      kctl(['topics', 'list', '--json', ...ctx]),
      kctl(['configs', 'describe', 'topic', ref, '--json', ...ctx]),
      kctl(['configs', 'describe', 'broker', broker(), '--json', ...ctx]),
      kctl(['configs', 'describe', 'broker', '--default', '--json', ...ctx]),
      kctl(['configs', 'describe', 'broker-logger', broker(), '--json', ...ctx]),
      kctl(['quotas', 'describe', '--json', ...ctx]),
    ])
    for (const p of parts) expect(p.code, p.stderr).to.equal(0)
    return parts.map((p) => p.json())
  }

  before(async () => {
    const r = await kctl(['topics', 'create', ref, '--partitions', '2', '--replication-factor', '1', '--config', 'retention.ms=3600000', ...ctx])
    expect(r.code, r.stderr).to.equal(0)
  })

  after(async () => {
    await kctl(['topics', 'delete', ref, '--yes', ...ctx])
  })

  it('a table of bad inputs: each exits 2 with a clear message; the cluster is unchanged', async () => {
    const garbageEditor = join(testCluster().dir, `garbage-editor-${Date.now()}.sh`)
    writeFileSync(garbageEditor, '#!/bin/sh\necho "this is not a setting" >> "$1"\n')
    chmodSync(garbageEditor, 0o755)
    const cases: [string[], RegExp, Record<string, string>?][] = [
      [['topics', 'create', 'bad name!', '--partitions', '1'], /illegal character " "/],
      [['topics', 'create', '.', '--partitions', '1'], /cannot be "\."/],
      [['topics', 'create', 'x'.repeat(250), '--partitions', '1'], /250 characters long; the limit is 249/],
      [['topics', 'create', fresh, '--partitions', '0'], /--partitions must be at least 1/],
      [['topics', 'create', fresh, '--partitions=-3'], /--partitions must be at least 1/],
      [['topics', 'create', fresh, '--partitions', 'many'], /Expected an integer/],
      [['topics', 'create', fresh, '--partitions', '1', '--replication-factor', '4'], /larger than the number of brokers \(3\)/],
      [['topics', 'create', fresh, '--partitions', '1', '--replication-factor', '0'], /--replication-factor must be at least 1/],
      [['topics', 'create', fresh, '--partitions', '1', '--config', 'retension.ms=1'], /Unknown topic config key: retension\.ms[\s\S]*Hint: Did you mean retention\.ms\?/],
      [['topics', 'create', fresh, '--partitions', '1', '--config', 'retention.ms'], /expected key=value/],
      [['topics', 'create', fresh, '--replica-assignment', '1:9'], /broker 9 is not in the cluster/],
      [['topics', 'create', fresh, '--replica-assignment', '1:2,3'], /same number of replicas/],
      [['topics', 'create', fresh, '--replica-assignment', '1:1'], /lists a broker twice/],
      [['topics', 'create', fresh, '--replica-assignment', '1:2', '--partitions', '2'], /--replica-assignment sets the partitions/],
      [['topics', 'create', fresh, fresh, '--partitions', '1'], /is named twice/],
      [['topics', 'create'], /Missing required argument: NAMES/],
      [['topic', 'list'], /Unknown command: kctl topic list[\s\S]*Hint: Did you mean `kctl topics list`\?/],
      [['topics', 'lst'], /Unknown command: kctl topics lst[\s\S]*Hint: Did you mean `kctl topics list`\?/],
      [['topics', 'list', '--mtch', 'x'], /Nonexistent flag: --mtch[\s\S]*Did you mean --match\?/],
      [['topics', 'delete', '__consumer_offsets', '--yes'], /internal topic __consumer_offsets/],
      [['topics', 'delete', fresh, '--yes'], /Topic not found/],
      [['topics', 'delete', '--yes'], /No topics to delete/],
      [['topics', 'delete', ref], /Refusing to make this change without confirmation/],
      [['topics', 'alter', ref, '--partitions', '1'], /cannot decrease the count to 1/],
      [['topics', 'alter', fresh, '--partitions', '5'], /Topic not found/],
      [['topics', 'describe', `${ref}x`], /Topic not found[\s\S]*Did you mean/],
      [['topics', 'list', '--match', '('], /Invalid --match regular expression/],
      [['configs', 'set', 'topic', ref, 'retention.ms=abc'], /The broker rejected the change to topic .*: .*retention\.ms/],
      [['configs', 'set', 'topic', ref, 'retension.ms=1'], /Unknown topic config key[\s\S]*Did you mean retention\.ms\?/],
      [['configs', 'set', 'topic', ref, 'noequals'], /expected key=value/],
      [['configs', 'set', 'topic', ref], /No config changes given/],
      [['configs', 'set', 'topic', ref, 'retention.ms=1', 'retention.ms=2'], /given more than once/],
      [['configs', 'delete', 'topic', ref, 'segment.ms', '--yes'], /segment\.ms is not overridden/],
      [['configs', 'delete', 'topic', ref, 'retention.ms'], /Refusing to make this change without confirmation/],
      [['configs', 'set', 'broker', '99', 'log.cleaner.backoff.ms=1'], /Broker 99 is not in the cluster/],
      [['configs', 'set', 'broker', 'abc', 'log.cleaner.backoff.ms=1'], /Invalid broker id "abc"/],
      [['configs', 'set', 'broker', broker(), 'log.cleaner.threads=0'], /The broker rejected the change to broker/],
      [['configs', 'set', 'broker', '--default', 'log.retention.ms=abc'], /The broker rejected the change to the cluster-wide broker default/],
      [['configs', 'set', 'user', 'alice', 'producer_byte_rate=-5'], /Invalid quota producer_byte_rate=-5/],
      [['configs', 'set', 'user', 'alice', 'producer_bytes_rate=5'], /Unknown quota "producer_bytes_rate"/],
      [['configs', 'append', 'client', 'app', 'producer_byte_rate=5'], /Quotas are numbers, not lists/],
      [['configs', 'set', 'ip', 'not-an-ip', 'connection_creation_rate=5'], /Invalid IP address "not-an-ip"/],
      [['configs', 'describe', 'widget', 'a'], /Unknown config entity type "widget"/],
      [['configs', 'describe', 'topic', fresh], /Topic not found/],
      [['configs', 'set', 'broker-logger', broker(), 'kafka.server.KafkaApis=LOUD'], /Invalid log level "LOUD"/],
      [['configs', 'append', 'broker-logger', broker(), 'kafka.server.KafkaApis=INFO'], /Logger levels are not lists/],
      [['configs', '--alter', '--entity-type', 'topics', '--entity-name', ref, '--add-config', 'cleanup.policy=[compact'], /unclosed \[/],
      [['configs', '--entity-type', 'topics', '--entity-name', ref], /Pass --describe or --alter/],
      [['configs', 'set', 'topic', '--default', 'retention.ms=1'], /--default applies to brokers, users, clients and ips/],
      [['configs', 'edit', 'topic', ref, '--yes'], /expected key=value/, {EDITOR: garbageEditor}],
      [['configs', 'edit', 'topic', ref, '--yes'], /\$EDITOR is not set/, {EDITOR: '', VISUAL: ''}],
    ]
    expect(cases.length).to.be.at.least(30)
    const before = await snapshot()
    const failures: string[] = []
    // A few at a time: each case is its own process.
    for (let i = 0; i < cases.length; i += 4) {
      await Promise.all(
        cases.slice(i, i + 4).map(async ([args, pattern, env]) => {
          const r = await kctl([...args, ...ctx], {env})
          const errorLines = r.stderr.split('\n').filter((l) => l.startsWith('Error: '))
          if (r.code !== 2 || !pattern.test(r.stderr) || errorLines.length !== 1 || /\n\s+at .*\.js:\d+/.test(r.stderr)) {
            failures.push(`kctl ${args.join(' ')}: exit ${r.code}\n${r.stderr}`)
          }
        }),
      )
    }
    expect(failures, failures.join('\n---\n')).to.deep.equal([])
    expect(await snapshot()).to.deep.equal(before)
  })
})
