import * as Flags from '@oclif/core/flags'

import {usageError} from '../errors.js'
import {requireIds} from '../input/ids.js'
import {validateTopicName} from '../input/topic-name.js'

/** Flags `lag` and `lag check` share. */
export const lagFlags = {
  'all-groups': Flags.boolean({summary: 'Every group of the cluster.'}),
  topic: Flags.string({summary: 'Only this topic.'}),
  'time-lag': Flags.boolean({
    summary: 'Read the timestamp of the next unconsumed record of lagging partitions (--no-time-lag skips it).',
    default: true,
    allowNo: true,
  }),
  isolation: Flags.option({
    options: ['read-uncommitted', 'read-committed'] as const,
    default: 'read-uncommitted' as const,
    summary:
      'Measure to the high watermark (read-uncommitted) or to the last stable offset, as far as a read_committed consumer can read (read-committed).',
  })(),
}

/** Group ids from the arguments (non-empty), or --all-groups; exactly one of the two. */
export function groupSelection(
  groups: string[],
  all: boolean | undefined,
  topic?: string,
): {groups: string[]; allGroups: boolean} {
  requireIds(groups, 'group', 'GROUP')
  if (topic !== undefined) validateTopicName(topic)
  if (groups.length === 0 && !all)
    throw usageError(
      'Name at least one group, or pass --all-groups',
      'e.g. kctl lag my-group, or kctl lag --all-groups',
      'MISSING_GROUP',
    )
  if (groups.length > 0 && all)
    throw usageError('Pass group names or --all-groups, not both', undefined, 'CONFLICTING_ARGUMENTS')
  return {groups, allGroups: Boolean(all)}
}
