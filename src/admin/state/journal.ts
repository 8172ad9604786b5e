import {randomBytes} from 'node:crypto'
import {appendFileSync, existsSync, mkdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'

import {operationError} from '../../errors.js'
import {stateDir} from '../journal.js'
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
  changes: Change[]
  /** The scope and kinds of the files: undo re-reads the cluster through them. */
  scope: Scope
  kinds: StateKind[]
}

export function applyJournalFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDir(env), 'state-applies.jsonl')
}

/** Written before the first change, like the offset-reset journal. */
export function appendApplyJournal(entry: Omit<ApplyJournalEntry, 'id' | 'time'>, now = new Date(), file = applyJournalFile()): ApplyJournalEntry {
  const full: ApplyJournalEntry = {id: `${now.toISOString().replaceAll(/[-:.]/g, '').slice(0, 15)}-${randomBytes(3).toString('hex')}`, time: now.toISOString(), ...entry}
  // Password references only, never secrets, are in changes; the file stays private anyway.
  try {
    mkdirSync(join(file, '..'), {recursive: true, mode: 0o700})
    appendFileSync(file, `${JSON.stringify(full)}\n`, {mode: 0o600})
  } catch (error) {
    throw operationError(`Cannot write the apply journal ${file}: ${(error as Error).message}`, {code: 'JOURNAL_FAILED', hint: 'Nothing was changed. Set KCTL_STATE_DIR to a writable directory.'})
  }
  return full
}

/** Entries, oldest first, optionally of one cluster. Torn lines are skipped. */
export function readApplyJournal(filter: {clusterId?: string} = {}, file = applyJournalFile()): ApplyJournalEntry[] {
  if (!existsSync(file)) return []
  const out: ApplyJournalEntry[] = []
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue
    try {
      const e = JSON.parse(line) as ApplyJournalEntry
      if (!filter.clusterId || e.clusterId === filter.clusterId) out.push(e)
    } catch {
      // A torn last line must not hide the other entries.
    }
  }
  return out
}
