import {expect} from 'chai'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {parse as parseYaml, stringify} from 'yaml'

import {inverseChanges, resolveSecret} from '../../../../src/admin/state/apply.js'
import {exportDocument} from '../../../../src/admin/state/export.js'
import {loadStateFiles} from '../../../../src/admin/state/load.js'
import {type Plan, diffState, staleChanges} from '../../../../src/admin/state/plan.js'
import type {ActualState} from '../../../../src/admin/state/read.js'
import {parseScopeFlags, scopeMatcher} from '../../../../src/admin/state/scope.js'
import {planAgainstSnapshot} from '../../../../src/admin/state/service.js'
import {configValueText} from '../../../../src/admin/state/values.js'
import {expectUsageError} from '../../../helpers/usage.js'

const files = (map: Record<string, string>) => (f: string) => {
  if (map[f] === undefined) throw new Error('ENOENT')
  return map[f]
}
const load = (map: Record<string, string>) => loadStateFiles(Object.keys(map), files(map))

const BASE = `scope:
  topics: {prefixes: [app.], exclude: [app.tmp.]}
  principals: ['User:app-*']
  users: [app-svc]
  quotas: [{user: app-svc}, {client-id: '*'}]
defaults:
  replicationFactor: 3
  configs: {min.insync.replicas: 2}
topics:
  app.orders:
    partitions: 6
    configs: {retention.ms: 7d, segment.bytes: 10MiB, cleanup.policy: [compact, delete]}
  app.events: {partitions: 3}
acls:
  - {principal: 'User:app-svc', producer: true, idempotent: true, topics: [app.], patternType: prefixed, transactionalIds: [app-tx]}
  - {principal: 'User:app-svc', consumer: true, topics: [app.orders], groups: [app-g]}
quotas:
  - {entity: {user: app-svc}, values: {producer_byte_rate: 1MiB}}
users:
  app-svc:
    password: \${env:APP_PW}
    mechanisms: [{mechanism: SCRAM-SHA-512, iterations: 8192}]
`

const empty = (): ActualState => ({
  clusterId: 'c1',
  brokerIds: [1, 2, 3],
  effective: {},
  topics: {},
  acls: [],
  quotas: [],
  users: {},
  configs: {brokerDefaults: {}, brokers: {}, brokerLoggers: {}, groups: {}, clientMetrics: {}},
})

