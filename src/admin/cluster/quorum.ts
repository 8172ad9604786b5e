import type {KafkaConnection} from '../../connection/client.js'
import {KctlError, operationError, usageError} from '../../errors.js'
import {AddRaftVoterApi, type RaftVoterEndpoint, addRaftVoterRequest} from '../../protocol/add-raft-voter.js'
import {
  DescribeQuorumApi,
  type DescribeQuorumResponse,
  type QuorumReplica,
  describeQuorumRequest,
} from '../../protocol/describe-quorum.js'
import {kafkaUuid} from '../../protocol/metadata.js'
import {protocolErrorToKctl, throwIfError} from '../../protocol/protocol-error.js'
import {RemoveRaftVoterApi, removeRaftVoterRequest, uuidBytes} from '../../protocol/remove-raft-voter.js'
import {type ErrorOnlyResponse} from '../../protocol/unregister-broker.js'
import {UnregisterControllerApi, unregisterControllerRequest} from '../../protocol/unregister-controller.js'
import {clusterId} from './cluster.js'

/**
 * A follower whose last fetch is older than this (on the leader's clock) is not counted as active:
 * followers fetch all the time (every ~500 ms here), and Kafka's own controller.quorum.fetch.timeout.ms
 * is 2 s by default.
 */
export const FETCH_AGE_LIMIT_MS = 5000

export interface QuorumMember {
  id: number
  role: 'leader' | 'follower' | 'observer'
  /** The metadata log directory id, as Kafka prints it; null on a static quorum (or before DescribeQuorum v2). */
  directoryId: string | null
  logEndOffset: bigint
  /** Records behind the leader's log end offset. */
  lag: bigint
  /** Milliseconds since the member last fetched, on the leader's clock; null when unknown. */
  lastFetchAgeMs: number | null
  /** The leader and followers that fetched within FETCH_AGE_LIMIT_MS. */
  active: boolean
  /** Controller endpoints (NAME://host:port) the quorum knows: voters only (DescribeQuorum lists no observer endpoints). */
  endpoints: string[]
}

export interface QuorumState {
  leaderId: number
  leaderEpoch: number
  highWatermark: bigint
  /** Dynamic (KIP-853, kraft.version 1): voters carry directory ids and can be added and removed. */
  dynamic: boolean
  voters: QuorumMember[]
  observers: QuorumMember[]
  /** Endpoints by node id (DescribeQuorum v2 `nodes`). */
  endpoints: Record<number, RaftVoterEndpoint[]>
}

export function quorumState(res: DescribeQuorumResponse): QuorumState {
  throwIfError(res.errorCode, res.errorMessage, 'DescribeQuorum')
  const p = res.topics[0]?.partitions[0]
  if (!p) throw protocolErrorToKctl(-1, 'empty DescribeQuorum response', 'DescribeQuorum')
  throwIfError(p.errorCode, p.errorMessage, 'DescribeQuorum')
  const endpoints: Record<number, RaftVoterEndpoint[]> = {}
  for (const n of res.nodes) endpoints[n.nodeId] = n.listeners
  const leader = p.currentVoters.find((v) => v.replicaId === p.leaderId)
  const leaderEnd = leader?.logEndOffset ?? p.highWatermark
  const now = leader && leader.lastCaughtUpTimestamp > 0n ? leader.lastCaughtUpTimestamp : null
  const member = (r: QuorumReplica, voter: boolean): QuorumMember => {
    const isLeader = voter && r.replicaId === p.leaderId
    const age = now !== null && r.lastFetchTimestamp >= 0n ? Number(now - r.lastFetchTimestamp) : null
    return {
      id: r.replicaId,
      role: isLeader ? 'leader' : voter ? 'follower' : 'observer',
      directoryId: r.replicaDirectoryId === null ? null : kafkaUuid(r.replicaDirectoryId),
      logEndOffset: r.logEndOffset,
      lag: r.logEndOffset >= 0n && leaderEnd > r.logEndOffset ? leaderEnd - r.logEndOffset : 0n,
      lastFetchAgeMs: isLeader ? 0 : age,
      active: isLeader || (age !== null && age <= FETCH_AGE_LIMIT_MS),
      endpoints: (endpoints[r.replicaId] ?? []).map((e) => `${e.name}://${e.host}:${e.port}`),
    }
  }
  const voters = p.currentVoters.map((v) => member(v, true)).sort((a, b) => a.id - b.id)
  return {
    leaderId: p.leaderId,
    leaderEpoch: p.leaderEpoch,
    highWatermark: p.highWatermark,
    dynamic: voters.length > 0 && voters.every((v) => v.directoryId !== null),
    voters,
    observers: p.observers.map((o) => member(o, false)).sort((a, b) => a.id - b.id),
    endpoints,
  }
}

