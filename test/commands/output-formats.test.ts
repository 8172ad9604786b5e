import {expect} from 'chai'
import {mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, relative} from 'node:path'
import {parse as parseYaml} from 'yaml'

import {aclsService} from '../../src/admin/acls.js'
import {brokersService} from '../../src/admin/brokers.js'
import {clusterService} from '../../src/admin/cluster.js'
import {featuresService} from '../../src/admin/features.js'
import {logDirsService} from '../../src/admin/logdirs.js'
import {quotasService} from '../../src/admin/quotas.js'
import {topicsService} from '../../src/admin/topics.js'
import {tokensService} from '../../src/admin/tokens.js'
import {usersService} from '../../src/admin/users.js'
import AclsCreate from '../../src/commands/acls/create.js'
import AclsList from '../../src/commands/acls/list.js'
import BrokersDescribe from '../../src/commands/brokers/describe.js'
import BrokersList from '../../src/commands/brokers/list.js'
import ClusterDescribe from '../../src/commands/cluster/describe.js'
import ClusterFeatures from '../../src/commands/cluster/features.js'
import ContextDelete from '../../src/commands/context/delete.js'
import ContextImport from '../../src/commands/context/import.js'
import ContextList from '../../src/commands/context/list.js'
import ContextSet from '../../src/commands/context/set.js'
import ContextShow from '../../src/commands/context/show.js'
import ContextUse from '../../src/commands/context/use.js'
import LocalLogs from '../../src/commands/local/logs.js'
import LocalStatus from '../../src/commands/local/status.js'
import LocalStop from '../../src/commands/local/stop.js'
import LogdirsDescribe from '../../src/commands/logdirs/describe.js'
import QuotasDescribe from '../../src/commands/quotas/describe.js'
import TopicsDelete from '../../src/commands/topics/delete.js'
import TopicsDescribe from '../../src/commands/topics/describe.js'
import TopicsList from '../../src/commands/topics/list.js'
import TokensCreate from '../../src/commands/tokens/create.js'
import TokensDescribe from '../../src/commands/tokens/describe.js'
import TokensExpire from '../../src/commands/tokens/expire.js'
import TokensRenew from '../../src/commands/tokens/renew.js'
import UsersDelete from '../../src/commands/users/delete.js'
import UsersDescribe from '../../src/commands/users/describe.js'
import UsersList from '../../src/commands/users/list.js'
import {OUTPUT_FORMATS} from '../../src/output/format.js'
import {ROOT} from '../helpers/cli.js'
import {replace, runCmd, withoutBroker} from './helpers.js'

const B = ['-b', 'x:9092']
const KiB = 1946
const broker = {
  id: 1,
  host: 'h1',
  port: 9092,
  rack: null,
  controller: true,
  fenced: false,
  leaders: 2,
  replicas: 4,
  logDirBytes: KiB,
}
const logDir = {
  broker: 1,
  path: '/data/1',
  error: null,
  sizeBytes: KiB,
  totalBytes: 10 * 1024 ** 3,
  usableBytes: 5 * 1024 ** 3,
  replicas: 4,
}
const acl = {
  resourceType: 'TOPIC',
  resourceName: 'orders',
  patternType: 'LITERAL',
  principal: 'User:alice',
  host: '*',
  operation: 'READ',
  permission: 'ALLOW',
}

/** Temporary kctl config file and local cluster directory (no Kafka, no network). */
function sandbox(dir: string): Record<string, string> {
  const config = join(dir, 'config.yaml')
  writeFileSync(
    config,
    'current-context: dev\ncontexts:\n  dev:\n    bootstrap-servers: [127.0.0.1:9092]\n  prod:\n    bootstrap-servers: [k1:9093, k2:9093]\n    read-only: true\n',
  )
  const props = join(dir, 'staging.properties')
  writeFileSync(props, 'bootstrap.servers=s1:9092\nsecurity.protocol=PLAINTEXT\n')
  const local = join(dir, 'local')
  const node = join(local, 'node-1')
  mkdirSync(node, {recursive: true})
  writeFileSync(
    join(node, 'server.log'),
    '[2026-12-01 10:00:00,000] INFO started, "quoted", comma (kafka.Kafka)\nsecond line\n',
  )
  const ports = {plaintext: 1, controller: 2}
  writeFileSync(
    join(local, 'state.json'),
    JSON.stringify({
      version: '4.4.0',
      clusterId: 'abc',
      secure: false,
      nodes: [{id: 1, pid: 2 ** 22 + 7, dir: node, ports}],
    }),
  )
  return {KCTL_CONFIG: config, KCTL_LOCAL_DIR: local, PROPS: props}
}

interface Case {
  run: {run(argv: string[], config?: never): Promise<unknown>}
  argv: (env: Record<string, string>) => string[]
  fakes?: () => (() => void)[]
  exitCodes?: number[]
}

