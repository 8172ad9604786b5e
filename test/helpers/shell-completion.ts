import {execFile} from 'node:child_process'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {promisify} from 'node:util'

const run = promisify(execFile)

export type TestShell = 'bash' | 'zsh' | 'fish'

/**
 * bash: the completion function called as bash calls it on TAB (COMP_LINE, COMP_POINT, COMP_WORDS,
 * COMP_CWORD set; COMP_WORDBREAKS bash's default); prints COMPREPLY, then the time it took.
 */
const BASH_DRIVER = `source "$1"
COMP_LINE=$2; COMP_POINT=\${#COMP_LINE}
read -r -a COMP_WORDS <<< "$COMP_LINE"; [[ $COMP_LINE == *' ' ]] && COMP_WORDS+=('')
COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 ))
start=$(date +%s%N); _kctl_complete; end=$(date +%s%N)
printf '%s\\n' "\${COMPREPLY[@]}"; echo "ms=$(( (end - start) / 1000000 ))"`

/**
 * zsh: an interactive zsh on a pseudo-terminal (zpty) loads compinit and the script, LINE and a
 * TAB are typed, and zsh's own completion system runs the function. The builtin compadd is
 * wrapped to report the matches zsh accepts (compadd -O), the function to report its end. The
 * markers are typed split (<hi""t>) so the terminal's echo of the definitions never matches.
 */
const ZSH_DRIVER = `zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PS1='%{%}zp''ready> '"
zpty -r z line '*zpready> *' || exit 3
zpty -w z "autoload -U compinit; compinit -u -D; source \${(q)1}; print setup''-done"
zpty -r z line '*setup-done*' || exit 3
zpty -w z 'compadd() { local -a hits; builtin compadd -O hits "$@"; print -rn -- "<hi""t>"\${^hits}"</hi""t>"; builtin compadd "$@" }'
zpty -w z 'functions[__orig]=$functions[_kctl_complete]; _kctl_complete() { __orig "$@"; print -rn -- "<en""d>" }; print wrap''-done'
zpty -r z line '*wrap-done*' || exit 3
start=$EPOCHREALTIME
zpty -w -n z "$2"$'\\t'
zpty -r z out '*<end>*' || exit 3
end=$EPOCHREALTIME
zpty -d z
print -r -- "\${out%%<end>*}" | grep -ao '<hit>[^<]*</hit>' | sed 's/<[/]*hit>//g'
printf 'ms=%.0f\\n' $(( (end - start) * 1000 ))`

/** fish: its own \`complete -C\` (what the pager would offer for LINE). */
const FISH_DRIVER = `source $argv[1]
set -l start (date +%s%N)
complete -C $argv[2]
set -l end (date +%s%N)
echo ms=(math --scale 0 "($end - $start) / 1000000")`

/**
 * The candidates a shell offers for `LINE<TAB>` with kctl's completion script for it (written to
 * `dir`), and how long the shell took, as the shell measured it (Node's start-up included).
 */
export async function shellComplete(
  shell: TestShell,
  script: string,
  line: string,
  options: {dir: string; env: NodeJS.ProcessEnv},
): Promise<{candidates: string[]; ms: number}> {
  const scriptFile = join(options.dir, `kctl.${shell}`)
  writeFileSync(scriptFile, script)
  const driver = join(options.dir, `driver.${shell}`)
  writeFileSync(
    driver,
    shell === 'bash' ? BASH_DRIVER : shell === 'zsh' ? `zmodload zsh/datetime\n${ZSH_DRIVER}` : FISH_DRIVER,
  )
  const args = shell === 'bash' ? [driver] : shell === 'zsh' ? ['-f', driver] : ['--no-config', driver]
  const {stdout} = await run(shell, [...args, scriptFile, line], {env: options.env, timeout: 30_000})
  const lines = stdout.split('\n').filter(Boolean)
  // fish prints `candidate<TAB>description`; kctl gives no descriptions.
  const candidates = lines.slice(0, -1).map((l) => l.split('\t')[0])
  return {candidates, ms: Number(lines.at(-1)!.slice(3))}
}
