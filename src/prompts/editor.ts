import {spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {cancelledError, usageError} from '../errors.js'

/**
 * Open `text` in $VISUAL / $EDITOR (kubectl-edit style) and return the saved text. The editor
 * command may carry arguments (e.g. "code --wait"); it runs through the shell.
 */
export function editText(text: string, fileName: string): string {
  const editor = process.env.VISUAL || process.env.EDITOR
  if (!editor) throw usageError('No editor: $EDITOR is not set', 'Set EDITOR, e.g. `EDITOR=vim kctl configs edit topic orders`.', 'NO_EDITOR')
  const dir = mkdtempSync(join(tmpdir(), 'kctl-edit-'))
  const file = join(dir, fileName)
  try {
    writeFileSync(file, text, {mode: 0o600})
    const r = spawnSync(`${editor} "${file}"`, {shell: true, stdio: 'inherit'})
    if (r.status !== 0) throw cancelledError(`Cancelled: the editor exited with ${r.status ?? r.signal}`)
    return readFileSync(file, 'utf8')
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}