/** The KRaft quorum with directory ids and endpoints (DescribeQuorum, forwarded to the quorum leader). */
export async function describeQuorum(conn: KafkaConnection): Promise<QuorumState> {
  const res = await conn.request(await conn.anyBroker(), DescribeQuorumApi, (version, Encoder) =>
    describeQuorumRequest(version, Encoder),
  )
  return quorumState(res)
}

function requireDynamic(q: QuorumState): void {
  if (q.dynamic) return
  throw operationError(
    'The KRaft quorum is static (controller.quorum.voters, kraft.version 0): its voters cannot be added or removed',
    {
      code: 'STATIC_QUORUM',
      hint: 'Voters change only on a dynamic quorum (KIP-853): one formatted with `kafka-storage format --initial-controllers` or `--standalone` and run with controller.quorum.bootstrap.servers, or one whose kraft.version feature was upgraded to 1.',
    },
  )
}

export interface RemoveControllerPlan {
  clusterId: string
  controller: number
  directoryId: string
  leader: number
  votersBefore: number[]
  votersAfter: number[]
  /** Things an operator should know before going on (printed, and in JSON). */
  notes: string[]
}

const majority = (n: number) => Math.floor(n / 2) + 1

/**
 * Check that the controller can go: a voter (with this directory id, when given), not the last
 * one, and the voters that stay hold a majority of caught-up members (else the new voter set
 * could not commit, or the quorum would stop right after). Throws exit 2 before any change.
 */
export function planRemoval(
  q: QuorumState,
  cluster: string,
  req: {controller: number; directoryId?: string; unregister?: boolean},
): RemoveControllerPlan {
  requireDynamic(q)
  const voter = q.voters.find((v) => v.id === req.controller)
  const voterIds = q.voters.map((v) => v.id)
  if (!voter) {
    const observer = q.observers.some((o) => o.id === req.controller)
    throw usageError(
      `Controller ${req.controller} is not a voter of the KRaft quorum${observer ? ' (it is an observer)' : ''}`,
      `The voters are ${voterIds.join(', ')}; see \`kctl cluster quorum describe\`.`,
      'NOT_A_VOTER',
    )
  }
  if (req.directoryId !== undefined && req.directoryId !== voter.directoryId)
    throw usageError(
      `Voter ${req.controller} has directory id ${voter.directoryId}, not ${req.directoryId}`,
      'Leave out --controller-directory-id to remove the voter the quorum lists, or check `kctl cluster quorum describe`.',
      'DIRECTORY_ID_MISMATCH',
    )
  if (q.voters.length === 1)
    throw usageError(
      `Controller ${req.controller} is the only voter: removing it would leave the quorum without any`,
      'Add another controller first (`kctl cluster quorum add-controller`), then remove this one.',
      'QUORUM_MAJORITY',
    )
  if (req.unregister && voter.active)
    throw usageError(
      `Controller ${req.controller} is running (${voter.role === 'leader' ? 'the quorum leader' : `it fetched ${voter.lastFetchAgeMs}ms ago`}): unregistered, it would register again at once`,
      'Stop the controller first, then remove and unregister it; or leave out --unregister to make it an observer.',
      'CONTROLLER_STILL_RUNNING',
    )
  const staying = q.voters.filter((v) => v.id !== req.controller)
  const active = staying.filter((v) => v.active)
  if (active.length < majority(staying.length))
    throw usageError(
      `Removing controller ${req.controller} would leave ${staying.length} voter(s) (${staying.map((v) => v.id).join(', ')}) of which only ${active.length} ${active.length === 1 ? 'is' : 'are'} caught up: no majority`,
      `A quorum of ${staying.length} needs ${majority(staying.length)} caught-up voters. Start the stopped controllers and wait until they fetch again (\`kctl cluster quorum describe\`), or remove a voter that is down instead.`,
      'QUORUM_MAJORITY',
    )
  const notes: string[] = []
  if (staying.length % 2 === 0 || staying.length === 1)
    notes.push(
      `${staying.length} voter(s) tolerate ${staying.length - majority(staying.length)} failure(s): the quorum stops if ${staying.length === 1 ? `controller ${staying[0].id}` : 'one more voter'} goes down.`,
    )
  if (voter.role === 'leader')
    notes.push(`Controller ${voter.id} is the quorum leader: it resigns once the new voter set is committed.`)
  return {
    clusterId: cluster,
    controller: voter.id,
    directoryId: voter.directoryId!,
    leader: q.leaderId,
    votersBefore: voterIds,
    votersAfter: staying.map((v) => v.id),
    notes,
  }
}

