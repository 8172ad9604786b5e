import {expect} from 'chai'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {KafkaCommand} from '../../src/base-command.js'
import AclsCheck from '../../src/commands/acls/check.js'
import AclsCreate from '../../src/commands/acls/create.js'
import AclsDelete from '../../src/commands/acls/delete.js'
import AclsList from '../../src/commands/acls/list.js'
import BrokersDescribe from '../../src/commands/brokers/describe.js'
import BrokersDrain from '../../src/commands/brokers/drain.js'
import BrokersList from '../../src/commands/brokers/list.js'
import BrokersUnregister from '../../src/commands/brokers/unregister.js'
import ClusterDescribe from '../../src/commands/cluster/describe.js'
import ClusterFeaturesDisable from '../../src/commands/cluster/features/disable.js'
import ClusterFeaturesDowngrade from '../../src/commands/cluster/features/downgrade.js'
import ClusterFeatures from '../../src/commands/cluster/features/index.js'
import ClusterFeaturesUpgrade from '../../src/commands/cluster/features/upgrade.js'
import ClusterFeaturesVersions from '../../src/commands/cluster/features/versions.js'
import ClusterHealth from '../../src/commands/cluster/health.js'
import ClusterQuorumAddController from '../../src/commands/cluster/quorum/add-controller.js'
import ClusterQuorumDescribe from '../../src/commands/cluster/quorum/describe.js'
import ClusterQuorumRemoveController from '../../src/commands/cluster/quorum/remove-controller.js'
import ConfigsAppend from '../../src/commands/configs/append.js'
import ConfigsDelete from '../../src/commands/configs/delete.js'
import ConfigsDescribe from '../../src/commands/configs/describe.js'
import ConfigsEdit from '../../src/commands/configs/edit.js'
import Configs from '../../src/commands/configs/index.js'
import ConfigsSet from '../../src/commands/configs/set.js'
import ConfigsSubtract from '../../src/commands/configs/subtract.js'
import ContextDelete from '../../src/commands/context/delete.js'
import ContextImport from '../../src/commands/context/import.js'
import ContextList from '../../src/commands/context/list.js'
import ContextSet from '../../src/commands/context/set.js'
import ContextShow from '../../src/commands/context/show.js'
import ContextUse from '../../src/commands/context/use.js'
import GroupsDelete from '../../src/commands/groups/delete.js'
import GroupsDescribe from '../../src/commands/groups/describe.js'
import GroupsList from '../../src/commands/groups/list.js'
import LagCheck from '../../src/commands/lag/check.js'
import Lag from '../../src/commands/lag/index.js'
import LocalLogs from '../../src/commands/local/logs.js'
import LocalStart from '../../src/commands/local/start.js'
import LocalStatus from '../../src/commands/local/status.js'
import LocalStop from '../../src/commands/local/stop.js'
import LogdirsDescribe from '../../src/commands/logdirs/describe.js'
import OffsetsDelete from '../../src/commands/offsets/delete.js'
import OffsetsGet from '../../src/commands/offsets/get.js'
import OffsetsReset from '../../src/commands/offsets/reset.js'
import OffsetsUndo from '../../src/commands/offsets/undo.js'
import PartitionsElectLeaders from '../../src/commands/partitions/elect-leaders.js'
import PartitionsReassign from '../../src/commands/partitions/reassign.js'
import PartitionsRebalance from '../../src/commands/partitions/rebalance.js'
import QuotasDelete from '../../src/commands/quotas/delete.js'
import QuotasDescribe from '../../src/commands/quotas/describe.js'
import QuotasSet from '../../src/commands/quotas/set.js'
import RecordsDelete from '../../src/commands/records/delete.js'
import TopicsAlter from '../../src/commands/topics/alter.js'
import TopicsCreate from '../../src/commands/topics/create.js'
import TopicsDelete from '../../src/commands/topics/delete.js'
import TopicsDescribe from '../../src/commands/topics/describe.js'
import TopicsList from '../../src/commands/topics/list.js'
import TokensCreate from '../../src/commands/tokens/create.js'
import TokensDescribe from '../../src/commands/tokens/describe.js'
import TokensExpire from '../../src/commands/tokens/expire.js'
import TokensRenew from '../../src/commands/tokens/renew.js'
import UsersCreate from '../../src/commands/users/create.js'
import UsersDelete from '../../src/commands/users/delete.js'
import UsersDescribe from '../../src/commands/users/describe.js'
import UsersList from '../../src/commands/users/list.js'
import UsersUpdate from '../../src/commands/users/update.js'
import {connections} from '../../src/connection/client.js'
import {runCmd} from './helpers.js'

type CommandClass = {run(argv: string[]): Promise<unknown>; prototype: object}

const COMMANDS: Record<string, CommandClass> = {
  'acls check': AclsCheck,
  'acls create': AclsCreate,
  'acls delete': AclsDelete,
  'acls list': AclsList,
  'brokers describe': BrokersDescribe,
  'brokers drain': BrokersDrain,
  'brokers list': BrokersList,
  'brokers unregister': BrokersUnregister,
  'cluster describe': ClusterDescribe,
  'cluster features': ClusterFeatures,
  'cluster features disable': ClusterFeaturesDisable,
  'cluster features downgrade': ClusterFeaturesDowngrade,
  'cluster features upgrade': ClusterFeaturesUpgrade,
  'cluster features versions': ClusterFeaturesVersions,
  'cluster health': ClusterHealth,
  'cluster quorum add-controller': ClusterQuorumAddController,
  'cluster quorum describe': ClusterQuorumDescribe,
  'cluster quorum remove-controller': ClusterQuorumRemoveController,
  'configs append': ConfigsAppend,
  'configs delete': ConfigsDelete,
  'configs describe': ConfigsDescribe,
  'configs edit': ConfigsEdit,
  'configs set': ConfigsSet,
  'configs subtract': ConfigsSubtract,
  configs: Configs,
  'context delete': ContextDelete,
  'context import': ContextImport,
  'context list': ContextList,
  'context set': ContextSet,
  'context show': ContextShow,
  'context use': ContextUse,
  'groups delete': GroupsDelete,
  'groups describe': GroupsDescribe,
  'groups list': GroupsList,
  'lag check': LagCheck,
  lag: Lag,
  'local logs': LocalLogs,
  'local start': LocalStart,
  'local status': LocalStatus,
  'local stop': LocalStop,
  'logdirs describe': LogdirsDescribe,
  'offsets delete': OffsetsDelete,
  'offsets get': OffsetsGet,
  'offsets reset': OffsetsReset,
  'offsets undo': OffsetsUndo,
  'partitions elect-leaders': PartitionsElectLeaders,
  'partitions reassign': PartitionsReassign,
  'partitions rebalance': PartitionsRebalance,
  'quotas delete': QuotasDelete,
  'quotas describe': QuotasDescribe,
  'quotas set': QuotasSet,
  'records delete': RecordsDelete,
  'topics alter': TopicsAlter,
  'topics create': TopicsCreate,
  'topics delete': TopicsDelete,
  'topics describe': TopicsDescribe,
  'topics list': TopicsList,
  'tokens create': TokensCreate,
  'tokens describe': TokensDescribe,
  'tokens expire': TokensExpire,
  'tokens renew': TokensRenew,
  'users create': UsersCreate,
  'users delete': UsersDelete,
  'users describe': UsersDescribe,
  'users list': UsersList,
  'users update': UsersUpdate,
}

/** The command class and its own argv for `kctl <words...>`. */
function resolve(words: string[]): {id: string; cmd: CommandClass; argv: string[]} {
  const three = words.slice(0, 3).join(' ')
  if (COMMANDS[three]) return {id: three, cmd: COMMANDS[three], argv: words.slice(3)}
  const two = `${words[0]} ${words[1]}`
  if (COMMANDS[two]) return {id: two, cmd: COMMANDS[two], argv: words.slice(2)}
  if (COMMANDS[words[0]]) return {id: words[0], cmd: COMMANDS[words[0]], argv: words.slice(1)}
  throw new Error(`no command for ${words.join(' ')}`)
}

const dir = mkdtempSync(join(tmpdir(), 'kctl-bad-input-'))
const file = (name: string, content: string) => {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}

const INT32_OVER = '2147483648'
const HUGE = '99999999999'
const INT64_OVER = '9223372036854775808'
const missing = join(dir, 'no-such-file')
const notBase64 = file('not-base64.hmac', 'not an hmac!\n')
const goodPlan = file(
  'good-plan.json',
  JSON.stringify({version: 1, partitions: [{topic: 't', partition: 0, replicas: [1, 2]}]}),
)
const u = ['--allow-principal', 'User:alice']

/**
 * [kctl argv, what the one Error: line says, the stable JSON error code]. Every case is bad input
 * that kctl must refuse before any I/O: each exits 2 with one `Error:` line, a `Hint:` line, no
 * stack trace and nothing on stdout; with --json the same error is the JSON object.
 */
