import type {KafkaEncoder} from './kafkajs-internals.js'
import {decodeErrorOnlyResponse} from './unregister-broker.js'
import {type ApiSpec, buildRequest, flex} from './wire.js'

/**
 * RemoveRaftVoter (API 81, KIP-853): removes a voter (id and metadata directory id) from a dynamic
 * KRaft quorum. Kafka's Admin sends it to any broker, which forwards it to the quorum leader; the
 * answer comes once the new voter set is committed.
 */
export const RemoveRaftVoterApi: ApiSpec = {
  apiKey: 81,
  apiName: 'RemoveRaftVoter',
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
}

export interface RemoveRaftVoterRequest {
  /** Checked by the leader when not null (INCONSISTENT_CLUSTER_ID otherwise). */
  clusterId: string | null
  voterId: number
  /** The voter's metadata log directory id, 16 bytes. */
  voterDirectoryId: Buffer
}

/** The 16 bytes of a Kafka Uuid in its printed form (URL-safe base64 without padding, 22 characters). */
export function uuidBytes(uuid: string): Buffer {
  const bytes = Buffer.from(uuid, 'base64url')
  if (bytes.length !== 16 || bytes.toString('base64url') !== uuid) throw new RangeError(`Not a Kafka Uuid: ${uuid}`)
  return bytes
}

export function encodeRemoveRaftVoter(e: KafkaEncoder, req: RemoveRaftVoterRequest): void {
  flex.nullableString(e, req.clusterId)
  e.writeInt32(req.voterId)
  e.writeBuffer(req.voterDirectoryId)
  flex.tags(e)
}

export function removeRaftVoterRequest(version: number, req: RemoveRaftVoterRequest, Encoder: new () => KafkaEncoder) {
  return buildRequest({
    api: RemoveRaftVoterApi,
    version,
    Encoder,
    encode: (e) => encodeRemoveRaftVoter(e, req),
    decode: decodeErrorOnlyResponse,
  })
}
