import {execFile, spawn} from 'node:child_process'
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
 * wrapped to report the matches zsh accepts (compadd -O), the function to report the words it
 * completed on and its end. Markers are typed split (<hi""t>): the echo of a typed line never
 * matches them.
 */
const ZSH_DRIVER = `zmodload zsh/zpty
zpty z zsh -f -i
# Each line is typed once the line editor runs (its prompt drawn), so nothing typed is lost;
# each ends by printing a marker, typed split so that the echo of the line never matches it.
zpty -w z "PS1='%{%}zp''ready> '"
zpty -r z line '*zpready> *' || exit 3
step() { zpty -w z "$1; print step''-done"; zpty -r z line '*step-done*' && zpty -r z line '*zpready> *' || exit 3 }
step "autoload -U compinit; compinit -u -D; source \${(q)1}"
step 'compadd() { local -a hits; builtin compadd -O hits "$@"; print -rn -- "<hi""t>"\${^hits}"</hi""t>"; builtin compadd "$@" }'
step 'functions[__orig]=$functions[_kctl_complete]; _kctl_complete() { __orig "$@"; print -rn -- "<wor""ds>\${(j: :)words}</wor""ds><en""d>" }'
start=$EPOCHREALTIME
zpty -w -n z "$2"$'\\t'
zpty -r z out '*<end>*' || exit 3
end=$EPOCHREALTIME
zpty -d z
print -r -- "\${out%%<words>*}" | grep -ao '<hit>[^<]*</hit>' | sed 's/<[/]*hit>//g'
# The words zsh completed on, for the caller to check that the line arrived whole.
print -r -- "\${\${out##*<words>}%%</words>*}"
printf 'ms=%.0f\\n' $(( (end - start) * 1000 ))`

/** fish: its own \`complete -C\` (what the pager would offer for LINE). */
const FISH_DRIVER = `source $argv[1]
set -l start (date +%s%N)
complete -C $argv[2]
set -l end (date +%s%N)
echo ms=(math --scale 0 "($end - $start) / 1000000")`

/**
 * The candidates a shell offers for `LINE<TAB>` with kctl's completion script for it (written to
 * `dir`, the shell's working directory), and how long the shell took, as the shell measured it
 * (Node's start-up included).
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
  const {stdout} = await run(shell, [...args, scriptFile, line], {cwd: options.dir, env: options.env, timeout: 30_000})
  let lines = stdout.split('\n').filter(Boolean)
  if (shell === 'zsh') {
    const seen = lines.at(-2)
    if (seen !== line) throw new Error(`zsh completed on "${seen}", not on the line typed, "${line}"`)
    lines = [...lines.slice(0, -2), lines.at(-1)!]
  }
  // fish prints `candidate<TAB>description`; kctl gives no descriptions.
  const candidates = lines.slice(0, -1).map((l) => l.split('\t')[0])
  return {candidates, ms: Number(lines.at(-1)!.slice(3))}
}

/**
 * What bash's readline makes of `KEYS` (typed with TABs) with kctl's script loaded: an interactive
 * bash on a pseudo-terminal (util-linux `script`), in `dir`; a key bound to print the line shows
 * it after the completion. So whether a space follows an inserted name, and whether bash fell
 * back to file names, are bash's own doing.
 */
export async function bashReadline(
  script: string,
  keys: string,
  options: {dir: string; env: NodeJS.ProcessEnv},
): Promise<string> {
  const scriptFile = join(options.dir, 'kctl.bash')
  writeFileSync(scriptFile, script)
  const child = spawn('script', ['-qfc', 'bash --norc --noprofile -i', '/dev/null'], {
    cwd: options.dir,
    env: {...options.env, TERM: 'dumb', INPUTRC: '/dev/null'},
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let out = ''
  const listeners = new Set<() => void>()
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString('utf8')
    for (const l of listeners) l()
  })
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const timer = setTimeout(() => {
        listeners.delete(check)
        reject(new Error(`bash never showed ${pattern}; screen:\n${out.slice(-500)}`))
      }, 20_000)
      const check = () => {
        const m = pattern.exec(out)
        if (!m) return
        clearTimeout(timer)
        listeners.delete(check)
        resolve(m)
      }
      listeners.add(check)
      check()
    })
  try {
    await waitFor(/[$#] $/m)
    // Markers typed split ('rl''ready'), so the echo of the typed line never matches them.
    child.stdin.write(
      `PS1='rl''ready> '; source '${scriptFile}'; bind -x '"\\C-t": printf "<li""ne>%s</li""ne>\\n" "$READLINE_LINE"'; echo setup''done\n`,
    )
    await waitFor(/setupdone[\s\S]*rlready> /)
    out = ''
    child.stdin.write(`${keys}\u0014`)
    return (await waitFor(/<line>(.*)<\/line>/))[1]
  } finally {
    child.kill()
  }
}
