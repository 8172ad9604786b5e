import type {KafkaEncoder} from './kafkajs-internals.js'
import {decodeErrorOnlyResponse} from './unregister-broker.js'
import {type ApiSpec, buildRequest, flex} from './wire.js'

/**
 * AddRaftVoter (API 80, KIP-853): makes an observer controller (caught up with the metadata log) a
 * voter of a dynamic KRaft quorum. Kafka's Admin sends it to any broker, which forwards it to the
 * quorum leader. v1 adds AckWhenCommitted (kctl asks for the answer after the commit, v0's only way).
 */
export const AddRaftVoterApi: ApiSpec = {
  apiKey: 80,
  apiName: 'AddRaftVoter',
  minVersion: 0,
  maxVersion: 1,
  flexibleVersion: 0,
}

export interface RaftVoterEndpoint {
  /** The controller listener's name, e.g. CONTROLLER. */
  name: string
  host: string
  port: number
}

export interface AddRaftVoterRequest {
  clusterId: string | null
  timeoutMs: number
  voterId: number
  voterDirectoryId: Buffer
  listeners: RaftVoterEndpoint[]
}

export function encodeAddRaftVoter(e: KafkaEncoder, version: number, req: AddRaftVoterRequest): void {
  flex.nullableString(e, req.clusterId)
  e.writeInt32(req.timeoutMs)
  e.writeInt32(req.voterId)
  e.writeBuffer(req.voterDirectoryId)
  flex.array(e, req.listeners, (e, l) => {
    flex.string(e, l.name)
    flex.string(e, l.host)
    e.writeInt16((l.port << 16) >> 16) // uint16 on the wire: the same two bytes
    flex.tags(e)
  })
  if (version >= 1) e.writeBoolean(true) // AckWhenCommitted
  flex.tags(e)
}

export function addRaftVoterRequest(version: number, req: AddRaftVoterRequest, Encoder: new () => KafkaEncoder) {
  return buildRequest({
    api: AddRaftVoterApi,
    version,
    Encoder,
    encode: (e) => encodeAddRaftVoter(e, version, req),
    decode: decodeErrorOnlyResponse,
    // The leader answers once the new voter set is committed (or after timeoutMs).
    requestTimeout: req.timeoutMs + 5000,
  })
}
