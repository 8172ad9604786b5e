/**
 * The registry of kctl's error codes: the `code` of every KctlError (and of the JSON error object).
 * A code is part of the JSON contract: add one here (with a line of meaning) before raising it;
 * never rename one. docs/errors.md is generated from this table (`npm run docs:errors`), and a test
 * fails when it is out of date.
 *
 * Errors a broker returns in a response keep Kafka's own name (Errors.java, e.g.
 * UNKNOWN_TOPIC_OR_PARTITION) through `kafkaErrorCode`; the names kctl raises itself are listed here.
 */
export const ERROR_CODES = {
  // Usage: bad input detected before anything was sent (exit 2).
  INVALID_INPUT: 'Bad input (the generic usage error).',
  INVALID_ARGUMENTS: 'A command-line parse error: unknown flag, missing or extra argument, bad option value.',
  UNKNOWN_COMMAND: 'No such command or topic; the hint suggests the nearest one.',
  CONFLICTING_ARGUMENTS: 'Two flags or arguments that cannot be combined.',
  CONFLICTING_STRATEGIES: 'More than one offset reset strategy given.',
  CONFIRMATION_REQUIRED: 'A destructive change without a terminal to confirm on and without --yes.',
  READ_ONLY_CONTEXT: 'A change refused because the context is read-only.',
  CONFIG_FILE_UNREADABLE: 'The kctl config file or a --command-config file cannot be read.',
  CONFIG_INVALID: 'The kctl config file or a properties file is malformed.',
  CONFIG_NOT_OVERRIDDEN: 'A config to delete is not set on the resource.',
  DUPLICATE_CONFIG_KEY: 'The same config key given twice.',
  DUPLICATE_TOPIC_NAME: 'The same topic given twice.',
  FILE_EXISTS: 'An output file exists and would be overwritten.',
  FILTER_MATCHES_ALL: 'A filter that would select every resource for a destructive change.',
  INTERNAL_TOPIC: 'A change to an internal topic refused.',
  INVALID_ACL: 'An ACL binding or filter that is not valid.',
  INVALID_BOOTSTRAP_SERVER: 'A bootstrap server that is not host:port.',
  INVALID_BROKER_ID: 'A broker id that is not a non-negative integer.',
  INVALID_CONFIG_ENTRY: 'A config entry that is not key=value.',
  INVALID_CONFIG_OPERATION: 'A config operation that does not apply to the key.',
  INVALID_CONFIG_VALUE: 'A config value of the wrong type or out of range.',
  INVALID_CSV: 'A CSV input file that cannot be parsed.',
  INVALID_DATETIME: 'A date-time that is not ISO-8601.',
  INVALID_DURATION: 'A duration that is not e.g. 30s, 5m, 1h.',
  INVALID_ENTITY: 'A quota entity that is not valid.',
  INVALID_ENTITY_TYPE: 'A quota entity type that is not user, client-id or ip.',
  INVALID_FILE: 'An input file (JSON plan, journal) that is not valid.',
  INVALID_GROUP_STATE: 'A consumer group state that does not exist.',
  INVALID_GROUP_TYPE: 'A consumer group type that does not exist.',
  INVALID_HOST: 'A host that is not valid for an ACL.',
  INVALID_ITERATIONS: 'A SCRAM iteration count out of range.',
  INVALID_KAFKA_VERSION: 'A Kafka version that is not valid or not supported.',
  INVALID_MECHANISM: 'A SCRAM mechanism that does not exist.',
  INVALID_OFFSET: 'An offset that is not a non-negative integer.',
  INVALID_PARTITIONS: 'A partition count that is not a positive integer.',
  INVALID_PASSWORD: 'A password that is empty or not valid.',
  INVALID_PRINCIPAL: 'A principal that is not Type:name.',
  INVALID_QUOTA: 'A quota key or value that is not valid.',
  INVALID_QUOTA_ENTITY: 'A quota entity combination that Kafka does not support.',
  INVALID_REGEX: 'A regular expression that does not compile.',
  INVALID_REPLICATION_FACTOR: 'A replication factor that is not a positive integer or exceeds the brokers.',
  INVALID_REPLICA_ASSIGNMENT: 'A replica assignment that is not valid.',
  INVALID_RESOURCE: 'A resource (type:name) that is not valid.',
  INVALID_THRESHOLD: 'A lag threshold that is not a non-negative number.',
  INVALID_THROTTLE: 'A throttle rate that is not valid.',
  INVALID_TIME: 'A time that is not valid.',
  INVALID_TOPIC_NAME: 'A topic name Kafka would refuse.',
  INVALID_TOPIC_PARTITION: 'A topic:partition spec that is not valid.',
  INVALID_USER: 'A user name that is not valid.',
  LOCAL_CLUSTER_EXISTS: 'A local cluster exists already.',
  MISSING_ACTION: 'No action given where one is required.',
  MISSING_CONFIG_ENTRIES: 'No config entries given.',
  MISSING_ENTITY_NAME: 'A quota entity without a name.',
  MISSING_ENTITY_TYPE: 'A quota command without an entity type.',
  MISSING_GROUP: 'No consumer group given.',
  MISSING_SCOPE: 'No scope (topics, partitions, all) given.',
  MISSING_STRATEGY: 'No offset reset strategy given.',
  MISSING_THRESHOLD: 'A check without a threshold.',
  MISSING_TOPIC_NAME: 'No topic given.',
  NOTHING_TO_ALTER: 'A change that would change nothing.',
  NOTHING_TO_UNDO: 'No journal entry to undo.',
  NO_COMMITTED_OFFSET: 'A partition with no committed offset where one is needed.',
  NO_EDITOR: 'No editor to open ($VISUAL, $EDITOR).',
  NO_LOCAL_CLUSTER: 'No local cluster in the directory.',
  OFFSET_OUT_OF_RANGE: "An offset outside the partition's log.",
  PARTITION_COUNT_UNCHANGED: 'The topic has that many partitions already.',
  PARTITION_DECREASE: 'Fewer partitions than the topic has (Kafka cannot shrink a topic).',
  PASSWORD_REQUIRED: 'A password is required and none was given.',
  REPLICATION_FACTOR_UNCHANGED: 'The topic has that replication factor already.',
  SENSITIVE_CONFIG: 'A sensitive config value given on the command line.',
  TOPIC_NOT_FOUND: 'The topic does not exist.',
  UNKNOWN_BROKER: 'The broker id is not in the cluster.',
  UNKNOWN_CONFIG_KEY: 'The config key is not known for the resource type.',
  UNKNOWN_CONTEXT: 'No context of that name in the kctl config file.',
  UNKNOWN_GROUP: 'The consumer group does not exist.',
  UNKNOWN_NODE: 'The node id is not in the cluster.',
  UNKNOWN_PARTITION: 'The partition does not exist.',
  UNKNOWN_TOPIC: 'The topic does not exist.',
  GROUP_NOT_FOUND: 'The consumer group does not exist.',
  CONTEXT_BROKER_MISMATCH: "-b names brokers that are not the context's own (its credentials go only to them).",
  UNSUPPORTED_SASL_MECHANISM: 'A SASL mechanism kctl does not support.',
  AWS_REGION_UNKNOWN: 'AWS_MSK_IAM without a region to sign for.',
  UNSUPPORTED_STORE_TYPE: 'A keystore or truststore type kctl cannot read.',
  // Operation: the cluster (or the machine) refused or failed (exit 1).
  OPERATION_FAILED: 'The operation failed (the generic failure).',
  UNEXPECTED: 'An error kctl did not expect; --debug shows the stack.',
  TIMEOUT: 'The --timeout deadline passed.',
  PARTIAL_FAILURE: 'Some items of a batch failed; the result lists which.',
  CONCURRENT_MODIFICATION: 'The resource changed during the operation.',
  GROUP_NOT_EMPTY: 'The consumer group has active members.',
  ILLEGAL_GENERATION: 'The consumer group rebalanced during the commit.',
  JOURNAL_FAILED: 'The offsets journal could not be written or read.',
  KAFKA_RESOLVE_FAILED: 'The Kafka distribution for a local cluster could not be found or downloaded.',
  LEADER_NOT_AVAILABLE: 'A partition has no leader.',
  LOCAL_FORMAT_FAILED: 'kafka-storage format failed for a local cluster.',
  LOCAL_START_FAILED: 'A local broker did not start.',
  LOCAL_START_TIMEOUT: 'A local broker did not become ready in time.',
  MISSING_DEPENDENCY: 'A program kctl needs (java, an editor) is missing.',
  OFFSET_COMMIT_FAILED: 'Committing offsets failed.',
  OFFSET_DELETE_FAILED: 'Deleting offsets failed.',
  PORT_IN_USE: 'A port a local broker needs is in use.',
  UNSUPPORTED_VERSION: 'The broker does not support the API or version a feature needs.',
  USER_EXISTS: 'The SCRAM user exists already.',
  USER_NOT_FOUND: 'The SCRAM user does not exist.',
  BROKER_NOT_AVAILABLE: 'A broker the operation needs is not available.',
  // Connection and security (exit 4).
  BROKER_UNREACHABLE: 'A broker did not answer; the result lists what could not be reached.',
  NOT_KAFKA: 'The address answered, but not as a Kafka broker.',
  AWS_CREDENTIALS_FAILED: 'No AWS credentials could be found or assumed for AWS_MSK_IAM.',
  OAUTH_TOKEN_FAILED: 'An OAUTHBEARER token could not be had.',
  OAUTH_TOKEN_COMMAND_FAILED: 'kctl.oauthbearer.token.command failed.',
  OAUTH_TOKEN_ENDPOINT_UNREACHABLE: 'The OAuth token endpoint could not be reached.',
  OAUTH_TOKEN_REQUEST_FAILED:
    'The OAuth token endpoint refused the request (the HTTP status and OAuth error are named).',
  OAUTH_TOKEN_EXPIRED: 'The OAUTHBEARER token has expired.',
  OAUTH_TOKEN_INVALID: 'The OAUTHBEARER token is not a valid JWT.',
  OAUTH_TOKEN_MISSING: 'No OAUTHBEARER token where one was configured.',
  CONNECTION_FAILED: 'Cannot connect to the brokers.',
  CONNECTION_TIMEOUT: 'No broker answered within --timeout.',
  AUTHENTICATION_FAILED: 'SASL authentication failed.',
  AUTHORIZATION_FAILED: 'The cluster denied the operation (details.kafkaError names the Kafka error).',
  TOPIC_AUTHORIZATION_FAILED: 'The cluster denied a topic operation.',
  TLS_FAILED: 'The TLS handshake failed.',
  CLUSTER_ID_MISMATCH: 'The context is pinned to another cluster id.',
  // Check (exit 3) and cancel (exit 130).
  CHECK_FAILED: 'A check (lag threshold, health) did not pass.',
  CANCELLED: 'Cancelled by the user (Ctrl-C, a declined confirmation).',
} as const satisfies Record<string, string>

/** A code kctl raises itself (registered above). */
export type RegisteredErrorCode = keyof typeof ERROR_CODES

declare const kafkaErrorBrand: unique symbol
/** Kafka's own error name for an error a broker returned (from a response, never a literal). */
export type KafkaErrorCode = string & {readonly [kafkaErrorBrand]: true}

export type KctlErrorCode = RegisteredErrorCode | KafkaErrorCode

/** Mark a Kafka error name from a response as an error code. */
export const kafkaErrorCode = (name: string): KafkaErrorCode => name as KafkaErrorCode

export const isRegisteredErrorCode = (code: string): code is RegisteredErrorCode => Object.hasOwn(ERROR_CODES, code)
