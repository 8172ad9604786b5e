import {usageError} from '../errors.js'
import {INT32_MAX} from './numbers.js'

/** A range is expanded into a list: bound it (`orders:0-2147483647` would exhaust memory). */
const MAX_RANGE = 100_000

export interface TopicPartitionsSpec {
  topic: string
  /** undefined = every partition of the topic. */
  partitions?: number[]
}

/**
 * Parse `topic` or `topic:0,1,2` or `topic:0-3` (kafka-consumer-groups' --topic syntax).
 * The last colon separates partitions, so topic names (which cannot contain ':') are safe.
 */
export function parseTopicPartitions(input: string, flag = '--topic'): TopicPartitionsSpec {
  const text = input.trim()
  const i = text.lastIndexOf(':')
  const topic = i === -1 ? text : text.slice(0, i)
  if (topic === '')
    throw usageError(
      `Invalid ${flag} "${input}": the topic name is empty`,
      `Use ${flag} orders or ${flag} orders:0,1,2.`,
      'INVALID_TOPIC_PARTITION',
    )
  if (i === -1) return {topic}
  const list = text.slice(i + 1)
  if (list.trim() === '')
    throw usageError(
      `Invalid ${flag} "${input}": no partitions after ':'`,
      `Use ${flag} ${topic}:0,1,2 or ${flag} ${topic} for all partitions.`,
      'INVALID_TOPIC_PARTITION',
    )
  const partitions = new Set<number>()
  for (const part of list.split(',')) {
    const range = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part)
    if (!range)
      throw usageError(
        `Invalid ${flag} "${input}": "${part}" is not a partition number`,
        `Partitions are non-negative integers or ranges, e.g. ${topic}:0,2,4-7.`,
        'INVALID_TOPIC_PARTITION',
      )
    const tooLarge = [range[1], range[2]].find((n) => n !== undefined && BigInt(n) > BigInt(INT32_MAX))
    if (tooLarge !== undefined)
      throw usageError(
        `Invalid ${flag} "${input}": partition ${tooLarge} is above ${INT32_MAX}, the largest partition id Kafka accepts (int32)`,
        `Partitions are 0 to ${INT32_MAX}, e.g. ${topic}:0,2,4-7.`,
        'INVALID_NUMBER',
      )
    const from = Number(range[1])
    const to = range[2] === undefined ? from : Number(range[2])
    if (to < from)
      throw usageError(
        `Invalid ${flag} "${input}": range ${part} goes backwards`,
        `Write the lower partition first, e.g. ${topic}:0-3.`,
        'INVALID_TOPIC_PARTITION',
      )
    if (to - from >= MAX_RANGE)
      throw usageError(
        `Invalid ${flag} "${input}": range ${part.trim()} spans more than ${MAX_RANGE} partitions`,
        `Name the partitions the topic has, or give just ${flag} ${topic} for all of them.`,
        'INVALID_TOPIC_PARTITION',
      )
    for (let p = from; p <= to; p++) partitions.add(p)
  }
  return {topic, partitions: [...partitions].sort((a, b) => a - b)}
}

/** Merge repeated specs of the same topic (`--topic t:0 --topic t:1`); "all partitions" wins. */
export function mergeTopicPartitions(specs: TopicPartitionsSpec[]): TopicPartitionsSpec[] {
  const byTopic = new Map<string, Set<number> | undefined>()
  for (const s of specs) {
    if (byTopic.has(s.topic) && byTopic.get(s.topic) === undefined) continue
    if (s.partitions === undefined) byTopic.set(s.topic, undefined)
    else byTopic.set(s.topic, new Set([...(byTopic.get(s.topic) ?? []), ...s.partitions]))
  }
  return [...byTopic.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([topic, parts]) => (parts === undefined ? {topic} : {topic, partitions: [...parts].sort((a, b) => a - b)}))
}
