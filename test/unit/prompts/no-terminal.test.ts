import {expect} from 'chai'

import {KctlError} from '../../../src/errors.js'
import {editText, editorCommand} from '../../../src/prompts/editor.js'
import {prompter} from '../../../src/prompts/prompter.js'

/** Without a terminal nothing waits on a person: no prompt, no editor (CI would hang). */
describe('no prompt and no editor without a terminal', () => {
  let saved: {stdin?: boolean; stdout?: boolean; editor?: string; visual?: string}
  beforeEach(() => {
    saved = {
      stdin: process.stdin.isTTY,
      stdout: process.stdout.isTTY,
      editor: process.env.EDITOR,
      visual: process.env.VISUAL,
    }
  })
  afterEach(() => {
    process.stdin.isTTY = saved.stdin as boolean
    process.stdout.isTTY = saved.stdout as boolean
    for (const [key, value] of [
      ['EDITOR', saved.editor],
      ['VISUAL', saved.visual],
    ] as const) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
  })

  it('the inquirer prompter refuses every kind of prompt when stdin or stdout is not a TTY', async () => {
    for (const [stdin, stdout] of [
      [false, false],
      [true, false],
      [false, true],
    ]) {
      process.stdin.isTTY = stdin
      process.stdout.isTTY = stdout
      const p = prompter()
      for (const ask of [
        () => p.confirm('Delete?'),
        () => p.input('Name?'),
        () => p.password('Password?'),
        () => p.select('Pick', []),
        () => p.search('Find', []),
        () => p.checkbox('Some', []),
      ]) {
        const error = await ask().then(
          () => undefined,
          (error_: unknown) => error_,
        )
        expect(error).to.be.instanceOf(KctlError).and.include({code: 'NO_TERMINAL', exitCode: 2})
      }
    }
  })

  it('$EDITOR is never started without a terminal, even when set; the hint names the non-interactive command', () => {
    process.stdin.isTTY = false
    process.stdout.isTTY = false
    // An editor that would leave a trace if it ran.
    process.env.EDITOR = 'touch /dev/null/never'
    const alternative = '`kctl configs set topic t KEY=VALUE` or `kctl configs delete topic t KEY`'
    for (const fn of [() => editorCommand(alternative), () => editText('a=1\n', 'x.properties', alternative)]) {
      try {
        fn()
        expect.fail('the editor was started')
      } catch (error) {
        expect(error).to.be.instanceOf(KctlError).and.include({code: 'NO_TERMINAL', exitCode: 2})
        expect((error as KctlError).hint)
          .to.include('kctl configs set topic t')
          .and.include('kctl configs delete topic t')
      }
    }
  })

  it('on a terminal the editor comes from $VISUAL, then $EDITOR; neither set is a usage error', () => {
    process.stdin.isTTY = true
    process.stdout.isTTY = true
    process.env.VISUAL = 'vi'
    process.env.EDITOR = 'nano'
    expect(editorCommand('x')).to.equal('vi')
    delete process.env.VISUAL
    expect(editorCommand('x')).to.equal('nano')
    delete process.env.EDITOR
    expect(() => editorCommand('`kctl configs set`'))
      .to.throw(KctlError, /\$EDITOR is not set/)
      .with.property('code', 'NO_EDITOR')
  })
})
