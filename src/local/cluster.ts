import {execFile, spawn} from 'node:child_process'
import {randomBytes} from 'node:crypto'
import {closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {createConnection} from 'node:net'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {promisify} from 'node:util'

import {ExitCode, KctlError, operationError, usageError} from '../errors.js'
import {generateCertificates} from './certs.js'
import {DEFAULT_KAFKA_VERSION, type KafkaRuntime, checkJava, majorVersion, resolveKafkaRuntime} from './jars.js'
import {type LocalOAuth, createSigningKey, jwksUrl, tokenEndpointUrl} from './oauth.js'
import {
  JVM_FLAGS,
  LOG4J2_YAML,
  LOG4J_PROPERTIES,
  type LocalNode,
  type QuorumMode,
  type SecureSettings,
  formatProperties,
  initialControllers,
  nodePorts,
  randomKafkaUuid,
  serverProperties,
  tokenEndpointPort,
} from './server-config.js'

const run = promisify(execFile)

/** What the shape flags of `kctl local start` choose when they create a cluster. */
export interface LocalShape {
  brokers: number
  secure: boolean
  portBase: number
  version: string
}

export const DEFAULT_SHAPE: LocalShape = {brokers: 1, secure: false, portBase: 9092, version: DEFAULT_KAFKA_VERSION}

export interface LocalStartOptions {
  dir: string
  /**
   * The shape flags given (undefined: not given). A new cluster takes DEFAULT_SHAPE for the rest;
   * an existing cluster restarts as it was created, and a flag that contradicts it is an error.
   */
  requested: Partial<LocalShape>
  timeoutMs: number
  progress?: (message: string) => void
}

export interface LocalNodeState extends LocalNode {
  pid: number | null
}

/** What `kctl local` remembers about its cluster (state.json in the cluster directory). */
export interface LocalClusterState {
  version: string
  clusterId: string
  secure: boolean
  portBase: number
  classpath: string
  logging: KafkaRuntime['logging']
  nodes: LocalNodeState[]
  /**
   * The KRaft quorum the cluster was formatted with. Absent in state written before kctl made dynamic
   * quorums: those clusters are static (their server.properties name `controller.quorum.voters`).
   */
  quorum?: QuorumMode
  /** SASL users and passwords of a secure cluster (the file is 0600); also the OAuth clients and secrets. */
  users?: Record<string, string>
  /** delegation.token.secret.key of a secure cluster (clusters made by this version; the file is 0600). */
  tokenSecretKey?: string
  /** The token endpoint process of a secure cluster's OAUTHBEARER listener. */
  oauth?: LocalOAuth
  createdAt: string
}

export interface LocalNodeStatus {
  id: number
  pid: number | null
  running: boolean
  listeners: {plaintext: string; ssl?: string; saslSsl?: string; oauth?: string; controller: string}
  logFile: string
}

export interface LocalClusterStatus {
  dir: string
  exists: boolean
  version?: string
  clusterId?: string
  secure?: boolean
  /** static: a fixed controller.quorum.voters; dynamic (KIP-853): controllers can be added and removed. */
  quorum?: QuorumMode
  running: boolean
  bootstrap?: string
  nodes: LocalNodeStatus[]
}

const stateFile = (dir: string) => join(dir, 'state.json')
export const nodeLogFile = (node: LocalNode) => join(node.dir, 'server.log')

export function readState(dir: string): LocalClusterState | undefined {
  if (!existsSync(stateFile(dir))) return undefined
  return JSON.parse(readFileSync(stateFile(dir), 'utf8')) as LocalClusterState
}

function writeState(dir: string, state: LocalClusterState): void {
  writeFileSync(stateFile(dir), `${JSON.stringify(state, null, 2)}\n`, {mode: 0o600})
}

export function isAlive(pid: number | null): boolean {
  if (!pid) return false
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

export function bootstrapAddress(
  state: Pick<LocalClusterState, 'nodes'>,
  listener: 'plaintext' | 'ssl' | 'saslSsl' | 'oauth' = 'plaintext',
): string {
  return state.nodes.map((n) => `127.0.0.1:${n.ports[listener]}`).join(',')
}

export function clusterStatus(dir: string): LocalClusterStatus {
  const state = readState(dir)
  if (!state) return {dir, exists: false, running: false, nodes: []}
  const nodes = state.nodes.map((n) => ({
    id: n.id,
    pid: isAlive(n.pid) ? n.pid : null,
    running: isAlive(n.pid),
    listeners: {
      plaintext: `127.0.0.1:${n.ports.plaintext}`,
      ...(state.secure ? {ssl: `127.0.0.1:${n.ports.ssl}`, saslSsl: `127.0.0.1:${n.ports.saslSsl}`} : {}),
      ...(state.oauth && n.ports.oauth ? {oauth: `127.0.0.1:${n.ports.oauth}`} : {}),
      controller: `127.0.0.1:${n.ports.controller}`,
    },
    logFile: nodeLogFile(n),
  }))
  return {
    dir,
    exists: true,
    version: state.version,
    clusterId: state.clusterId,
    secure: state.secure,
    quorum: quorumMode(state),
    running: nodes.some((n) => n.running),
    bootstrap: bootstrapAddress(state),
    nodes,
  }
}

const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({host: '127.0.0.1', port})
    socket.once('connect', () => {
      socket.destroy()
      resolve(false)
    })
    socket.once('error', () => resolve(true))
  })

