#!/usr/bin/env bash
# Completion latency benchmark (run by hand): what a TAB costs, cached and uncached, and with every
# broker unreachable. Needs hyperfine and a running cluster as the current context (e.g.
# `kctl local start`; KCTL_CONFIG / KCTL_CONTEXT choose another). Budget: answers from the cache
# < 300 ms (median) on the project's 2-core machines; uncached and cluster-down answers < 1 s.
# Writes bench/results/completion.json and prints a table with the machine's load.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "install hyperfine (apt-get install hyperfine)" >&2; exit 2; }
npm run build >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME="$work/cache"
dir="$XDG_CACHE_HOME/kctl/completion"
node bin/run.js autocomplete bash >"$work/kctl.bash"
node bin/run.js autocomplete --refresh-cache
# Every broker unreachable: a copy of the config file whose addresses point at a closed port,
# with the same context names, so the cache above answers for it.
config=${KCTL_CONFIG:-${XDG_CONFIG_HOME:-$HOME/.config}/kctl/config.yaml}
sed -E 's/(localhost|127\.0\.0\.1|[A-Za-z0-9.-]+):[0-9]+/127.0.0.1:1/g' "$config" >"$work/down.yaml"
main=dist/completion/main.js
# Uncached: each run starts without the cluster's names, once the previous run's background
# refresh has finished (its lock file gone), so runs never overlap.
uncache="while ls $dir/*.lock >/dev/null 2>&1; do sleep 0.02; done; rm -f $dir/names-*.json"
# Cluster down with a stale cache: the answer comes from the cache while a refresh is attempted.
stale="node -e 'const fs=require(\"fs\");for(const f of fs.readdirSync(\"$dir\"))if(/^names-.*json\$/.test(f)){const p=\"$dir/\"+f;const c=JSON.parse(fs.readFileSync(p));c.updatedAt=0;fs.writeFileSync(p,JSON.stringify(c))}'"
# A large cluster's cache: 10,000 topics (context "bench-big", fresh, so never refreshed).
node --input-type=module -e "
import {writeNames} from './dist/completion/cache.js'
const topics = Array.from({length: 10000}, (_, i) => 'bench-topic-' + String(i).padStart(5, '0'))
writeNames({updatedAt: Date.now() + 864e5, cluster: 'context:bench-big', names: {topics},
  partitions: Object.fromEntries(topics.map((t) => [t, 12]))})"
cp -r "$dir" "$work/cached"
restore="while ls $dir/*.lock >/dev/null 2>&1; do sleep 0.02; done; rm -rf $dir && cp -r $work/cached $dir"
# A TAB in bash: its completion function as bash calls it, then COMPREPLY printed.
cat >"$work/tab.bash" <<EOS
source $work/kctl.bash
COMP_LINE='kctl topics describe '; COMP_POINT=\${#COMP_LINE}
_kctl_complete; printf '%s\\n' "\${COMPREPLY[@]}"
EOS
echo "cached names offered: $(node $main -- topics describe '' | wc -l) topics; bash TAB: $(bash "$work/tab.bash" | wc -l)"
mkdir -p bench/results
hyperfine --warmup 3 --runs "${RUNS:-20}" --export-json bench/results/completion.json \
  --prepare "$restore" --prepare "$restore" --prepare "$restore" --prepare "$restore" --prepare "$restore" \
  --prepare "$uncache" --prepare "$restore; $stale" --prepare "$uncache" \
  -n 'node -e 0 (floor)' "node -e 0" \
  -n 'commands, no cluster' "node $main -- topics de" \
  -n 'topics, cached' "node $main -- topics describe ''" \
  -n 'bash TAB, topics, cached' "bash $work/tab.bash" \
  -n 'topics, cached, 10,000 names' "node $main -- topics describe --context bench-big bench-topic-09" \
  -n 'topics, uncached' "node $main -- topics describe ''" \
  -n 'cluster down, cached' "KCTL_CONFIG=$work/down.yaml node $main -- topics describe ''" \
  -n 'cluster down, uncached' "KCTL_CONFIG=$work/down.yaml node $main -- topics describe ''"
node -e '
const r = require("./bench/results/completion.json").results
console.log("| what | median | max | user CPU |\n|---|---|---|---|")
for (const x of r)
  console.log(`| ${x.command} | ${(x.median * 1000).toFixed(1)} ms | ${(x.max * 1000).toFixed(1)} ms | ${(x.user * 1000).toFixed(1)} ms |`)
'
echo "cores: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg); $(node --version)"
# How often the first TAB (no cache yet) already has the names within its second.
got=0
for _ in 1 2 3 4 5 6 7 8 9 10; do
  bash -c "$uncache"
  [ -n "$(node $main -- topics describe '')" ] && got=$((got + 1))
done
echo "uncached TABs that answered names: $got of 10"
