import {type KafkaEncoder, loadKafkaInternals} from '../../../src/protocol/kafkajs-internals.js'
import {Reader} from '../../../src/protocol/wire.js'

/** Encode with kafkajs's Encoder and return hex (compared with Kafka's serializer output from scripts/kafka-bytes.java). */
export async function encodeHex(write: (e: KafkaEncoder) => void): Promise<string> {
  const {Encoder} = await loadKafkaInternals()
  const e = new Encoder()
  write(e)
  return e.buffer.toString('hex')
}

export const reader = (hex: string) => new Reader(Buffer.from(hex.replaceAll(/\s/g, ''), 'hex'))