async function checkPortsFree(ports: LocalNode['ports'], hint: string): Promise<void> {
  for (const port of Object.values(ports)) {
    if (!(await portFree(port)))
      throw operationError(`Port ${port} on 127.0.0.1 is already in use`, {code: 'PORT_IN_USE', hint})
  }
}

/** The quorum a cluster was formatted with (state written before the field existed: static). */
export const quorumMode = (state: Pick<LocalClusterState, 'quorum'>): QuorumMode => state.quorum ?? 'static'

/** Kafka 4.x clusters are formatted with a dynamic quorum (KIP-853); 3.x keeps the static voters. */
export const quorumModeFor = (version: string): QuorumMode => (majorVersion(version) >= 4 ? 'dynamic' : 'static')

/** "3 brokers, secure, ports from 19092, Kafka 4.4.0": how an existing cluster was created. */
export function describeShape(state: Pick<LocalClusterState, 'nodes' | 'secure' | 'portBase' | 'version'>): string {
  const n = state.nodes.length
  return `${n} broker${n === 1 ? '' : 's'}, ${state.secure ? 'secure' : 'not secure'}, ports from ${state.portBase}, Kafka ${state.version}`
}

/** The given shape flags that contradict an existing cluster, as flags ("--brokers 1"). */
export function shapeConflicts(
  state: Pick<LocalClusterState, 'nodes' | 'secure' | 'portBase' | 'version'>,
  requested: Partial<LocalShape>,
): string[] {
  const conflicts: string[] = []
  if (requested.brokers !== undefined && requested.brokers !== state.nodes.length)
    conflicts.push(`--brokers ${requested.brokers}`)
  if (requested.secure !== undefined && requested.secure !== state.secure)
    conflicts.push(requested.secure ? '--secure' : '--no-secure')
  if (requested.portBase !== undefined && requested.portBase !== state.portBase)
    conflicts.push(`--port ${requested.portBase}`)
  if (requested.version !== undefined && requested.version !== state.version)
    conflicts.push(`--kafka-version ${requested.version}`)
  return conflicts
}

/** Exit 2 (before anything runs) when shape flags contradict the cluster that exists in `dir`. */
export function checkShape(dir: string, state: LocalClusterState, requested: Partial<LocalShape>): void {
  const conflicts = shapeConflicts(state, requested)
  if (conflicts.length === 0) return
  const flags = conflicts.map((c) => c.split(' ')[0])
  throw usageError(
    `The local cluster in ${dir} was created with ${describeShape(state)}: ${conflicts.join(' and ')} ${conflicts.length === 1 ? 'contradicts' : 'contradict'} it`,
    `Run \`kctl local start\` without ${flags.join(', ')} to restart it as it was created. A cluster of another shape needs another KCTL_LOCAL_DIR (or this one deleted, data and all, by \`kctl local stop --purge\`).`,
    'LOCAL_CLUSTER_EXISTS',
  )
}

