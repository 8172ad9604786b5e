import {createRequire} from 'node:module'

const require = createRequire(import.meta.url)
let byCode: Map<number, string> | undefined

/** Kafka's error name for a code (kafkajs's table; newer codes fall back to their number). */
export function errorName(code: number): string {
  if (!byCode) {
    const {errorCodes} = require('kafkajs/src/protocol/error.js') as {errorCodes: {type: string; code: number}[]}
    byCode = new Map(errorCodes.map((e) => [e.code, e.type]))
    for (const [c, t] of EXTRA) if (!byCode.has(c)) byCode.set(c, t)
  }
  return byCode.get(code) ?? `KAFKA_ERROR_${code}`
}

/** Codes newer than kafkajs 2.2.4's table (from Kafka's Errors.java). */
const EXTRA: [number, string][] = [
  [89, 'THROTTLING_QUOTA_EXCEEDED'],
  [90, 'PRODUCER_FENCED'],
  [91, 'RESOURCE_NOT_FOUND'],
  [92, 'DUPLICATE_RESOURCE'],
  [93, 'UNACCEPTABLE_CREDENTIAL'],
  [94, 'INCONSISTENT_VOTER_SET'],
  [95, 'INVALID_UPDATE_VERSION'],
  [96, 'FEATURE_UPDATE_FAILED'],
  [97, 'INCONSISTENT_TOPIC_ID'],
  [98, 'INCONSISTENT_CLUSTER_ID'],
  [99, 'TRANSACTIONAL_ID_NOT_FOUND'],
  [100, 'FETCH_SESSION_TOPIC_ID_ERROR'],
  [101, 'INELIGIBLE_REPLICA'],
  [102, 'NEW_LEADER_ELECTED'],
  [103, 'OFFSET_MOVED_TO_TIERED_STORAGE'],
  [104, 'FENCED_MEMBER_EPOCH'],
  [105, 'UNRELEASED_INSTANCE_ID'],
  [106, 'UNSUPPORTED_ASSIGNOR'],
  [107, 'STALE_MEMBER_EPOCH'],
  [108, 'MISMATCHED_ENDPOINT_TYPE'],
  [109, 'UNSUPPORTED_ENDPOINT_TYPE'],
  [110, 'UNKNOWN_CONTROLLER_ID'],
  [111, 'UNKNOWN_SUBSCRIPTION_ID'],
  [112, 'TELEMETRY_TOO_LARGE'],
  [113, 'INVALID_REGISTRATION'],
  [114, 'TRANSACTION_ABORTABLE'],
  [115, 'INVALID_RECORD_STATE'],
  [116, 'SHARE_SESSION_NOT_FOUND'],
  [117, 'INVALID_SHARE_SESSION_EPOCH'],
  [118, 'FENCED_STATE_EPOCH'],
  [119, 'INVALID_VOTER_KEY'],
  [120, 'DUPLICATE_VOTER'],
  [121, 'VOTER_NOT_FOUND'],
  [122, 'INVALID_REGULAR_EXPRESSION'],
  [123, 'REBOOTSTRAP_REQUIRED'],
  [124, 'STREAMS_INVALID_TOPOLOGY'],
  [125, 'STREAMS_INVALID_TOPOLOGY_EPOCH'],
  [126, 'STREAMS_TOPOLOGY_FENCED'],
  [127, 'SHARE_SESSION_LIMIT_REACHED'],
]
