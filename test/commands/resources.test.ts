import {expect} from 'chai'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {brokersService} from '../../src/admin/cluster/brokers.js'
import {clientMetricsService} from '../../src/admin/configs/client-metrics.js'
import {configsService} from '../../src/admin/configs/configs.js'
import {featuresService} from '../../src/admin/cluster/features.js'
import {logDirsService} from '../../src/admin/cluster/logdirs.js'
import {quotasService} from '../../src/admin/security/quotas.js'
import {consumeService} from '../../src/admin/records/consume.js'
import {topicsService} from '../../src/admin/topics/topics.js'
import {transactionsService} from '../../src/admin/records/transactions.js'
import {usersService} from '../../src/admin/security/users.js'
import BrokersDescribe from '../../src/commands/brokers/describe.js'
import BrokersList from '../../src/commands/brokers/list.js'
import ClientMetricsDelete from '../../src/commands/client-metrics/delete.js'
import ClientMetricsList from '../../src/commands/client-metrics/list.js'
import ClientMetricsSet from '../../src/commands/client-metrics/set.js'
import ClusterFeatures from '../../src/commands/cluster/features/index.js'
import ConfigsAppend from '../../src/commands/configs/append.js'
import ConfigsDescribe from '../../src/commands/configs/describe.js'
import Configs from '../../src/commands/configs/index.js'
import ConfigsSubtract from '../../src/commands/configs/subtract.js'
import LogdirsDescribe from '../../src/commands/logdirs/describe.js'
import QuotasDelete from '../../src/commands/quotas/delete.js'
import QuotasDescribe from '../../src/commands/quotas/describe.js'
import RecordsGet from '../../src/commands/records/get.js'
import TopicsDelete from '../../src/commands/topics/delete.js'
import TxnDescribe from '../../src/commands/txn/describe.js'
import TxnProducers from '../../src/commands/txn/producers.js'
import UsersDelete from '../../src/commands/users/delete.js'
import UsersDescribe from '../../src/commands/users/describe.js'
import UsersList from '../../src/commands/users/list.js'
import UsersUpdate from '../../src/commands/users/update.js'
import {parseJson} from '../helpers/json.js'
import {B, expectUsageExit, recorder, replace, runCmd, servicesReplaced} from './helpers.js'
import {FIXTURES} from './fixtures.js'

const topic = (name: string) => ({name, partitions: 1, replicationFactor: 1, internal: false})
const entry = (key: string, value: string | null, source = 'dynamic-topic') => ({
  key,
  value,
  source,
  readOnly: false,
  sensitive: false,
})

