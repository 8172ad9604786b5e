#!/usr/bin/env bash
# State-as-code benchmark (run by hand): `kctl diff` of a file with 1,000 topics (two config
# overrides each), 2,000 ACL bindings and 200 quota entities against a local 3-broker cluster
# that matches it (nothing pending: every resource is read and compared). Needs hyperfine.
#   KCTL_LOCAL_DIR=/tmp/kctl-bench bash bench/state-diff.sh     (starts the cluster if needed)
# Extra kctl flags (e.g. a context) in KCTL_ARGS. Target: under 2 s. The dataset is removed at
# the end with a pruning `kctl apply` (KEEP=1 keeps it).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "install hyperfine (apt-get install hyperfine)" >&2; exit 2; }
npm run build >/dev/null
npx oclif manifest >/dev/null
node bin/run.js local status --json >/dev/null 2>&1 || node bin/run.js local start --brokers 3 --secure ${PORT:+--port "$PORT"} >/dev/null
WORK=$(mktemp -d)
ARGS=${KCTL_ARGS:-}
cleanup() {
  rm -f oclif.manifest.json
  if [ "${KEEP:-}" != 1 ]; then
    node --import tsx bench/state-dataset.ts clean > "$WORK/clean.yaml"
    node bin/run.js apply -f "$WORK/clean.yaml" --prune --yes --timeout 5m $ARGS >/dev/null
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
node --import tsx bench/state-dataset.ts create > "$WORK/bench.yaml"
# Create the dataset with kctl itself (batched CreateTopics / CreateAcls / AlterClientQuotas):
# the request counts show the batching (1,000 topics in 2 CreateTopics of 500).
START=$(date +%s.%N)
node bin/run.js apply -f "$WORK/bench.yaml" --yes --timeout 10m --debug $ARGS 2>&1 >/dev/null | grep 'requests:' | sed 's/^/apply: /'
echo "apply (create the dataset): $(echo "$(date +%s.%N) - $START" | bc) s"
echo "load before the diff runs: $(uptime | sed 's/.*load average: //')"

# Sanity: nothing pending, and the requests one diff sends.
node bin/run.js diff -f "$WORK/bench.yaml" --debug $ARGS 2>&1 >/dev/null | grep 'requests:'
node bin/run.js diff -f "$WORK/bench.yaml" $ARGS
mkdir -p bench/results
hyperfine --warmup 1 --runs "${RUNS:-10}" --export-json bench/results/state-diff.json \
  -n 'kctl diff (1,000 topics, 2,000 ACLs, 200 quotas)' "node bin/run.js diff -f $WORK/bench.yaml $ARGS" \
  -n 'kctl diff -o json' "node bin/run.js diff -f $WORK/bench.yaml -o json $ARGS" \
  -n 'baseline: kctl topics list --match ^none$' "node bin/run.js topics list --match '^none\$' $ARGS"
echo "load after the diff runs: $(uptime | sed 's/.*load average: //')"
node -e '
for (const x of require("./bench/results/state-diff.json").results) console.log(`${x.command.padEnd(50)} median ${x.median.toFixed(3)} s  min ${x.min.toFixed(3)} s  max ${x.max.toFixed(3)} s`)
'
