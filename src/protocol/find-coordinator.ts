import type {KafkaEncoder} from './kafkajs-internals.js'
import {type ApiSpec, type Reader, buildRequest, flex} from './wire.js'

/**
 * FindCoordinator (API 10) v4+: many keys in one request (KIP-699), so describing 500 groups costs
 * one FindCoordinator, not 500. v4-v6 share one wire format.
 */
export const FindCoordinatorApi: ApiSpec = {
  apiKey: 10,
  apiName: 'FindCoordinator',
  minVersion: 4,
  maxVersion: 6,
  flexibleVersion: 3,
}

export const COORDINATOR_GROUP = 0
export const COORDINATOR_TRANSACTION = 1

export interface Coordinator {
  key: string
  nodeId: number
  host: string
  port: number
  errorCode: number
  errorMessage: string | null
}

export function encodeFindCoordinator(e: KafkaEncoder, keys: string[], keyType = COORDINATOR_GROUP): void {
  e.writeInt8(keyType)
  flex.array(e, keys, (e, k) => flex.string(e, k))
  flex.tags(e)
}

export function decodeFindCoordinator(r: Reader): {throttleTimeMs: number; coordinators: Coordinator[]} {
  const throttleTimeMs = r.int32()
  const coordinators = r.compactArray((c) => {
    const coordinator = {
      key: c.compactString(),
      nodeId: c.int32(),
      host: c.compactString(),
      port: c.int32(),
      errorCode: c.int16(),
      errorMessage: c.compactNullableString(),
    }
    c.taggedFields()
    return coordinator
  })
  r.taggedFields()
  return {throttleTimeMs, coordinators}
}

export function findCoordinatorRequest(
  version: number,
  keys: string[],
  Encoder: new () => KafkaEncoder,
  keyType = COORDINATOR_GROUP,
) {
  return buildRequest({
    api: FindCoordinatorApi,
    version,
    Encoder,
    encode: (e) => encodeFindCoordinator(e, keys, keyType),
    decode: decodeFindCoordinator,
  })
}
