import {createRequire} from 'node:module'

import {Encoder} from '../../../src/protocol/encoder.js'
import type {EncoderConstructor, KafkaEncoder} from '../../../src/protocol/kafkajs-internals.js'
import {Reader} from '../../../src/protocol/wire.js'

/** kafkajs's Encoder, the reference kctl's own Encoder is compared with byte for byte. */
export const KafkajsEncoder = createRequire(import.meta.url)('kafkajs/src/protocol/encoder.js') as EncoderConstructor

/** Encode with kctl's Encoder and return hex (compared with Kafka's serializer output from scripts/kafka-bytes.java). */
export async function encodeHex(write: (e: KafkaEncoder) => void): Promise<string> {
  const e = new Encoder()
  write(e)
  return e.buffer.toString('hex')
}

export const reader = (hex: string) => new Reader(Buffer.from(hex.replaceAll(/\s/g, ''), 'hex'))

/** Decode and check every byte was consumed (a mis-sized field would leave or overrun bytes). */
export function decodeAll<T>(hex: string, decode: (r: Reader) => T): T {
  const r = reader(hex)
  const out = decode(r)
  if (r.remaining !== 0) throw new Error(`${r.remaining} bytes left after decoding`)
  return out
}