/**
 * Create (format) a new cluster, or restart the stopped nodes of an existing one as it was
 * created, and wait until every broker is started. Returns the state; readiness through the
 * client protocol is checked by the caller (which owns the connection layer).
 */
export async function startCluster(options: LocalStartOptions): Promise<{state: LocalClusterState; created: boolean}> {
  const {dir, progress} = options
  let state = readState(dir)
  let created = false
  if (state) checkShape(dir, state, options.requested)
  if (state && state.nodes.every((n) => isAlive(n.pid)) && (!state.oauth || isAlive(state.oauth.pid)))
    return {state, created}

  const javaMajor = await checkJava()
  if (!state) {
    const shape: LocalShape = {
      ...DEFAULT_SHAPE,
      ...Object.fromEntries(Object.entries(options.requested).filter(([, v]) => v !== undefined)),
    }
    // Before anything is made: a cluster keeps the ports it was created with.
    for (let i = 0; i < shape.brokers; i++)
      await checkPortsFree(nodePorts(shape.portBase, i), 'Stop what listens there, or pick other ports with --port.')
    if (javaMajor < 17 && majorVersion(shape.version) >= 4) {
      throw new KctlError(
        'MISSING_DEPENDENCY',
        ExitCode.failed,
        `Kafka ${shape.version} needs Java 17 or newer; found Java ${javaMajor}`,
        {hint: 'Install a Java 17+ runtime, or use --kafka-version 3.9.2.'},
      )
    }
    const runtime = await resolveKafkaRuntime(shape.version, process.env, progress)
    state = await createCluster(dir, shape, runtime)
    created = true
  }

  for (const node of state.nodes) {
    if (!created && !isAlive(node.pid))
      await checkPortsFree(
        node.ports,
        `Stop what listens there: node ${node.id} of this cluster keeps the ports it was created with.`,
      )
  }
  if (state.oauth && !isAlive(state.oauth.pid)) {
    // The brokers fetch the JWKS at start-up: the token endpoint comes first (it starts in ~100 ms).
    state.oauth.pid = await launchTokenServer(dir, state.oauth.port)
    writeState(dir, state)
  }
  const launched = state.nodes.filter((n) => !isAlive(n.pid))
  const logOffsets = new Map(launched.map((n) => [n.id, logSize(n)]))
  for (const node of launched) node.pid = launchNode(state, node)
  writeState(dir, state)
  progress?.(`Starting ${launched.length} Kafka ${state.version} node(s)…`)
  await waitForStart(launched, logOffsets, options.timeoutMs)
  return {state, created}
}

