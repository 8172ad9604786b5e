#!/usr/bin/env bash
# Start-up benchmark (run by hand): how fast the everyday commands answer, as a ratio to
# `node -e 0` measured in the same hyperfine run (the machine's own start-up floor), and the peak
# memory of `topics list`. kctl runs as installed: built, with the oclif manifest.
# Needs hyperfine, GNU time (/usr/bin/time) and a running cluster: the current context (or
# KCTL_CONFIG / --context through CONTEXT=...) or BOOTSTRAP=host:port.
#
# CPU (user + system, mean) is printed too, with its ratio to `node -e 0`'s: on a loaded machine it
# moves far less than wall time.
# Targets (docs/benchmarks.md): topics list, cluster describe <= 2.0x; topics describe (100
# partitions), groups describe, lag <= 2.5x; --help and a usage error <= 1.8x; topics list peak
# RSS <= 60 MiB.
#
# The dataset (created once, kept; DELETE=1 removes it): 54 one-partition topics plus one topic of
# 100 partitions with 1,000 records (55 topics), and a group with committed offsets on it.
#   RUNS (default 20), ROUNDS (default 2), WARMUP (default 3), KCTL (default: node bin/run.js),
#   KCTL_BEFORE (a second build measured in the same runs), SKIP_BUILD=1
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "install hyperfine (apt-get install hyperfine)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "install GNU time (apt-get install time)" >&2; exit 2; }
if [ -z "${SKIP_BUILD:-}" ]; then
  npm run build >/dev/null
  npx oclif manifest >/dev/null
  trap 'rm -f oclif.manifest.json' EXIT
fi
KCTL="${KCTL:-node bin/run.js}"
conn=()
[ -n "${BOOTSTRAP:-}" ] && conn+=(--bootstrap-server "$BOOTSTRAP")
[ -n "${CONTEXT:-}" ] && conn+=(--context "$CONTEXT")
c="${conn[*]:-}"
kctl() { $KCTL "$@" ${c:+$c}; }
PREFIX=bench-startup
TOPIC="$PREFIX-100p"
GROUP="$PREFIX-group"

if [ -n "${DELETE:-}" ]; then
  kctl groups delete "$GROUP" --yes >/dev/null || true
  kctl topics delete --match "^$PREFIX-" --yes >/dev/null
  exit 0
fi
if ! kctl topics describe "$TOPIC" >/dev/null 2>&1; then
  kctl topics create $(seq -f "$PREFIX-%02g" 1 54) --partitions 1 --replication-factor 1 --if-not-exists >/dev/null
  kctl topics create "$TOPIC" --partitions 100 --replication-factor 1 >/dev/null
  # A cluster that has just started may still be loading its coordinators: retry a few times.
  retry() { for _ in 1 2 3 4 5; do "$@" && return 0; sleep 2; done; return 1; }
  retry sh -c "seq 1 1000 | $KCTL produce $TOPIC ${c:+$c} >/dev/null"
  retry kctl offsets reset --group "$GROUP" --topic "$TOPIC" --to-earliest --new-group --execute --yes >/dev/null
fi

mkdir -p bench/results
# name|arguments; each runs as "$KCTL arguments" (and as "$KCTL_BEFORE arguments" when set, to
# compare two builds in the same runs: KCTL_BEFORE="node /path/to/other/checkout/bin/run.js").
commands=(
  'kctl --version|--version'
  'kctl --help|--help'
  'topics list --help|topics list --help'
  'usage error|topics list --output nope'
  "topics list|topics list $c"
  "cluster describe|cluster describe $c"
  "topics describe T (100 partitions)|topics describe $TOPIC $c"
  "groups describe G|groups describe $GROUP $c"
  "lag G|lag $GROUP $c"
)
args=(-n 'node -e 0' 'node -e 0')
for entry in "${commands[@]}"; do
  args+=(-n "${entry%%|*}" "$KCTL ${entry#*|}")
  [ -n "${KCTL_BEFORE:-}" ] && args+=(-n "before: ${entry%%|*}" "$KCTL_BEFORE ${entry#*|}")