/** Each command with services replaced. Commands not here are listed in NOT_COVERED with the reason. */
const token = {
  tokenId: 'tok1',
  owner: 'User:admin',
  requester: 'User:admin',
  renewers: ['User:alice'],
  issueTimestampMs: 1_700_000_000_000,
  expiryTimestampMs: 1_700_086_400_000,
  maxTimestampMs: 1_700_604_800_000,
}
const hmacFile = join(mkdtempSync(join(tmpdir(), 'kctl-hmac-')), 'token.hmac')
writeFileSync(hmacFile, 'AQIDBA==\n')

const CASES: Record<string, Case> = {
  'cluster:describe': {
    run: ClusterDescribe,
    argv: () => B,
    fakes: () => [
      replace(clusterService, {
        describeCluster: async () => ({
          clusterId: 'abc',
          controllerId: 1,
          controllerSource: 'quorum' as const,
          brokers: [
            {id: 1, host: 'h1', port: 9092, rack: null, isController: true, fenced: false},
            {id: 2, host: 'h2', port: 9092, rack: 'r', isController: false, fenced: false},
          ],
        }),
      }),
    ],
  },
  'cluster:features': {
    run: ClusterFeatures,
    argv: () => B,
    fakes: () => [
      replace(featuresService, {
        clusterFeatures: async () =>
          ({
            broker: 1,
            epoch: 5n,
            metadataVersion: '4.4-IV0',
            features: [
              {
                name: 'metadata.version',
                finalizedLevel: 27,
                supportedMin: 7,
                supportedMax: 27,
                finalizedVersion: '4.4-IV0',
              },
            ],
          }) as never,
      }),
    ],
  },
  'brokers:list': {
    run: BrokersList,
    argv: () => B,
    fakes: () => [
      replace(brokersService, {
        listBrokers: async () => [broker, {...broker, id: 2, controller: false, logDirBytes: null}] as never,
      }),
    ],
  },
  'brokers:describe': {
    run: BrokersDescribe,
    argv: () => ['1', ...B],
    fakes: () => [
      replace(brokersService, {
        describeBroker: async () =>
          ({
            ...broker,
            configs: [{name: 'log.cleaner.threads', value: '2', source: 'dynamic-broker', sensitive: false}],
            logDirs: [logDir],
            leaderOf: [{topic: 'orders', partition: 0, replicas: [1, 2], isr: [1, 2]}],
          }) as never,
      }),
    ],
  },
  'topics:list': {
    run: TopicsList,
    argv: () => B,
    fakes: () => [
      replace(topicsService, {
        listTopics: async () => [{name: 'orders', partitions: 3, replicationFactor: 2, internal: false}],
      }),
    ],
  },
  'topics:describe': {
    run: TopicsDescribe,
    argv: () => ['orders', ...B],
    fakes: () => [
      replace(topicsService, {
        describeTopics: async () =>
          [
            {
              name: 'orders',
              topicId: 'id1',
              internal: false,
              partitionCount: 1,
              replicationFactor: 2,
              configs: {'retention.ms': '1000', 'ssl.secret': null},
              partitions: [
                {
                  partition: 0,
                  leader: 1,
                  replicas: [1, 2],
                  isr: [1],
                  offlineReplicas: [],
                  earliestOffset: 0n,
                  latestOffset: 2n ** 62n,
                  sizeBytes: KiB,
                },
              ],
            },
          ] as never,
      }),
    ],
  },
  'topics:delete': {
    run: TopicsDelete,
    argv: () => ['orders', '--dry-run', ...B],
    fakes: () => [
      replace(topicsService, {
        listTopicsFiltered: async () => [{name: 'orders', partitions: 1, replicationFactor: 1, internal: false}],
        throwMissingTopics: () => {},
      } as never),
    ],
  },
  'logdirs:describe': {
    run: LogdirsDescribe,
    argv: () => B,
    fakes: () => [
      replace(logDirsService, {
        describeLogDirs: async () =>
          ({
            logDirs: [logDir],
            replicas: [
              {broker: 1, path: '/data/1', topic: 'orders', partition: 0, sizeBytes: KiB, offsetLag: 0, future: false},
            ],
          }) as never,
      }),
    ],
  },
  'acls:list': {
    run: AclsList,
    argv: () => B,
    fakes: () => [replace(aclsService, {listAcls: async () => [acl] as never})],
  },
  'acls:create': {
    run: AclsCreate,
    argv: () => ['--allow-principal', 'User:alice', '--operation', 'read', '--topic', 'orders', '--dry-run', ...B],
  },
  'users:list': {
    run: UsersList,
    argv: () => B,
    fakes: () => [
      replace(usersService, {
        describeUsers: async () =>
          [{name: 'alice', credentials: [{mechanism: 'SCRAM-SHA-512', iterations: 8192}]}] as never,
      }),
    ],
  },
  'users:describe': {
    run: UsersDescribe,
    argv: () => ['alice', ...B],
    fakes: () => [
      replace(usersService, {
        describeUsers: async () =>
          [{name: 'alice', credentials: [{mechanism: 'SCRAM-SHA-512', iterations: 8192}]}] as never,
      }),
    ],
  },
  'users:delete': {
    run: UsersDelete,
    argv: () => ['alice', '--mechanism', 'SCRAM-SHA-512', '--dry-run', ...B],
    fakes: () => [
      replace(usersService, {
        describeUsers: async () =>
          [{name: 'alice', credentials: [{mechanism: 'SCRAM-SHA-512', iterations: 8192}]}] as never,
      }),
    ],
  },
  'tokens:create': {
    run: TokensCreate,
    argv: () => ['--renewer-principal', 'User:alice', ...B],
    fakes: () => [
      replace(clusterService, {clusterIdentity: async () => ({clusterId: 'c1', brokers: [{host: 'x', port: 9092}]})}),
      replace(tokensService, {createToken: async () => ({...token, hmac: 'AQIDBA=='})}),
    ],
  },
  'tokens:describe': {
    run: TokensDescribe,
    argv: () => B,
    fakes: () => [replace(tokensService, {describeTokens: async () => [token]})],
  },
  'tokens:renew': {
    run: TokensRenew,
    argv: () => ['--hmac-file', hmacFile, '--renew-time-period', '12h', ...B],
    fakes: () => [
      replace(clusterService, {clusterIdentity: async () => ({clusterId: 'c1', brokers: [{host: 'x', port: 9092}]})}),
      replace(tokensService, {
        findTokenByHmac: async () => token,
        renewToken: async () => ({expiryTimestampMs: 1_700_086_400_000}),
      }),
    ],
  },
  'tokens:expire': {
    run: TokensExpire,
    argv: () => ['--hmac-file', hmacFile, '--dry-run', ...B],
    fakes: () => [replace(tokensService, {findTokenByHmac: async () => token})],
  },
  'quotas:describe': {
    run: QuotasDescribe,
    argv: () => B,
    fakes: () => [
      replace(quotasService, {
        describeQuotas: async () => [{entity: {user: 'alice'}, values: {producer_byte_rate: 1_048_576}}] as never,
      }),
    ],
  },
  'context:list': {run: ContextList, argv: () => []},
  'context:show': {run: ContextShow, argv: () => ['prod']},
  'context:use': {run: ContextUse, argv: () => ['prod']},
  'context:set': {run: ContextSet, argv: () => ['qa', '--bootstrap-server', 'q1:9092']},
  'context:import': {run: ContextImport, argv: (env) => [env.PROPS, '--name', 'staging']},
  'context:delete': {run: ContextDelete, argv: () => ['prod', '--yes']},
  'local:status': {run: LocalStatus, argv: () => [], exitCodes: [3]},
  'local:logs': {run: LocalLogs, argv: () => []},
  'local:stop': {run: LocalStop, argv: () => []},
}