async function createCluster(dir: string, options: LocalShape, runtime: KafkaRuntime): Promise<LocalClusterState> {
  rmSync(dir, {recursive: true, force: true})
  mkdirSync(dir, {recursive: true, mode: 0o700})
  const quorum = quorumModeFor(runtime.version)
  const nodes: LocalNodeState[] = Array.from({length: options.brokers}, (_, i) => ({
    id: i + 1,
    dir: join(dir, `node-${i + 1}`),
    ports: nodePorts(options.portBase, i),
    ...(quorum === 'dynamic' ? {directoryId: randomKafkaUuid(randomBytes)} : {}),
    pid: null,
  }))
  // Every node is formatted with the same list; each takes its own entry's directory id.
  const quorumArgs = quorum === 'dynamic' ? ['--initial-controllers', initialControllers(nodes)] : []
  let users: Record<string, string> | undefined
  let secure: SecureSettings | undefined
  let oauth: LocalOAuth | undefined
  let tokenSecretKey: string | undefined
  if (options.secure) {
    await generateCertificates(dir)
    createSigningKey(dir)
    users = {admin: secret(), alice: secret(), bob: secret()}
    oauth = {port: tokenEndpointPort(options.portBase), pid: null}
    tokenSecretKey = randomBytes(32).toString('base64')
    secure = {
      truststore: join(dir, 'ca.pem'),
      keystore: join(dir, 'broker-keystore.pem'),
      plainUsers: users,
      oauthPort: oauth.port,
      tokenSecretKey,
    }
  }
  writeFileSync(join(dir, 'log4j2.yaml'), LOG4J2_YAML)
  writeFileSync(join(dir, 'log4j.properties'), LOG4J_PROPERTIES)
  const {stdout} = await run('java', ['-cp', runtime.classpath, 'kafka.tools.StorageTool', 'random-uuid'])
  const clusterId = stdout.trim().split('\n').pop()!.trim()
  const scram = users
    ? Object.entries(users).flatMap(([name, pw]) =>
        ['SCRAM-SHA-256', 'SCRAM-SHA-512'].flatMap((m) => ['--add-scram', `${m}=[name=${name},password=${pw}]`]),
      )
    : []
  await Promise.all(
    nodes.map(async (node) => {
      mkdirSync(node.dir, {recursive: true})
      const configPath = join(node.dir, 'server.properties')
      writeFileSync(configPath, formatProperties(serverProperties(node, nodes, secure, quorum)), {mode: 0o600})
      try {
        await runJava(node.dir, [
          '-cp',
          runtime.classpath,
          ...loggingFlags(dir, runtime.logging),
          'kafka.tools.StorageTool',
          'format',
          `--cluster-id=${clusterId}`,
          '-c',
          configPath,
          ...quorumArgs,
          ...scram,
        ])
      } catch (error) {
        const e = error as {stdout?: string; stderr?: string}
        throw operationError(
          `Formatting the storage of node ${node.id} failed: ${`${e.stdout ?? ''}${e.stderr ?? ''}`.trim().split('\n').slice(-3).join(' | ')}`,
          {code: 'LOCAL_FORMAT_FAILED'},
        )
      }
    }),
  )
  const state: LocalClusterState = {
    version: runtime.version,
    clusterId,
    secure: options.secure,
    portBase: options.portBase,
    classpath: runtime.classpath,
    logging: runtime.logging,
    nodes,
    quorum,
    ...(users ? {users} : {}),
    ...(tokenSecretKey ? {tokenSecretKey} : {}),
    ...(oauth ? {oauth} : {}),
    createdAt: new Date().toISOString(),
  }
  writeState(dir, state)
  if (options.secure) writeClientProperties(dir, state)
  return state
}

const secret = () => randomBytes(12).toString('base64url').replaceAll(/[-_]/g, 'x')

function loggingFlags(dir: string, logging: KafkaRuntime['logging']): string[] {
  return logging === 'log4j2'
    ? [`-Dlog4j2.configurationFile=${join(dir, 'log4j2.yaml')}`]
    : [`-Dlog4j.configuration=file:${join(dir, 'log4j.properties')}`]
}

/** Client .properties files the local-ssl, local-sasl and local-oauth contexts point at (mode 0600). */
export function writeClientProperties(
  dir: string,
  state: LocalClusterState,
): {ssl: string; sasl: string; oauth?: string} {
  const ssl = join(dir, 'client-ssl.properties')
  const sasl = join(dir, 'client-sasl.properties')
  const oauth = state.oauth ? join(dir, 'client-oauth.properties') : undefined
  if (oauth) {
    // Exactly as a Java client is configured for OIDC client credentials (KIP-768).
    writeFileSync(
      oauth,
      formatProperties({
        'security.protocol': 'SASL_SSL',
        'sasl.mechanism': 'OAUTHBEARER',
        'sasl.login.callback.handler.class':
          'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler',
        'sasl.oauthbearer.token.endpoint.url': tokenEndpointUrl(state.oauth!.port),
        'sasl.jaas.config': `org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId="admin" clientSecret="${state.users!.admin}" scope="kafka";`,
        'ssl.truststore.type': 'PEM',
        'ssl.truststore.location': join(dir, 'ca.pem'),
      }),
      {mode: 0o600},
    )
  }
  writeFileSync(
    ssl,
    formatProperties({
      'security.protocol': 'SSL',
      'ssl.truststore.type': 'PEM',
      'ssl.truststore.location': join(dir, 'ca.pem'),
      'ssl.keystore.type': 'PEM',
      'ssl.keystore.location': join(dir, 'client-keystore.pem'),
    }),
    {mode: 0o600},
  )
  writeFileSync(
    sasl,
    formatProperties({
      'security.protocol': 'SASL_SSL',
      'sasl.mechanism': 'SCRAM-SHA-512',
      'sasl.jaas.config': `org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${state.users!.admin}";`,
      'ssl.truststore.type': 'PEM',
      'ssl.truststore.location': join(dir, 'ca.pem'),
    }),
    {mode: 0o600},
  )
  return {ssl, sasl, ...(oauth ? {oauth} : {})}
}

