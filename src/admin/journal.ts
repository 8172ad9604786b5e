import {randomBytes} from 'node:crypto'
import {appendFileSync, existsSync, mkdirSync, readFileSync} from 'node:fs'
import {homedir} from 'node:os'
import {join} from 'node:path'

import {operationError} from '../errors.js'

/**
 * The offset-reset journal: one JSON line per group per `offsets reset --execute`, written
 * before anything is committed, so `offsets undo` can restore the previous offsets.
 */
export interface JournalEntry {
  id: string
  clusterId: string
  group: string
  time: string
  /** What was done, e.g. "to earliest", "undo of <id>". */
  action: string
  /** new null: the offset was deleted (undo of a partition that had no commit). */
  offsets: {topic: string; partition: number; previous: string | null; new: string | null}[]
}

/** $KCTL_STATE_DIR, else $XDG_STATE_HOME/kctl, else ~/.local/state/kctl. */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KCTL_STATE_DIR) return env.KCTL_STATE_DIR
  if (env.XDG_STATE_HOME) return join(env.XDG_STATE_HOME, 'kctl')
  return join(homedir(), '.local', 'state', 'kctl')
}

export function journalFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDir(env), 'offset-resets.jsonl')
}

export function appendJournal(entry: Omit<JournalEntry, 'id' | 'time'>, now = new Date(), file = journalFile()): JournalEntry {
  const full: JournalEntry = {id: `${now.toISOString().replaceAll(/[-:.]/g, '').slice(0, 15)}-${randomBytes(3).toString('hex')}`, time: now.toISOString(), ...entry}
  try {
    mkdirSync(join(file, '..'), {recursive: true, mode: 0o700})
    appendFileSync(file, `${JSON.stringify(full)}\n`, {mode: 0o600})
  } catch (error) {
    throw operationError(`Cannot write the offset-reset journal ${file}: ${(error as Error).message}`, {code: 'JOURNAL_FAILED', hint: 'Nothing was committed. Set KCTL_STATE_DIR to a writable directory.'})
  }
  return full
}

/** Journal entries, oldest first, optionally of one cluster and group. Corrupt lines are skipped. */
export function readJournal(filter: {clusterId?: string; group?: string} = {}, file = journalFile()): JournalEntry[] {
  if (!existsSync(file)) return []
  const entries: JournalEntry[] = []
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue
    try {
      const e = JSON.parse(line) as JournalEntry
      if (filter.clusterId && e.clusterId !== filter.clusterId) continue
      if (filter.group && e.group !== filter.group) continue
      entries.push(e)
    } catch {
      // A torn last line (crash while writing) must not hide the other entries.
    }
  }
  return entries
}
