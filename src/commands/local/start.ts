import * as Flags from '@oclif/core/flags'

import {KctlCommand} from '../../base-command.js'
import {updateConfig} from '../../connection/config-file.js'
import {usageError} from '../../errors.js'
import {DEFAULT_SHAPE, type LocalClusterState, bootstrapAddress, localClusterService} from '../../local/cluster.js'
import {DEFAULT_KAFKA_VERSION} from '../../local/jars.js'
import {tokenEndpointUrl} from '../../local/oauth.js'
import {localClusterDir} from '../../local/paths.js'
import {readinessService} from '../../local/readiness.js'
import {toKeyValues} from '../../output/table.js'

export interface LocalStartResult {
  dir: string
  created: boolean
  version: string
  clusterId: string
  brokers: number
  secure: boolean
  bootstrap: string
  listeners: {ssl?: string; saslSsl?: string; oauth?: string}
  /** The OIDC token endpoint of the OAUTHBEARER listener (secure clusters). */
  tokenEndpoint?: string
  contexts: string[]
  currentContext: string | null
  /** SCRAM credentials a restarted broker had lost and that were written again ("user MECHANISM on broker N"). */
  restoredCredentials?: string[]
}

export default class LocalStart extends KctlCommand<typeof LocalStart> {
  static summary = 'Start a real Kafka cluster on this machine (KRaft, from Maven Central jars).'
  static description = `Resolves Apache Kafka's jars with Maven (cached in Maven's local repository) or uses KAFKA_HOME, formats storage, starts combined broker+controller JVMs, waits until every broker is ready and writes a "local" context (the default when no other is set).

--secure adds an SSL listener (mTLS), a SASL_SSL listener (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512), a SASL_SSL listener for OAUTHBEARER (port +300) whose JWTs Kafka's own validator checks against the JWKS of a token endpoint kctl serves on 127.0.0.1 (port +399; OIDC client credentials, the users below as clients), the StandardAuthorizer with the super user admin, certificates made on the fly, and the contexts local-ssl, local-sasl and local-oauth. The PLAINTEXT listener on 127.0.0.1 stays trusted (a super user) for the local context.

Running it again restarts the existing cluster as it was created (its nodes, security, ports and Kafka version; stopped nodes included), with its data and users (a SCRAM credential of the cluster's own users that a restarted broker lost is written again): the shape flags (--brokers, --secure, --port, --kafka-version) only choose the shape of a new cluster, and one that contradicts the existing cluster is an error. KCTL_LOCAL_DIR moves the cluster directory.`
  static examples = [
    '<%= config.bin %> local start',
    '<%= config.bin %> local start --brokers 3 --secure',
    '<%= config.bin %> local start --kafka-version 3.9.2 --port 19092',
  ]

  static flags = {
    brokers: Flags.integer({
      summary: 'Number of nodes (each a broker and a controller), 1 or 3. New cluster: default 1.',
      options: ['1', '3'] as never,
    }),
    'kafka-version': Flags.string({
      summary: `Apache Kafka version from Maven Central. New cluster: default ${DEFAULT_KAFKA_VERSION}.`,
    }),
    secure: Flags.boolean({
      summary:
        'Add TLS (mTLS) and SASL_SSL listeners, SCRAM/PLAIN users and the StandardAuthorizer. New cluster: default off.',
      allowNo: true,
    }),
    port: Flags.integer({
      summary: `First PLAINTEXT port; SSL is +100, SASL_SSL +200, OAUTHBEARER +300 (token endpoint +399), controllers +1000. New cluster: default ${DEFAULT_SHAPE.portBase}.`,
      min: 1024,
      max: 60_000,
    }),
    timeout: Flags.string({
      summary: 'How long to wait for the cluster to be ready.',
      default: '180s',
      helpGroup: 'GLOBAL',
    }),
  }

