import type {KafkaEncoder} from './kafkajs-internals.js'
import {type ApiSpec, type Reader, buildRequest, flex, int64} from './wire.js'

/**
 * ListTransactions (API 66, KIP-664): the transactional ids a broker coordinates. v1 adds a
 * minimum-duration filter (KIP-994), v2 a transactional-id regular expression (KIP-1152).
 * Every version is flexible.
 */
export const ListTransactionsApi: ApiSpec = {
  apiKey: 66,
  apiName: 'ListTransactions',
  minVersion: 0,
  maxVersion: 2,
  flexibleVersion: 0,
}

export interface ListTransactionsRequest {
  stateFilters: string[]
  producerIdFilters: bigint[]
  /** v1+: only transactions running longer than this many ms (-1: no filter). */
  durationFilterMs?: bigint
  /** v2+: a Java regular expression over transactional ids (null: no filter). */
  transactionalIdPattern?: string | null
}

export interface ListedTransaction {
  transactionalId: string
  producerId: bigint
  transactionState: string
}

export interface ListTransactionsResponse {
  throttleTimeMs: number
  errorCode: number
  unknownStateFilters: string[]
  transactions: ListedTransaction[]
}

export function encodeListTransactions(e: KafkaEncoder, version: number, req: ListTransactionsRequest): void {
  flex.array(e, req.stateFilters, (e, s) => flex.string(e, s))
  flex.array(e, req.producerIdFilters, (e, id) => int64(e, id))
  if (version >= 1) int64(e, req.durationFilterMs ?? -1n)
  if (version >= 2) flex.nullableString(e, req.transactionalIdPattern ?? null)
  flex.tags(e)
}

export function decodeListTransactions(r: Reader): ListTransactionsResponse {
  const throttleTimeMs = r.int32()
  const errorCode = r.int16()
  const unknownStateFilters = r.compactArray((x) => x.compactString())
  const transactions = r.compactArray((t) => {
    const listed = {transactionalId: t.compactString(), producerId: t.int64(), transactionState: t.compactString()}
    t.taggedFields()
    return listed
  })
  r.taggedFields()
  return {throttleTimeMs, errorCode, unknownStateFilters, transactions}
}

export function listTransactionsRequest(
  version: number,
  req: ListTransactionsRequest,
  Encoder: new () => KafkaEncoder,
) {
  return buildRequest({
    api: ListTransactionsApi,
    version,
    Encoder,
    encode: (e) => encodeListTransactions(e, version, req),
    decode: decodeListTransactions,
  })
}
