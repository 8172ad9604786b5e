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

export function appendJournal(
  entry: Omit<JournalEntry, 'id' | 'time'>,
  now = new Date(),
  file = journalFile(),
): JournalEntry {
  return appendJournalLine(file, entry, now, 'offset-reset journal')
}

/** Append one entry (with a new id and time) as a JSON line, private to the user; fails before anything is changed. */
export function appendJournalLine<T extends object>(
  file: string,
  entry: T,
  now: Date,
  what: string,
): T & {id: string; time: string} {
  const full = {
    id: `${now.toISOString().replaceAll(/[-:.]/g, '').slice(0, 15)}-${randomBytes(3).toString('hex')}`,
    time: now.toISOString(),
    ...entry,
  }
  try {
    mkdirSync(join(file, '..'), {recursive: true, mode: 0o700})
    appendFileSync(file, `${JSON.stringify(full)}\n`, {mode: 0o600})
  } catch (error) {
    throw operationError(`Cannot write the ${what} ${file}: ${(error as Error).message}`, {
      code: 'JOURNAL_FAILED',
      hint: 'Nothing was changed. Set KCTL_STATE_DIR to a writable directory.',
    })
  }
  return full
}

/** Journal entries, oldest first, optionally of one cluster and group. Corrupt lines are skipped. */
export function readJournal(filter: {clusterId?: string; group?: string} = {}, file = journalFile()): JournalEntry[] {
  return readJournalLines<JournalEntry>(file).filter(
    (e) => (!filter.clusterId || e.clusterId === filter.clusterId) && (!filter.group || e.group === filter.group),
  )
}

/** Every JSON line of a journal, oldest first. Corrupt lines are skipped. */
export function readJournalLines<T>(file: string): T[] {
  if (!existsSync(file)) return []
  const entries: T[] = []
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue
    try {
      entries.push(JSON.parse(line) as T)
    } catch {
      // A torn last line (crash while writing) must not hide the other entries.
    }
  }
  return entries
}
