import * as Flags from '@oclif/core/flags'

/** Flags `offsets reset` and `offsets undo` share. */
export const resetPlanFlags = {
  execute: Flags.boolean({
    summary: 'Apply the plan (default: only show it). Writes a journal entry first, for `kctl offsets undo`.',
  }),
  yes: Flags.boolean({char: 'y', summary: 'With --execute: do not ask for confirmation.'}),
}
