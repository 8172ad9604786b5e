import type {KafkaEncoder} from './kafkajs-internals.js'
import {decodeErrorOnlyResponse} from './unregister-broker.js'
import {type ApiSpec, buildRequest, flex} from './wire.js'

/**
 * UnregisterController (API 94: Kafka 4.4 has it, 3.9 does not): removes a controller's registration from the KRaft
 * metadata (what `kafka-metadata-quorum remove-controller --unregister` sends after removing the
 * voter). Any broker forwards it to the active controller.
 */
export const UnregisterControllerApi: ApiSpec = {
  apiKey: 94,
  apiName: 'UnregisterController',
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
}

export function encodeUnregisterController(e: KafkaEncoder, controllerId: number): void {
  e.writeInt32(controllerId)
  flex.tags(e)
}

export function unregisterControllerRequest(version: number, controllerId: number, Encoder: new () => KafkaEncoder) {
  return buildRequest({
    api: UnregisterControllerApi,
    version,
    Encoder,
    encode: (e) => encodeUnregisterController(e, controllerId),
    decode: decodeErrorOnlyResponse,
  })
}
