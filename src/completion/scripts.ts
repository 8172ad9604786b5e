/**
 * The shell functions `kctl autocomplete SHELL` prints. Each hands the words before the cursor to
 * the completion helper (main.ts: `HELPER -- WORD…` or `HELPER --line TEXT`) and offers the lines
 * it prints. Candidates ending in `=`, `:`, `@` or `,` (a config key, `topic:`, a partition list)
 * take no space after them, so the value can follow.
 */

export const SHELLS = ['bash', 'zsh', 'fish', 'powershell'] as const
export type Shell = (typeof SHELLS)[number]

/** The helper's command line, as program and arguments (unquoted). */
export interface Helper {
  program: string
  args: string[]
}

const posix = (s: string) => `'${s.replaceAll("'", "'\\''")}'`
const fishQuote = (s: string) => `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`
const psQuote = (s: string) => `'${s.replaceAll("'", "''")}'`

/** A name usable in shell function names (kctl, or a renamed bin). */
const ident = (bin: string) => bin.replaceAll(/[^A-Za-z0-9_]/g, '_')

export function script(shell: Shell, helper: Helper, bin: string): string {
  switch (shell) {
    case 'bash':
      return bashScript(helper, bin)
    case 'zsh':
      return zshScript(helper, bin)
    case 'fish':
      return fishScript(helper, bin)
    case 'powershell':
      return powershellScript(helper, bin)
  }
}

export function bashScript(helper: Helper, bin: string): string {
  const call = [helper.program, ...helper.args].map(posix).join(' ')
  const f = `_${ident(bin)}_complete`
  return `# ${bin} completion for bash: eval "$(${bin} autocomplete bash)" in ~/.bashrc
${f}() {
  # The line up to the cursor: the helper splits it itself, so \`topic:0\` and \`--flag=v\` stay one word.
  local line=\${COMP_LINE:0:COMP_POINT} c
  COMPREPLY=()
  mapfile -t COMPREPLY < <(${call} --shell bash --wordbreaks "\${COMP_WORDBREAKS}" --line "$line" 2>/dev/null)
  # A last line \\x01no-files: kctl knows this value is no path, so no file names either.
  if (( \${#COMPREPLY[@]} )) && [[ \${COMPREPLY[\${#COMPREPLY[@]}-1]} == $'\\x01no-files' ]]; then
    unset 'COMPREPLY[\${#COMPREPLY[@]}-1]'
    compopt +o default 2>/dev/null
  fi
  for c in "\${COMPREPLY[@]}"; do
    case $c in *[=:@,]) compopt -o nospace 2>/dev/null; break ;; esac
  done
}
complete -o default -F ${f} ${bin}`
}

export function zshScript(helper: Helper, bin: string): string {
  const call = [helper.program, ...helper.args].map(posix).join(' ')
  const f = `_${ident(bin)}_complete`
  return `#compdef ${bin}
# ${bin} completion for zsh: eval "$(${bin} autocomplete zsh)" in ~/.zshrc, after compinit
${f}() {
  local -a candidates spaced unspaced
  candidates=("\${(@f)$(${call} -- "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  unspaced=(\${(M)candidates:#*[=:@,]})
  spaced=(\${candidates:#*[=:@,]})
  (( \${#spaced} )) && compadd -- "\${spaced[@]}"
  (( \${#unspaced} )) && compadd -S '' -- "\${unspaced[@]}"
  return 0
}
compdef ${f} ${bin}`
}

export function fishScript(helper: Helper, bin: string): string {
  const call = [helper.program, ...helper.args].map(fishQuote).join(' ')
  const f = `__${ident(bin)}_complete`
  return `# ${bin} completion for fish: ${bin} autocomplete fish | source  (or save it as ~/.config/fish/completions/${bin}.fish)
function ${f}
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l current (commandline -ct)
    set -l out (${call} --shell fish -- $tokens "$current" 2>/dev/null)
    # A last line \\x01files: the value may be a path (fish offers none otherwise: complete -f).
    if test (count $out) -gt 0; and test "$out[-1]" = (printf '\\001files')
        set -e out[-1]
        __fish_complete_path "$current"
    end
    for c in $out
        printf '%s\\n' $c
    end
end
complete -c ${bin} -f -a '(${f})'`
}

export function powershellScript(helper: Helper, bin: string): string {
  const call = [helper.program, ...helper.args].map(psQuote).join(' ')
  return `# ${bin} completion for PowerShell: ${bin} autocomplete powershell | Out-String | Invoke-Expression  (in $PROFILE)
Register-ArgumentCompleter -Native -CommandName ${psQuote(bin)} -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    # The line up to the cursor (padded: the command's extent ends before trailing spaces).
    $line = $commandAst.Extent.Text
    $length = $cursorPosition - $commandAst.Extent.StartOffset
    if ($length -lt $line.Length) { $line = $line.Substring(0, $length) }
    elseif ($length -gt $line.Length) { $line = $line + (' ' * ($length - $line.Length)) }
    & ${call} --shell powershell --line $line 2>$null | ForEach-Object {
        [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
    }
}`
}