done
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# Interleaved: hyperfine runs each command's runs in a block, so the whole list is repeated in
# ROUNDS rounds and the medians are taken over all rounds.
ROUNDS="${ROUNDS:-2}"
: >bench/results/startup-runs.ndjson
for round in $(seq 1 "$ROUNDS"); do
  hyperfine -N -i --warmup "${WARMUP:-3}" --runs "$(((${RUNS:-20} + ROUNDS - 1) / ROUNDS))" \
    --export-json bench/results/startup.json "${args[@]}" >/dev/null
  node -e 'for (const r of require("./bench/results/startup.json").results) console.log(JSON.stringify({name: r.command, times: r.times, user: r.user, system: r.system}))' >>bench/results/startup-runs.ndjson
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# Peak RSS of `topics list` (median of 5).
peak_rss() { for _ in 1 2 3 4 5; do /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; done | sort -n | sed -n 3p; }
rss=$(peak_rss $KCTL topics list $c)
rss_before=$([ -z "${KCTL_BEFORE:-}" ] || peak_rss $KCTL_BEFORE topics list $c)

node - "$load_before" "$load_after" "$rss" "$rss_before" <<'EOF'
const fs = require('node:fs')
const [loadBefore, loadAfter, rss, rssBefore] = process.argv.slice(2)
const runs = fs.readFileSync('bench/results/startup-runs.ndjson', 'utf8').trim().split('\n').map((l) => JSON.parse(l))
const byName = new Map()
const cpu = new Map()
for (const r of runs) {
  byName.set(r.name, [...(byName.get(r.name) ?? []), ...r.times])
  cpu.set(r.name, [...(cpu.get(r.name) ?? []), r.user + r.system])
}
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2 }
const target = {'topics list': 2, 'cluster describe': 2, 'topics describe T (100 partitions)': 2.5, 'groups describe G': 2.5, 'lag G': 2.5, 'kctl --help': 1.8, 'topics list --help': 1.8, 'usage error': 1.8}
const floor = median(byName.get('node -e 0'))
const cpuFloor = mean(cpu.get('node -e 0'))
const rows = []
console.log(`${'command'.padEnd(44)} ${'median'.padStart(10)} ${'ratio'.padStart(6)}  ${'CPU'.padStart(9)} ${'ratio'.padStart(6)}`)
for (const [name, times] of byName) {
  const m = median(times), ratio = m / floor, t = target[name.replace(/^before: /, '')]
  const c = mean(cpu.get(name)), cpuRatio = c / cpuFloor
  rows.push({command: name, medianMs: +(m * 1000).toFixed(1), ratio: +ratio.toFixed(2), cpuMs: +(c * 1000).toFixed(1), cpuRatio: +cpuRatio.toFixed(2), target: t ?? null, holds: t === undefined ? null : ratio <= t})
  console.log(`${name.padEnd(44)} ${(m * 1000).toFixed(1).padStart(7)} ms ${ratio.toFixed(2).padStart(5)}x  ${(c * 1000).toFixed(1).padStart(6)} ms ${cpuRatio.toFixed(2).padStart(5)}x${t ? `  (target <= ${t}x: ${ratio <= t ? 'holds' : 'MISSED'})` : ''}`)
}
const rssMiB = +(rss / 1024).toFixed(1)
console.log(`topics list peak RSS: ${rssMiB} MiB (target <= 60 MiB: ${rssMiB <= 60 ? 'holds' : 'MISSED'})${rssBefore ? `; before: ${(rssBefore / 1024).toFixed(1)} MiB` : ''}`)
console.log(`load average before ${loadBefore}, after ${loadAfter}; ${byName.get('node -e 0').length} runs per command`)
fs.writeFileSync('bench/results/startup-summary.json', JSON.stringify({loadBefore, loadAfter, rows, topicsListPeakRssMiB: rssMiB}, null, 2) + '\n')
EOF