/** Commands this test does not run yet, and why (their services have no replaceable seam yet). */
const NOT_COVERED: Record<string, string> = Object.fromEntries(
  [
    'acls:check',
    'acls:delete',
    'cluster:health',
    'configs',
    'configs:append',
    'configs:delete',
    'configs:describe',
    'configs:edit',
    'configs:set',
    'configs:subtract',
    'groups:delete',
    'groups:describe',
    'groups:list',
    'lag',
    'lag:check',
    'local:start',
    'offsets:delete',
    'offsets:get',
    'offsets:reset',
    'offsets:undo',
    'partitions:elect-leaders',
    'partitions:reassign',
    'quotas:delete',
    'quotas:set',
    'records:delete',
    'topics:alter',
    'topics:create',
    'users:create',
    'users:update',
  ].map((id) => [id, 'fixture not written yet (groups, lag and offsets services have no seam object)']),
)
NOT_COVERED.autocomplete = 'prints a shell script, not a result (no -o formats)'
// Merged today with their own command tests; not yet in this every-format run.
for (const id of [
  'apply',
  'diff',
  'export',
  'consume',
  'produce',
  'records:get',
  'txn:list',
  'txn:describe',
  'txn:producers',
  'txn:abort',
  'txn:hanging',
  'client-metrics:list',
  'client-metrics:set',
  'client-metrics:delete',
])
  NOT_COVERED[id] = 'added with consume/produce, state as code and transactions; fixture not written yet'