export async function planRemoveController(
  conn: KafkaConnection,
  req: {controller: number; directoryId?: string; unregister?: boolean},
): Promise<RemoveControllerPlan> {
  // One after the other: two first requests at once on a fresh connection race its bootstrap.
  const q = await describeQuorum(conn)
  const cluster = await clusterId(conn)
  const plan = planRemoval(q, cluster, req)
  // Checked before anything changes: a removal must not stop half-way for want of this API.
  if (req.unregister && !(await conn.anyBroker()).versions?.[UnregisterControllerApi.apiKey])
    throw usageError(
      'This cluster has no UnregisterController API (API 94; Kafka 4.4 has it, 3.9 does not)',
      'Leave out --unregister: the controller is then only removed from the voters.',
      'UNSUPPORTED_VERSION',
    )
  return plan
}

const QUORUM_HINTS: Record<string, string> = {
  VOTER_NOT_FOUND: 'The voter set changed meanwhile; see `kctl cluster quorum describe`.',
  DUPLICATE_VOTER: 'The controller is already a voter; see `kctl cluster quorum describe`.',
  INVALID_VOTER_KEY: 'The directory id does not match the one the node runs with; see `kctl cluster quorum describe`.',
  REQUEST_TIMED_OUT:
    'The leader could not finish the change in time (a new voter must be running and caught up with the metadata log). Check `kctl cluster quorum describe` and try again.',
  UNSUPPORTED_VERSION: 'The quorum does not support changing its voters (kraft.version 0, or a controller too old).',
  INCONSISTENT_CLUSTER_ID: 'The cluster id kctl sent does not match the quorum.',
}

function throwQuorumError(res: ErrorOnlyResponse, what: string): void {
  if (res.errorCode === 0) return
  const error = protocolErrorToKctl(res.errorCode, res.errorMessage, what)
  const hint = QUORUM_HINTS[String(error.code)]
  throw hint ? new KctlError(error.code, error.exitCode, error.message, {hint}) : error
}

/** Poll DescribeQuorum until `done` holds (the leader answers once the change is committed; followers may lag). */
async function waitForQuorum(
  conn: KafkaConnection,
  done: (q: QuorumState) => boolean,
  timeoutMs: number,
  what: string,
): Promise<QuorumState> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const q = await describeQuorum(conn)
    if (done(q)) return q
    if (Date.now() > deadline)
      throw operationError(`Kafka accepted the change, but ${what} did not show within ${timeoutMs}ms`, {
        code: 'QUORUM_CHANGE_PENDING',
        hint: 'Check `kctl cluster quorum describe`.',
      })
    await new Promise((r) => setTimeout(r, 200))
  }
}

/** RemoveRaftVoter (forwarded by any broker to the quorum leader), then wait until the voter set shows it. */
export async function removeController(
  conn: KafkaConnection,
  plan: RemoveControllerPlan,
  options: {timeoutMs?: number} = {},
): Promise<QuorumState> {
  const res = await conn.request(await conn.anyBroker(), RemoveRaftVoterApi, (version, Encoder) =>
    removeRaftVoterRequest(
      version,
      {clusterId: plan.clusterId, voterId: plan.controller, voterDirectoryId: uuidBytes(plan.directoryId)},
      Encoder,
    ),
  )
  throwQuorumError(res, `RemoveRaftVoter (controller ${plan.controller})`)
  return waitForQuorum(
    conn,
    (q) => !q.voters.some((v) => v.id === plan.controller),
    options.timeoutMs ?? 30_000,
    `controller ${plan.controller} leaving the voters`,
  )
}

/**
 * UnregisterController (API 94: Kafka 4.4 has it, 3.9 does not): drops the controller's registration from the metadata
 * (what `kafka-metadata-quorum remove-controller --unregister` does after the removal).
 */
export async function unregisterController(conn: KafkaConnection, controller: number): Promise<void> {
  const res = await conn.request(await conn.anyBroker(), UnregisterControllerApi, (version, Encoder) =>
    unregisterControllerRequest(version, controller, Encoder),
  )
  throwQuorumError(res, `UnregisterController (controller ${controller})`)
}

