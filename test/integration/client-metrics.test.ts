import {expect} from 'chai'
import {chmodSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {expectBadInputs} from '../helpers/bad-input.js'
import {kctl, kctlTty} from '../helpers/cli.js'
import {testCluster} from '../helpers/cluster.js'
import {kafkaTool} from '../helpers/kafka-tools.js'
import {uniqueName} from '../helpers/poll.js'

const local = ['--context', 'local']
const bootstrap = () => testCluster().bootstrap.split(',')[0]

/** `key=value` lines as Kafka's tools print a resource's configs. */
const kafkaLines = (out: string) =>
  Object.fromEntries([...out.matchAll(/^\s+([\w.]+)=(.*?)(?: sensitive=.*)?$/gm)].map((m) => [m[1], m[2]]))

describe('config resources group and client-metrics; kctl client-metrics', function () {
  this.timeout(300_000)
  const subscription = uniqueName('cm')
  const group = uniqueName('cfg-group')

  after(async () => {
    await kctl(['client-metrics', 'delete', subscription, '--yes', ...local])
  })

  it("creates a client-metrics subscription that Kafka's own tool reads back, lists, changes and deletes it @smoke", async () => {
    const created = await kctl([
      'client-metrics',
      'set',
      subscription,
      '--metrics',
      'org.apache.kafka.producer.,org.apache.kafka.consumer.',
      '--interval',
      '30s',
      '--match',
      'client_id=billing-.*',
      '--match',
      'client_software_name=apache-kafka-java',
      '--yes',
      ...local,
    ])
    expect(created.code, created.stderr).to.equal(0)
    const theirs = kafkaLines(
      await kafkaTool('org.apache.kafka.tools.ClientMetricsCommand', [
        '--bootstrap-server',
        bootstrap(),
        '--describe',
        '--name',
        subscription,
      ]),
    )
    expect(theirs).to.deep.equal({
      'interval.ms': '30000',
      match: 'client_id=billing-.*,client_software_name=apache-kafka-java',
      metrics: 'org.apache.kafka.producer.,org.apache.kafka.consumer.',
    })

    const listed = (await kctl(['client-metrics', 'list', '--json', ...local])).json().subscriptions
    expect(listed.find((s: {name: string}) => s.name === subscription)).to.deep.equal({
      name: subscription,
      metrics: ['org.apache.kafka.producer.', 'org.apache.kafka.consumer.'],
      intervalMs: 30_000,
      match: ['client_id=billing-.*', 'client_software_name=apache-kafka-java'],
    })
    // The same resource through configs: only the named key changes.
    const set = await kctl([
      'configs',
      'set',
      'client-metrics',
      subscription,
      'interval.ms=60000',
      '--yes',
      '--json',
      ...local,
    ])
    expect(set.json().changes).to.deep.equal([{key: 'interval.ms', before: '30000', after: '60000'}])
    const described = (await kctl(['configs', 'describe', 'client-metrics', '--json', ...local]))
      .json()
      .entities.find((e: {name: string}) => e.name === subscription)
    expect(described.configs.map((c: {key: string; value: string}) => `${c.key}=${c.value}`)).to.deep.equal([
      'interval.ms=60000',
      'match=client_id=billing-.*,client_software_name=apache-kafka-java',
      'metrics=org.apache.kafka.producer.,org.apache.kafka.consumer.',
    ])

    const dry = await kctl(['client-metrics', 'delete', subscription, '--dry-run', '--json', ...local])
    expect(dry.json().dryRun).to.equal(true)
    expect(
      (await kctl(['client-metrics', 'list', subscription, '--json', ...local])).json().subscriptions,
    ).to.have.length(1)
    const deleted = await kctl(['client-metrics', 'delete', subscription, '--yes', ...local])
    expect(deleted.code, deleted.stderr).to.equal(0)
    expect(
      (await kctl(['client-metrics', 'list', '--json', ...local]))
        .json()
        .subscriptions.map((s: {name: string}) => s.name),
    ).not.to.include(subscription)
  })

  it('sets, edits and deletes group configs, read back by kafka-configs --entity-type groups', async () => {
    const set = await kctl([
      'configs',
      'set',
      'group',
      group,
      'consumer.session.timeout.ms=50000',
      'consumer.heartbeat.interval.ms=6000',
      '--yes',
      ...local,
    ])
    expect(set.code, set.stderr).to.equal(0)
    const editor = join(testCluster().dir, `${group}-edit.sh`)
    writeFileSync(
      editor,
      `#!/bin/sh\nsed -i -e 's/^consumer.session.timeout.ms=.*/consumer.session.timeout.ms=45000/' -e '/^consumer.heartbeat.interval.ms=/d' "$1"\n`,
    )
    chmodSync(editor, 0o755)
    // $EDITOR runs only on a terminal (without one, configs edit refuses with exit 2).
    const edited = kctlTty(['configs', 'edit', 'group', group, '--yes', ...local], {env: {EDITOR: editor}})
    expect(await edited.exited, edited.screen).to.equal(0)
    const theirs = kafkaLines(
      await kafkaTool('org.apache.kafka.tools.ConfigCommand', [
        '--bootstrap-server',
        bootstrap(),
        '--describe',
        '--entity-type',
        'groups',
        '--entity-name',
        group,
      ]),
    )
    expect(theirs).to.deep.equal({'consumer.session.timeout.ms': '45000'})
    const del = await kctl(['configs', 'delete', 'group', group, 'consumer.session.timeout.ms', '--yes', ...local])
    expect(del.code, del.stderr).to.equal(0)
    expect(
      (await kctl(['configs', 'describe', 'group', group, '--json', ...local])).json().entities[0].configs,
    ).to.deep.equal([])
  })

  it('rejects bad input to group and client-metrics configs with a one-line Error and a Hint, changing nothing @smoke', async () => {
    const cases: [string, string[], RegExp][] = [
      ['set without a name', ['client-metrics', 'set', '--interval', '1m'], /Name the subscription/],
      ['set without settings', ['client-metrics', 'set', subscription], /Nothing to set/],
      [
        'malformed interval',
        ['client-metrics', 'set', subscription, '--interval', 'often'],
        /Invalid --interval "often"/,
      ],
      [
        'interval out of range',
        ['client-metrics', 'set', subscription, '--interval', '2h'],
        /--interval 2h is out of range/,
      ],
      ['malformed match', ['client-metrics', 'set', subscription, '--match', 'billing'], /Invalid --match "billing"/],
      ['delete without a name', ['client-metrics', 'delete', '--yes'], /Name the subscription to delete/],
      [
        'delete an unknown subscription',
        ['client-metrics', 'delete', `${subscription}-nope`, '--yes'],
        /subscription .*-nope does not exist/,
      ],
      [
        'unknown client-metrics key',
        ['configs', 'set', 'client-metrics', subscription, 'intervall.ms=1000', '--yes'],
        /Unknown client-metrics config key: intervall.ms/,
      ],
      [
        'unknown group key',
        ['configs', 'set', 'group', group, 'consumer.session.timeout=5', '--yes'],
        /Unknown group config key: consumer.session.timeout/,
      ],
      ['group configs without a group', ['configs', 'describe', 'group'], /Name the group whose configs to describe/],
      [
        'group default',
        ['configs', 'set', 'group', '--default', 'consumer.session.timeout.ms=50000', '--yes'],
        /--default applies to brokers, users, clients and ips, not groups/,
      ],
    ]
    const snapshot = async () =>
      (await kctl(['client-metrics', 'list', '--json', ...local]))
        .json()
        .subscriptions.filter((s: {name: string}) => s.name.startsWith(subscription))
    await expectBadInputs(cases, {extraArgs: local, snapshot})
  })
})
