/**
 * The partition Kafka's Java client picks for a keyed record: `toPositive(murmur2(key)) %
 * numPartitions` (`BuiltInPartitioner.partitionForKey`, `Utils.murmur2`).
 */
export function partitionForKey(key: Buffer, numPartitions: number): number {
  return (murmur2(key) & 0x7fffffff) % numPartitions
}

/** Kafka's `Utils.murmur2`: MurmurHash2, 32 bits, seed 0x9747b28c. */
export function murmur2(data: Buffer): number {
  const length = data.length
  const m = 0x5bd1e995
  const r = 24
  let h = 0x9747b28c ^ length
  const length4 = length >> 2
  for (let i = 0; i < length4; i++) {
    const i4 = i * 4
    let k =
      (data[i4] & 0xff) + ((data[i4 + 1] & 0xff) << 8) + ((data[i4 + 2] & 0xff) << 16) + ((data[i4 + 3] & 0xff) << 24)
    k = Math.imul(k, m)
    k ^= k >>> r
    k = Math.imul(k, m)
    h = Math.imul(h, m)
    h ^= k
  }
  const tail = length4 * 4
  const rest = length & 3
  if (rest === 3) h ^= (data[tail + 2] & 0xff) << 16
  if (rest >= 2) h ^= (data[tail + 1] & 0xff) << 8
  if (rest >= 1) {
    h ^= data[tail] & 0xff
    h = Math.imul(h, m)
  }
  h ^= h >>> 13
  h = Math.imul(h, m)
  h ^= h >>> 15
  return h | 0
}
