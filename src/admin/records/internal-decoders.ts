import {TRANSACTION_STATES} from '../../protocol/describe-transactions.js'
import {Reader} from '../../protocol/wire.js'

export type InternalDecoder = 'offsets' | 'transactions'

/**
 * `consume --decode`: the records of `__consumer_offsets` and `__transaction_state` as JSON, per
 * the group and transaction coordinators' record schemas (OffsetCommitKey/Value v0-v4,
 * GroupMetadataKey/Value v0-v4, TransactionLogKey/Value v0-v1). A null value is a tombstone
 * (`deleted: true`); record types kctl does not know keep their raw form and say so.
 */
export function decodeInternal(
  decoder: InternalDecoder,
  key: Buffer | null,
  value: Buffer | null,
): Record<string, unknown> {
  if (!key || key.length < 2) return {type: 'unknown'}
  try {
    return decoder === 'offsets' ? decodeOffsetsRecord(key, value) : decodeTransactionRecord(key, value)
  } catch (error) {
    return {type: 'undecodable', error: (error as Error).message}
  }
}

function decodeOffsetsRecord(key: Buffer, value: Buffer | null): Record<string, unknown> {
  const k = new Reader(key)
  const keyVersion = k.int16()
  if (keyVersion <= 1) {
    const out: Record<string, unknown> = {
      type: 'offset-commit',
      group: k.string(),
      topic: k.string(),
      partition: k.int32(),
    }
    if (!value) return {...out, deleted: true}
    const v = new Reader(value)
    const version = v.int16()
    const offset = v.int64()
    const leaderEpoch = version >= 3 ? v.int32() : -1
    const metadata = version >= 4 ? v.compactString() : v.string()
    const commitTimestamp = Number(v.int64())
    const expireTimestamp = version === 1 ? Number(v.int64()) : null
    return {...out, offset, leaderEpoch, metadata, commitTimestamp, expireTimestamp}
  }
  if (keyVersion === 2) {
    const out: Record<string, unknown> = {type: 'group-metadata', group: k.string()}
    if (!value) return {...out, deleted: true}
    const v = new Reader(value)
    const version = v.int16()
    const flexible = version >= 4
    const str = () => (flexible ? v.compactNullableString() : v.nullableString())
    const protocolType = str()
    const generation = v.int32()
    const protocol = str()
    const leader = str()
    const currentStateTimestamp = version >= 2 ? Number(v.int64()) : null
    const count = flexible ? v.uvarint() - 1 : v.int32()
    return {...out, protocolType, generation, protocol, leader, currentStateTimestamp, members: Math.max(0, count)}
  }
  // KIP-848 coordinator records (consumer groups, share groups, streams): keyed by group id.
  return {
    type: `coordinator-record-${keyVersion}`,
    group: k.remaining >= 2 ? k.string() : null,
    deleted: value === null,
  }
}

function decodeTransactionRecord(key: Buffer, value: Buffer | null): Record<string, unknown> {
  const k = new Reader(key)
  k.int16()
  const out: Record<string, unknown> = {type: 'transaction', transactionalId: k.string()}
  if (!value) return {...out, deleted: true}
  const v = new Reader(value)
  const flexible = v.int16() >= 1
  const producerId = v.int64()
  const producerEpoch = v.int16()
  const transactionTimeoutMs = v.int32()
  const status = v.int8()
  const readPartitions = () =>
    flexible
      ? v.compactArray((t) => {
          const p = {topic: t.compactString(), partitions: t.compactArray((x) => x.int32())}
          t.taggedFields()
          return p
        })
      : v.array((t) => ({topic: t.string(), partitions: t.array((x) => x.int32())}))
  const n = flexible ? v.uvarint() - 1 : v.int32()
  let partitions: {topic: string; partitions: number[]}[] | null = null
  if (n >= 0) {
    // Re-read with the length known: rewind the count and use the array reader.
    v.offset -= flexible ? varintSize(n + 1) : 4
    partitions = readPartitions()
  }
  return {
    ...out,
    producerId,
    producerEpoch,
    transactionTimeoutMs,
    state: TRANSACTION_STATES[status] ?? `Unknown(${status})`,
    partitions,
    lastUpdateTimestamp: Number(v.int64()),
    startTimestamp: Number(v.int64()),
  }
}

function varintSize(n: number): number {
  let size = 1
  while (n >= 0x80) {
    n = Math.floor(n / 0x80)
    size++
  }
  return size
}
