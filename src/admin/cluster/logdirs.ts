import type {KafkaConnection} from '../../connection/client.js'
import {
  DescribeLogDirsApi,
  type DescribeLogDirsRequest,
  describeLogDirsRequest,
} from '../../protocol/describe-log-dirs.js'
import {errorName} from '../../protocol/error-codes.js'
import {throwIfError} from '../../protocol/protocol-error.js'
import {onEachBroker} from '../degraded.js'
import {liveBrokerIds, requireBrokers} from './live-brokers.js'
import {partitionStates} from '../topics/partition-state.js'
import {appendTo} from '../multimap.js'

export interface LogDirSummary {
  broker: number
  path: string
  /** null when the directory is fine; else Kafka's error name (e.g. KAFKA_STORAGE_ERROR). */
  error: string | null
  /** Sum of the replica sizes in this directory (of the requested topics). */
  sizeBytes: number
  /** The volume's total and usable bytes (Kafka 3.3+), null when the broker does not say. */
  totalBytes: number | null
  usableBytes: number | null
  replicas: number
}

export interface ReplicaLogDir {
  broker: number
  path: string
  topic: string
  partition: number
  sizeBytes: number
  /** For a future replica (moving between directories): how far it trails the current one. */
  offsetLag: number
  future: boolean
}

export interface LogDirsReport {
  logDirs: LogDirSummary[]
  /** Largest first; ties by topic, partition, broker. */
  replicas: ReplicaLogDir[]
}

/**
 * DescribeLogDirs (API 35) on each broker (one request per broker, in parallel): every log
 * directory and the size of each replica in it. `topics` limits the replicas (they must exist).
 */
export async function describeLogDirs(
  conn: KafkaConnection,
  options: {brokers?: number[]; topics?: string[]; tolerant?: boolean} = {},
): Promise<LogDirsReport> {
  const brokers =
    options.brokers === undefined ? await liveBrokerIds(conn) : await requireBrokers(conn, options.brokers)
  let request: DescribeLogDirsRequest = null
  if (options.topics?.length) {
    const byTopic = new Map<string, number[]>()
    for (const s of await partitionStates(conn, options.topics)) appendTo(byTopic, s.topic, s.partition)
    request = [...byTopic.entries()].map(([topic, partitions]) => ({topic, partitions}))
  }
  return toReport(await askBrokers(conn, brokers, request, options.tolerant ?? false))
}

/**
 * One DescribeLogDirs per broker, in parallel. A broker that cannot be reached is left out with a
 * warning; with `tolerateDenied` (sizes as extra information) so is a broker that denies it.
 */
async function askBrokers(
  conn: KafkaConnection,
  brokers: number[],
  request: DescribeLogDirsRequest,
  tolerateDenied: boolean,
) {
  const answers = await onEachBroker(
    conn,
    brokers,
    'its log directories and sizes are missing',
    async (broker, id) => {
      const res = await conn.request(broker, DescribeLogDirsApi, (v, Encoder) =>
        describeLogDirsRequest(v, request, Encoder),
      )
      throwIfError(res.errorCode, null, `DescribeLogDirs (DESCRIBE on the CLUSTER) on broker ${id}`)
      return res
    },
    {denied: tolerateDenied},
  )
  return brokers.filter((id) => answers.has(id)).map((id) => ({id, res: answers.get(id)!}))
}

function toReport(perBroker: Awaited<ReturnType<typeof askBrokers>>, sorted = true): LogDirsReport {
  const logDirs: LogDirSummary[] = []
  const replicas: ReplicaLogDir[] = []
  for (const {id, res} of perBroker) {
    for (const dir of res.results) {
      const summary: LogDirSummary = {
        broker: id,
        path: dir.logDir,
        error: dir.errorCode === 0 ? null : errorName(dir.errorCode),
        sizeBytes: 0,
        totalBytes: dir.totalBytes < 0n ? null : Number(dir.totalBytes),
        usableBytes: dir.usableBytes < 0n ? null : Number(dir.usableBytes),
        replicas: 0,
      }
      for (const t of dir.topics) {
        for (const p of t.partitions) {
          const sizeBytes = Number(p.partitionSize)
          replicas.push({
            broker: id,
            path: dir.logDir,
            topic: t.name,
            partition: p.partitionIndex,
            sizeBytes,
            offsetLag: Number(p.offsetLag),
            future: p.isFutureKey,
          })
          summary.sizeBytes += sizeBytes
          summary.replicas++
        }
      }
      logDirs.push(summary)
    }
  }
  if (!sorted) return {logDirs, replicas}
  logDirs.sort((a, b) => a.broker - b.broker || a.path.localeCompare(b.path))
  replicas.sort(
    (a, b) =>
      b.sizeBytes - a.sizeBytes || a.topic.localeCompare(b.topic) || a.partition - b.partition || a.broker - b.broker,
  )
  return {logDirs, replicas}
}

export interface PartitionSize {
  topic: string
  partition: number
  /** The largest replica's size (the leader's, normally). */
  sizeBytes: number
  /** Every replica together (disk used across the cluster). */
  totalBytes: number
}

/**
 * Size of each partition of `topics`, for `topics describe`'s size column: one DescribeLogDirs
 * per broker. Future replicas (moves between directories) are not counted twice. `known` skips
 * the Metadata lookup (the caller has it), asks only those brokers and leaves the list unsorted.
 */
export async function partitionSizes(
  conn: KafkaConnection,
  topics: string[],
  known?: {partitions: {topic: string; partitions: number[]}[]; brokers: number[]},
): Promise<PartitionSize[]> {
  // With the partitions and brokers known (topics describe), no Metadata first, and a broker that does not answer leaves sizes out rather than failing.
  const {replicas} = known
    ? toReport(await askBrokers(conn, known.brokers, known.partitions, true), false)
    : await describeLogDirs(conn, {topics})
  const sizes = new Map<string, PartitionSize>()
  for (const r of replicas) {
    if (r.future) continue
    const key = `${r.topic}\u0000${r.partition}`
    const s = sizes.get(key) ?? {topic: r.topic, partition: r.partition, sizeBytes: 0, totalBytes: 0}
    s.sizeBytes = Math.max(s.sizeBytes, r.sizeBytes)
    s.totalBytes += r.sizeBytes
    sizes.set(key, s)
  }
  return known
    ? [...sizes.values()]
    : [...sizes.values()].sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition)
}

/** The service object commands call (command tests replace its functions). */
export const logDirsService = {describeLogDirs, partitionSizes}
