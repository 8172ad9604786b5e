import type {KafkaEncoder} from './kafkajs-internals.js'
import {type Reader, flex} from './wire.js'

/**
 * Field writers and readers for APIs with both non-flexible and flexible versions: the same
 * code path writes INT16/INT32-length strings and arrays, or compact ones plus tag buffers.
 */
export function versionedWriter(e: KafkaEncoder, flexible: boolean) {
  return {
    string: (s: string | null) => (flexible ? e.writeUVarIntString(s) : e.writeString(s)),
    array<T>(items: T[] | null, write: (item: T) => void) {
      if (flexible) flex.array(e, items, (_e, item) => write(item))
      else if (items === null) e.writeInt32(-1)
      else {
        e.writeInt32(items.length)
        for (const item of items) write(item)
      }
    },
    /** The tag buffer that ends every struct of a flexible version. */
    tags: () => flexible && flex.tags(e),
  }
}

export function versionedReader(flexible: boolean) {
  return {
    string: (r: Reader) => (flexible ? r.compactString() : r.string()),
    nullableString: (r: Reader) => (flexible ? r.compactNullableString() : r.nullableString()),
    array: <T>(r: Reader, read: (x: Reader) => T): T[] => (flexible ? r.compactArray(read) : r.array(read)),
    tags: (r: Reader) => flexible && r.taggedFields(),
  }
}
