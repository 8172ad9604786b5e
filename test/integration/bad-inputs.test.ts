import {expect} from 'chai'
import {chmodSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {kctl} from '../helpers/cli.js'
import {testCluster} from '../helpers/cluster.js'
import {commitGroupOffsets, deleteGroups, produce} from '../helpers/kafka.js'
import {uniqueName} from '../helpers/poll.js'

const ctx = ['--context', 'local']

/**
 * Bad input on a real cluster, every mutating command among them: each case exits 2 with one
 * `Error:` line (and the expected words), a `Hint:` and no stack trace, and the cluster is
 * unchanged afterwards: topics, the configs of a topic, a broker, the broker default and a
 * broker's loggers, ACLs, a group's committed offsets, SCRAM users and client quotas.
 * (The full table of bad inputs, without a cluster, is test/commands/bad-input.test.ts.)
 */
describe('bad input is rejected with exit 2 and changes nothing', function () {
  this.timeout(600_000)
  const ref = uniqueName('ref')
  const fresh = uniqueName('never')
  const group = uniqueName('bad-input-group')
  const broker = () => String(testCluster().brokerIds[0])

  // A degraded answer (a broker too slow on a loaded machine: kctl warns and answers for the rest) is taken again.
  const snapshot = async (): Promise<unknown[]> => {
    for (let attempt = 1; ; attempt++) {
      const taken = await snapshotOnce()
      if (taken.complete || attempt === 3) return taken.parts
    }
  }

  const snapshotOnce = async () => {
    const parts = await Promise.all([
      kctl(['topics', 'list', '--json', ...ctx]),
      kctl(['configs', 'describe', 'topic', ref, '--json', ...ctx]),
      kctl(['configs', 'describe', 'broker', broker(), '--json', ...ctx]),
      kctl(['configs', 'describe', 'broker', '--default', '--json', ...ctx]),
      kctl(['configs', 'describe', 'broker-logger', broker(), '--json', ...ctx]),
      kctl(['quotas', 'describe', '--json', ...ctx]),
      kctl(['acls', 'list', '--json', ...ctx]),
      kctl(['users', 'list', '--json', ...ctx]),
      kctl(['groups', 'describe', group, '--json', ...ctx]),
    ])
    for (const p of parts) expect(p.code, p.stderr).to.equal(0)
    const complete = parts.every((p) => !/^Warning: /m.test(p.stderr))
    const [topics, ...rest] = parts.map((p) => p.json())
    // The group's committed offsets (not its lag or state, which follow the log end).
    const described = rest.at(-1) as {groups: {offsets: {topic: string; partition: number; committed: string}[]}[]}
    const offsets = described.groups[0].offsets.map((o) => `${o.topic}:${o.partition}=${o.committed}`).sort()
    expect(offsets, 'the group has committed offsets').to.have.length(2)
    return {complete, parts: [topics, ...rest.slice(0, -1), offsets]}
  }

  before(async () => {
    const r = await kctl([
      'topics',
      'create',
      ref,
      '--partitions',
      '2',
      '--replication-factor',
      '1',
      '--config',
      'retention.ms=3600000',
      ...ctx,
    ])
    expect(r.code, r.stderr).to.equal(0)
    await produce(ref, [5, 5])
    await commitGroupOffsets(group, ref, {0: 2, 1: 3})
  })

  after(async () => {
    await deleteGroups(group)
    await kctl(['topics', 'delete', ref, '--yes', ...ctx])
  })

  const big = '99999999999'
  // Would change retention.ms if kctl ever started it without a terminal.
  const changingEditor = () => {
    const path = join(testCluster().dir, `changing-editor-${Date.now()}.sh`)
    writeFileSync(path, '#!/bin/sh\nsed -i -e "s/^retention.ms=.*/retention.ms=1000/" "$1"\n')
    chmodSync(path, 0o755)
    return path
  }

  it('the reproductions of issue 11: exit 2 with Error and Hint, the JSON error with a stable code; nothing changes @smoke', async () => {
    const editor = changingEditor()
    const cases: [string[], RegExp, string][] = [
      [
        ['offsets', 'reset', '--group', '', '--topic', ref, '--to-earliest', '--execute', '--yes'],
        /^Error: Empty group for --group$/m,
        'EMPTY_ID',
      ],
      [
        ['topics', 'create', fresh, '--partitions', big],
        /^Error: Invalid --partitions "99999999999": above 2147483647/m,
        'INVALID_NUMBER',
      ],
      [
        ['topics', 'create', fresh, '--partitions', '1', '--timeout', '25d'],
        /^Error: Invalid --timeout "25d"/m,
        'INVALID_DURATION',
      ],
      [
        ['topics', 'create', fresh, '--partitions', '1', '--timeout', '0'],
        /^Error: Invalid --timeout "0"/m,
        'INVALID_DURATION',
      ],
      [
        ['records', 'delete', '--topic', ref, '--before-datetime', '1969-12-31T00:00:00', '--yes'],
        /^Error: Invalid --before-datetime/m,
        'INVALID_DATETIME',
      ],
      [
        ['configs', 'edit', 'topic', ref, '--yes'],
        /^Error: Refusing to start \$EDITOR without a terminal/m,
        'NO_TERMINAL',
      ],
    ]
    const before = await snapshot()
    for (const [args, message, code] of cases) {
      const [text, json] = await Promise.all([
        kctl([...args, ...ctx], {env: {EDITOR: editor}}),
        kctl([...args, ...ctx, '--json'], {env: {EDITOR: editor}}),
      ])
      expect(text.code, text.stderr).to.equal(2)
      expect(text.stderr)
        .to.match(message)
        .and.match(/^Hint: \S/m)
      expect(text.stderr.split('\n').filter((l) => l !== '')).to.have.length(2)
      expect(json.code, json.stdout).to.equal(2)
      expect(json.json().error, args.join(' ')).to.include({code, exitCode: 2}).and.have.property('hint')
    }
    expect(await snapshot()).to.deep.equal(before)
  })

  it('a table of bad inputs: each exits 2 with a clear message; the cluster is unchanged', async () => {
    const editor = changingEditor()
    const cases: [string[], RegExp, Record<string, string>?][] = [
      [['topics', 'create', 'bad name!', '--partitions', '1'], /illegal character " "/],
      [['topics', 'create', fresh, '--partitions', '0'], /the partition count must be at least 1/],
      [
        ['topics', 'create', fresh, '--partitions', big],
        /Invalid --partitions "99999999999": above 2147483647, the largest partition count Kafka accepts \(int32\)/,
      ],
      [
        ['topics', 'create', fresh, '--partitions', '1', '--replication-factor', '32768'],
        /above 32767, the largest replication factor Kafka accepts \(int16\)/,
      ],
      [
        ['topics', 'create', fresh, '--partitions', '1', '--replication-factor', '4'],
        /larger than the number of brokers \(3\)/,
      ],
      [
        ['topics', 'create', fresh, '--partitions', '1', '--replication-factor', '0'],
        /the replication factor must be at least 1/,
      ],
      [
        ['topics', 'create', fresh, '--partitions', '1', '--timeout', '0'],
        /Invalid --timeout "0": must be more than 0/,
      ],
      [
        ['topics', 'create', fresh, '--partitions', '1', '--timeout', '25d'],
        /Invalid --timeout "25d": longer than 2147483647 ms/,
      ],
      [
        ['topics', 'create', fresh, '--partitions', '1', '--config', 'retension.ms=1'],
        /Unknown topic config key: retension\.ms[\s\S]*Hint: Did you mean retention\.ms\?/,
      ],
      [['topics', 'create', fresh, '--replica-assignment', '1:9'], /broker 9 is not in the cluster/],
      [['topics', 'create', fresh, '--replica-assignment', `1:${big}`], /above 2147483647, the largest broker id/],
      [['topics', 'create', fresh, '--replica-assignment', '1:2,3'], /same number of replicas/],
      [['topics', 'create', fresh, '--replica-assignment', '1:1'], /lists a broker twice/],
      [
        ['topics', 'create', fresh, '--replica-assignment', '1:2', '--partitions', '2'],
        /--replica-assignment sets the partitions/,
      ],
      [['topics', 'create', fresh, fresh, '--partitions', '1'], /is named twice/],
      [['topics', 'create'], /Missing required argument: NAMES/],
      [['topic', 'list'], /Unknown command: kctl topic list[\s\S]*Hint: Did you mean `kctl topics list`\?/],
      [['topics', 'lst'], /Unknown command: kctl topics lst[\s\S]*Hint: Did you mean `kctl topics list`\?/],
      [['topics', 'list', '--mtch', 'x'], /Nonexistent flag: --mtch[\s\S]*Did you mean --match\?/],
      [['topics', 'delete', '__consumer_offsets', '--yes'], /internal topic __consumer_offsets/],
      [['topics', 'delete', fresh, '--yes'], /Topic not found/],
      [['topics', 'delete', '', '--yes'], /Topic name is empty/],
      [['topics', 'delete', '--yes'], /No topics to delete/],
      [['topics', 'delete', ref], /Refusing to make this change without confirmation/],
      [['topics', 'alter', ref, '--partitions', '1'], /cannot decrease the count to 1/],
      [['topics', 'alter', ref, '--partitions', big, '--yes'], /above 2147483647/],
      [['topics', 'alter', ref, '--replication-factor', '40000', '--yes'], /above 32767/],
      [['topics', 'alter', fresh, '--partitions', '5'], /Topic not found/],
      [['topics', 'describe', `${ref}x`], /Topic not found[\s\S]*Did you mean/],
      [
        ['configs', 'set', 'topic', ref, 'retention.ms=abc'],
        /The broker rejected the change to topic .*: .*retention\.ms/,
      ],
      [
        ['configs', 'set', 'topic', ref, 'retension.ms=1'],
        /Unknown topic config key[\s\S]*Did you mean retention\.ms\?/,
      ],
      [['configs', 'set', 'topic', ref], /No config changes given/],
      [['configs', 'set', 'topic', ref, 'retention.ms=1', 'retention.ms=2'], /given more than once/],
      [['configs', 'set', 'topic', ref, 'retention.ms=1', '--timeout', '25d'], /Invalid --timeout "25d"/],
      [['configs', 'set', 'topic', '', 'retention.ms=1'], /A topic name is required/],
      [['configs', 'delete', 'topic', ref, 'segment.ms', '--yes'], /segment\.ms is not overridden/],
      [['configs', 'delete', 'topic', ref, 'retention.ms'], /Refusing to make this change without confirmation/],
      [['configs', 'set', 'broker', '99', 'log.cleaner.backoff.ms=1'], /Broker 99 is not in the cluster/],
      [['configs', 'set', 'broker', 'abc', 'log.cleaner.backoff.ms=1'], /Invalid broker id "abc"/],
      [
        ['configs', 'set', 'broker', big, 'log.cleaner.backoff.ms=1'],
        /Invalid broker id "99999999999": above 2147483647/,
      ],
      [['configs', 'set', 'broker', broker(), 'log.cleaner.threads=0'], /The broker rejected the change to broker/],
      [
        ['configs', 'set', 'broker', '--default', 'log.retention.ms=abc'],
        /The broker rejected the change to the cluster-wide broker default/,
      ],
      [['configs', 'set', 'user', 'alice', 'producer_byte_rate=-5'], /Invalid quota producer_byte_rate=-5/],
      [['configs', 'append', 'client', 'app', 'producer_byte_rate=5'], /Quotas are numbers, not lists/],
      [['configs', 'set', 'ip', 'not-an-ip', 'connection_creation_rate=5'], /Invalid IP address "not-an-ip"/],
      [['configs', 'describe', 'topic', fresh], /Topic not found/],
      [['configs', 'set', 'broker-logger', broker(), 'kafka.server.KafkaApis=LOUD'], /Invalid log level "LOUD"/],
      [['configs', 'append', 'broker-logger', broker(), 'kafka.server.KafkaApis=INFO'], /Logger levels are not lists/],
      [
        [
          'configs',
          '--alter',
          '--entity-type',
          'topics',
          '--entity-name',
          ref,
          '--add-config',
          'cleanup.policy=[compact',
        ],
        /unclosed \[/,
      ],
      [
        ['configs', 'set', 'topic', '--default', 'retention.ms=1'],
        /--default applies to brokers, users, clients and ips/,
      ],
      [
        ['configs', 'edit', 'topic', ref, '--yes'],
        /Refusing to start \$EDITOR without a terminal[\s\S]*Hint: .*kctl configs set topic/,
        {EDITOR: editor},
      ],
      [
        ['configs', 'edit', 'broker', '--default', '--yes'],
        /Refusing to start \$EDITOR without a terminal/,
        {EDITOR: editor},
      ],
      [
        ['configs', 'edit', 'topic', ref, '--yes'],
        /Refusing to start \$EDITOR without a terminal/,
        {EDITOR: '', VISUAL: ''},
      ],
      // Consumer groups and their offsets: ids, ranges, datetimes before any commit.
      [
        ['offsets', 'reset', '--group', '', '--topic', ref, '--to-earliest', '--execute', '--yes'],
        /Empty group for --group/,
      ],
      [
        ['offsets', 'reset', '--group', group, '--group', ' ', '--topic', ref, '--to-earliest', '--execute', '--yes'],
        /Empty group for --group/,
      ],
      [
        [
          'offsets',
          'reset',
          '--group',
          group,
          '--topic',
          ref,
          '--to-datetime',
          '1969-12-31T23:59:59',
          '--execute',
          '--yes',
        ],
        /before 1970-01-01T00:00:00Z/,
      ],
      [
        [
          'offsets',
          'reset',
          '--group',
          group,
          '--topic',
          ref,
          '--to-datetime',
          '2024-02-30T00:00:00',
          '--execute',
          '--yes',
        ],
        /no such date or time/,
      ],
      [
        ['offsets', 'reset', '--group', group, '--topic', ref, '--by-duration', 'P30000D', '--execute', '--yes'],
        /goes back before 1970-01-01/,
      ],
      [
        [
          'offsets',
          'reset',
          '--group',
          group,
          '--topic',
          ref,
          '--to-offset',
          '9223372036854775808',
          '--execute',
          '--yes',
        ],
        /out of the 64-bit range/,
      ],
      [
        ['offsets', 'reset', '--group', group, '--topic', `${ref}:0-${big}`, '--to-earliest', '--execute', '--yes'],
        /partition 99999999999 is above 2147483647/,
      ],
      [
        ['offsets', 'reset', '--group', group, '--topic', ref, '--to-earliest', '--execute'],
        /Refusing to make this change without confirmation/,
      ],
      [['offsets', 'delete', '--group', '', '--topic', ref, '--yes'], /Empty group for --group/],
      [['offsets', 'undo', '--group', '', '--execute', '--yes'], /Empty group for --group/],
      [['groups', 'delete', '', '--yes'], /Empty group/],
      [['records', 'delete', '--topic', ref, '--before-offset', '9223372036854775808', '--yes'], /the 64-bit limit/],
      [['records', 'delete', '--topic', ref, '--partition', big, '--before-offset', '1', '--yes'], /above 2147483647/],
      [['records', 'delete', '--topic', ref, '--before-datetime', '1969-12-31T00:00:00', '--yes'], /before 1970-01-01/],
      [['partitions', 'elect-leaders', '--preferred', '--topic', `${ref}:2147483648`, '--yes'], /above 2147483647/],
      [
        ['partitions', 'reassign', '--generate', '--topics', ref, '--brokers', `1,${big}`],
        /Invalid --brokers "99999999999": above 2147483647/,
      ],
      [['brokers', 'drain', big, '--yes'], /Invalid broker id "99999999999": above 2147483647/],
      [['brokers', 'drain', '42', '--topics', ref, '--yes'], /Unknown broker: 42/],
      [['brokers', 'drain', '1', '--topics', `${fresh}`, '--yes'], /Unknown topic/],
      [['brokers', 'drain', '1', '--topics', ref, '--dry-run', '--wait'], /--dry-run changes nothing/],
      [['partitions', 'rebalance', '--topics', ref, '--brokers', '1,42', '--yes'], /Unknown broker: 42/],
      [['partitions', 'rebalance', '--topics', ref, '--throttle', '0', '--yes'], /Invalid --throttle "0"/],
      // Security: empty principals, ids and users; out-of-range iterations.
      [['acls', 'create', '--allow-principal', '', '--operation', 'read', '--topic', ref], /Invalid principal/],
      [
        ['acls', 'create', '--allow-principal', 'User:bad-input', '--operation', 'write', '--transactional-id', ''],
        /Empty resource name for --transactional-id/,
      ],
      [
        ['acls', 'create', '--allow-principal', 'User:bad-input', '--operation', 'read', '--group', ''],
        /Empty resource name for --group/,
      ],
      [['acls', 'delete', '--principal', '', '--yes'], /Invalid principal/],
      [['users', 'create', '', '--password-stdin'], /Invalid user name ""/],
      [['users', 'update', 'alice', '--iterations', big, '--password-stdin'], /Invalid --iterations 99999999999/],
      [['users', 'delete', '', '--yes'], /Invalid user name ""/],
      [['quotas', 'set', '--user', '', 'producer_byte_rate=1'], /Empty user name/],
      [['quotas', 'delete', '--client-id', '', '--all', '--yes'], /Empty client-id name/],
      // Delegation tokens: the HMAC and principals are checked before any request.
      [['tokens', 'create', '--renewer-principal', 'alice'], /Invalid principal "alice"/],
      [['tokens', 'renew', '--hmac-stdin'], /The token HMAC is not base64/],
      [['tokens', 'expire', '--yes'], /No token HMAC given/],
      [['tokens', 'expire', '--hmac-stdin', '--expiry-time-period', '0', '--yes'], /Invalid --expiry-time-period "0"/],
    ]
    expect(cases.length).to.be.at.least(70)
    const before = await snapshot()
    const failures: string[] = []
    // A few at a time: each case is its own process.
    for (let i = 0; i < cases.length; i += 4) {
      await Promise.all(
        cases.slice(i, i + 4).map(async ([args, pattern, env]) => {
          const r = await kctl([...args, ...ctx], {env, input: 'a-password\n'})
          const lines = r.stderr.split('\n').filter((l) => l !== '')
          const errorLines = lines.filter((l) => l.startsWith('Error: '))
          const hintLines = lines.filter((l) => l.startsWith('Hint: '))
          if (
            r.code !== 2 ||
            !pattern.test(r.stderr) ||
            errorLines.length !== 1 ||
            hintLines.length !== 1 ||
            /\n\s+at .*\.js:\d+/.test(r.stderr)
          ) {
            failures.push(`kctl ${args.join(' ')}: exit ${r.code}\n${r.stderr}`)
          }
        }),
      )
    }
    expect(failures, failures.join('\n---\n')).to.deep.equal([])
    expect(await snapshot()).to.deep.equal(before)
  })
})
