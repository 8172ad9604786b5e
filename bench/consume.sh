#!/usr/bin/env bash
# Consume benchmark (run by hand): kctl consume vs kcat reading the same topic to /dev/null.
# Needs hyperfine and kcat (Debian packages) and a running local cluster (`kctl local start`).
# RECORDS (default 1,000,000) records of ~100 bytes in 6 partitions, lz4, written once by
# kctl produce. BOOTSTRAP defaults to localhost:9092.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "install hyperfine (apt-get install hyperfine)" >&2; exit 2; }
command -v kcat >/dev/null || { echo "install kcat (apt-get install kcat)" >&2; exit 2; }
RECORDS="${RECORDS:-1000000}"
BOOTSTRAP="${BOOTSTRAP:-localhost:9092}"
TOPIC="bench-consume-${RECORDS}"
npm run build >/dev/null
npx oclif manifest >/dev/null
trap 'rm -f oclif.manifest.json' EXIT
kctl() { node bin/run.js "$@" -b "$BOOTSTRAP"; }
if ! kctl topics describe "$TOPIC" >/dev/null 2>&1; then
  kctl topics create "$TOPIC" --partitions 6 --replication-factor 1 >/dev/null
  node -e 'for (let i = 0; i < +process.argv[1]; i++) process.stdout.write(`key-${i}\t${"v".repeat(80)}-${i}\n`)' "$RECORDS" |
    kctl produce "$TOPIC" --key-separator $'\t' --compression lz4 >/dev/null
fi
mkdir -p bench/results
hyperfine --warmup 1 --runs "${RUNS:-5}" --export-json bench/results/consume.json \
  "node bin/run.js consume $TOPIC -b $BOOTSTRAP --output json > /dev/null" \
  "node bin/run.js consume $TOPIC -b $BOOTSTRAP --output raw > /dev/null" \
  "kcat -C -b $BOOTSTRAP -t $TOPIC -o beginning -e -q -J > /dev/null" \
  "kcat -C -b $BOOTSTRAP -t $TOPIC -o beginning -e -q > /dev/null"
node -e '
const n = +process.argv[1]
for (const x of require("./bench/results/consume.json").results) console.log(`${x.command.slice(0, 70).padEnd(72)} median ${x.median.toFixed(2)} s  ${Math.round(n / x.median).toLocaleString("en")} records/s`)
' "$RECORDS"