/** Start the token endpoint as a detached process and wait until it accepts connections. */
async function launchTokenServer(dir: string, port: number): Promise<number> {
  if (!(await portFree(port))) {
    throw operationError(`Port ${port} on 127.0.0.1 (the local token endpoint) is already in use`, {
      code: 'PORT_IN_USE',
      hint: 'Stop what listens there, or pick other ports with --port.',
    })
  }
  const here = fileURLToPath(import.meta.url)
  const source = here.endsWith('.ts')
  const main = join(dirname(here), `token-server-main.${source ? 'ts' : 'js'}`)
  const log = openSync(join(dir, 'token-server.log'), 'a')
  const child = spawn(process.execPath, [...(source ? ['--import', 'tsx'] : []), main, dir, String(port)], {
    detached: true,
    stdio: ['ignore', log, log],
  })
  closeSync(log)
  child.unref()
  if (!child.pid) throw operationError('Could not start the local token endpoint', {code: 'LOCAL_START_FAILED'})
  const deadline = Date.now() + 10_000
  while (await portFree(port)) {
    if (!isAlive(child.pid) || Date.now() > deadline) {
      throw operationError('The local token endpoint did not start', {
        code: 'LOCAL_START_FAILED',
        hint: `See ${join(dir, 'token-server.log')}.`,
      })
    }
    await new Promise((r) => setTimeout(r, 25))
  }
  return child.pid
}

/**
 * Run `java` with its whole command line in a 0600 argument file (`java @file`, JDK 9+): arguments
 * that carry secrets (the SCRAM passwords of `kafka-storage format --add-scram`) stay out of
 * every process listing. The launcher expands @files only before the main class, hence all of it.
 */
async function runJava(dir: string, args: string[]): Promise<{stdout: string; stderr: string}> {
  const file = join(dir, `java-args-${randomBytes(6).toString('hex')}`)
  const quote = (a: string) => `"${a.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`
  writeFileSync(file, `${args.map(quote).join('\n')}\n`, {mode: 0o600})
  try {
    return await run('java', [`@${file}`])
  } finally {
    rmSync(file, {force: true})
  }
}

function launchNode(state: LocalClusterState, node: LocalNodeState): number {
  const clusterDir = join(node.dir, '..')
  const log = openSync(nodeLogFile(node), 'a')
  const child = spawn(
    'java',
    [
      ...JVM_FLAGS,
      ...oauthFlags(state),
      ...loggingFlags(clusterDir, state.logging),
      '-cp',
      state.classpath,
      'kafka.Kafka',
      join(node.dir, 'server.properties'),
    ],
    {detached: true, stdio: ['ignore', log, log], cwd: node.dir},
  )
  closeSync(log)
  child.unref()
  if (!child.pid) throw operationError(`Could not start the JVM for node ${node.id}`, {code: 'LOCAL_START_FAILED'})
  return child.pid
}

/** Kafka 4 reads OAuth endpoints only from URLs allowed by this system property. */
function oauthFlags(state: LocalClusterState): string[] {
  return state.oauth
    ? [
        `-Dorg.apache.kafka.sasl.oauthbearer.allowed.urls=${jwksUrl(state.oauth.port)},${tokenEndpointUrl(state.oauth.port)}`,
      ]
    : []
}

const STARTED = /Kafka Server started/