export interface AddControllerPlan {
  clusterId: string
  controller: number
  directoryId: string
  endpoints: RaftVoterEndpoint[]
  /** Where the directory id came from: the observer the quorum lists, or --controller-directory-id. */
  directoryIdFrom: 'observer' | 'flag'
  votersBefore: number[]
  votersAfter: number[]
}

/**
 * Check that the controller can be added: not a voter yet, an observer of the quorum (its
 * directory id from there unless given), and endpoints to reach it. DescribeQuorum lists no
 * endpoints for observers, so those come from --endpoint unless the quorum knows the node.
 */
export function planAddition(
  q: QuorumState,
  cluster: string,
  req: {controller: number; directoryId?: string; endpoints?: RaftVoterEndpoint[]},
): AddControllerPlan {
  requireDynamic(q)
  const voterIds = q.voters.map((v) => v.id)
  if (voterIds.includes(req.controller))
    throw usageError(
      `Controller ${req.controller} is already a voter of the KRaft quorum`,
      `The voters are ${voterIds.join(', ')}.`,
      'ALREADY_A_VOTER',
    )
  const observer = q.observers.find((o) => o.id === req.controller)
  if (!observer && req.directoryId === undefined)
    throw usageError(
      `Node ${req.controller} is not an observer of the KRaft quorum`,
      `Start it as a controller (process.roles with controller, controller.quorum.bootstrap.servers) and wait until it fetches; observers now: ${q.observers.map((o) => o.id).join(', ') || 'none'}. Or pass its --controller-directory-id.`,
      'NOT_AN_OBSERVER',
    )
  if (observer && req.directoryId !== undefined && observer.directoryId !== req.directoryId)
    throw usageError(
      `Observer ${req.controller} runs with directory id ${observer.directoryId}, not ${req.directoryId}`,
      'Leave out --controller-directory-id to use the one the quorum lists.',
      'DIRECTORY_ID_MISMATCH',
    )
  const directoryId = req.directoryId ?? observer?.directoryId
  if (!directoryId)
    throw usageError(
      `The quorum lists no directory id for observer ${req.controller}`,
      'Pass --controller-directory-id (the directory.id in meta.properties of its metadata log directory).',
      'MISSING_FLAG',
    )
  const endpoints = req.endpoints && req.endpoints.length > 0 ? req.endpoints : (q.endpoints[req.controller] ?? [])
  if (endpoints.length === 0)
    throw usageError(
      `Say how the quorum reaches controller ${req.controller}: --endpoint NAME://host:port`,
      "Kafka's DescribeQuorum lists no endpoints for observers: pass the node's controller listener, e.g. --endpoint CONTROLLER://host:9093 (as in its controller.listener.names and listeners).",
      'MISSING_FLAG',
    )
  return {
    clusterId: cluster,
    controller: req.controller,
    directoryId,
    endpoints,
    directoryIdFrom: req.directoryId === undefined ? 'observer' : 'flag',
    votersBefore: voterIds,
    votersAfter: [...voterIds, req.controller].sort((a, b) => a - b),
  }
}

export async function planAddController(
  conn: KafkaConnection,
  req: {controller: number; directoryId?: string; endpoints?: RaftVoterEndpoint[]},
): Promise<AddControllerPlan> {
  // One after the other: two first requests at once on a fresh connection race its bootstrap.
  const q = await describeQuorum(conn)
  const cluster = await clusterId(conn)
  return planAddition(q, cluster, req)
}

/** AddRaftVoter (forwarded by any broker to the quorum leader; answered once committed), then wait until it shows. */
export async function addController(
  conn: KafkaConnection,
  plan: AddControllerPlan,
  options: {timeoutMs?: number} = {},
): Promise<QuorumState> {
  const timeoutMs = options.timeoutMs ?? 30_000
  const res = await conn.request(await conn.anyBroker(), AddRaftVoterApi, (version, Encoder) =>
    addRaftVoterRequest(
      version,
      {
        clusterId: plan.clusterId,
        timeoutMs,
        voterId: plan.controller,
        voterDirectoryId: uuidBytes(plan.directoryId),
        listeners: plan.endpoints,
      },
      Encoder,
    ),
  )
  throwQuorumError(res, `AddRaftVoter (controller ${plan.controller})`)
  return waitForQuorum(
    conn,
    (q) => q.voters.some((v) => v.id === plan.controller),
    timeoutMs,
    `controller ${plan.controller} among the voters`,
  )
}

/** The service object commands call (command tests replace its functions). */
export const quorumService = {
  describeQuorum,
  planRemoveController,
  removeController,
  unregisterController,
  planAddController,
  addController,
}
