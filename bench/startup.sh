#!/usr/bin/env bash
# Startup benchmark (run by hand): how fast kctl answers, as an installed package would (built,
# with the oclif manifest). Needs hyperfine and a running local cluster (`kctl local start`).
# Budget: `kctl --version` median <= 150 ms on the project's 2-core machines.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "install hyperfine (apt-get install hyperfine)" >&2; exit 2; }
npm run build >/dev/null
npx oclif manifest >/dev/null
trap 'rm -f oclif.manifest.json' EXIT
mkdir -p bench/results
hyperfine --warmup 3 --runs "${RUNS:-30}" --export-json bench/results/startup.json \
  'node -e 0' \
  'node bin/run.js --version' \
  'node bin/run.js --help' \
  'node bin/run.js topics list'
node -e '
const r = require("./bench/results/startup.json").results
for (const x of r) console.log(`${x.command.padEnd(32)} median ${(x.median * 1000).toFixed(1)} ms  mean ${(x.mean * 1000).toFixed(1)} ms  user ${(x.user * 1000).toFixed(1)} ms`)
'
