import type {KafkaEncoder} from './kafkajs-internals.js'
import {writeTopicPartitions} from './topic-partitions.js'
import {type ApiSpec, type Reader, buildRequest, isFlexible, flex} from './wire.js'

/**
 * DescribeLogDirs (API 35): the log directories of the broker that receives it, with the size of
 * every replica it holds. v1 is the oldest Kafka 4.x accepts; v2+ are flexible; v4 adds the
 * directory's total and usable bytes, v5 whether it is cordoned.
 */
export const DescribeLogDirsApi: ApiSpec = {
  apiKey: 35,
  apiName: 'DescribeLogDirs',
  minVersion: 1,
  maxVersion: 5,
  flexibleVersion: 2,
}

/** null = every topic. */
export type DescribeLogDirsRequest = {topic: string; partitions: number[]}[] | null

export interface LogDirPartition {
  partitionIndex: number
  partitionSize: bigint
  /** How far a future replica (being moved between directories) trails the current one. */
  offsetLag: bigint
  isFutureKey: boolean
}

export interface LogDirResult {
  errorCode: number
  logDir: string
  topics: {name: string; partitions: LogDirPartition[]}[]
  /** v4+, -1 when unknown. */
  totalBytes: bigint
  usableBytes: bigint
  /** v5+. */
  isCordoned: boolean
}

export interface DescribeLogDirsResponse {
  throttleTimeMs: number
  /** v3+, 0 before. */
  errorCode: number
  results: LogDirResult[]
}

export function encodeDescribeLogDirs(e: KafkaEncoder, version: number, topics: DescribeLogDirsRequest): void {
  writeTopicPartitions(e, isFlexible(DescribeLogDirsApi, version), topics)
  if (isFlexible(DescribeLogDirsApi, version)) flex.tags(e)
}

export function decodeDescribeLogDirs(r: Reader, version: number): DescribeLogDirsResponse {
  const flexible = isFlexible(DescribeLogDirsApi, version)
  const str = () => (flexible ? r.compactString() : r.string())
  const arr = <T>(read: () => T): T[] => (flexible ? r.compactArray(read) : r.array(read))
  const tags = () => {
    if (flexible) r.taggedFields()
  }
  const throttleTimeMs = r.int32()
  const errorCode = version >= 3 ? r.int16() : 0
  const results = arr(() => {
    const errorCode = r.int16()
    const logDir = str()
    const topics = arr(() => {
      const name = str()
      const partitions = arr(() => {
        const p = {partitionIndex: r.int32(), partitionSize: r.int64(), offsetLag: r.int64(), isFutureKey: r.bool()}
        tags()
        return p
      })
      tags()
      return {name, partitions}
    })
    const totalBytes = version >= 4 ? r.int64() : -1n
    const usableBytes = version >= 4 ? r.int64() : -1n
    const isCordoned = version >= 5 ? r.bool() : false
    tags()
    return {errorCode, logDir, topics, totalBytes, usableBytes, isCordoned}
  })
  tags()
  return {throttleTimeMs, errorCode, results}
}

export function describeLogDirsRequest(
  version: number,
  topics: DescribeLogDirsRequest,
  Encoder: new () => KafkaEncoder,
) {
  return buildRequest({
    api: DescribeLogDirsApi,
    version,
    Encoder,
    encode: (e) => encodeDescribeLogDirs(e, version, topics),
    decode: (r) => decodeDescribeLogDirs(r, version),
  })
}