describe('state files', () => {
  it('resolves units: durations in .ms keys, sizes in byte keys, lists, numbers and booleans', () => {
    expect(configValueText('retention.ms', '7d')).to.equal('604800000')
    expect(configValueText('retention.ms', '1h30m')).to.equal('5400000')
    expect(configValueText('retention.ms', '-1')).to.equal('-1')
    expect(configValueText('retention.ms', 3600000)).to.equal('3600000')
    expect(configValueText('segment.bytes', '10MiB')).to.equal('10485760')
    expect(configValueText('max.message.bytes', '1MB')).to.equal('1000000')
    expect(configValueText('cleanup.policy', ['compact', 'delete'])).to.equal('compact,delete')
    expect(configValueText('unclean.leader.election.enable', true)).to.equal('true')
    expect(expectUsageError(() => configValueText('segment.bytes', '10 parsecs')).hint).to.include('10MiB')
  })

  it('loads, applies defaults and expands the producer/consumer/idempotent shortcuts as kafka-acls does', () => {
    const {desired} = load({'base.yaml': BASE})
    expect(desired.kinds).to.deep.equal(['topics', 'acls', 'quotas', 'users'])
    expect(desired.prune).to.equal(false)
    expect(desired.topics['app.orders']).to.deep.equal({
      partitions: 6,
      replicationFactor: 3,
      configs: {
        'min.insync.replicas': '2',
        'retention.ms': '604800000',
        'segment.bytes': '10485760',
        'cleanup.policy': 'compact,delete',
      },
    })
    const acls = desired.acls.map((b) => `${b.operation} ${b.resourceType}:${b.resourceName}:${b.patternType}`)
    expect(acls).to.have.members([
      'IDEMPOTENT_WRITE CLUSTER:kafka-cluster:LITERAL',
      'READ GROUP:app-g:LITERAL',
      'CREATE TOPIC:app.:PREFIXED',
      'DESCRIBE TOPIC:app.:PREFIXED',
      'WRITE TOPIC:app.:PREFIXED',
      'DESCRIBE TOPIC:app.orders:LITERAL',
      'READ TOPIC:app.orders:LITERAL',
      // kafka-acls applies --resource-pattern-type to every resource of the command, transactional ids too.
      'DESCRIBE TRANSACTIONAL_ID:app-tx:PREFIXED',
      'WRITE TRANSACTIONAL_ID:app-tx:PREFIXED',
    ])
    expect(desired.quotas).to.deep.equal([{entity: {user: 'app-svc'}, values: {producer_byte_rate: 1_048_576}}])
    expect(desired.users['app-svc']).to.deep.equal({mechanisms: {'SCRAM-SHA-512': 8192}, password: '${env:APP_PW}'})
  })

  it('merges overlays in order: maps deep, null removes, ACL lists append', () => {
    const overlay = `prune: true
cluster: {id: prod-1}
topics:
  app.orders: {partitions: 12, configs: {retention.ms: 3d}}
  app.events: null
acls:
  - {principal: 'User:app-ops', operations: [describe], topics: [app.orders]}
`
    const {desired, locate} = load({'base.yaml': BASE, 'prod.yaml': overlay})
    expect(desired.clusterId).to.equal('prod-1')
    expect(desired.prune).to.equal(true)
    expect(Object.keys(desired.topics)).to.deep.equal(['app.orders'])
    expect(desired.topics['app.orders'].partitions).to.equal(12)
    expect(desired.topics['app.orders'].configs['retention.ms']).to.equal('259200000')
    expect(desired.topics['app.orders'].configs['segment.bytes']).to.equal('10485760')
    expect(desired.acls.some((b) => b.principal === 'User:app-ops')).to.equal(true)
    expect(locate(['topics', 'app.orders', 'partitions'])).to.equal('prod.yaml:4')
    expect(locate(['topics', 'app.orders', 'configs', 'segment.bytes'])).to.equal('base.yaml:12')
  })

  describe('malformed files exit 2 naming file, line and field', () => {
    const fails = (text: string, overlay?: string) =>
      expectUsageError(() => load(overlay === undefined ? {'s.yaml': text} : {'base.yaml': BASE, 's.yaml': overlay}))

    it('YAML syntax errors', () => {
      const e = fails('scope:\n  topics: {prefixes: [a.]\ntopics:\n  a.x: {partitions: 1}\n')
      expect(e.code).to.equal('INVALID_YAML')
      expect(e.message).to.match(/^s\.yaml:\d+: /)
    })

    it('schema violations: wrong type, unknown field with did-you-mean, duplicate keys', () => {
      let e = fails('', 'topics:\n  app.orders:\n    partitions: -2\n')
      expect(e.message).to.equal('s.yaml:3: topics.app.orders.partitions: must be >= 1')
      expect(e.details).to.deep.include({file: 's.yaml', line: 3, field: 'topics.app.orders.partitions'})
      e = fails('', 'topics:\n  app.orders:\n    partitons: 8\n')
      expect(e.message).to.equal('s.yaml:3: topics.app.orders.partitons: unknown field')
      expect(e.hint).to.include('partitions')
      e = fails('', 'topics:\n  app.x: {partitions: 1}\n  app.x: {partitions: 2}\n')
      expect(e.message).to.equal('s.yaml:3: topics.app.x: duplicate key (map keys must be unique)')
    })

    it('unknown config keys, with did-you-mean', () => {
      const e = fails('', 'topics:\n  app.orders:\n    configs:\n      retention.msec: 1d\n')
      expect(e.message).to.equal('s.yaml:4: topics.app.orders.configs.retention.msec: unknown topic config key')
      expect(e.code).to.equal('UNKNOWN_CONFIG_KEY')
      expect(e.hint).to.include('retention.ms')
    })

    it('an empty scope, an empty prefix, topics outside the scope, internal topics', () => {
      expect(fails('topics:\n  a.b: {partitions: 1}\n').code).to.equal('EMPTY_SCOPE')
      expect(fails('scope: {topics: {prefixes: [""]}}\n').message).to.match(
        /^s\.yaml:1: scope\.topics\.prefixes\.0: must NOT have fewer than 1 characters/,
      )
      const e = fails('', 'topics:\n  other.x: {partitions: 1}\n  app.tmp.x: {partitions: 1}\n')
      expect(e.message).to.equal('s.yaml:2: topics.other.x: the topic is outside the scope')
      expect(fails('', 'topics:\n  app.tmp.x: {partitions: 1}\n').code).to.equal('OUT_OF_SCOPE')
      expect(
        fails('scope: {topics: {patterns: [".*"]}}\ntopics:\n  __consumer_offsets: {partitions: 50}\n').code,
      ).to.equal('INTERNAL_TOPIC')
    })

    it('literal passwords and bad ACL shortcuts', () => {
      expect(
        fails('', 'users:\n  app-svc:\n    password: hunter2\n    mechanisms: [{mechanism: SCRAM-SHA-256}]\n').code,
      ).to.equal('LITERAL_SECRET')
      const e = fails('', "acls:\n  - {principal: 'User:app-svc', consumer: true, topics: [app.orders]}\n")
      expect(e.message).to.match(/^s\.yaml:2: acls\.\d: --consumer needs --topic and --group/)
      expect(fails('', "acls:\n  - {principal: 'User:other', operations: [read], topics: [app.x]}\n").code).to.equal(
        'OUT_OF_SCOPE',
      )
    })
  })

  it('plans every field with its risk; a partition decrease is refused naming the line', () => {
    const {desired, locate} = load({'base.yaml': BASE})
    const actual = empty()
    actual.topics['app.orders'] = {
      partitions: 4,
      replicationFactor: 2,
      configs: {
        'retention.ms': '1209600000',
        'cleanup.policy': 'delete',
        'min.insync.replicas': '2',
        'segment.bytes': '10485760',
        'flush.ms': '1000',
      },
    }
    actual.topics['app.gone'] = {partitions: 1, replicationFactor: 3, configs: {}}
    const plan = diffState(desired, actual, locate)
    const byId = Object.fromEntries(plan.changes.map((c) => [`${c.kind}/${c.name}/${c.field}`, c]))
    expect(byId['topics/app.orders/partitions'])
      .to.include({before: 4, after: 6, source: 'base.yaml:11'})
      .and.have.property('risks')
      .deep.equal(['partition-increase'])
    expect(byId['topics/app.orders/replicationFactor'].risks).to.deep.equal(['replication-factor-change'])
    expect(byId['topics/app.orders/configs.retention.ms']).to.include({before: '1209600000', after: '604800000'})
    expect(byId['topics/app.orders/configs.retention.ms'].risks).to.deep.equal(['retention-decrease'])
    expect(byId['topics/app.orders/configs.cleanup.policy'].risks).to.deep.equal(['cleanup-policy-change'])
    expect(byId['topics/app.orders/configs.flush.ms']).to.include({before: '1000', after: null})
    expect(byId['topics/app.events/null']).to.include({action: 'create', before: null})
    // prune is false: the topic in scope but not in the file is reported, never planned.
    expect(plan.changes.some((c) => c.action === 'delete')).to.equal(false)
    expect(plan.unmanaged.map((c) => c.name)).to.deep.equal(['app.gone'])

    actual.topics['app.orders'].partitions = 8
    const e = expectUsageError(() => diffState(desired, actual, locate))
    expect(e.code).to.equal('PARTITION_DECREASE')
    expect(e.message).to.equal(
      'base.yaml:11: topics.app.orders.partitions: Kafka cannot decrease the partitions of app.orders from 8 to 6',
    )
  })

  it('finds a plan stale when a recorded value changed', () => {
    const {desired, locate} = load({'base.yaml': BASE})
    const actual = empty()
    const plan: Plan = diffState(desired, actual, locate)
    expect(staleChanges(plan, actual)).to.deep.equal([])
    actual.quotas.push({entity: {user: 'app-svc'}, values: {producer_byte_rate: 5}})
    expect(staleChanges(plan, actual).map((s) => [s.change.name, s.change.field, s.now])).to.deep.equal([
      ['user=app-svc', 'producer_byte_rate', 5],
    ])
  })

  it('exports what it reads so that the export plans to nothing', () => {
    const {desired, locate} = load({'base.yaml': BASE})
    const actual = {
      ...empty(),
      topics: {'app.orders': {partitions: 6, replicationFactor: 3, configs: {'retention.ms': '604800000'}}},
      acls: desired.acls,
      quotas: desired.quotas,
      users: {'app-svc': {mechanisms: {'SCRAM-SHA-512': 8192}}},
    }
    const doc = exportDocument(actual, desired.scope, ['topics', 'acls', 'quotas', 'users'])
    expect(JSON.stringify(doc)).not.to.include('password')
    const {toYaml} = {toYaml: (d: unknown) => JSON.stringify(d)}
    const again = loadStateFiles(['export.yaml'], () => toYaml(doc))
    expect(parseYaml(toYaml(doc))).to.deep.equal(doc)
    expect(diffState(again.desired, actual, again.locate).changes).to.deep.equal([])
    void locate
  })

  it("diff --against plans against an exported snapshot, inside the files' scope only", () => {
    const dir = mkdtempSync(join(tmpdir(), 'kctl-snap-'))
    try {
      const base = join(dir, 'base.yaml')
      const snap = join(dir, 'snap.yaml')
      writeFileSync(base, BASE)
      writeFileSync(
        snap,
        stringify({
          cluster: {id: 'c9'},
          scope: {topics: {patterns: ['.*']}},
          topics: {
            'app.orders': {
              partitions: 6,
              replicationFactor: 3,
              configs: {
                'min.insync.replicas': '2',
                'retention.ms': '604800000',
                'segment.bytes': '10485760',
                'cleanup.policy': 'compact,delete',
              },
            },
            'other.x': {partitions: 1, replicationFactor: 1},
          },
        }),
      )
      const {plan} = planAgainstSnapshot([base], snap)
      expect(plan.clusterId).to.equal('c9')
      expect(plan.changes.filter((c) => c.kind === 'topics').map((c) => [c.action, c.name])).to.deep.equal([
        ['create', 'app.events'],
      ])
      expect(plan.unmanaged).to.deep.equal([])
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  })

  it('group and client-metrics configs: owned whole, units resolved, scope enforced, did-you-mean on keys', () => {
    const text = `scope: {groups: [app-*], clientMetrics: [app-cm]}
prune: true
configs:
  groups:
    app-g1: {consumer.session.timeout.ms: 45s}
  clientMetrics:
    app-cm: {metrics: [org.apache.kafka.producer., org.apache.kafka.consumer.], interval.ms: 1m, match: [client_id=app-.*]}
`
    const {desired, locate} = load({'g.yaml': text})
    expect(desired.configs.groups).to.deep.equal({'app-g1': {'consumer.session.timeout.ms': '45000'}})
    expect(desired.configs.clientMetrics['app-cm']).to.deep.equal({
      metrics: 'org.apache.kafka.producer.,org.apache.kafka.consumer.',
      'interval.ms': '60000',
      match: 'client_id=app-.*',
    })
    const actual = empty()
    actual.configs.groups = {
      'app-g1': {'consumer.session.timeout.ms': '50000', 'consumer.heartbeat.interval.ms': '5000'},
      'app-g2': {'consumer.session.timeout.ms': '50000'},
    }
    actual.configs.clientMetrics = {'app-cm': {metrics: 'org.apache.kafka.producer.', 'interval.ms': '60000'}}
    const plan = diffState(desired, actual, locate)
    expect(plan.changes.map((c) => [c.action, c.name, c.field, c.before, c.after, c.risks, c.source])).to.deep.equal([
      ['update', 'group:app-g1', 'consumer.heartbeat.interval.ms', '5000', null, [], 'g.yaml:5'],
      ['update', 'group:app-g1', 'consumer.session.timeout.ms', '50000', '45000', [], 'g.yaml:5'],
      ['create', 'client-metrics:app-cm', 'match', null, 'client_id=app-.*', [], 'g.yaml:7'],
      [
        'update',
        'client-metrics:app-cm',
        'metrics',
        'org.apache.kafka.producer.',
        'org.apache.kafka.producer.,org.apache.kafka.consumer.',
        [],
        'g.yaml:7',
      ],
      ['delete', 'group:app-g2', 'consumer.session.timeout.ms', '50000', null, ['delete'], null],
    ])
    // Undo of the prune puts the group's value back, without the delete risk.
    const {inverse} = inverseChanges(plan.changes.slice(-1))
    expect(inverse.map((c) => [c.action, c.name, c.before, c.after, c.risks])).to.deep.equal([
      ['update', 'group:app-g2', null, '50000', []],
    ])
    const outside = expectUsageError(() =>
      load({
        'o.yaml': 'scope: {groups: [app-*]}\nconfigs:\n  groups:\n    other: {consumer.session.timeout.ms: 45000}\n',
      }),
    )
    expect(outside.code).to.equal('OUT_OF_SCOPE')
    expect(outside.message).to.match(/^o\.yaml:4: configs\.groups\.other: the group is outside the scope/)
    const unknown = expectUsageError(() =>
      load({'k.yaml': 'scope: {groups: [app-*]}\nconfigs:\n  groups:\n    app-1: {consumer.session.timeout: 45000}\n'}),
    )
    expect(unknown.code).to.equal('UNKNOWN_CONFIG_KEY')
    expect(unknown.hint).to.include('consumer.session.timeout.ms')
    expect(parseScopeFlags(['group:app-*', 'client-metrics:cm']).groups).to.deep.equal(['app-*'])
    expect(exportDocument({...actual, clusterId: 'c1'}, desired.scope, ['configs']).configs).to.deep.equal({
      brokerDefaults: {},
      groups: {
        'app-g1': {'consumer.heartbeat.interval.ms': '5000', 'consumer.session.timeout.ms': '50000'},
        'app-g2': {'consumer.session.timeout.ms': '50000'},
      },
      clientMetrics: {'app-cm': {'interval.ms': '60000', metrics: 'org.apache.kafka.producer.'}},
    })
  })

  it('undo inverts what apply replaced; partition increases and deletes are not undoable', () => {
    const base = {risks: [], source: null}
    const {inverse, notUndoable} = inverseChanges([
      {...base, kind: 'topics', action: 'update', name: 't', field: 'configs.retention.ms', before: '100', after: '50'},
      {...base, kind: 'topics', action: 'create', name: 'n', field: null, before: null, after: '1 partitions'},
      {...base, kind: 'topics', action: 'update', name: 't', field: 'partitions', before: 1, after: 2},
      {...base, kind: 'topics', action: 'delete', name: 'd', field: null, before: 'exists', after: null},
    ])
    expect(inverse.map((c) => [c.action, c.name, c.field, c.before, c.after])).to.deep.equal([
      ['update', 't', 'configs.retention.ms', '50', '100'],
      ['delete', 'n', null, 'exists', null],
    ])
    expect(notUndoable.map((n) => n.id)).to.deep.equal(['topics/t/partitions', 'topics/d'])
  })

  it('scope flags and matching; password references', () => {
    const scope = parseScopeFlags([
      'prefix:app.',
      'exclude:app.tmp.',
      'pattern:legacy-[0-9]+',
      'principal:User:app-*',
      'quota:user=<default>',
      'quota:user=a,client-id=*',
    ])
    const m = scopeMatcher(scope)
    expect([
      m.topic('app.x'),
      m.topic('app.tmp.x'),
      m.topic('legacy-12'),
      m.topic('legacy-x'),
      m.topic('__consumer_offsets'),
    ]).to.deep.equal([true, false, true, false, false])
    expect([m.principal('User:app-1'), m.principal('User:other')]).to.deep.equal([true, false])
    expect([
      m.quota({user: null}),
      m.quota({user: 'x'}),
      m.quota({user: 'a', clientId: 'c'}),
      m.quota({user: 'a'}),
    ]).to.deep.equal([true, false, true, false])
    expect(expectUsageError(() => parseScopeFlags(['topics:x'])).code).to.equal('INVALID_SCOPE')
    expect(resolveSecret('${env:PW}', {PW: 's3cret'})).to.equal('s3cret')
    expect(resolveSecret('${file:/pw}', {}, () => 'line1\nline2')).to.equal('line1')
    expect(expectUsageError(() => resolveSecret('${env:NOPE}', {})).code).to.equal('SECRET_UNAVAILABLE')
  })
})