const CASES: [string[], RegExp, string][] = [
  // --timeout, on commands of every kind: more than 0, at most Node's timer limit (2^31-1 ms).
  [['topics', 'list', '--timeout', '0'], /Invalid --timeout "0": must be more than 0/, 'INVALID_DURATION'],
  [['topics', 'list', '--timeout', '25d'], /Invalid --timeout "25d": longer than 2147483647 ms/, 'INVALID_DURATION'],
  [['groups', 'list', '--timeout=-5s'], /Invalid --timeout "-5s"/, 'INVALID_DURATION'],
  [['cluster', 'describe', '--timeout=-PT1M'], /Invalid --timeout "-PT1M": must be more than 0/, 'INVALID_DURATION'],
  [['brokers', 'list', '--timeout', 'soon'], /Invalid --timeout "soon"/, 'INVALID_DURATION'],
  [['context', 'list', '--timeout', '0'], /Invalid --timeout "0"/, 'INVALID_DURATION'],
  [['lag', '--all-groups', '--watch', '5s', '--timeout', '0'], /Invalid --timeout "0"/, 'INVALID_DURATION'],
  [['local', 'status', '--timeout', '30d'], /Invalid --timeout "30d": longer than/, 'INVALID_DURATION'],
  [['acls', 'list', '--timeout', '100d'], /Invalid --timeout "100d"/, 'INVALID_DURATION'],
  [['users', 'list', '--timeout', '0ms'], /Invalid --timeout "0ms": must be more than 0/, 'INVALID_DURATION'],
  [['offsets', 'get', 't', '--timeout', '24d21h'], /Invalid --timeout "24d21h": longer than/, 'INVALID_DURATION'],
  [['quotas', 'describe', '--timeout', 'P30D'], /Invalid --timeout "P30D"/, 'INVALID_DURATION'],
  [['topics', 'describe', 't', '--timeout', '1e3'], /Invalid --timeout "1e3"/, 'INVALID_DURATION'],
  [['cluster', 'health', '--timeout', '0s'], /Invalid --timeout "0s"/, 'INVALID_DURATION'],
  [
    ['cluster', 'features', '--timeout', '2147483648ms'],
    /Invalid --timeout "2147483648ms": longer than/,
    'INVALID_DURATION',
  ],
  [['local', 'stop', '--timeout', '0'], /Invalid --timeout "0"/, 'INVALID_DURATION'],
  [['local', 'start', '--timeout', '60d'], /Invalid --timeout "60d"/, 'INVALID_DURATION'],

  // topics create
  [['topics', 'create', 'bad name!', '--partitions', '1'], /illegal character " "/, 'INVALID_TOPIC_NAME'],
  [['topics', 'create', '.', '--partitions', '1'], /cannot be "\."/, 'INVALID_TOPIC_NAME'],
  [['topics', 'create', '..'], /cannot be "\.\."/, 'INVALID_TOPIC_NAME'],
  [
    ['topics', 'create', 'x'.repeat(250), '--partitions', '1'],
    /250 characters long; the limit is 249/,
    'INVALID_TOPIC_NAME',
  ],
  [['topics', 'create', ''], /Topic name is empty/, 'INVALID_TOPIC_NAME'],
  [['topics', 'create', 'a', ''], /Topic name is empty/, 'INVALID_TOPIC_NAME'],
  [
    ['topics', 'create', 't', '--partitions', '0'],
    /Invalid --partitions "0": the partition count must be at least 1/,
    'INVALID_NUMBER',
  ],
  [['topics', 'create', 't', '--partitions=-3'], /Invalid --partitions "-3"/, 'INVALID_NUMBER'],
  [
    ['topics', 'create', 't', '--partitions', 'many'],
    /Invalid --partitions "many": not a whole number/,
    'INVALID_NUMBER',
  ],
  [
    ['topics', 'create', 't', '--partitions', HUGE],
    /Invalid --partitions "99999999999": above 2147483647, the largest partition count Kafka accepts \(int32\)/,
    'INVALID_NUMBER',
  ],
  [['topics', 'create', 't', '--partitions', INT32_OVER], /above 2147483647/, 'INVALID_NUMBER'],
  [['topics', 'create', 't', '--partitions', '1.5'], /not a whole number/, 'INVALID_NUMBER'],
  [
    ['topics', 'create', 't', '--replication-factor', '0'],
    /the replication factor must be at least 1/,
    'INVALID_NUMBER',
  ],
  [
    ['topics', 'create', 't', '--replication-factor', '32768'],
    /above 32767, the largest replication factor Kafka accepts \(int16\)/,
    'INVALID_NUMBER',
  ],
  [
    ['topics', 'create', 't', '--replication-factor', HUGE],
    /Invalid --replication-factor "99999999999"/,
    'INVALID_NUMBER',
  ],
  [['topics', 'create', 't', '--replication-factor', 'three'], /not a whole number/, 'INVALID_NUMBER'],
  [
    ['topics', 'create', 't', '--config', 'retension.ms=1'],
    /Unknown topic config key: retension\.ms/,
    'UNKNOWN_CONFIG_KEY',
  ],
  [['topics', 'create', 't', '--config', 'retention.ms'], /expected key=value/, 'INVALID_CONFIG_ENTRY'],
  [
    ['topics', 'create', 't', '--config', 'retention.ms=1', '--config', 'retention.ms=2'],
    /given more than once/,
    'DUPLICATE_CONFIG_KEY',
  ],
  [['topics', 'create', 't', '--replica-assignment', '1:2,3'], /same number of replicas/, 'INVALID_REPLICA_ASSIGNMENT'],
  [['topics', 'create', 't', '--replica-assignment', '1:1'], /lists a broker twice/, 'INVALID_REPLICA_ASSIGNMENT'],
  [['topics', 'create', 't', '--replica-assignment', '1:x'], /partition 0 has "1:x"/, 'INVALID_REPLICA_ASSIGNMENT'],
  [
    ['topics', 'create', 't', '--replica-assignment', `${HUGE}:1`],
    /Invalid --replica-assignment "99999999999": above 2147483647/,
    'INVALID_NUMBER',
  ],
  [
    ['topics', 'create', 't', '--replica-assignment', '1:2', '--partitions', '2'],
    /--replica-assignment sets the partitions/,
    'CONFLICTING_ARGUMENTS',
  ],
  [['topics', 'create', 't', 't', '--partitions', '1'], /is named twice/, 'DUPLICATE_TOPIC_NAME'],
  [['topics', 'create'], /Missing required argument/, 'INVALID_ARGUMENTS'],
  [['topics', 'create', 't', '--partitions'], /--partitions expects a value/, 'INVALID_ARGUMENTS'],

  // topics delete / describe / list / alter
  [['topics', 'delete', '--yes'], /No topics to delete/, 'MISSING_TOPIC_NAME'],
  [['topics', 'delete', '', '--yes'], /Topic name is empty/, 'INVALID_TOPIC_NAME'],
  [['topics', 'delete', 'bad name!', '--yes'], /illegal character/, 'INVALID_TOPIC_NAME'],
  [['topics', 'delete', '__consumer_offsets', '--yes'], /internal topic __consumer_offsets/, 'INTERNAL_TOPIC'],
  [
    ['topics', 'delete', 'a', '--match', 'a', '--yes'],
    /Pass topic names or --match, not both/,
    'CONFLICTING_ARGUMENTS',
  ],
  [['topics', 'delete', '--match', '(', '--yes'], /Invalid --match regular expression/, 'INVALID_REGEX'],
  [['topics', 'describe', ''], /Topic name is empty/, 'INVALID_TOPIC_NAME'],
  [['topics', 'describe', 'a/b'], /illegal character "\/"/, 'INVALID_TOPIC_NAME'],
  [['topics', 'describe', 'a', '--match', 'a'], /Pass topic names or --match, not both/, 'CONFLICTING_ARGUMENTS'],
  [['topics', 'describe', '--match', '[z-a]'], /Invalid --match regular expression/, 'INVALID_REGEX'],
  [['topics', 'list', '--match', '('], /Invalid --match regular expression/, 'INVALID_REGEX'],
  [['topics', 'alter', 't'], /Say what to change/, 'NOTHING_TO_ALTER'],
  [['topics', 'alter', '', '--partitions', '3'], /Topic name is empty/, 'INVALID_TOPIC_NAME'],
  [['topics', 'alter', 'bad name', '--partitions', '3'], /illegal character " "/, 'INVALID_TOPIC_NAME'],
  [['topics', 'alter', 't', '--partitions', '0'], /the partition count must be at least 1/, 'INVALID_NUMBER'],
  [['topics', 'alter', 't', '--partitions', HUGE], /above 2147483647/, 'INVALID_NUMBER'],
  [
    ['topics', 'alter', 't', '--replication-factor', '0'],
    /the replication factor must be at least 1/,
    'INVALID_NUMBER',
  ],
  [['topics', 'alter', 't', '--replication-factor', '40000'], /above 32767/, 'INVALID_NUMBER'],
  [['topics', 'alter', 't', '--wait'], /--throttle and --wait apply to a replication-factor change/, 'INVALID_INPUT'],
  [
    ['topics', 'alter', 't', '--replication-factor', '2', '--throttle', 'fast'],
    /Invalid --throttle "fast"/,
    'INVALID_THROTTLE',
  ],
  [
    ['topics', 'alter', 't', '--replication-factor', '2', '--throttle', '0'],
    /Invalid --throttle "0"/,
    'INVALID_THROTTLE',
  ],

  // configs
  [['configs', 'set'], /Missing the entity TYPE/, 'MISSING_ENTITY_TYPE'],
  [['configs', 'set', 'topic'], /Missing the topic name/, 'MISSING_ENTITY_NAME'],
  [['configs', 'set', 'topic', '', 'retention.ms=1'], /A topic name is required/, 'MISSING_ENTITY_NAME'],
  [['configs', 'set', 'topic', 'bad name!', 'retention.ms=1'], /illegal character/, 'INVALID_TOPIC_NAME'],
  [['configs', 'set', 'topic', 't', 'retension.ms=1'], /Unknown topic config key[\s\S]*/, 'UNKNOWN_CONFIG_KEY'],
  [['configs', 'set', 'topic', 't', 'noequals'], /expected key=value/, 'INVALID_CONFIG_ENTRY'],
  [['configs', 'set', 'topic', 't'], /No config changes given/, 'MISSING_CONFIG_ENTRIES'],
  [
    ['configs', 'set', 'topic', 't', 'retention.ms=1', 'retention.ms=2'],
    /given more than once/,
    'DUPLICATE_CONFIG_KEY',
  ],
  [['configs', 'set', 'broker', 'abc', 'log.cleaner.backoff.ms=1'], /Invalid broker id "abc"/, 'INVALID_NUMBER'],
  [
    ['configs', 'set', 'broker', HUGE, 'log.cleaner.backoff.ms=1'],
    /Invalid broker id "99999999999": above 2147483647/,
    'INVALID_NUMBER',
  ],
  [['configs', 'set', 'broker-logger', INT32_OVER, 'kafka=INFO'], /Invalid broker id "2147483648"/, 'INVALID_NUMBER'],
  [
    ['configs', 'set', 'user', 'alice', 'producer_byte_rate=-5'],
    /Invalid quota producer_byte_rate=-5/,
    'INVALID_QUOTA',
  ],
  [
    ['configs', 'set', 'user', 'alice', 'producer_bytes_rate=5'],
    /Unknown quota "producer_bytes_rate"/,
    'INVALID_QUOTA',
  ],
  [
    ['configs', 'append', 'client', 'app', 'producer_byte_rate=5'],
    /Quotas are numbers, not lists/,
    'INVALID_CONFIG_OPERATION',
  ],
  [
    ['configs', 'set', 'ip', 'not-an-ip', 'connection_creation_rate=5'],
    /Invalid IP address "not-an-ip"/,
    'INVALID_QUOTA_ENTITY',
  ],
  [['configs', 'describe', 'widget', 'a'], /Unknown config entity type "widget"/, 'INVALID_ENTITY_TYPE'],
  [['configs', 'describe', 'topic', 'bad name!'], /illegal character/, 'INVALID_TOPIC_NAME'],
  [['configs', 'describe', 'broker', HUGE], /Invalid broker id "99999999999"/, 'INVALID_NUMBER'],
  [['configs', 'describe', 'topic', 't', 'extra'], /Unexpected argument: extra/, 'INVALID_ARGUMENTS'],
  [
    ['configs', 'set', 'broker-logger', '1', 'kafka.server.KafkaApis=LOUD'],
    /Invalid log level "LOUD"/,
    'INVALID_CONFIG_VALUE',
  ],
  [
    ['configs', 'append', 'broker-logger', '1', 'kafka.server.KafkaApis=INFO'],
    /Logger levels are not lists/,
    'INVALID_CONFIG_OPERATION',
  ],
  [
    ['configs', '--alter', '--entity-type', 'topics', '--entity-name', 't', '--add-config', 'cleanup.policy=[compact'],
    /unclosed \[/,
    'INVALID_CONFIG_ENTRY',
  ],
  [['configs', '--entity-type', 'topics', '--entity-name', 't'], /Pass --describe or --alter/, 'MISSING_ACTION'],
  [
    ['configs', '--describe', '--entity-type', 'topics', '--entity-name', 't', '--add-config', 'a=1'],
    /need --alter, not --describe/,
    'CONFLICTING_ARGUMENTS',
  ],
  [
    ['configs', '--alter', '--entity-type', 'widgets', '--entity-name', 't', '--add-config', 'a=1'],
    /Unknown config entity type "widgets"/,
    'INVALID_ENTITY_TYPE',
  ],
  [
    ['configs', 'set', 'topic', '--default', 'retention.ms=1'],
    /--default applies to brokers, users, clients and ips/,
    'INVALID_ENTITY',
  ],
  [
    ['configs', 'set', 'broker', '--default', '--entity-name', '1', 'a=1'],
    /Pass --entity-name or --default, not both/,
    'CONFLICTING_ARGUMENTS',
  ],
  [['configs', 'delete', 'topic', 't'], /No config changes given/, 'MISSING_CONFIG_ENTRIES'],
  [['configs', 'subtract', 'topic', 't', 'noequals'], /expected key=value/, 'INVALID_CONFIG_ENTRY'],
  [['configs', 'edit', 'topic', 't'], /Refusing to start \$EDITOR without a terminal/, 'NO_TERMINAL'],
  [['configs', 'edit', 'broker', '--default'], /Refusing to start \$EDITOR without a terminal/, 'NO_TERMINAL'],
  [['configs', 'edit', 'user', 'alice'], /configs edit does not edit user quotas/, 'INVALID_ENTITY_TYPE'],
  [['configs', 'edit', 'topic', 't', 'extra'], /Unexpected argument: extra/, 'INVALID_ARGUMENTS'],
  [['configs', 'edit', 'topic', 'bad name!'], /illegal character/, 'INVALID_TOPIC_NAME'],

  // brokers, logdirs, cluster health
  [['brokers', 'describe', 'one'], /Invalid broker id "one": not a whole number/, 'INVALID_NUMBER'],
  // brokers unregister and the KRaft quorum commands: ids, directory ids and endpoints before any request.
  [['brokers', 'unregister'], /Say which broker to unregister/, 'MISSING_ARGUMENT'],
  [['brokers', 'unregister', 'three', '--yes'], /Invalid broker id "three": not a whole number/, 'INVALID_NUMBER'],
  [['brokers', 'unregister', '-1', '--yes'], /Invalid broker id "-1"/, 'INVALID_NUMBER'],
  [['brokers', 'unregister', INT32_OVER, '--dry-run'], /Invalid broker id "2147483648"/, 'INVALID_NUMBER'],
  [
    ['cluster', 'quorum', 'remove-controller', '--yes'],
    /Say which controller to remove: --controller-id N/,
    'MISSING_FLAG',
  ],
  [
    ['cluster', 'quorum', 'remove-controller', '--id', 'two'],
    /Invalid --controller-id "two": not a whole number/,
    'INVALID_NUMBER',
  ],
  [
    ['cluster', 'quorum', 'remove-controller', '--controller-id=-3', '--yes'],
    /Invalid --controller-id "-3"/,
    'INVALID_NUMBER',
  ],
  [
    ['cluster', 'quorum', 'remove-controller', '--controller-id', HUGE],
    /Invalid --controller-id "99999999999"/,
    'INVALID_NUMBER',
  ],
  [
    ['cluster', 'quorum', 'remove-controller', '--controller-id', '3', '--directory-id', 'abc'],
    /Invalid --controller-directory-id "abc": not a Kafka directory id/,
    'INVALID_DIRECTORY_ID',
  ],
  [
    [
      'cluster',
      'quorum',
      'remove-controller',
      '--controller-id',
      '3',
      '--controller-directory-id',
      'mfy4aOA3IbXgWby4n5-uFw=',
    ],
    /not a Kafka directory id/,
    'INVALID_DIRECTORY_ID',
  ],
  [
    [
      'cluster',
      'quorum',
      'remove-controller',
      '--controller-id',
      '3',
      '--controller-directory-id',
      'AAAAAAAAAAAAAAAAAAAAAA',
    ],
    /not a Kafka directory id/,
    'INVALID_DIRECTORY_ID',
  ],
  [
    [
      'cluster',
      'quorum',
      'remove-controller',
      '--controller-id',
      '3',
      '--controller-directory-id',
      '99fcb868e03721b5e059bcb89f9fae17',
    ],
    /not a Kafka directory id/,
    'INVALID_DIRECTORY_ID',
  ],
  [['cluster', 'quorum', 'add-controller'], /Say which controller to add: --controller-id N/, 'MISSING_FLAG'],
  [
    ['cluster', 'quorum', 'add-controller', '--controller-id', '1.5'],
    /Invalid --controller-id "1.5"/,
    'INVALID_NUMBER',
  ],
  [
    ['cluster', 'quorum', 'add-controller', '--controller-id', '3', '--endpoint', '127.0.0.1:9093'],
    /Invalid --endpoint "127.0.0.1:9093": not NAME:\/\/host:port/,
    'INVALID_ENDPOINT',
  ],
  [
    ['cluster', 'quorum', 'add-controller', '--controller-id', '3', '--endpoint', 'CONTROLLER://127.0.0.1:70000'],
    /Invalid --endpoint "CONTROLLER:\/\/127.0.0.1:70000"/,
    'INVALID_ENDPOINT',
  ],
  [
    ['cluster', 'quorum', 'add-controller', '--controller-id', '3', '--endpoint', 'CONTROLLER://127.0.0.1:0'],
    /Invalid --endpoint/,
    'INVALID_ENDPOINT',
  ],
  [
    ['cluster', 'quorum', 'add-controller', '--controller-id', '3', '--endpoint', 'CONTROLLER://:9093'],
    /Invalid --endpoint/,
    'INVALID_ENDPOINT',
  ],
  [
    [
      'cluster',
      'quorum',
      'add-controller',
      '--controller-id',
      '3',
      '--endpoint',
      'CONTROLLER://a:1',
      '--endpoint',
      'x',
    ],
    /Invalid --endpoint "x"/,
    'INVALID_ENDPOINT',
  ],
  [
    ['cluster', 'quorum', 'add-controller', '--controller-id', '3', '--unregister'],
    /Nonexistent flag: --unregister/,
    'INVALID_ARGUMENTS',
  ],
  [['cluster', 'quorum', 'describe', 'extra'], /Unexpected argument: extra/, 'INVALID_ARGUMENTS'],
  [
    ['brokers', 'describe', HUGE],
    /Invalid broker id "99999999999": above 2147483647, the largest broker id Kafka accepts/,
    'INVALID_NUMBER',
  ],
  [['brokers', 'describe', '1.5'], /not a whole number/, 'INVALID_NUMBER'],
  [['brokers', 'describe', ''], /Invalid broker id ""/, 'INVALID_NUMBER'],
  [['brokers', 'describe'], /Missing required argument/, 'INVALID_ARGUMENTS'],
  // brokers drain, partitions rebalance
  [['brokers', 'drain'], /Missing required argument/, 'INVALID_ARGUMENTS'],
  [['brokers', 'drain', 'three', '--dry-run'], /Invalid broker id "three": not a whole number/, 'INVALID_NUMBER'],
  [['brokers', 'drain', HUGE, '--dry-run'], /Invalid broker id "99999999999": above 2147483647/, 'INVALID_NUMBER'],
  [['brokers', 'drain', '3', '--throttle', 'fast', '--yes'], /Invalid --throttle "fast"/, 'INVALID_THROTTLE'],
  [['brokers', 'drain', '3', '--throttle', '0', '--yes'], /Invalid --throttle "0"/, 'INVALID_THROTTLE'],
  [['brokers', 'drain', '3', '--topics', 'bad name!', '--yes'], /illegal character/, 'INVALID_TOPIC_NAME'],
  [['brokers', 'drain', '3', '--topics', ',', '--yes'], /--topics names no topic/, 'MISSING_TOPIC_NAME'],
  [['brokers', 'drain', '3', '--dry-run', '--wait'], /--dry-run changes nothing/, 'CONFLICTING_ARGUMENTS'],
  [['brokers', 'drain', '3', '--plan-out', goodPlan, '--yes'], /good-plan.json exists already/, 'FILE_EXISTS'],
  [['brokers', 'drain', '3', '--rollback-out', goodPlan, '--dry-run'], /good-plan.json exists already/, 'FILE_EXISTS'],
  [
    ['brokers', 'drain', '3', '--plan-out', join(dir, 'same.json'), '--rollback-out', join(dir, 'same.json')],
    /--plan-out and --rollback-out name the same file/,
    'CONFLICTING_ARGUMENTS',
  ],
  [['brokers', 'drain', '3', '4', '--yes'], /Unexpected argument: 4/, 'INVALID_ARGUMENTS'],
  [['partitions', 'rebalance', '--brokers', '1,two'], /Invalid --brokers "two": not a whole number/, 'INVALID_NUMBER'],
  [['partitions', 'rebalance', '--brokers', `1,${HUGE}`], /above 2147483647/, 'INVALID_NUMBER'],
  [['partitions', 'rebalance', '--brokers', '2'], /at least two brokers/, 'INVALID_BROKER_ID'],
  [['partitions', 'rebalance', '--brokers', ','], /--brokers names no broker/, 'INVALID_BROKER_ID'],
  [['partitions', 'rebalance', '--throttle', '10TB', '--yes'], /Invalid --throttle "10TB"/, 'INVALID_THROTTLE'],
  [['partitions', 'rebalance', '--topics', 'bad name!'], /illegal character/, 'INVALID_TOPIC_NAME'],
  [['partitions', 'rebalance', '--dry-run', '--throttle', '1MB'], /--dry-run changes nothing/, 'CONFLICTING_ARGUMENTS'],
  [['partitions', 'rebalance', '--rollback-out', goodPlan, '--yes'], /exists already/, 'FILE_EXISTS'],
  [['partitions', 'rebalance', '--by-size', '--by-count'], /Nonexistent flag: --by-count/, 'INVALID_ARGUMENTS'],
  [['logdirs', 'describe', '--broker', 'x'], /Invalid --broker "x": not a whole number/, 'INVALID_NUMBER'],
  [['logdirs', 'describe', '--broker', HUGE], /Invalid --broker "99999999999": above 2147483647/, 'INVALID_NUMBER'],
  [['logdirs', 'describe', '--broker=-1'], /the broker id must be at least 0/, 'INVALID_NUMBER'],
  [['logdirs', 'describe', '--topic', ''], /Topic name is empty/, 'INVALID_TOPIC_NAME'],
  [['logdirs', 'describe', '--topic', 'bad name!'], /illegal character/, 'INVALID_TOPIC_NAME'],
  // cluster features upgrade|downgrade|disable|versions: what can be told without the cluster.
  [
    ['cluster', 'features', 'upgrade'],
    /Say what to upgrade: --feature NAME=LEVEL or --release-version/,
    'MISSING_FLAG',
  ],
  [['cluster', 'features', 'downgrade', '--yes'], /Say what to downgrade/, 'MISSING_FLAG'],
  [['cluster', 'features', 'disable'], /Say what to disable: --feature NAME/, 'MISSING_FLAG'],
  [['cluster', 'features', 'upgrade', '--feature', 'share.version'], /not name=level/, 'INVALID_FEATURE'],
  [['cluster', 'features', 'upgrade', '--feature', '=1'], /not a feature name/, 'INVALID_FEATURE'],
  [['cluster', 'features', 'upgrade', '--feature', 'share version=1'], /not a feature name/, 'INVALID_FEATURE'],
  [
    ['cluster', 'features', 'upgrade', '--feature', 'share.version=two'],
    /the level is not a whole number/,
    'INVALID_NUMBER',
  ],
  [['cluster', 'features', 'upgrade', '--feature', 'share.version=-1'], /not a whole number from 0/, 'INVALID_NUMBER'],
  [['cluster', 'features', 'upgrade', '--feature', 'share.version=32768'], /above 32767 \(int16\)/, 'INVALID_NUMBER'],
  [['cluster', 'features', 'downgrade', '--feature', 'share.version='], /not a whole number/, 'INVALID_NUMBER'],
  [
    ['cluster', 'features', 'upgrade', '--feature', 'share.version=1', '--feature', 'share.version=2'],
    /Feature share.version is given more than once/,
    'DUPLICATE_FEATURE',
  ],
  [
    ['cluster', 'features', 'disable', '--feature', 'share.version', '--feature', 'share.version'],
    /given more than once/,
    'DUPLICATE_FEATURE',
  ],
  [['cluster', 'features', 'disable', '--feature', 'share.version=0'], /not a feature name/, 'INVALID_FEATURE'],
  [
    ['cluster', 'features', 'upgrade', '--release-version', '9.9-IV9'],
    /Unknown release version "9.9-IV9"/,
    'UNKNOWN_RELEASE_VERSION',
  ],
  [
    ['cluster', 'features', 'downgrade', '--release-version', ''],
    /Unknown release version ""/,
    'UNKNOWN_RELEASE_VERSION',
  ],
  [
    ['cluster', 'features', 'upgrade', '--release-version', '4.4-IV2', '--feature', 'share.version=2'],
    /cannot also be provided when using --release-version/,
    'INVALID_ARGUMENTS',
  ],
  [
    ['cluster', 'features', 'downgrade', '--feature', 'share.version=1', '--cluster-id', 'abc'],
    /--cluster-id confirms an unsafe downgrade: it needs --unsafe/,
    'CONFLICTING_ARGUMENTS',
  ],
  [
    ['cluster', 'features', 'downgrade', '--feature', 'share.version=1', '--unsafe', '--yes'],
    /An unsafe downgrade with --yes needs the cluster id: --cluster-id ID/,
    'CLUSTER_ID_REQUIRED',
  ],
  [
    ['cluster', 'features', 'disable', '--feature', 'share.version', '--unsafe', '--yes'],
    /needs the cluster id/,
    'CLUSTER_ID_REQUIRED',
  ],
  [
    ['cluster', 'features', 'upgrade', '--feature', 'share.version=1', '--unsafe'],
    /Nonexistent flag: --unsafe/,
    'INVALID_ARGUMENTS',
  ],
  [
    ['cluster', 'features', 'versions', '--release-version', '5.0-IV7'],
    /Unknown release version "5.0-IV7"/,
    'UNKNOWN_RELEASE_VERSION',
  ],
  [['cluster', 'features', 'versions', '--offline', '--timeout', '0s'], /Invalid --timeout "0s"/, 'INVALID_DURATION'],
  [['cluster', 'health', '--skip-check', 'bogus'], /Expected --skip-check=bogus to be one of/, 'INVALID_ARGUMENTS'],
  [['cluster', 'health', '--max-quorum-lag', 'soon'], /Invalid --max-quorum-lag "soon"/, 'INVALID_DURATION'],
  [
    ['cluster', 'health', '--max-quorum-lag=-PT1S'],
    /Invalid --max-quorum-lag "-PT1S": must not be negative/,
    'INVALID_DURATION',
  ],
  [['cluster', 'health', '--max-leader-imbalance', '101'], /less than or equal to 100/, 'INVALID_ARGUMENTS'],
  [['cluster', 'health', '--max-leader-imbalance', 'x'], /Expected an integer/, 'INVALID_ARGUMENTS'],

  // groups
  [['groups', 'describe'], /Name at least one group, or pass --all-groups/, 'MISSING_GROUP'],
  [['groups', 'describe', ''], /Empty group \(GROUP\)/, 'EMPTY_ID'],
  [['groups', 'describe', 'a', ' '], /Empty group/, 'EMPTY_ID'],
  [['groups', 'describe', 'a', '--all-groups'], /Pass group names or --all-groups, not both/, 'CONFLICTING_ARGUMENTS'],
  [['groups', 'describe', 'a', '--members', '--state'], /cannot also be provided/, 'INVALID_ARGUMENTS'],
  [['groups', 'describe', 'a', '--topology', '--members'], /cannot also be provided/, 'INVALID_ARGUMENTS'],
  [['groups', 'describe', 'a', '--topology', '--state'], /cannot also be provided/, 'INVALID_ARGUMENTS'],
  [['groups', 'describe', 'a', '--topology', '--offsets'], /cannot also be provided/, 'INVALID_ARGUMENTS'],
  [['groups', 'list', '--type', 'share,bogus'], /Unknown group type "bogus"/, 'INVALID_GROUP_TYPE'],
  [['groups', 'delete'], /Name at least one group to delete/, 'MISSING_GROUP'],
  [['groups', 'delete', '', '--yes'], /Empty group/, 'EMPTY_ID'],
  [['groups', 'delete', 'a', '', '--yes'], /Empty group/, 'EMPTY_ID'],
  [
    ['groups', 'delete', '--delete-all-internal-topics', '--dry-run'],
    /Name at least one group to delete/,
    'MISSING_GROUP',
  ],
  [['groups', 'delete', ' ', '--delete-all-internal-topics', '--yes'], /Empty group/, 'EMPTY_ID'],
  [['groups', 'list', '--state', 'bogus'], /Unknown group state/, 'INVALID_GROUP_STATE'],
  [['groups', 'list', '--type', 'bogus'], /Unknown group type/, 'INVALID_GROUP_TYPE'],

  // lag, lag check
  [['lag'], /Name at least one group, or pass --all-groups/, 'MISSING_GROUP'],
  [['lag', ''], /Empty group/, 'EMPTY_ID'],
  [['lag', 'a', '--all-groups'], /not both/, 'CONFLICTING_ARGUMENTS'],
  [['lag', '--all-groups', '--top', '0'], /Invalid --top "0": the count must be at least 1/, 'INVALID_NUMBER'],
  [['lag', '--all-groups', '--top', HUGE], /Invalid --top "99999999999": above 2147483647/, 'INVALID_NUMBER'],
  [['lag', '--all-groups', '--watch', '5s', '--iterations', '0'], /Invalid --iterations "0"/, 'INVALID_NUMBER'],
  [['lag', '--all-groups', '--watch', '100ms'], /Invalid --watch "100ms": must be at least 500ms/, 'INVALID_DURATION'],
  [['lag', '--all-groups', '--watch', '25d'], /Invalid --watch "25d": longer than 2147483647 ms/, 'INVALID_DURATION'],
  [['lag', '--all-groups', '--watch', '5parsecs'], /Invalid --watch "5parsecs"/, 'INVALID_DURATION'],
  [['lag', '--all-groups', '--watch', '5s', '--output', 'yaml'], /--watch renders a live table/, 'INVALID_ARGUMENTS'],
  [['lag', '--all-groups', '--topic', ''], /Topic name is empty/, 'INVALID_TOPIC_NAME'],
  [['lag', '--all-groups', '--topic', 'bad name!'], /illegal character/, 'INVALID_TOPIC_NAME'],
  [['lag', '--all-groups', '--sort', 'size'], /Expected --sort=size to be one of/, 'INVALID_ARGUMENTS'],
  [['lag', 'check', 'g'], /Give a threshold/, 'MISSING_THRESHOLD'],
  [
    ['lag', 'check', 'g', '--max-lag=-1'],
    /Invalid --max-lag "-1": the lag threshold must be at least 0/,
    'INVALID_NUMBER',
  ],
  [['lag', 'check', 'g', '--max-lag', 'ten'], /Invalid --max-lag "ten": not a whole number/, 'INVALID_NUMBER'],
  [['lag', 'check', 'g', '--max-lag', INT64_OVER], /above 9223372036854775807, the 64-bit limit/, 'INVALID_NUMBER'],
  [['lag', 'check', 'g', '--max-time-lag', 'soon'], /Invalid --max-time-lag "soon"/, 'INVALID_DURATION'],
  [
    ['lag', 'check', 'g', '--max-time-lag=-PT5M'],
    /Invalid --max-time-lag "-PT5M": must not be negative/,
    'INVALID_DURATION',
  ],
  [['lag', 'check', '', '--max-lag', '0'], /Empty group/, 'EMPTY_ID'],
  [['lag', 'check', '--max-lag', '0'], /Name at least one group/, 'MISSING_GROUP'],
  [['lag', 'check', 'g', '--max-lag', '0', '--topic', ''], /Topic name is empty/, 'INVALID_TOPIC_NAME'],

  // offsets get
  [['offsets', 'get', ''], /the topic name is empty/, 'INVALID_TOPIC_PARTITION'],
  [['offsets', 'get', 't:'], /no partitions after ':'/, 'INVALID_TOPIC_PARTITION'],
  [['offsets', 'get', 't:x'], /"x" is not a partition number/, 'INVALID_TOPIC_PARTITION'],
  [['offsets', 'get', 't:3-1'], /range 3-1 goes backwards/, 'INVALID_TOPIC_PARTITION'],
  [
    ['offsets', 'get', `t:0-${HUGE}`],
    /Invalid topic "t:0-99999999999": partition 99999999999 is above 2147483647, the largest partition id Kafka accepts/,
    'INVALID_NUMBER',
  ],
  [['offsets', 'get', 't:0-200000'], /spans more than 100000 partitions/, 'INVALID_TOPIC_PARTITION'],
  [['offsets', 'get', 't', '--time', 'yesterday'], /Invalid --time "yesterday"/, 'INVALID_TIME'],
  [['offsets', 'get', 't', '--time', '99999999999999999999'], /beyond any date/, 'INVALID_TIME'],
  [['offsets', 'get', 't', '--time', '2024-02-31T00:00:00Z'], /no such date or time/, 'INVALID_DATETIME'],
  [['offsets', 'get', 't', '--time', '1969-12-31T23:00:00Z'], /before 1970-01-01T00:00:00Z/, 'INVALID_DATETIME'],
  [['offsets', 'get', 't', '--time', '2024-01-31T25:00'], /no such date or time/, 'INVALID_DATETIME'],
  [['offsets', 'get', 't', '--time', '2024-01-31T12:00:00+25:00'], /no such zone offset/, 'INVALID_DATETIME'],
  [['offsets', 'get', 't', '--partitions', 'x'], /"x" is not a partition number/, 'INVALID_TOPIC_PARTITION'],
  [['offsets', 'get', 't', '--partitions', INT32_OVER], /above 2147483647/, 'INVALID_NUMBER'],

  // offsets reset
  [['offsets', 'reset', '--group', '', '--topic', 't', '--to-earliest'], /Empty group for --group/, 'EMPTY_ID'],
  [['offsets', 'reset', '--group', ' ', '--all-topics', '--to-latest'], /Empty group for --group/, 'EMPTY_ID'],
  [['offsets', 'reset', '--group', 'g', '--group', '', '--all-topics', '--to-latest'], /Empty group/, 'EMPTY_ID'],
  [['offsets', 'reset', '--topic', 't', '--to-earliest'], /Name the group/, 'MISSING_GROUP'],
  [['offsets', 'reset', '--group', 'g', '--to-earliest'], /Choose the partitions/, 'MISSING_SCOPE'],
  [['offsets', 'reset', '--group', 'g', '--all-topics'], /Choose a reset strategy/, 'MISSING_STRATEGY'],
  [
    ['offsets', 'reset', '--group', 'g', '--all-topics', '--to-earliest', '--to-latest'],
    /Choose one reset strategy/,
    'CONFLICTING_STRATEGIES',
  ],
  [
    ['offsets', 'reset', '--group', 'g', '--all-topics', '--to-offset=-1'],
    /offsets are not negative/,
    'INVALID_OFFSET',
  ],
  [['offsets', 'reset', '--group', 'g', '--all-topics', '--to-offset', 'x'], /not an integer offset/, 'INVALID_OFFSET'],
  [
    ['offsets', 'reset', '--group', 'g', '--all-topics', '--to-offset', INT64_OVER],
    /out of the 64-bit range/,
    'INVALID_OFFSET',
  ],
  [
    ['offsets', 'reset', '--group', 'g', '--all-topics', '--shift-by', 'abc'],
    /not an integer offset/,
    'INVALID_OFFSET',
  ],
  [
    ['offsets', 'reset', '--group', 'g', '--all-topics', '--shift-by=-9223372036854775808'],
    /out of the 64-bit range/,
    'INVALID_OFFSET',
  ],
  [
    ['offsets', 'reset', '--group', 'g', '--all-topics', '--to-datetime', '2024-13-01T00:00:00'],
    /no such date or time/,
    'INVALID_DATETIME',
  ],
  [
    ['offsets', 'reset', '--group', 'g', '--all-topics', '--to-datetime', '1960-01-01T00:00:00'],
    /before 1970/,
    'INVALID_DATETIME',
  ],
  [
    ['offsets', 'reset', '--group', 'g', '--all-topics', '--to-datetime', 'tomorrow'],
    /Invalid --to-datetime "tomorrow"/,
    'INVALID_DATETIME',
  ],
  [
    ['offsets', 'reset', '--group', 'g', '--all-topics', '--by-duration', 'PT0S'],
    /must be positive/,
    'INVALID_DURATION',
  ],
  [['offsets', 'reset', '--group', 'g', '--all-topics', '--by-duration=-PT1H'], /must be positive/, 'INVALID_DURATION'],
  [
    ['offsets', 'reset', '--group', 'g', '--all-topics', '--by-duration', 'P30000D'],
    /goes back before 1970-01-01/,
    'INVALID_DURATION',
  ],
  [
    ['offsets', 'reset', '--group', 'g', '--all-topics', '--by-duration', 'soon'],
    /Invalid --by-duration "soon"/,
    'INVALID_DURATION',
  ],
  [['offsets', 'reset', '--group', 'g', '--from-file', missing], /Cannot read --from-file/, 'INVALID_FILE'],
  [
    ['offsets', 'reset', '--group', 'g', '--from-file', file('bad.csv', 't,x,5\n')],
    /partition "x" is not an integer/,
    'INVALID_CSV',
  ],
  [
    ['offsets', 'reset', '--group', 'g', '--from-file', file('big-partition.csv', `t,${INT32_OVER},5\n`)],
    /partition "2147483648" is not an integer from 0 to 2147483647/,
    'INVALID_CSV',
  ],
  [['offsets', 'reset', '--group', 'g', '--from-file', file('empty.csv', '\n')], /has no offsets/, 'INVALID_CSV'],
  [
    ['offsets', 'reset', '--group', 'g', '--all-groups', '--all-topics', '--to-earliest'],
    /Pass --group or --all-groups, not both/,
    'CONFLICTING_ARGUMENTS',
  ],
  [
    ['offsets', 'reset', '--group', 'g', '--topic', 't', '--all-topics', '--to-earliest'],
    /Pass --topic or --all-topics, not both/,
    'CONFLICTING_ARGUMENTS',
  ],
  [
    ['offsets', 'reset', '--group', 'g', '--topic', '', '--to-earliest'],
    /the topic name is empty/,
    'INVALID_TOPIC_PARTITION',
  ],
  [
    ['offsets', 'reset', '--group', 'g', '--topic', 't:x', '--to-earliest'],
    /"x" is not a partition number/,
    'INVALID_TOPIC_PARTITION',
  ],
  [['offsets', 'reset', '--group', 'g', '--topic', `t:${HUGE}`, '--to-earliest'], /above 2147483647/, 'INVALID_NUMBER'],
  [
    ['offsets', 'reset', '--group', 'g', '--all-topics', '--to-earliest', '--execute', '--dry-run'],
    /cannot also be provided/,
    'INVALID_ARGUMENTS',
  ],

  // offsets delete, undo
  [['offsets', 'delete', '--group', '', '--topic', 't', '--yes'], /Empty group for --group/, 'EMPTY_ID'],
  [['offsets', 'delete', '--group', 'g'], /Missing required flag topic/, 'INVALID_ARGUMENTS'],
  [['offsets', 'delete', '--topic', 't'], /Missing required flag group/, 'INVALID_ARGUMENTS'],
  [['offsets', 'delete', '--group', 'g', '--topic', 't:x'], /"x" is not a partition number/, 'INVALID_TOPIC_PARTITION'],
  [['offsets', 'delete', '--group', 'g', '--topic', ''], /the topic name is empty/, 'INVALID_TOPIC_PARTITION'],
  [['offsets', 'undo'], /Name the group/, 'MISSING_GROUP'],
  [['offsets', 'undo', '--group', ''], /Empty group for --group/, 'EMPTY_ID'],

  // records delete
  [['records', 'delete', '--yes'], /Say which records/, 'INVALID_INPUT'],
  [['records', 'delete', '--topic', 't', '--yes'], /Say where to cut/, 'INVALID_INPUT'],
  [
    ['records', 'delete', '--topic', 't', '--before-offset=-5', '--yes'],
    /Invalid --before-offset "-5": the offset must be at least 0/,
    'INVALID_NUMBER',
  ],
  [
    ['records', 'delete', '--topic', 't', '--before-offset', 'ten', '--yes'],
    /Invalid --before-offset "ten"/,
    'INVALID_NUMBER',
  ],
  [['records', 'delete', '--topic', 't', '--before-offset', INT64_OVER, '--yes'], /the 64-bit limit/, 'INVALID_NUMBER'],
  [
    ['records', 'delete', '--topic', 't', '--before-datetime', '2024-02-31T00:00:00Z', '--yes'],
    /Invalid --before-datetime/,
    'INVALID_DATETIME',
  ],
  [
    ['records', 'delete', '--topic', 't', '--before-datetime', '1969-07-20', '--yes'],
    /before 1970-01-01/,
    'INVALID_DATETIME',
  ],
  [
    ['records', 'delete', '--topic', 't', '--partition', HUGE, '--before-offset', '1', '--yes'],
    /Invalid --partition "99999999999": above 2147483647/,
    'INVALID_NUMBER',
  ],
  [
    ['records', 'delete', '--topic', 't', '--partition=-1', '--before-offset', '1', '--yes'],
    /the partition must be at least 0/,
    'INVALID_NUMBER',
  ],
  [
    ['records', 'delete', '--topic', 't', '--partition', 'x', '--before-offset', '1', '--yes'],
    /not a whole number/,
    'INVALID_NUMBER',
  ],
  [
    ['records', 'delete', '--topic', 't:0', '--partition', '1', '--before-offset', '1', '--yes'],
    /--partition needs exactly one --topic/,
    'INVALID_INPUT',
  ],
  [
    ['records', 'delete', '--topic', '', '--before-offset', '1', '--yes'],
    /the topic name is empty/,
    'INVALID_TOPIC_PARTITION',
  ],
  [['records', 'delete', '--offset-json-file', missing, '--yes'], /Cannot read --offset-json-file/, 'INVALID_FILE'],
  [
    [
      'records',
      'delete',
      '--offset-json-file',
      file('offsets-x.json', JSON.stringify({partitions: [{topic: 't', partition: 0, offset: 'x'}]})),
      '--yes',
    ],
    /offset must be an integer/,
    'INVALID_FILE',
  ],
  [
    [
      'records',
      'delete',
      '--offset-json-file',
      file('offsets-big.json', `{"partitions":[{"topic":"t","partition":0,"offset":"${INT64_OVER}"}]}`),
      '--yes',
    ],
    /offset must be an integer/,
    'INVALID_FILE',
  ],
  [
    ['records', 'delete', '--topic', 't', '--before-offset', '1', '--before-datetime', '2024-01-01', '--yes'],
    /cannot also be provided/,
    'INVALID_ARGUMENTS',
  ],

  // partitions elect-leaders, reassign
  [['partitions', 'elect-leaders', '--topic', 't'], /Say which election/, 'INVALID_INPUT'],
  [['partitions', 'elect-leaders', '--preferred'], /Say which partitions/, 'INVALID_INPUT'],
  [
    ['partitions', 'elect-leaders', '--preferred', '--unclean', '--all-topics'],
    /cannot also be provided/,
    'INVALID_ARGUMENTS',
  ],
  [
    ['partitions', 'elect-leaders', '--preferred', '--topic', 't:x'],
    /"x" is not a partition number/,
    'INVALID_TOPIC_PARTITION',
  ],
  [['partitions', 'elect-leaders', '--preferred', '--topic', `t:${INT32_OVER}`], /above 2147483647/, 'INVALID_NUMBER'],
  [
    ['partitions', 'elect-leaders', '--preferred', '--path-to-json-file', missing],
    /Cannot read --path-to-json-file/,
    'INVALID_FILE',
  ],
  [
    [
      'partitions',
      'elect-leaders',
      '--preferred',
      '--path-to-json-file',
      file('election-5.json', '{"partitions": [{"topic": 5}]}'),
    ],
    /topic must be a non-empty string/,
    'INVALID_FILE',
  ],
  [
    [
      'partitions',
      'elect-leaders',
      '--preferred',
      '--path-to-json-file',
      file('election-big.json', `{"partitions": [{"topic": "t", "partition": ${INT32_OVER}}]}`),
    ],
    /partition must be an integer from 0 to 2147483647/,
    'INVALID_FILE',
  ],
  [
    ['partitions', 'elect-leaders', '--election-type', 'random', '--all-topics'],
    /Expected --election-type=random to be one of/,
    'INVALID_ARGUMENTS',
  ],
  [['partitions', 'reassign', '--topics', 't'], /Say what to do/, 'INVALID_INPUT'],
  [
    ['partitions', 'reassign', '--generate', '--topics', 't'],
    /--generate needs --topics and --brokers/,
    'INVALID_INPUT',
  ],
  [
    ['partitions', 'reassign', '--generate', '--topics', 't', '--brokers', '1,two'],
    /Invalid --brokers "two": not a whole number/,
    'INVALID_NUMBER',
  ],
  [
    ['partitions', 'reassign', '--generate', '--topics', 't', '--brokers', `1,${HUGE}`],
    /Invalid --brokers "99999999999": above 2147483647/,
    'INVALID_NUMBER',
  ],
  [
    ['partitions', 'reassign', '--generate', '--topics', 't', '--brokers', '1', '--replication-factor', '0'],
    /the replication factor must be at least 1/,
    'INVALID_NUMBER',
  ],
  [
    ['partitions', 'reassign', '--generate', '--topics', 't', '--brokers', '1', '--replication-factor', '32768'],
    /above 32767/,
    'INVALID_NUMBER',
  ],
  [
    ['partitions', 'reassign', '--generate', '--topics', 'bad name!', '--brokers', '1'],
    /illegal character/,
    'INVALID_TOPIC_NAME',
  ],
  [
    ['partitions', 'reassign', '--generate', '--topics', 't', '--brokers', '1,2', '--plan', goodPlan],
    /exists already/,
    'FILE_EXISTS',
  ],
  [['partitions', 'reassign', '--execute', '--yes'], /--execute needs --plan FILE/, 'INVALID_INPUT'],
  [['partitions', 'reassign', '--verify'], /--verify needs --plan FILE/, 'INVALID_INPUT'],
  [['partitions', 'reassign', '--execute', '--plan', missing, '--yes'], /Cannot read --plan .*ENOENT/, 'INVALID_FILE'],
  [
    ['partitions', 'reassign', '--execute', '--plan', file('garbage.json', '{"version": 1, partitions'), '--yes'],
    /is not valid JSON/,
    'INVALID_FILE',
  ],
  [
    [
      'partitions',
      'reassign',
      '--execute',
      '--plan',
      file('plan-dup.json', JSON.stringify({version: 1, partitions: [{topic: 't', partition: 0, replicas: [3, 3]}]})),
      '--yes',
    ],
    /lists a broker twice/,
    'INVALID_FILE',
  ],
  [
    [
      'partitions',
      'reassign',
      '--execute',
      '--plan',
      file(
        'plan-big.json',
        `{"version": 1, "partitions": [{"topic": "t", "partition": 0, "replicas": [1, ${INT32_OVER}]}]}`,
      ),
      '--yes',
    ],
    /replicas must be a non-empty array of broker ids \(0 to 2147483647\)/,
    'INVALID_FILE',
  ],
  [
    [
      'partitions',
      'reassign',
      '--execute',
      '--plan',
      file('plan-v2.json', JSON.stringify({version: 2, partitions: []})),
      '--yes',
    ],
    /unsupported version 2/,
    'INVALID_FILE',
  ],
  [
    ['partitions', 'reassign', '--execute', '--plan', goodPlan, '--throttle', '0', '--yes'],
    /Invalid --throttle "0"/,
    'INVALID_THROTTLE',
  ],
  [
    ['partitions', 'reassign', '--execute', '--plan', goodPlan, '--throttle', '10TB', '--yes'],
    /Invalid --throttle "10TB"/,
    'INVALID_THROTTLE',
  ],
  [
    ['partitions', 'reassign', '--execute', '--plan', goodPlan, '--throttle', 'fast', '--yes'],
    /Invalid --throttle "fast"/,
    'INVALID_THROTTLE',
  ],
  [['partitions', 'reassign', '--execute', '--verify'], /cannot also be provided/, 'INVALID_ARGUMENTS'],

  // acls
  [
    ['acls', 'create', '--allow-principal', 'alice', '--operation', 'read', '--topic', 't'],
    /Invalid principal/,
    'INVALID_PRINCIPAL',
  ],
  [
    ['acls', 'create', '--allow-principal', 'user:alice', '--operation', 'read', '--topic', 't'],
    /case-sensitive/,
    'INVALID_PRINCIPAL',
  ],
  [
    ['acls', 'create', '--allow-principal', 'User:', '--operation', 'read', '--topic', 't'],
    /Invalid principal/,
    'INVALID_PRINCIPAL',
  ],
  [
    ['acls', 'create', '--allow-principal', '', '--operation', 'read', '--topic', 't'],
    /Invalid principal/,
    'INVALID_PRINCIPAL',
  ],
  [['acls', 'create', ...u, '--operation', 'reed', '--topic', 't'], /Unknown operation "reed"/, 'INVALID_ACL'],
  [['acls', 'create', ...u, '--operation', 'write', '--group', 'g'], /WRITE does not apply to GROUP/, 'INVALID_ACL'],
  [
    ['acls', 'create', ...u, '--operation', 'read', '--topic', 't', '--resource-pattern-type', 'regex'],
    /Unknown pattern type/,
    'INVALID_ACL',
  ],
  [['acls', 'create', ...u, '--operation', 'read', '--topic', ''], /Empty resource name/, 'INVALID_RESOURCE'],
  [['acls', 'create', ...u, '--operation', 'read', '--topic', 'no spaces!'], /Invalid topic name/, 'INVALID_RESOURCE'],
  [['acls', 'create', ...u, '--operation', 'read', '--group', ' '], /Empty resource name/, 'INVALID_RESOURCE'],
  [
    ['acls', 'create', ...u, '--operation', 'write', '--transactional-id', ''],
    /Empty resource name for --transactional-id/,
    'INVALID_RESOURCE',
  ],
  [
    ['acls', 'create', ...u, '--operation', 'describe', '--delegation-token', ''],
    /Empty resource name for --delegation-token/,
    'INVALID_RESOURCE',
  ],
  [
    ['acls', 'create', ...u, '--allow-host', 'localhost', '--operation', 'read', '--topic', 't'],
    /Invalid host/,
    'INVALID_HOST',
  ],
  [['acls', 'create', ...u, '--producer'], /--producer needs --topic/, 'INVALID_ACL'],
  [['acls', 'create', ...u, '--consumer', '--topic', 't'], /--consumer needs --topic and --group/, 'INVALID_ACL'],
  [
    ['acls', 'create', ...u, '--idempotent', '--operation', 'write', '--topic', 't'],
    /--idempotent needs --producer/,
    'INVALID_ACL',
  ],
  [['acls', 'create', '--operation', 'read', '--topic', 't'], /No principal/, 'INVALID_ACL'],
  [['acls', 'create', ...u, '--operation', 'read'], /No resource/, 'INVALID_RESOURCE'],
  [['acls', 'create', ...u, '--topic', 't'], /No operation/, 'INVALID_ACL'],
  [
    ['acls', 'create', ...u, '--operation', 'alter', '--cluster', '--resource-pattern-type', 'prefixed'],
    /--cluster cannot be prefixed/,
    'INVALID_ACL',
  ],
  [
    ['acls', 'create', ...u, '--operation', 'read', '--resource-name', 't'],
    /--resource-name needs --resource-type/,
    'INVALID_RESOURCE',
  ],
  [
    ['acls', 'create', ...u, '--operation', 'read', '--resource-type', 'queue', '--resource-name', 't'],
    /Unknown resource type/,
    'INVALID_ACL',
  ],
  [['acls', 'list', '--permission', 'maybe'], /Unknown permission/, 'INVALID_ACL'],
  [['acls', 'list', '--principal', 'nobody'], /Invalid principal/, 'INVALID_PRINCIPAL'],
  [['acls', 'list', '--principal', ''], /Invalid principal/, 'INVALID_PRINCIPAL'],
  [['acls', 'list', '--transactional-id', ''], /Empty resource name for --transactional-id/, 'INVALID_RESOURCE'],
  [['acls', 'delete', '--yes'], /matches every ACL binding/, 'FILTER_MATCHES_ALL'],
  [['acls', 'delete', '--operation', 'destroy', '--topic', 't', '--yes'], /Unknown operation/, 'INVALID_ACL'],
  [
    ['acls', 'delete', '--principal', 'User:a', '--allow-principal', 'User:b', '--operation', 'read', '--topic', 't'],
    /cannot be combined/,
    'INVALID_ACL',
  ],
  [['acls', 'check', 'alice', '--operation', 'read', '--topic', 't'], /Invalid principal/, 'INVALID_PRINCIPAL'],
  [['acls', 'check', '', '--operation', 'read', '--topic', 't'], /Invalid principal/, 'INVALID_PRINCIPAL'],
  [['acls', 'check', 'User:alice', '--operation', 'all', '--topic', 't'], /one concrete operation/, 'INVALID_ACL'],
  [['acls', 'check', 'User:alice', '--operation', 'read'], /exactly one named resource/, 'INVALID_RESOURCE'],
  [
    ['acls', 'check', 'User:alice', '--operation', 'read', '--topic', '*'],
    /exactly one named resource/,
    'INVALID_RESOURCE',
  ],
  [
    ['acls', 'check', 'User:alice', '--operation', 'read', '--transactional-id', ''],
    /Empty resource name/,
    'INVALID_RESOURCE',
  ],
  [
    ['acls', 'check', 'User:alice', '--operation', 'read', '--topic', 't', '--host', 'example.com'],
    /Invalid host/,
    'INVALID_HOST',
  ],

  // users
  [
    ['users', 'create', 'alice', '--iterations', '4095', '--password-stdin'],
    /Invalid --iterations 4095/,
    'INVALID_ITERATIONS',
  ],
  [
    ['users', 'create', 'alice', '--iterations', '20000', '--password-stdin'],
    /Invalid --iterations 20000/,
    'INVALID_ITERATIONS',
  ],
  [
    ['users', 'create', 'alice', '--iterations', HUGE, '--password-stdin'],
    /Invalid --iterations 99999999999/,
    'INVALID_ITERATIONS',
  ],
  [
    ['users', 'create', 'alice', '--mechanism', 'PLAIN', '--password-stdin'],
    /Unknown SCRAM mechanism/,
    'INVALID_MECHANISM',
  ],
  [['users', 'create', '', '--password-stdin'], /Invalid user name ""/, 'INVALID_USER'],
  [['users', 'create', ' alice', '--password-stdin'], /Invalid user name " alice"/, 'INVALID_USER'],
  [['users', 'create', 'alice'], /No password given/, 'PASSWORD_REQUIRED'],
  [['users', 'create', 'alice', '--password-file', missing], /Cannot read --password-file/, 'INVALID_PASSWORD'],
  [
    ['users', 'update', 'alice', '--iterations', 'many', '--password-stdin'],
    /Invalid --iterations many/,
    'INVALID_ITERATIONS',
  ],
  [['users', 'update', '', '--password-stdin'], /Invalid user name/, 'INVALID_USER'],
  [['users', 'delete', '', '--yes'], /Invalid user name/, 'INVALID_USER'],
  [['users', 'delete', 'alice', '--mechanism', 'MD5', '--yes'], /Unknown SCRAM mechanism "MD5"/, 'INVALID_MECHANISM'],
  [['users', 'describe', ''], /Invalid user name/, 'INVALID_USER'],
  [['users', 'describe', 'alice', ' '], /Invalid user name/, 'INVALID_USER'],

  // quotas
  [['quotas', 'set', '--user', 'u', 'fetch_rate=1'], /Unknown quota "fetch_rate"/, 'INVALID_QUOTA'],
  [['quotas', 'set', '--user', 'u', 'producer_byte_rate=-5'], /Invalid quota/, 'INVALID_QUOTA'],
  [['quotas', 'set', '--user', 'u', 'producer_byte_rate=abc'], /Invalid quota/, 'INVALID_QUOTA'],
  [['quotas', 'set', '--user', 'u', 'producer_byte_rate=Infinity'], /Invalid quota/, 'INVALID_QUOTA'],
  [['quotas', 'set', 'producer_byte_rate=1'], /No quota entity/, 'INVALID_QUOTA_ENTITY'],
  [['quotas', 'set', '--ip', 'not-an-ip', 'connection_creation_rate=1'], /Invalid IP address/, 'INVALID_QUOTA_ENTITY'],
  [['quotas', 'set', '--user', 'u', 'connection_creation_rate=1'], /cannot be set on a user/, 'INVALID_QUOTA'],
  [['quotas', 'set', '--user', '', 'producer_byte_rate=1'], /Empty user name/, 'INVALID_QUOTA_ENTITY'],
  [['quotas', 'set', '--client-id', '', 'producer_byte_rate=1'], /Empty client-id name/, 'INVALID_QUOTA_ENTITY'],
  [
    ['quotas', 'set', '--user', 'u', '--user-default', 'producer_byte_rate=1'],
    /--user and --user-default are exclusive/,
    'INVALID_QUOTA_ENTITY',
  ],
  [
    ['quotas', 'set', '--ip', '10.0.0.1', '--user', 'u', 'connection_creation_rate=1'],
    /IP quotas cannot be combined/,
    'INVALID_QUOTA_ENTITY',
  ],
  [['quotas', 'set', '--user', 'u'], /Missing required argument/, 'INVALID_ARGUMENTS'],
  [['quotas', 'delete', '--user', 'u', '--yes'], /No quota key given/, 'INVALID_QUOTA'],
  [['quotas', 'delete', '--user', 'u', 'producer_byte_rate', '--all', '--yes'], /exclusive/, 'INVALID_QUOTA'],
  [['quotas', 'delete', '--user', 'u', 'bogus_rate', '--yes'], /Unknown quota "bogus_rate"/, 'INVALID_QUOTA'],
  [['quotas', 'delete', '--all', '--yes'], /No quota entity/, 'INVALID_QUOTA_ENTITY'],
  [['quotas', 'describe', '--ip', '999.1.1.1'], /Invalid IP address/, 'INVALID_QUOTA_ENTITY'],
  [['quotas', 'describe', '--client-id', ''], /Empty client-id name/, 'INVALID_QUOTA_ENTITY'],

  // context (the config file is a fresh one in a temporary directory)
  [['context', 'set', 'bad name', '--bootstrap-server', 'x:9092'], /Invalid context name "bad name"/, 'INVALID_INPUT'],
  [['context', 'set', '', '--bootstrap-server', 'x:9092'], /Invalid context name ""/, 'INVALID_INPUT'],
  [['context', 'set', 'fresh'], /--bootstrap-server is required/, 'INVALID_INPUT'],
  [
    ['context', 'set', 'fresh', '--bootstrap-server', 'nohost'],
    /Invalid bootstrap server "nohost"/,
    'INVALID_BOOTSTRAP_SERVER',
  ],
  [['context', 'set', 'fresh', '--bootstrap-server', 'x:99999'], /99999/, 'INVALID_BOOTSTRAP_SERVER'],
  [
    ['context', 'set', 'fresh', '--bootstrap-server', 'x:9092', '--command-config', missing],
    /no-such-file/,
    'CONFIG_FILE_UNREADABLE',
  ],
  [['context', 'use', 'nope'], /Unknown context "nope"/, 'UNKNOWN_CONTEXT'],
  [['context', 'use', ''], /Unknown context ""/, 'UNKNOWN_CONTEXT'],
  [['context', 'delete', 'nope', '--yes'], /Unknown context "nope"/, 'UNKNOWN_CONTEXT'],
  [['context', 'show', 'nope'], /Unknown context "nope"/, 'UNKNOWN_CONTEXT'],
  [['context', 'import', missing], /no-such-file/, 'CONFIG_FILE_UNREADABLE'],
  [
    [
      'context',
      'import',
      file('client.properties', 'security.protocol=PLAINTEXT\n'),
      '--name',
      'bad name',
      '--bootstrap-server',
      'x:9092',
    ],
    /Invalid context name "bad name"/,
    'INVALID_INPUT',
  ],
  [
    ['context', 'import', file('nobootstrap.properties', 'security.protocol=PLAINTEXT\n')],
    /has no bootstrap\.servers/,
    'INVALID_INPUT',
  ],

  // local (nothing is started: the values are refused while parsing)
  [['local', 'logs', '--lines', '0'], /Invalid --lines "0": the count must be at least 1/, 'INVALID_NUMBER'],
  [['local', 'logs', '--lines', 'x'], /not a whole number/, 'INVALID_NUMBER'],
  [['local', 'logs', '--lines', HUGE], /above 2147483647/, 'INVALID_NUMBER'],
  [['local', 'logs', '--broker', 'x'], /Invalid --broker "x"/, 'INVALID_NUMBER'],
  [['local', 'logs', '--broker', HUGE], /above 2147483647/, 'INVALID_NUMBER'],
  [['local', 'stop', '--broker', 'two'], /Invalid --broker "two"/, 'INVALID_NUMBER'],
  [['local', 'stop', '--broker', INT32_OVER], /above 2147483647/, 'INVALID_NUMBER'],
  [['local', 'start', '--brokers', '2'], /Expected --brokers=2 to be one of/, 'INVALID_ARGUMENTS'],
  [['local', 'start', '--port', '80'], /greater than or equal to 1024/, 'INVALID_ARGUMENTS'],
  [['local', 'start', '--port', '70000'], /less than or equal to 60000/, 'INVALID_ARGUMENTS'],

  // connection flags: refused before a socket is opened
  [['topics', 'list', '--bootstrap-server', 'nohost'], /Invalid bootstrap server "nohost"/, 'INVALID_BOOTSTRAP_SERVER'],
  [['groups', 'list', '--bootstrap-server', 'x:0'], /x:0/, 'INVALID_BOOTSTRAP_SERVER'],
  [['cluster', 'describe', '--context', 'nope'], /Unknown context "nope"/, 'UNKNOWN_CONTEXT'],
  [['brokers', 'list', '--command-config', missing], /no-such-file/, 'CONFIG_FILE_UNREADABLE'],
  // tokens
  [['tokens', 'create', '--renewer-principal', 'alice'], /Invalid principal "alice"/, 'INVALID_PRINCIPAL'],
  [['tokens', 'create', '--renewer-principal', 'Group:ops'], /delegation tokens belong to users/, 'INVALID_PRINCIPAL'],
  [['tokens', 'create', '--owner-principal', 'user:bob'], /principal types are case-sensitive/, 'INVALID_PRINCIPAL'],
  [['tokens', 'create', '--max-life-time-period', '0'], /Invalid --max-life-time-period "0"/, 'INVALID_DURATION'],
  [['tokens', 'create', '--max-life-time-period', 'soon'], /Invalid --max-life-time-period "soon"/, 'INVALID_DURATION'],
  [['tokens', 'describe', '--owner-principal', ':x'], /Invalid principal ":x"/, 'INVALID_PRINCIPAL'],
  [['tokens', 'renew'], /No token HMAC given/, 'HMAC_REQUIRED'],
  [['tokens', 'renew', '--hmac-file', missing], /Cannot read --hmac-file/, 'INVALID_HMAC'],
  [['tokens', 'renew', '--hmac-file', missing, '--hmac-stdin'], /exclusive/, 'CONFLICTING_ARGUMENTS'],
  [
    ['tokens', 'renew', '--hmac-stdin', '--renew-time-period', '0ms'],
    /Invalid --renew-time-period/,
    'INVALID_DURATION',
  ],
  [['tokens', 'expire', '--yes'], /No token HMAC given/, 'HMAC_REQUIRED'],
  [['tokens', 'expire', '--hmac-file', notBase64, '--yes'], /not base64/, 'INVALID_HMAC'],
  [
    ['tokens', 'expire', '--hmac-stdin', '--expiry-time-period', '1y', '--yes'],
    /Invalid --expiry-time-period/,
    'INVALID_DURATION',
  ],
  [['topics', 'list', '--output', 'xml'], /Expected --output=xml to be one of/, 'INVALID_ARGUMENTS'],
  [['topics', 'list', '--no-such-flag'], /Nonexistent flag: --no-such-flag/, 'INVALID_ARGUMENTS'],
]

describe(`bad input: ${CASES.length} cases across every command topic exit 2 before any I/O`, () => {
  let saved: {config?: string; local?: string; stdin?: boolean; stdout?: boolean; open: typeof connections.open}
  const opened: string[] = []

  before(() => {
    saved = {
      config: process.env.KCTL_CONFIG,
      local: process.env.KCTL_LOCAL_DIR,
      stdin: process.stdin.isTTY,
      stdout: process.stdout.isTTY,
      open: connections.open,
    }
    process.env.KCTL_CONFIG = join(dir, 'config.yaml')
    process.env.KCTL_LOCAL_DIR = join(dir, 'local')
    // No terminal, as in CI: no prompt, no editor.
    process.stdin.isTTY = false
    process.stdout.isTTY = false
    // Any connection is a failure of the case: validation comes before I/O.
    connections.open = async (spec) => {
      opened.push(spec.brokers.join(','))
      throw new Error('a bad-input case opened a connection')
    }
  })

  after(() => {
    connections.open = saved.open
    process.stdin.isTTY = saved.stdin as boolean
    process.stdout.isTTY = saved.stdout as boolean
    for (const [key, value] of [
      ['KCTL_CONFIG', saved.config],
      ['KCTL_LOCAL_DIR', saved.local],
    ] as const) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
    rmSync(dir, {recursive: true, force: true})
    process.exitCode = undefined
    expect(opened, 'connections opened').to.deep.equal([])
  })

  it('the table has at least 200 cases and covers every command topic', () => {
    expect(CASES.length).to.be.at.least(200)
    const topics = new Set(CASES.map(([argv]) => argv[0]))
    for (const t of [
      'acls',
      'brokers',
      'cluster',
      'configs',
      'context',
      'groups',
      'lag',
      'local',
      'logdirs',
      'offsets',
      'partitions',
      'quotas',
      'records',
      'tokens',
      'topics',
      'users',
    ])
      expect(topics, t).to.include(t)
  })

  for (const [words, message, code] of CASES) {
    it(`kctl ${words.map((w) => (w === '' ? "''" : w.length > 40 ? `${w.slice(0, 40)}…` : w)).join(' ')}`, async () => {
      const {id, cmd, argv} = resolve(words)
      const connect =
        cmd.prototype instanceof KafkaCommand &&
        !words.some((w) => w.startsWith('--bootstrap-server') || w === '--context' || w === '--command-config')
          ? ['--bootstrap-server', '127.0.0.1:9']
          : []
      const text = await runCmd(cmd, [...argv, ...connect])
      const where = `kctl ${words.join(' ')} (${id})\nstdout: ${text.stdout}\nstderr: ${text.stderr}`
      expect(text.exitCode, where).to.equal(2)
      const lines = text.stderr.trimEnd().split('\n')
      expect(
        lines.filter((l) => l.startsWith('Error: ')),
        where,
      ).to.have.length(1)
      expect(lines[0], where)
        .to.match(/^Error: /)
        .and.match(message)
      expect(
        lines.filter((l) => l.startsWith('Hint: ')),
        where,
      ).to.have.length(1)
      expect(
        lines.every((l) => /^(Error|Hint): /.test(l)),
        where,
      ).to.equal(true)
      expect(text.stderr, where).not.to.match(/^\s+at /m)
      expect(text.stdout, where).to.equal('')

      const json = await runCmd(cmd, [...argv, ...connect, '--json'])
      expect(json.exitCode, `--json: ${where}`).to.equal(2)
      const {error} = JSON.parse(json.stdout) as {
        error: {code: string; exitCode: number; message: string; hint?: string}
      }
      expect(error, `--json: ${where}`).to.include({code, exitCode: 2})
      expect(error.message).to.match(message)
      expect(error.hint).to.be.a('string').and.not.equal('')
    })
  }
})
