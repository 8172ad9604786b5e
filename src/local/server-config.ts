/** Pure builders for the local cluster's node configuration (unit-tested). */

export interface LocalPorts {
  plaintext: number
  ssl: number
  saslSsl: number
  /** SASL_SSL with OAUTHBEARER only (secure clusters made by this version; absent in older state). */
  oauth?: number
  controller: number
}

export interface LocalNode {
  id: number
  dir: string
  ports: LocalPorts
  /** The directory id of the node's metadata log directory (dynamic quorum only; base64 Kafka Uuid). */
  directoryId?: string
}

/**
 * How the KRaft controllers find each other. `static`: a fixed `controller.quorum.voters` (3.9, and
 * clusters made before kctl formatted dynamic quorums); `dynamic` (KIP-853): formatted with
 * `--initial-controllers` and found through `controller.quorum.bootstrap.servers`, so voters can be
 * removed and added while the cluster runs.
 */
export type QuorumMode = 'static' | 'dynamic'

export interface SecureSettings {
  /** PEM truststore (CA) and keystore (key + chain) paths. */
  truststore: string
  keystore: string
  /** PLAIN users (name -> password) for the SASL_SSL listener. */
  plainUsers: Record<string, string>
  /** The local token endpoint's port: the OAUTH listener checks its JWTs against its JWKS. */
  oauthPort?: number
  /** delegation.token.secret.key (same on every node): enables delegation tokens (KIP-48). */
  tokenSecretKey?: string
}

/**
 * Port layout from a base port: PLAINTEXT base+i, SSL base+100+i, SASL_SSL base+200+i,
 * SASL_SSL/OAUTHBEARER base+300+i, controller base+1000+i.
 */
export function nodePorts(base: number, index: number): LocalPorts {
  return {
    plaintext: base + index,
    ssl: base + 100 + index,
    saslSsl: base + 200 + index,
    oauth: base + 300 + index,
    controller: base + 1000 + index,
  }
}

/** The local token endpoint (OIDC client credentials) of a secure cluster: base+399. */
export const tokenEndpointPort = (base: number) => base + 399

export function quorumVoters(nodes: LocalNode[]): string {
  return nodes.map((n) => `${n.id}@127.0.0.1:${n.ports.controller}`).join(',')
}

/** `controller.quorum.bootstrap.servers` of a dynamic quorum: every controller endpoint. */
export function quorumBootstrapServers(nodes: LocalNode[]): string {
  return nodes.map((n) => `127.0.0.1:${n.ports.controller}`).join(',')
}

/** `kafka-storage format --initial-controllers`: id@host:port:directoryId, the same on every node. */
export function initialControllers(nodes: LocalNode[]): string {
  return nodes
    .map((n) => {
      if (!n.directoryId) throw new Error(`node ${n.id} has no metadata directory id`)
      return `${n.id}@127.0.0.1:${n.ports.controller}:${n.directoryId}`
    })
    .join(',')
}

/**
 * A random Kafka Uuid in its base64url form, by Kafka's own rules for random ids (Uuid.randomUuid):
 * never one of the reserved ids (the first 8 bytes zero and the last below 100) and never a string
 * that starts with "-" (it would read as a command-line option).
 */
export function randomKafkaUuid(random: (size: number) => Buffer): string {
  for (;;) {
    const bytes = random(16)
    const reserved = bytes.readBigUInt64BE(0) === 0n && bytes.readBigUInt64BE(8) < 100n
    const text = bytes.toString('base64url')
    if (!reserved && !text.startsWith('-')) return text
  }
}