describe('resource commands (services replaced)', () => {
  const restores = servicesReplaced()

  it('brokers list and describe render the service result; describe checks the id first', async () => {
    const calls = recorder()
    restores.push(
      replace(brokersService, {
        listBrokers: async () => FIXTURES.brokers as never,
        describeBroker: calls.returning(FIXTURES.brokerDescription) as never,
      }),
    )
    const list = await runCmd(BrokersList, B)
    expect(list.stdout).to.match(/^ 1 {2}h1:9092 +- +2 +4 +1\.9 KiB {2}\* +no$/m)
    expect(parseJson((await runCmd(BrokersList, ['--json', ...B])).stdout).brokers).to.have.length(2)
    const json = parseJson((await runCmd(BrokersDescribe, ['1', '--json', ...B])).stdout)
    expect(calls.args[0][1]).to.equal(1)
    expect(json).to.include({id: 1, host: 'h1', leaders: 2})
    expect((await runCmd(BrokersDescribe, ['1', ...B])).stdout).to.match(/log\.cleaner\.threads/)
    await expectUsageExit(BrokersDescribe, ['one', ...B], calls)
  })

  it('cluster features and logdirs describe render the service result in table and JSON', async () => {
    restores.push(
      replace(featuresService, {clusterFeatures: async () => FIXTURES.features as never}),
      replace(logDirsService, {describeLogDirs: async () => FIXTURES.logDirs as never}),
    )
    expect((await runCmd(ClusterFeatures, B)).stdout).to.match(/metadata\.version\s+27/)
    const features = parseJson((await runCmd(ClusterFeatures, ['--json', ...B])).stdout)
    expect(features.metadataVersion).to.equal('4.4-IV0')
    expect((await runCmd(LogdirsDescribe, B)).stdout).to.match(/\/data\/1/)
    const dirs = parseJson((await runCmd(LogdirsDescribe, ['--json', ...B])).stdout)
    expect(dirs.logDirs[0]).to.include({broker: 1, path: '/data/1', sizeBytes: 1946})
  })

  it('users list/describe render credentials; describe asks for the named user', async () => {
    const calls = recorder()
    restores.push(replace(usersService, {describeUsers: calls.returning(FIXTURES.users) as never}))
    expect((await runCmd(UsersList, B)).stdout).to.match(/alice\s+SCRAM-SHA-512/)
    const json = parseJson((await runCmd(UsersDescribe, ['alice', '--json', ...B])).stdout)
    expect(calls.args.at(-1)![1]).to.deep.equal(['alice'])
    expect(JSON.stringify(json)).to.include('SCRAM-SHA-512')
  })

  it('users delete: --dry-run and refusal change nothing; --yes deletes the named mechanism', async () => {
    const deletes = recorder()
    restores.push(
      replace(usersService, {
        describeUsers: async () => FIXTURES.users as never,
        deleteScramCredentials: deletes.returning([
          {user: 'alice', mechanism: 'SCRAM-SHA-512', iterations: 8192, action: 'deleted'},
        ]) as never,
      }),
    )
    const dry = await runCmd(UsersDelete, ['alice', '--mechanism', 'SCRAM-SHA-512', '--dry-run', ...B])
    expect(dry.stdout).to.match(/Dry run: the credential above would be deleted/)
    expect((await runCmd(UsersDelete, ['alice', '--mechanism', 'SCRAM-SHA-512', ...B])).exitCode).to.equal(2)
    expect(deletes.args).to.have.length(0)
    const done = await runCmd(UsersDelete, ['alice', '--mechanism', 'SCRAM-SHA-512', '--yes', '--json', ...B])
    expect(deletes.args[0].slice(1)).to.deep.equal(['alice', ['SCRAM-SHA-512']])
    expect(parseJson(done.stdout).dryRun).to.equal(false)
    await expectUsageExit(UsersDelete, ['alice', '--mechanism', 'md5', ...B], deletes)
  })

  it('users update changes an existing credential and refuses one that does not exist', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kctl-users-')), 'pw')
    writeFileSync(file, 'new-secret\n')
    const upserts = recorder()
    restores.push(
      replace(usersService, {
        describeUsers: async (_c, names) => FIXTURES.users.filter((u) => names?.includes(u.name)) as never,
        upsertScramCredential: upserts.returning({
          user: 'alice',
          mechanism: 'SCRAM-SHA-512',
          iterations: 8192,
          action: 'updated',
        }) as never,
      }),
    )
    const argv = ['--mechanism', 'scram-sha-512', '--password-file', file, ...B]
    const done = await runCmd(UsersUpdate, ['alice', ...argv, '--json'])
    expect(parseJson(done.stdout)).to.deep.equal({
      user: 'alice',
      mechanism: 'SCRAM-SHA-512',
      iterations: 8192,
      action: 'updated',
    })
    expect(upserts.args[0][1]).to.include({user: 'alice', password: 'new-secret', action: 'updated'})
    expect(done.stdout + done.stderr).not.to.include('new-secret')
    const missing = await runCmd(UsersUpdate, ['bob', ...argv])
    expect(missing.stderr).to.match(/^Error: bob has no SCRAM-SHA-512 credential to update/m)
    expect(upserts.args).to.have.length(1)
    await expectUsageExit(UsersUpdate, ['alice', '--mechanism', 'md5', '--password-file', file, ...B], upserts)
  })

  it('quotas describe passes the entity; quotas delete removes only the named keys, after confirmation', async () => {
    const described = recorder()
    const altered = recorder()
    restores.push(
      replace(quotasService, {
        describeQuotas: described.returning(FIXTURES.quotas) as never,
        entityQuotas: async () => ({producer_byte_rate: 1_048_576, consumer_byte_rate: 2048}),
        alterQuotas: altered.returning(undefined),
        settledEntityQuotas: async () => ({consumer_byte_rate: 2048}),
      }),
    )
    expect((await runCmd(QuotasDescribe, ['--user', 'alice', ...B])).stdout).to.match(/alice.*1048576|alice/)
    expect(described.args[0][1]).to.deep.equal({user: 'alice'})
    const dry = await runCmd(QuotasDelete, ['producer_byte_rate', '--user', 'alice', '--dry-run', '--json', ...B])
    expect(parseJson(dry.stdout)).to.include({dryRun: true})
    expect((await runCmd(QuotasDelete, ['producer_byte_rate', '--user', 'alice', ...B])).exitCode).to.equal(2)
    expect(altered.args).to.have.length(0)
    const done = await runCmd(QuotasDelete, ['producer_byte_rate', '--user', 'alice', '--yes', '--json', ...B])
    expect(altered.args[0].slice(1)).to.deep.equal([{user: 'alice'}, {remove: ['producer_byte_rate']}])
    expect(parseJson(done.stdout)).to.deep.include({
      deleted: ['producer_byte_rate'],
      quotas: {consumer_byte_rate: 2048},
    })
    await expectUsageExit(QuotasDelete, ['producer_byte_rate', '--all', '--user', 'alice', ...B], altered)
  })

  it('topics delete: --dry-run lists, no --yes is refused, --yes deletes exactly the matched topics', async () => {
    const deletes = recorder()
    restores.push(
      replace(topicsService, {
        listTopicsFiltered: async (_c: unknown, o: {match?: RegExp}) =>
          [topic('orders'), topic('orders-dlq')].filter((t) => !o.match || o.match.test(t.name)),
        throwMissingTopics: () => {},
        deleteTopics: deletes.returning([{name: 'orders-dlq', status: 'deleted', error: null}]),
      } as never),
    )
    const dry = await runCmd(TopicsDelete, ['--match', '-dlq$', '--dry-run', ...B])
    expect(dry.stdout).to.match(/orders-dlq/)
    expect(dry.stdout).to.match(/^orders-dlq +valid/m)
    expect(dry.stdout).to.match(/Dry run: validated only; nothing was changed/)
    expect((await runCmd(TopicsDelete, ['orders-dlq', ...B])).exitCode).to.equal(2)
    expect(deletes.args).to.have.length(0)
    await runCmd(TopicsDelete, ['--match', '-dlq$', '--yes', '--json', ...B])
    expect(deletes.args[0][1]).to.deep.equal(['orders-dlq'])
    await expectUsageExit(TopicsDelete, ['orders', '--match', 'x', ...B], deletes)
    await expectUsageExit(TopicsDelete, B, deletes)
  })

  it('txn describe and txn producers render the service result; bad input never calls it', async () => {
    const described = recorder()
    const producers = recorder()
    restores.push(
      replace(transactionsService, {
        describeTransactions: described.returning(new Map([['app-1', FIXTURES.transaction]])) as never,
        describeProducers: producers.returning([FIXTURES.producer]) as never,
      }),
    )
    const txn = parseJson((await runCmd(TxnDescribe, ['app-1', '--json', ...B])).stdout)
    expect(described.args[0][1]).to.deep.equal(['app-1'])
    expect(txn).to.include({transactionalId: 'app-1', state: 'Ongoing', producerId: 5_000_000_000})
    expect((await runCmd(TxnDescribe, ['app-1', ...B])).stdout).to.match(/Ongoing/)
    const prod = parseJson((await runCmd(TxnProducers, ['orders:0', '--broker', '2', '--json', ...B])).stdout)
    expect(producers.args[0].slice(1)).to.deep.equal([[{topic: 'orders', partition: 0}], {brokerId: 2}])
    expect(prod.producers[0]).to.include({producerId: 5_000_000_000, txnStartOffset: 7})
    await expectUsageExit(TxnProducers, ['orders', ...B], producers)
    restores.push(replace(transactionsService, {describeTransactions: async () => new Map([['gone', null]])}))
    const gone = await runCmd(TxnDescribe, ['gone', ...B])
    expect(gone.exitCode).to.equal(2)
    expect(gone.stderr).to.match(/^Error: .*gone/m)
  })

  it('client-metrics list/set/delete: the subscription configs the service is asked to change', async () => {
    const altered = recorder()
    restores.push(
      replace(clientMetricsService, {listClientMetrics: async () => [FIXTURES.subscription]}),
      replace(configsService, {
        alterEntityConfigs: async (...a: unknown[]) => {
          altered.args.push(a)
          const changes = a[2] as {key: string; value?: string}[]
          return {
            entity: a[1],
            dryRun: (a[3] as {dryRun: boolean}).dryRun,
            changes: changes.map((c) => ({key: c.key, before: null, after: c.value ?? null})),
          } as never
        },
      }),
    )
    expect((await runCmd(ClientMetricsList, B)).stdout).to.match(/^cpu\s/m)
    expect(parseJson((await runCmd(ClientMetricsList, ['--json', ...B])).stdout)).to.deep.equal({
      subscriptions: [FIXTURES.subscription],
    })
    const set = await runCmd(ClientMetricsSet, ['cpu', '--interval', '30s', '--json', ...B])
    expect(altered.args[0][1]).to.deep.equal({type: 'client-metrics', name: 'cpu'})
    expect(parseJson(set.stdout).changes).to.deep.equal([{key: 'interval.ms', before: null, after: '30000'}])
    expect((await runCmd(ClientMetricsDelete, ['cpu', ...B])).exitCode).to.equal(2)
    expect(altered.args).to.have.length(1)
    const dry = await runCmd(ClientMetricsDelete, ['cpu', '--dry-run', ...B])
    expect(dry.stdout).to.match(/Dry run/)
    expect((altered.args[1][3] as {dryRun: boolean}).dryRun).to.equal(true)
    await expectUsageExit(ClientMetricsSet, ['cpu', ...B], altered)
  })

  it('configs describe / configs (no changes) / append / subtract send the right entity and operations', async () => {
    const altered = recorder()
    restores.push(
      replace(topicsService, {listTopicsFiltered: async () => [topic('orders')]} as never),
      replace(configsService, {
        describeConfigsOf: async (_c, entities) =>
          entities.map((e) => ({...e, configs: [entry('cleanup.policy', 'compact'), entry('retention.ms', '1000')]})),
        alterEntityConfigs: async (...a: unknown[]) =>
          (altered.args.push(a),
          {
            entity: a[1],
            dryRun: false,
            changes: [{key: 'cleanup.policy', before: 'compact', after: 'compact,delete'}],
          }) as never,
      }),
    )
    const d = await runCmd(ConfigsDescribe, ['topic', 'orders', ...B])
    expect(d.stdout).to.match(/^topic orders +cleanup\.policy +compact$/m)
    const dj = parseJson((await runCmd(Configs, ['topic', 'orders', '--describe', '--json', ...B])).stdout)
    expect(dj.entities[0]).to.deep.include({type: 'topic', name: 'orders'})
    expect(dj.entities[0].configs.map((c: {key: string}) => c.key)).to.deep.equal(['cleanup.policy', 'retention.ms'])
    await expectUsageExit(Configs, ['topic', 'orders', ...B], altered, /--describe or --alter/)
    await runCmd(Configs, [
      'topic',
      'orders',
      '--alter',
      '--add-config',
      'retention.ms=5,cleanup.policy=[compact,delete]',
      ...B,
    ])
    expect(altered.args.shift()![2]).to.deep.equal([
      {key: 'retention.ms', operation: 'set', value: '5'},
      {key: 'cleanup.policy', operation: 'set', value: 'compact,delete'},
    ])
    await runCmd(ConfigsAppend, ['topic', 'orders', 'cleanup.policy=delete', ...B])
    expect(altered.args[0][2]).to.deep.equal([{key: 'cleanup.policy', value: 'delete', operation: 'append'}])
    await runCmd(ConfigsSubtract, ['topic', 'orders', 'cleanup.policy=delete', '--yes', ...B])
    expect(altered.args[1][2]).to.deep.equal([{key: 'cleanup.policy', value: 'delete', operation: 'subtract'}])
    await expectUsageExit(ConfigsAppend, ['topic', 'orders', 'retension.ms=1', ...B], altered)
    await expectUsageExit(ConfigsDescribe, ['tpoic', 'orders', ...B], altered)
  })

  it('records get prints the one record at the offset, or says it is gone', async () => {
    const planned = recorder()
    restores.push(
      replace(consumeService, {
        planConsume: planned.returning({
          layout: {leaders: new Map()},
          ranges: [{topic: 'orders', partition: 3, earliest: 100n, latest: 2000n, start: 1042n, end: 1043n}],
          uncommitted: [],
        }) as never,
        consumeRecords: async (_c, _p, _o, emit) => (await emit([FIXTURES.record]), new Map()),
      }),
    )
    const json = parseJson((await runCmd(RecordsGet, ['orders:3@1042', '--json', ...B])).stdout)
    expect(planned.args[0][1]).to.deep.include({topics: [{topic: 'orders', partitions: [3]}]})
    expect(json).to.include({topic: 'orders', partition: 3, offset: 1042, key: 'k1', value: 'hello'})
    expect((await runCmd(RecordsGet, ['orders:3@1042', ...B])).stdout).to.match(/hello/)
    const gone = await runCmd(RecordsGet, ['orders:3@5', ...B])
    expect(gone.stderr).to.match(/^Error: No record at orders:3@5: the partition holds offsets 100 to 1999/m)
    await expectUsageExit(RecordsGet, ['orders@5', ...B], planned)
  })
})
