import {spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {cancelledError, usageError} from '../errors.js'
import {canPrompt} from './prompter.js'

/**
 * The editor to run, checked before anything else happens: a terminal on both ends (an editor
 * started from CI or a pipe waits forever, or edits nothing), and $VISUAL or $EDITOR set.
 * `alternative` names the non-interactive command that does the same.
 */
export function editorCommand(alternative: string): string {
  if (!canPrompt()) {
    throw usageError(
      'Refusing to start $EDITOR without a terminal (stdin and stdout must be a TTY)',
      `Without a terminal use ${alternative}.`,
      'NO_TERMINAL',
    )
  }
  const editor = process.env.VISUAL || process.env.EDITOR
  if (!editor)
    throw usageError(
      'No editor: $EDITOR is not set',
      `Set EDITOR, e.g. \`EDITOR=vim kctl configs edit topic orders\`, or use ${alternative}.`,
      'NO_EDITOR',
    )
  return editor
}

/**
 * Open `text` in $VISUAL / $EDITOR (kubectl-edit style) and return the saved text. The editor
 * command may carry arguments (e.g. "code --wait"); it runs through the shell.
 */
export function editText(text: string, fileName: string, alternative: string): string {
  const editor = editorCommand(alternative)
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
