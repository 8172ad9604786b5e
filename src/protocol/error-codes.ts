import {createRequire} from 'node:module'

const require = createRequire(import.meta.url)
let byCode: Map<number, string> | undefined

/**
 * Kafka's error name for a code, as Kafka's own Errors enum names it (kafkajs's table with the
 * names kafkajs keeps from older Kafka corrected, and newer codes added; unknown codes fall back to
 * their number).
 */
export function errorName(code: number): string {
  if (!byCode) {
    const {errorCodes} = require('kafkajs/src/protocol/error.js') as {errorCodes: {type: string; code: number}[]}
    byCode = new Map(errorCodes.map((e) => [e.code, e.type]))
    for (const [c, t] of RENAMED) byCode.set(c, t)
    for (const [c, t] of EXTRA) if (!byCode.has(c)) byCode.set(c, t)
  }
  return byCode.get(code) ?? `KAFKA_ERROR_${code}`
}

/** Codes kafkajs 2.2.4 names as older Kafka did (GROUP_LOAD_IN_PROGRESS...): Kafka 4.4's names. */
const RENAMED: [number, string][] = [
  [-1, 'UNKNOWN_SERVER_ERROR'],
  [6, 'NOT_LEADER_OR_FOLLOWER'],
  [14, 'COORDINATOR_LOAD_IN_PROGRESS'],
  [15, 'COORDINATOR_NOT_AVAILABLE'],
  [16, 'NOT_COORDINATOR'],
]

/** Codes newer than kafkajs 2.2.4's table (printed from Kafka 4.4's Errors enum). */
const EXTRA: [number, string][] = [
  [89, 'THROTTLING_QUOTA_EXCEEDED'],
  [90, 'PRODUCER_FENCED'],
  [91, 'RESOURCE_NOT_FOUND'],
  [92, 'DUPLICATE_RESOURCE'],
  [93, 'UNACCEPTABLE_CREDENTIAL'],
  [94, 'INCONSISTENT_VOTER_SET'],
  [95, 'INVALID_UPDATE_VERSION'],
  [96, 'FEATURE_UPDATE_FAILED'],
  [97, 'PRINCIPAL_DESERIALIZATION_FAILURE'],
  [98, 'SNAPSHOT_NOT_FOUND'],
  [99, 'POSITION_OUT_OF_RANGE'],
  [100, 'UNKNOWN_TOPIC_ID'],
  [101, 'DUPLICATE_BROKER_REGISTRATION'],
  [102, 'BROKER_ID_NOT_REGISTERED'],
  [103, 'INCONSISTENT_TOPIC_ID'],
  [104, 'INCONSISTENT_CLUSTER_ID'],
  [105, 'TRANSACTIONAL_ID_NOT_FOUND'],
  [106, 'FETCH_SESSION_TOPIC_ID_ERROR'],
  [107, 'INELIGIBLE_REPLICA'],
  [108, 'NEW_LEADER_ELECTED'],
  [109, 'OFFSET_MOVED_TO_TIERED_STORAGE'],
  [110, 'FENCED_MEMBER_EPOCH'],
  [111, 'UNRELEASED_INSTANCE_ID'],
  [112, 'UNSUPPORTED_ASSIGNOR'],
  [113, 'STALE_MEMBER_EPOCH'],
  [114, 'MISMATCHED_ENDPOINT_TYPE'],
  [115, 'UNSUPPORTED_ENDPOINT_TYPE'],
  [116, 'UNKNOWN_CONTROLLER_ID'],
  [117, 'UNKNOWN_SUBSCRIPTION_ID'],
  [118, 'TELEMETRY_TOO_LARGE'],
  [119, 'INVALID_REGISTRATION'],
  [120, 'TRANSACTION_ABORTABLE'],
  [121, 'INVALID_RECORD_STATE'],
  [122, 'SHARE_SESSION_NOT_FOUND'],
  [123, 'INVALID_SHARE_SESSION_EPOCH'],
  [124, 'FENCED_STATE_EPOCH'],
  [125, 'INVALID_VOTER_KEY'],
  [126, 'DUPLICATE_VOTER'],
  [127, 'VOTER_NOT_FOUND'],
  [128, 'INVALID_REGULAR_EXPRESSION'],
  [129, 'REBOOTSTRAP_REQUIRED'],
  [130, 'STREAMS_INVALID_TOPOLOGY'],
  [131, 'STREAMS_INVALID_TOPOLOGY_EPOCH'],
  [132, 'STREAMS_TOPOLOGY_FENCED'],
  [133, 'SHARE_SESSION_LIMIT_REACHED'],
  [134, 'GROUP_DELETION_FAILED'],
  [135, 'STREAMS_TOPOLOGY_DESCRIPTION_UPDATE_FAILED'],
  [136, 'CONTROLLER_ID_NOT_REGISTERED'],
]
