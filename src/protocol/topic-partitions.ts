import type {KafkaEncoder} from './kafkajs-internals.js'
import {flex} from './wire.js'

/**
 * The nullable [{topic, partitions: [int32]}] array several requests share (DescribeLogDirs,
 * ElectLeaders): INT32-length arrays and INT16 strings before flexible versions, compact ones
 * with tag buffers after. null = every partition.
 */
export function writeTopicPartitions(
  e: KafkaEncoder,
  flexible: boolean,
  topics: {topic: string; partitions: number[]}[] | null,
): void {
  if (flexible) {
    flex.array(e, topics, (e, t) => {
      e.writeUVarIntString(t.topic)
      flex.array(e, t.partitions, (e, p) => e.writeInt32(p))
      flex.tags(e)
    })
    return
  }
  if (topics === null) {
    e.writeInt32(-1)
    return
  }
  e.writeInt32(topics.length)
  for (const t of topics) {
    e.writeString(t.topic)
    e.writeInt32(t.partitions.length)
    for (const p of t.partitions) e.writeInt32(p)
  }
}
