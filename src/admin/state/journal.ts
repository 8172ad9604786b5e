import {join} from 'node:path'

import {appendJournalLine, readJournalLines, stateDir} from '../journal.js'
import type {Scope, StateKind} from './model.js'
import type {Change} from './plan.js'

/** One `kctl apply`: the changes it made, each with the value it replaced, so `apply --undo` can put them back. */
export interface ApplyJournalEntry {
  id: string
  clusterId: string
  time: string
  files: string[]
  /** `apply` or `undo of <id>`. */
  action: string
  /** Password references only, never secrets. */
  changes: Change[]
  /** The scope and kinds of the files: undo re-reads the cluster through them. */
  scope: Scope
  kinds: StateKind[]
}

export function applyJournalFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDir(env), 'state-applies.jsonl')
}

/** Written before the first change, like the offset-reset journal. */
export function appendApplyJournal(
  entry: Omit<ApplyJournalEntry, 'id' | 'time'>,
  now = new Date(),
  file = applyJournalFile(),
): ApplyJournalEntry {
  return appendJournalLine(file, entry, now, 'apply journal')
}

/** Entries, oldest first, optionally of one cluster. */
export function readApplyJournal(filter: {clusterId?: string} = {}, file = applyJournalFile()): ApplyJournalEntry[] {
  return readJournalLines<ApplyJournalEntry>(file).filter((e) => !filter.clusterId || e.clusterId === filter.clusterId)
}