  async run(): Promise<LocalStartResult> {
    const {flags} = this
    if (flags.brokers !== undefined && flags.brokers !== 1 && flags.brokers !== 3)
      throw usageError(`--brokers must be 1 or 3, got ${flags.brokers}`, undefined, 'INVALID_INPUT')
    const dir = localClusterDir()
    const started = Date.now()
    const {state, created} = await localClusterService.startCluster({
      dir,
      requested: {brokers: flags.brokers, version: flags['kafka-version'], secure: flags.secure, portBase: flags.port},
      timeoutMs: this.timeoutMs,
      progress: (m) => this.note(m),
    })
    const bootstrap = bootstrapAddress(state)
    await readinessService.waitForBrokers(
      bootstrap,
      state.nodes.length,
      Math.max(1000, this.timeoutMs - (Date.now() - started)),
    )
    const restored =
      !created && state.users
        ? await readinessService.restoreScramUsers(
            bootstrap,
            state.users,
            Math.max(1000, this.timeoutMs - (Date.now() - started)),
          )
        : []
    if (restored.length > 0)
      this.warnUser(`Restored SCRAM credentials a restarted broker had lost: ${restored.join(', ')}.`)
    const config = writeLocalContexts(state, dir)
    const result: LocalStartResult = {
      dir,
      created,
      version: state.version,
      clusterId: state.clusterId,
      brokers: state.nodes.length,
      secure: state.secure,
      bootstrap,
      listeners: state.secure
        ? {
            ssl: bootstrapAddress(state, 'ssl'),
            saslSsl: bootstrapAddress(state, 'saslSsl'),
            ...(state.oauth ? {oauth: bootstrapAddress(state, 'oauth')} : {}),
          }
        : {},
      ...(state.oauth ? {tokenEndpoint: tokenEndpointUrl(state.oauth.port)} : {}),
      contexts: localContextNames(state),
      currentContext: config.currentContext ?? null,
      ...(restored.length > 0 ? {restoredCredentials: restored} : {}),
    }
    if (!this.jsonEnabled()) {
      this.log(
        [
          `Kafka ${result.version} is ready (${result.brokers} broker${result.brokers > 1 ? 's' : ''}${result.secure ? ', secure' : ''}).`,
          ...toKeyValues(
            [
              ['Bootstrap', bootstrap],
              ...(state.secure
                ? ([
                    ['SSL (mTLS)', result.listeners.ssl],
                    ['SASL_SSL', result.listeners.saslSsl],
                    ...(result.listeners.oauth
                      ? [
                          ['SASL_SSL OAUTHBEARER', result.listeners.oauth],
                          ['Token endpoint', result.tokenEndpoint],
                        ]
                      : []),
                  ] as [string, string][])
                : []),
              ['Cluster ID', result.clusterId],
              ['Contexts', result.contexts.join(', ')],
              ['Current context', result.currentContext],
              ['Directory', dir],
            ],
            {color: this.color},
          ),
        ].join('\n'),
      )
    }
    return result
  }
}

function localContextNames(state: LocalClusterState): string[] {
  if (!state.secure) return ['local']
  return state.oauth ? ['local', 'local-oauth', 'local-sasl', 'local-ssl'] : ['local', 'local-sasl', 'local-ssl']
}

/** The local contexts; `local` becomes the current context when none is set. */
function writeLocalContexts(state: LocalClusterState, dir: string) {
  return updateConfig((config) => {
    config.contexts.local = {bootstrapServers: bootstrapAddress(state).split(','), clusterId: state.clusterId}
    if (state.secure) {
      config.contexts['local-ssl'] = {
        bootstrapServers: bootstrapAddress(state, 'ssl').split(','),
        commandConfig: `${dir}/client-ssl.properties`,
        clusterId: state.clusterId,
      }
      config.contexts['local-sasl'] = {
        bootstrapServers: bootstrapAddress(state, 'saslSsl').split(','),
        commandConfig: `${dir}/client-sasl.properties`,
        clusterId: state.clusterId,
      }
      if (state.oauth)
        config.contexts['local-oauth'] = {
          bootstrapServers: bootstrapAddress(state, 'oauth').split(','),
          commandConfig: `${dir}/client-oauth.properties`,
          clusterId: state.clusterId,
        }
    } else {
      delete config.contexts['local-ssl']
      delete config.contexts['local-sasl']
      delete config.contexts['local-oauth']
    }
    if (!config.currentContext || !config.contexts[config.currentContext]) config.currentContext = 'local'
  })
}
