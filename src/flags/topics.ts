import * as Flags from '@oclif/core/flags'

import type {TopicFilters, TopicSelection} from '../admin/topics/topics.js'
import {usageError} from '../errors.js'

/** kafka-topics' selection and filter flags, shared by `topics list` and `topics describe`. */
export const topicFilterFlags = {
  match: Flags.string({summary: 'Only topics whose name matches this regular expression.'}),
  'exclude-internal': Flags.boolean({summary: 'Leave out internal topics (__consumer_offsets, ...).'}),
  'under-replicated-partitions': Flags.boolean({
    summary: 'Only partitions whose ISR is smaller than the replica set.',
    helpGroup: 'FILTERS',
  }),
  'unavailable-partitions': Flags.boolean({summary: 'Only partitions without a live leader.', helpGroup: 'FILTERS'}),
  'under-min-isr-partitions': Flags.boolean({
    summary: 'Only partitions whose ISR is below min.insync.replicas.',
    helpGroup: 'FILTERS',
  }),
  'at-min-isr-partitions': Flags.boolean({
    summary: 'Only partitions whose ISR equals min.insync.replicas.',
    helpGroup: 'FILTERS',
  }),
  'topics-with-overrides': Flags.boolean({summary: 'Only topics with config overrides.', helpGroup: 'FILTERS'}),
}

interface FilterFlagValues {
  match?: string
  'exclude-internal'?: boolean
  'under-replicated-partitions'?: boolean
  'unavailable-partitions'?: boolean
  'under-min-isr-partitions'?: boolean
  'at-min-isr-partitions'?: boolean
  'topics-with-overrides'?: boolean
}

export function parseTopicRegex(pattern: string): RegExp {
  try {
    return new RegExp(pattern)
  } catch (error) {
    throw usageError(
      `Invalid --match regular expression "${pattern}": ${(error as Error).message}`,
      'Use a JavaScript regular expression, e.g. --match "^orders\\.".',
      'INVALID_REGEX',
    )
  }
}

export function topicSelection(flags: FilterFlagValues, names: string[] = []): TopicSelection {
  if (names.length > 0 && flags.match)
    throw usageError(
      'Pass topic names or --match, not both',
      'Names are exact; --match takes a regular expression.',
      'CONFLICTING_ARGUMENTS',
    )
  const filters: TopicFilters = {
    underReplicated: flags['under-replicated-partitions'],
    unavailable: flags['unavailable-partitions'],
    underMinIsr: flags['under-min-isr-partitions'],
    atMinIsr: flags['at-min-isr-partitions'],
    withOverrides: flags['topics-with-overrides'],
  }
  return {
    names,
    match: flags.match ? parseTopicRegex(flags.match) : undefined,
    excludeInternal: flags['exclude-internal'],
    filters,
  }
}