export function serverProperties(
  node: LocalNode,
  nodes: LocalNode[],
  secure?: SecureSettings,
  quorum: QuorumMode = 'static',
): Record<string, string> {
  const rf = String(Math.min(3, nodes.length))
  const p = node.ports
  const listeners = [`PLAINTEXT://127.0.0.1:${p.plaintext}`, `CONTROLLER://127.0.0.1:${p.controller}`]
  const advertised = [`PLAINTEXT://127.0.0.1:${p.plaintext}`]
  const protocolMap = ['PLAINTEXT:PLAINTEXT', 'CONTROLLER:PLAINTEXT']
  if (secure) {
    listeners.push(`SSL://127.0.0.1:${p.ssl}`, `SASL_SSL://127.0.0.1:${p.saslSsl}`)
    advertised.push(`SSL://127.0.0.1:${p.ssl}`, `SASL_SSL://127.0.0.1:${p.saslSsl}`)
    protocolMap.push('SSL:SSL', 'SASL_SSL:SASL_SSL')
    if (secure.oauthPort !== undefined && p.oauth !== undefined) {
      listeners.push(`OAUTH://127.0.0.1:${p.oauth}`)
      advertised.push(`OAUTH://127.0.0.1:${p.oauth}`)
      protocolMap.push('OAUTH:SASL_SSL')
    }
  }
  const props: Record<string, string> = {
    'process.roles': 'broker,controller',
    'node.id': String(node.id),
    ...(quorum === 'dynamic'
      ? {'controller.quorum.bootstrap.servers': quorumBootstrapServers(nodes)}
      : {'controller.quorum.voters': quorumVoters(nodes)}),
    listeners: listeners.join(','),
    'advertised.listeners': advertised.join(','),
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': protocolMap.join(','),
    'log.dirs': `${node.dir}/data`,
    'num.partitions': '1',
    'default.replication.factor': rf,
    // Kafka's default: single-replica dev topics stay writable with acks=all and healthy.
    'min.insync.replicas': '1',
    'offsets.topic.replication.factor': rf,
    'offsets.topic.num.partitions': '3',
    'transaction.state.log.replication.factor': rf,
    'transaction.state.log.min.isr': nodes.length >= 3 ? '2' : '1',
    'transaction.state.log.num.partitions': '1',
    'share.coordinator.state.topic.replication.factor': rf,
    'share.coordinator.state.topic.min.isr': '1',
    'group.initial.rebalance.delay.ms': '0',
    'auto.create.topics.enable': 'false',
    'delete.topic.enable': 'true',
    'log.cleaner.dedupe.buffer.size': '2097152',
    'num.network.threads': '2',
    'num.io.threads': '2',
    'num.recovery.threads.per.data.dir': '1',
    'log.segment.bytes': '16777216',
  }
  if (secure) {
    Object.assign(props, {
      'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
      // Loopback PLAINTEXT (inter-broker, controller, the `local` context) is trusted; SSL and
      // SASL_SSL clients are authorized by ACLs.
      'super.users': 'User:admin;User:ANONYMOUS',
      'allow.everyone.if.no.acl.found': 'false',
      'ssl.keystore.type': 'PEM',
      'ssl.keystore.location': secure.keystore,
      'ssl.truststore.type': 'PEM',
      'ssl.truststore.location': secure.truststore,
      'ssl.endpoint.identification.algorithm': 'https',
      'listener.name.ssl.ssl.client.auth': 'required',
      'ssl.principal.mapping.rules': 'RULE:^CN=([^,]+).*$/$1/,DEFAULT',
      'sasl.enabled.mechanisms': 'PLAIN,SCRAM-SHA-256,SCRAM-SHA-512',
      'listener.name.sasl_ssl.sasl.enabled.mechanisms': 'PLAIN,SCRAM-SHA-256,SCRAM-SHA-512',
      'listener.name.sasl_ssl.plain.sasl.jaas.config': `org.apache.kafka.common.security.plain.PlainLoginModule required ${Object.entries(
        secure.plainUsers,
      )
        .map(([u, pw]) => `user_${u}="${pw}"`)
        .join(' ')};`,
      'listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config':
        'org.apache.kafka.common.security.scram.ScramLoginModule required;',
      'listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config':
        'org.apache.kafka.common.security.scram.ScramLoginModule required;',
    })
    // Same name in 3.9 and 4.x; it lives only in the 0600 server.properties, never in process args.
    if (secure.tokenSecretKey !== undefined) props['delegation.token.secret.key'] = secure.tokenSecretKey
    if (secure.oauthPort !== undefined && p.oauth !== undefined) {
      const issuer = `http://127.0.0.1:${secure.oauthPort}`
      Object.assign(props, {
        'listener.name.oauth.sasl.enabled.mechanisms': 'OAUTHBEARER',
        'listener.name.oauth.oauthbearer.sasl.jaas.config':
          'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;',
        'listener.name.oauth.oauthbearer.sasl.server.callback.handler.class':
          'org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallbackHandler',
        // Sessions end when their token does: clients re-authenticate with a fresh token (KIP-368).
        'listener.name.oauth.oauthbearer.connections.max.reauth.ms': '3600000',
        'sasl.oauthbearer.jwks.endpoint.url': `${issuer}/oauth2/jwks`,
        'sasl.oauthbearer.expected.audience': 'kafka',
        'sasl.oauthbearer.expected.issuer': issuer,
      })
    }
  }
  return props
}

/** Java .properties text; values are escaped the way java.util.Properties reads them. */
export function formatProperties(props: Record<string, string>): string {
  const esc = (s: string) => s.replaceAll('\\', '\\\\').replaceAll('\n', '\\n')
  return `${Object.entries(props)
    .map(([k, v]) => `${k}=${esc(v)}`)
    .join('\n')}\n`
}

export const LOG4J2_YAML = `Configuration:
  Appenders:
    Console:
      name: STDOUT
      PatternLayout:
        Pattern: "[%d] %p %m (%c)%n"
  Loggers:
    Root:
      level: INFO
      AppenderRef:
        - ref: STDOUT
    Logger:
      - name: kafka.server.KafkaConfig
        level: WARN
      - name: org.apache.kafka.common.config.AbstractConfig
        level: WARN
`

export const LOG4J_PROPERTIES = `log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.server.KafkaConfig=WARN
log4j.logger.org.apache.kafka.common.config.AbstractConfig=WARN
`

/** JVM flags for small, quick test brokers. */
export const JVM_FLAGS = [
  '-Xms128m',
  '-Xmx512m',
  '-XX:+UseSerialGC',
  '-XX:TieredStopAtLevel=1',
  '-XX:+ExitOnOutOfMemoryError',
  '-Djava.awt.headless=true',
]
