/**
 * Append to the list under `key`, in place: building per-key lists (per topic, per leader) stays
 * linear in the number of items even for tens of thousands of partitions.
 */
export function appendTo<K, V>(map: Map<K, V[]>, key: K, value: V): Map<K, V[]> {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
  return map
}