/** RFC 4180 fields of one CSV text (quoted fields may hold commas, quotes and newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [[]]
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') ((field += '"'), i++)
      else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') (rows.at(-1)!.push(field), (field = ''))
    else if (ch === '\n') (rows.at(-1)!.push(field), (field = ''), rows.push([]))
    else field += ch
  }
  rows.at(-1)!.push(field)
  return rows.filter((r) => !(r.length === 1 && r[0] === ''))
}

/** A human unit in a CSV cell: 1.9 KiB, 1m37s, 350ms. */
const HUMAN = /^(\d+(\.\d+)? (B|KiB|MiB|GiB|TiB|PiB)|\d+(ms|s)|\d+m\d+s|\d+h\d+m|\d+d\d+h)$/
/** Columns that tables show as a `*` mark: CSV carries the boolean. */
const MARKS = new Set(['controller', 'current'])

function commandIds(): string[] {
  const dir = join(ROOT, 'src', 'commands')
  const files = (d: string): string[] =>
    readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? files(join(d, f)) : [join(d, f)]))
  return files(dir)
    .map((f) =>
      relative(dir, f)
        .replace(/\.ts$/, '')
        .replace(/\/index$/, '')
        .split('/')
        .join(':'),
    )
    .sort()
}

describe('every command in every -o format (services replaced): the output parses', () => {
  let restores: (() => void)[] = []
  const saved = {KCTL_CONFIG: process.env.KCTL_CONFIG, KCTL_LOCAL_DIR: process.env.KCTL_LOCAL_DIR}
  afterEach(() => {
    for (const r of restores.reverse()) r()
    restores = []
    process.env.KCTL_CONFIG = saved.KCTL_CONFIG
    process.env.KCTL_LOCAL_DIR = saved.KCTL_LOCAL_DIR
    if (saved.KCTL_CONFIG === undefined) delete process.env.KCTL_CONFIG
    if (saved.KCTL_LOCAL_DIR === undefined) delete process.env.KCTL_LOCAL_DIR
    process.exitCode = undefined
  })

  it('every command is run here or listed as not covered', () => {
    expect(commandIds()).to.deep.equal([...Object.keys(CASES), ...Object.keys(NOT_COVERED)].sort())
  })

  for (const [id, c] of Object.entries(CASES)) {
    it(`${id.replaceAll(':', ' ')}: ${OUTPUT_FORMATS.join(', ')}`, async () => {
      const outputs: Record<string, string> = {}
      const dir = mkdtempSync(join(tmpdir(), 'kctl-formats-'))
      for (const format of OUTPUT_FORMATS) {
        // The same files afresh for each run: context set/use/delete change the config file.
        const env = sandbox(dir)
        process.env.KCTL_CONFIG = env.KCTL_CONFIG
        process.env.KCTL_LOCAL_DIR = env.KCTL_LOCAL_DIR
        restores.push(withoutBroker(), ...(c.fakes?.() ?? []))
        const {stdout, stderr, exitCode} = await runCmd(c.run, [...c.argv(env), '-o', format])
        for (const r of restores.splice(0).reverse()) r()
        const where = `kctl ${id.replaceAll(':', ' ')} -o ${format}`
        expect([0, ...(c.exitCodes ?? [])], `${where} exit code; stderr: ${stderr}`).to.include(exitCode)
        expect(stderr, where).not.to.match(/^Error:/m)
        expect(stdout, `${where}: ANSI codes when piped`).not.to.match(/\u001B\[/)
        outputs[format] = stdout
      }
      // Both parsed with 64-bit integers intact.
      const json = parseYaml(outputs.json, {intAsBigInt: true})
      expect(parseYaml(outputs.yaml, {intAsBigInt: true}), `kctl ${id} -o yaml is the JSON result`).to.deep.equal(json)
      const csv = parseCsv(outputs.csv.replace(/\n$/, ''))
      expect(csv.length, `kctl ${id} -o csv has a header`).to.be.at.least(1)
      const header = csv[0]
      expect(
        header.every((h) => /^[a-z][A-Za-z0-9]*$/.test(h)),
        `kctl ${id} -o csv header: ${header.join(',')}`,
      ).to.equal(true)
      for (const row of csv.slice(1)) {
        expect(row.length, `kctl ${id} -o csv row ${row.join(',')}`).to.equal(header.length)
        for (const [i, cell] of row.entries()) {
          expect(cell, `kctl ${id} -o csv carries raw values, not ${cell}`).not.to.match(HUMAN)
          if (MARKS.has(header[i]))
            expect(cell, `kctl ${id} -o csv ${header[i]} is a boolean, not a mark`).not.to.equal('*')
        }
      }
      expect(outputs.table.trim(), `kctl ${id} table output`).not.to.equal('')
      expect(outputs.wide.trim(), `kctl ${id} wide output`).not.to.equal('')
      // A dry run says what would happen, never the words of a real run alone.
      if (c.argv(sandbox(dir)).includes('--dry-run'))
        expect(outputs.table, `kctl ${id} --dry-run`).to.match(/Dry run: .*(would|validated only)/)
    })
  }
})
