#!/usr/bin/env bash
# Completion latency benchmark (run by hand): what a TAB costs, cached and uncached, and with the
# cluster down. Needs hyperfine and a running local cluster (`kctl local start`).
# Budget: cached answers < 300 ms (median) on the project's 2-core machines; uncached and
# cluster-down answers < 1 s.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "install hyperfine (apt-get install hyperfine)" >&2; exit 2; }
npm run build >/dev/null
export XDG_CACHE_HOME
XDG_CACHE_HOME=$(mktemp -d)
trap 'rm -rf "$XDG_CACHE_HOME"' EXIT
node bin/run.js completion bash >/dev/null
main=dist/completion/main.js
mkdir -p bench/results
# Uncached and cluster down: the names cache is removed before each run (the answer waits for
# the background refresh up to 0.9 s after the process started).
clear="rm -f $XDG_CACHE_HOME/kctl/completion/names-*"
hyperfine --warmup 2 --runs "${RUNS:-20}" --export-json bench/results/completion.json \
  --prepare true --prepare true --prepare "$clear" --prepare "$clear" \
  -n 'commands (no cluster)' "node $main -- topics de" \
  -n 'topics, cached' "node $main -- topics describe ''" \
  -n 'topics, uncached' "node $main -- topics describe ''" \
  -n 'cluster down' "node $main -- topics describe --bootstrap-server 127.0.0.1:1 ''"
node -e '
const r = require("./bench/results/completion.json").results
for (const x of r) console.log(`${x.command.padEnd(24)} median ${(x.median * 1000).toFixed(1)} ms  max ${(x.max * 1000).toFixed(1)} ms`)
'
