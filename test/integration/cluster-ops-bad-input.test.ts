import {expect} from 'chai'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {kctl} from '../helpers/cli.js'
import {testCluster} from '../helpers/cluster.js'
import {assignment, createTopic, deleteTopics, dynamicConfigs, produce, withKafka} from '../helpers/kafka.js'
import {uniqueName} from '../helpers/poll.js'

const local = ['--context', 'local']

describe('cluster operations: bad input exits 2 and changes nothing', function () {
  this.timeout(300_000)
  const topic = uniqueName('badinput')
  const file = (name: string, content: string) => {
    const path = join(testCluster().dir, `${topic}-${name}`)
    writeFileSync(path, content)
    return path
  }

  const snapshot = async () => ({
    assignment: await assignment(topic),
    earliest: await withKafka(async (admin) =>
      (await admin.fetchTopicOffsets(topic)).map((o) => `${o.partition}:${o.low}`).sort(),
    ),
    topicConfigs: await dynamicConfigs('topics', topic),
    broker1: await dynamicConfigs('brokers', '1'),
    moving: (await kctl(['partitions', 'reassign', '--list', '--json', ...local])).json().reassignments,
  })

  before(async () => {
    await createTopic(topic, [
      [1, 2],
      [2, 3],
    ])
    await produce(topic, [20, 20], {size: 100})
  })
  after(async () => deleteTopics([topic]))

  it('rejects at least 20 bad inputs with a one-line Error and a Hint, before changing anything', async () => {
    const good = file(
      'good-plan.json',
      JSON.stringify({version: 1, partitions: [{topic, partition: 0, replicas: [2, 3]}]}),
    )
    const cases: [string, string[], RegExp][] = [
      [
        'unknown health check',
        ['cluster', 'health', '--skip-check', 'bogus'],
        /Expected --skip-check=bogus to be one of/,
      ],
      ['malformed quorum lag', ['cluster', 'health', '--max-quorum-lag', 'soon'], /Invalid --max-quorum-lag "soon"/],
      ['unknown broker', ['brokers', 'describe', '99'], /Unknown broker: 99/],
      ['non-numeric broker id', ['brokers', 'describe', 'one'], /Invalid broker id "one"/],
      ['logdirs of an unknown broker', ['logdirs', 'describe', '--broker', '42'], /Unknown broker: 42/],
      ['logdirs of an unknown topic', ['logdirs', 'describe', '--topic', `${topic}-nope`], /Unknown topic/],
      ['election without a type', ['partitions', 'elect-leaders', '--topic', topic], /Say which election/],
      ['election without partitions', ['partitions', 'elect-leaders', '--preferred'], /Say which partitions/],
      [
        'both election types',
        ['partitions', 'elect-leaders', '--preferred', '--unclean', '--all-topics'],
        /cannot also be provided/,
      ],
      [
        'election of a partition that does not exist',
        ['partitions', 'elect-leaders', '--preferred', '--topic', `${topic}:7`, '--yes'],
        /No such partition: .*:7/,
      ],
      [
        'election of an unknown topic',
        ['partitions', 'elect-leaders', '--preferred', '--topic', 'no-such-topic-xyz', '--yes'],
        /Unknown topic: no-such-topic-xyz/,
      ],
      [
        'malformed election file',
        [
          'partitions',
          'elect-leaders',
          '--preferred',
          '--path-to-json-file',
          file('bad-election.json', '{"partitions": [{"topic": 5}]}'),
          '--yes',
        ],
        /topic must be a non-empty string/,
      ],
      [
        'negative offset',
        ['records', 'delete', '--topic', topic, '--before-offset', '-5', '--yes'],
        /Invalid --before-offset|Flag --before-offset expects a value/,
      ],
      [
        'non-numeric offset',
        ['records', 'delete', '--topic', topic, '--before-offset', 'ten', '--yes'],
        /Invalid --before-offset "ten"/,
      ],
      [
        'offset beyond the high watermark',
        ['records', 'delete', '--topic', topic, '--before-offset', '1000', '--yes'],
        /beyond the end of .*:0 \(its high watermark is 20\)/,
      ],
      [
        'impossible date',
        ['records', 'delete', '--topic', topic, '--before-datetime', '2024-02-31T00:00:00Z', '--yes'],
        /Invalid --before-datetime/,
      ],
      ['records without a cut', ['records', 'delete', '--topic', topic, '--yes'], /Say where to cut/],
      [
        '--partition with partitions in --topic',
        ['records', 'delete', '--topic', `${topic}:0`, '--partition', '1', '--before-offset', '1', '--yes'],
        /--partition needs exactly one --topic/,
      ],
      [
        'records of a partition that does not exist',
        ['records', 'delete', '--topic', topic, '--partition', '9', '--before-offset', '1', '--yes'],
        /No such partition: .*:9/,
      ],
      [
        'bad offset file',
        [
          'records',
          'delete',
          '--offset-json-file',
          file('bad-offsets.json', JSON.stringify({partitions: [{topic, partition: 0, offset: 'x'}]})),
          '--yes',
        ],
        /offset must be an integer/,
      ],
      [
        'delete records without confirmation (no TTY)',
        ['records', 'delete', '--topic', topic, '--before-offset', '5'],
        /Refusing to make this change without confirmation/,
      ],
      ['reassign without a mode', ['partitions', 'reassign', '--topics', topic], /Say what to do/],
      [
        'generate without brokers',
        ['partitions', 'reassign', '--generate', '--topics', topic],
        /--generate needs --topics and --brokers/,
      ],
      [
        'generate onto an unknown broker',
        ['partitions', 'reassign', '--generate', '--topics', topic, '--brokers', '1,9'],
        /Unknown broker: 9/,
      ],
      [
        'generate with a malformed broker list',
        ['partitions', 'reassign', '--generate', '--topics', topic, '--brokers', '1,two'],
        /Invalid --brokers "two": not a whole number/,
      ],
      [
        'replication factor above the brokers',
        ['partitions', 'reassign', '--generate', '--topics', topic, '--brokers', '1', '--replication-factor', '2'],
        /more than the 1 target broker/,
      ],
      [
        'generate over an existing plan file',
        ['partitions', 'reassign', '--generate', '--topics', topic, '--brokers', '1,2,3', '--plan', good],
        /exists already/,
      ],
      ['execute without a plan', ['partitions', 'reassign', '--execute', '--yes'], /--execute needs --plan FILE/],
      [
        'plan file that does not exist',
        ['partitions', 'reassign', '--execute', '--plan', join(testCluster().dir, 'nope.json'), '--yes'],
        /Cannot read --plan .*ENOENT/,
      ],
      [
        'plan that is not JSON',
        ['partitions', 'reassign', '--execute', '--plan', file('garbage.json', '{"version": 1, partitions'), '--yes'],
        /is not valid JSON/,
      ],
      [
        'plan naming an unknown broker',
        [
          'partitions',
          'reassign',
          '--execute',
          '--plan',
          file('plan-b9.json', JSON.stringify({version: 1, partitions: [{topic, partition: 0, replicas: [1, 9]}]})),
          '--yes',
        ],
        /broker 9, which the cluster does not have/,
      ],
      [
        'plan naming a missing partition',
        [
          'partitions',
          'reassign',
          '--execute',
          '--plan',
          file('plan-p5.json', JSON.stringify({version: 1, partitions: [{topic, partition: 5, replicas: [1, 2]}]})),
          '--yes',
        ],
        /do not exist: .*:5/,
      ],
      [
        'plan with a broker twice',
        [
          'partitions',
          'reassign',
          '--execute',
          '--plan',
          file('plan-dup.json', JSON.stringify({version: 1, partitions: [{topic, partition: 0, replicas: [3, 3]}]})),
          '--yes',
        ],
        /lists a broker twice/,
      ],
      [
        'zero throttle',
        ['partitions', 'reassign', '--execute', '--plan', good, '--throttle', '0', '--yes'],
        /Invalid --throttle "0"/,
      ],
      [
        'throttle with an unknown unit',
        ['partitions', 'reassign', '--execute', '--plan', good, '--throttle', '10TB', '--yes'],
        /Invalid --throttle "10TB"/,
      ],
      [
        'throttle that is not a number',
        ['partitions', 'reassign', '--execute', '--plan', good, '--throttle', 'fast', '--yes'],
        /Invalid --throttle "fast"/,
      ],
      [
        'execute without confirmation (no TTY)',
        ['partitions', 'reassign', '--execute', '--plan', good, '--throttle', '1MB'],
        /Refusing to make this change without confirmation/,
      ],
      [
        'unclean election without confirmation (no TTY)',
        ['partitions', 'elect-leaders', '--unclean', '--topic', topic],
        /Refusing to make this change without confirmation/,
      ],
    ]
    expect(cases.length).to.be.at.least(20)
    const before = await snapshot()
    for (const [what, args, message] of cases) {
      const r = await kctl([...args, ...local])
      expect(r.code, `${what}: ${r.stderr}`).to.equal(2)
      expect(r.stderr, what).to.match(message)
      expect(r.stderr, what).to.match(/^Error: .+\nHint: .+/m)
      expect(r.stderr, what).not.to.match(/^\s+at .*\.js:\d+/m)
      expect(r.stdout, what).to.equal('')
    }
    expect(await snapshot()).to.deep.equal(before)
  })
})
