import {expect} from 'chai'
import {execFileSync} from 'node:child_process'

import {SHELLS, bashScript, powershellScript, script} from '../../../src/completion/scripts.js'

const helper = {program: '/opt/node/bin/node', args: ["/home/o'neil/kctl/dist/completion/main.js"]}

/**
 * The scripts `kctl autocomplete SHELL` prints. bash, zsh and fish run them in the integration
 * tests; PowerShell has no Debian package, so its script is checked here, line by line.
 */
describe('completion scripts', () => {
  it('PowerShell: a native argument completer that hands the line up to the cursor to the helper', () => {
    const ps = powershellScript(helper, 'kctl')
    expect(ps).to.include("Register-ArgumentCompleter -Native -CommandName 'kctl' -ScriptBlock {")
    expect(ps).to.include('param($wordToComplete, $commandAst, $cursorPosition)')
    // The line up to the cursor: cut, or padded when the cursor is after trailing spaces.
    expect(ps).to.include('$length = $cursorPosition - $commandAst.Extent.StartOffset')
    expect(ps).to.include('$line = $line.Substring(0, $length)')
    expect(ps).to.include("$line = $line + (' ' * ($length - $line.Length))")
    // Single-quoted PowerShell strings double their quotes; errors are dropped.
    expect(ps).to.include(
      "& '/opt/node/bin/node' '/home/o''neil/kctl/dist/completion/main.js' --shell powershell --line $line 2>$null",
    )
    expect(ps).to.include("[System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)")
    // Balanced braces and parentheses (a cheap syntax check without pwsh).
    const count = (c: string) => ps.split(c).length - 1
    expect(count('{')).to.equal(count('}'))
    expect(count('(')).to.equal(count(')'))
  })

  it('bash: the line up to the cursor and the word breaks go to the helper; no space after `=`, `:`, `@`, `,`', () => {
    const bash = bashScript(helper, 'kctl')
    expect(bash).to.include(
      "mapfile -t COMPREPLY < <('/opt/node/bin/node' '/home/o'\\''neil/kctl/dist/completion/main.js' --shell bash --wordbreaks \"${COMP_WORDBREAKS}\" --line \"$line\" 2>/dev/null)",
    )
    expect(bash).to.include('case $c in *[=:@,]) compopt -o nospace')
    // The helper's last line \x01no-files: no fallback to file names (complete -o default).
    expect(bash).to.include("== $'\\x01no-files' ]]; then")
    expect(bash).to.include('compopt +o default')
    expect(bash).to.match(/complete -o default -F _kctl_complete kctl$/)
    // bash parses it.
    execFileSync('bash', ['-n'], {input: bash})
  })

  it('every shell: the program name and function names follow the bin', () => {
    for (const shell of SHELLS) {
      const text = script(shell, helper, 'my-kctl')
      expect(text, shell).to.include('my-kctl')
      expect(text, shell).to.include(shell === 'powershell' ? 'main.js' : 'my_kctl_complete')
    }
    expect(script('zsh', helper, 'kctl')).to.match(/^#compdef kctl\n/)
    expect(script('zsh', helper, 'kctl')).to.include("compadd -S '' --")
    expect(script('fish', helper, 'kctl')).to.include("complete -c kctl -f -a '(__kctl_complete)'")
    const fish = script('fish', helper, 'kctl')
    expect(fish).to.include("'/home/o\\'neil/kctl/dist/completion/main.js' --shell fish -- $tokens \"$current\"")
    // Files only when the helper says the value may be a path.
    expect(fish).to.include(`test "$out[-1]" = (printf '\\001files')`)
    expect(fish).to.include('__fish_complete_path "$current"')
  })
})
