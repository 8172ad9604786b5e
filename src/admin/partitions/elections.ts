import type {KafkaConnection} from '../../connection/client.js'
import {ElectLeadersApi, electLeadersRequest} from '../../protocol/elect-leaders.js'
import {errorName} from '../../protocol/error-codes.js'
import {throwIfError} from '../../protocol/protocol-error.js'
import type {TopicPartitionsSpec} from '../../input/topic-partitions.js'
import {byTopicPartition, partitionStates, resolveTopicPartitions} from '../topics/partition-state.js'
import {appendTo} from '../multimap.js'

export type ElectionKind = 'preferred' | 'unclean'

export interface ElectionResult {
  topic: string
  partition: number
  /** elected: leadership moved; not-needed: the leader already was the one asked for; failed: see error. */
  result: 'elected' | 'not-needed' | 'failed'
  error: string | null
  message: string | null
  /** The leader after the election (from a fresh Metadata request). */
  leader: number | null
}

const ELECTION_NOT_NEEDED = 84

/**
 * ElectLeaders (API 43) in one request for all `partitions` (null = every partition of the
 * cluster). The partitions must exist: resolveElectionTargets checks them first.
 */
export async function electLeaders(
  conn: KafkaConnection,
  kind: ElectionKind,
  partitions: {topic: string; partition: number}[] | null,
  timeoutMs: number,
): Promise<ElectionResult[]> {
  const byTopic = new Map<string, number[]>()
  for (const p of partitions ?? []) appendTo(byTopic, p.topic, p.partition)
  const broker = await conn.anyBroker()
  const res = await conn.request(broker, ElectLeadersApi, (v, Encoder) =>
    electLeadersRequest(
      v,
      {
        electionType: kind === 'preferred' ? 0 : 1,
        topicPartitions: partitions === null ? null : [...byTopic].map(([topic, ps]) => ({topic, partitions: ps})),
        timeoutMs,
      },
      Encoder,
    ),
  )
  throwIfError(res.errorCode, null, 'ElectLeaders')
  const leaders = new Map((await partitionStates(conn)).map((s) => [`${s.topic}:${s.partition}`, s.leader]))
  return res.results
    .flatMap((t) =>
      t.partitions.map((p) => ({
        topic: t.topic,
        partition: p.partitionId,
        result:
          p.errorCode === 0
            ? ('elected' as const)
            : p.errorCode === ELECTION_NOT_NEEDED
              ? ('not-needed' as const)
              : ('failed' as const),
        error: p.errorCode === 0 || p.errorCode === ELECTION_NOT_NEEDED ? null : errorName(p.errorCode),
        message: p.errorCode === 0 ? null : p.errorMessage,
        leader: leaders.get(`${t.topic}:${p.partitionId}`) ?? null,
      })),
    )
    .sort(byTopicPartition)
}

/**
 * The partitions an election names, checked against the cluster (exit 2 for unknown topics or
 * partitions): `--topic` specs (no partitions = all of the topic) or a file's exact list.
 */
export async function resolveElectionTargets(
  conn: KafkaConnection,
  specs: TopicPartitionsSpec[] | undefined,
  exact: {topic: string; partition: number}[] | undefined,
): Promise<{topic: string; partition: number}[]> {
  return (await resolveTopicPartitions(conn, specs ?? exact!.map((p) => ({topic: p.topic, partitions: [p.partition]}))))
    .targets
}

/** The service object commands call (command tests replace its functions). */
export const electionsService = {electLeaders, resolveElectionTargets}
