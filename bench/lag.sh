#!/usr/bin/env bash
# Lag benchmark (run by hand): `kctl lag --all-groups` against Kafka's own
# `kafka-consumer-groups --describe --all-groups` on the same data: 200 groups with committed
# offsets over 5,000 partitions on a local 3-broker cluster. Needs hyperfine.
#   KCTL_LOCAL_DIR=/tmp/kctl-bench bash bench/lag.sh        (starts the cluster if needed)
# Target: kctl under 2 s and at least 5x faster. The dataset is deleted at the end (KEEP=1 keeps it).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "install hyperfine (apt-get install hyperfine)" >&2; exit 2; }
npm run build >/dev/null
# Measure kctl as installed: with the oclif manifest (without it oclif imports every command).
npx oclif manifest >/dev/null
node bin/run.js local status --json >/dev/null 2>&1 || node bin/run.js local start --brokers 3 ${PORT:+--port "$PORT"} >/dev/null
DIR="${KCTL_LOCAL_DIR:-${XDG_STATE_HOME:-$HOME/.local/state}/kctl/local}"
BOOTSTRAP=$(node bin/run.js local status --json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).bootstrap))')
CP=$(node -e 'console.log(require(process.argv[1]).classpath)' "$DIR/state.json")
cleanup() {
  rm -f oclif.manifest.json
  [ "${KEEP:-}" = 1 ] || node --import tsx bench/lag-dataset.ts delete "$BOOTSTRAP"
}
trap cleanup EXIT
node --import tsx bench/lag-dataset.ts create "$BOOTSTRAP"
mkdir -p bench/results
# Sanity: both tools see the same 200 groups and total lag before timing.
node bin/run.js lag --all-groups -b "$BOOTSTRAP" --no-time-lag --json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const g=JSON.parse(s).groups.filter(x=>x.group.startsWith("bench-lag-"));console.log(`kctl: ${g.length} groups, total lag ${g.reduce((a,x)=>a+x.lag,0)}`)})'
node bin/run.js lag --all-groups -b "$BOOTSTRAP" --debug -o json 2>&1 >/dev/null | grep 'requests:'
hyperfine --warmup 1 --runs "${RUNS:-5}" --export-json bench/results/lag.json \
  -n 'kctl lag --all-groups' "node bin/run.js lag --all-groups -b $BOOTSTRAP" \
  -n 'kctl lag --all-groups -o json' "node bin/run.js lag --all-groups -b $BOOTSTRAP -o json" \
  -n 'kctl lag --all-groups --no-time-lag -o json' "node bin/run.js lag --all-groups -b $BOOTSTRAP --no-time-lag -o json" \
  -n 'kafka-consumer-groups --describe --all-groups' "java -cp '$CP' org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --bootstrap-server $BOOTSTRAP --describe --all-groups"
node -e '
const r = require("./bench/results/lag.json").results
const kafka = r.at(-1).median
for (const x of r) console.log(`${x.command.padEnd(48)} median ${x.median.toFixed(3)} s  min ${x.min.toFixed(3)} s  max ${x.max.toFixed(3)} s${x === r.at(-1) ? "" : `  ${(kafka / x.median).toFixed(1)}x faster`}`)
'