async function waitForStart(nodes: LocalNodeState[], offsets: Map<number, number>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  const pending = new Set(nodes)
  while (pending.size > 0) {
    for (const node of pending) {
      // A restarted node appends to its log: only what it wrote since this launch counts.
      if (STARTED.test(readLogFrom(node, offsets.get(node.id) ?? 0))) pending.delete(node)
      else if (!isAlive(node.pid)) {
        throw operationError(`Kafka node ${node.id} exited during start-up`, {
          code: 'LOCAL_START_FAILED',
          hint: `Last log lines: ${lastErrorLines(readLogFrom(node, offsets.get(node.id) ?? 0))} (see ${nodeLogFile(node)})`,
        })
      }
    }
    if (pending.size === 0) break
    if (Date.now() > deadline) {
      throw operationError(
        `Kafka node(s) ${[...pending].map((n) => n.id).join(', ')} did not start within ${timeoutMs}ms`,
        {
          code: 'LOCAL_START_TIMEOUT',
          hint: `See ${[...pending].map(nodeLogFile).join(', ')}, or raise --timeout.`,
        },
      )
    }
    await new Promise((r) => setTimeout(r, 250))
  }
}

function logSize(node: LocalNode): number {
  return existsSync(nodeLogFile(node)) ? readFileSync(nodeLogFile(node)).length : 0
}

function readLogFrom(node: LocalNode, offset: number): string {
  if (!existsSync(nodeLogFile(node))) return ''
  return readFileSync(nodeLogFile(node)).subarray(offset).toString('utf8')
}

function lastErrorLines(text: string): string {
  const lines = text.trim().split('\n')
  const errors = lines.filter((l) => /ERROR|Exception|Error:/.test(l))
  return (errors.length > 0 ? errors : lines).slice(-3).join(' | ').slice(0, 600)
}

/**
 * Stop nodes with SIGTERM (controlled shutdown), SIGKILL after the grace period.
 * `nodeIds` stops only those; `purge` deletes the cluster directory afterwards.
 */
export async function stopCluster(
  dir: string,
  options: {nodeIds?: number[]; purge?: boolean; graceMs?: number} = {},
): Promise<{stopped: number[]}> {
  const state = readState(dir)
  if (!state) {
    if (options.purge) rmSync(dir, {recursive: true, force: true})
    return {stopped: []}
  }
  const unknown = (options.nodeIds ?? []).filter((id) => !state.nodes.some((n) => n.id === id))
  if (unknown.length > 0)
    throw usageError(
      `No local node ${unknown.join(', ')}`,
      `Nodes are ${state.nodes.map((n) => n.id).join(', ')}.`,
      'UNKNOWN_NODE',
    )
  const targets = state.nodes.filter((n) => !options.nodeIds || options.nodeIds.includes(n.id))
  const stopped: number[] = []
  for (const n of targets) {
    if (isAlive(n.pid)) {
      process.kill(n.pid!, 'SIGTERM')
      stopped.push(n.id)
    }
  }
  const deadline = Date.now() + (options.graceMs ?? 20_000)
  while (targets.some((n) => isAlive(n.pid)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
  for (const n of targets) {
    if (isAlive(n.pid)) process.kill(n.pid!, 'SIGKILL')
  }
  while (targets.some((n) => isAlive(n.pid))) await new Promise((r) => setTimeout(r, 50))
  for (const n of targets) n.pid = null
  if (!options.nodeIds && state.oauth) {
    if (isAlive(state.oauth.pid)) process.kill(state.oauth.pid!, 'SIGTERM')
    state.oauth.pid = null
  }
  if (options.purge && !options.nodeIds) rmSync(dir, {recursive: true, force: true})
  else writeState(dir, state)
  return {stopped}
}

export function nodeLog(
  dir: string,
  nodeId: number | undefined,
  lines: number,
): {nodeId: number; file: string; lines: string[]} {
  const state = readState(dir)
  if (!state) throw usageError(`No local cluster in ${dir}`, 'Start one with `kctl local start`.', 'NO_LOCAL_CLUSTER')
  const node = nodeId === undefined ? state.nodes[0] : state.nodes.find((n) => n.id === nodeId)
  if (!node)
    throw usageError(`No local node ${nodeId}`, `Nodes are ${state.nodes.map((n) => n.id).join(', ')}.`, 'UNKNOWN_NODE')
  const text = readLogFrom(node, 0).trimEnd()
  return {nodeId: node.id, file: nodeLogFile(node), lines: text === '' ? [] : text.split('\n').slice(-lines)}
}

/** The seam command tests replace (starting JVMs is for the integration tests). */
export const localClusterService = {startCluster}
