#!/usr/bin/env bash
# Memory of `kctl lag --watch` over the bench/lag.sh dataset (200 groups, 5,000 partitions):
# RSS at refresh 10 against refresh 200 (run by hand; figures go to docs/benchmarks.md).
#   KCTL_LOCAL_DIR=/tmp/kctl-bench bash bench/watch-memory.sh
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build >/dev/null
npx oclif manifest >/dev/null
node bin/run.js local status --json >/dev/null 2>&1 || node bin/run.js local start --brokers 3 ${PORT:+--port "$PORT"} >/dev/null
BOOTSTRAP=$(node bin/run.js local status --json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).bootstrap))')
cleanup() {
  rm -f oclif.manifest.json
  [ "${KEEP:-}" = 1 ] || node --import tsx bench/lag-dataset.ts delete "$BOOTSTRAP"
}
trap cleanup EXIT
node --import tsx bench/lag-dataset.ts create "$BOOTSTRAP"
node --import tsx bench/watch-memory.ts "$BOOTSTRAP" "${REFRESHES:-200}" "${INTERVAL:-500ms}"
