#!/usr/bin/env bash
# Peers benchmark (run by hand): the everyday commands of kctl side by side with kafkactl and kcl
# (both Go, built from their public sources) and Kafka's own tools from the local cluster's jars,
# on the same cluster, each group of commands in one hyperfine run with `node -e 0` as the floor.
#
#   KAFKACTL=/path/to/kafkactl KCL=/path/to/kcl BOOTSTRAP=127.0.0.1:9092 \
#     KCTL_LOCAL_DIR=<local cluster dir> bash bench/peers.sh
#
# Building the peers (Go 1.26, from a checkout of each repository, nothing of theirs is kept here):
#   git clone https://github.com/deviceinsight/kafkactl && (cd kafkactl && go build -o ../kafkactl-bin .)
#   git clone https://github.com/twmb/kcl && (cd kcl && go build -o ../kcl-bin .)
# Kafka's tools run from the classpath of the local cluster (state.json in KCTL_LOCAL_DIR, or CP).
# The dataset is bench/startup.sh's (55 topics, one of 100 partitions, a group on it): run that
# first. SCALE=1 adds `lag --all-groups` over bench/lag.sh's 200-group dataset (create it with
# `node --import tsx bench/lag-dataset.ts create $BOOTSTRAP`, which takes a few minutes), kctl's
# per-partition JSON of all 20,000 rows against kcl's per-partition lag, and both peak RSS;
# SCALE_ONLY=1 runs only those (the everyday figures want bench/startup.sh's 55 topics alone).
# A missing peer is left out. RUNS (default 10), WARMUP (default 2).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "install hyperfine (apt-get install hyperfine)" >&2; exit 2; }
: "${BOOTSTRAP:?set BOOTSTRAP=host:port of the cluster (PLAINTEXT)}"
DIR="${KCTL_LOCAL_DIR:-${XDG_STATE_HOME:-$HOME/.local/state}/kctl/local}"
CP="${CP:-$(node -e 'try { console.log(require(process.argv[1]).classpath) } catch { console.log("") }' "$DIR/state.json")}"
if [ -z "${SKIP_BUILD:-}" ]; then
  npm run build >/dev/null
  npx oclif manifest >/dev/null
  made_manifest=1
fi
TOPIC=bench-startup-100p
GROUP=bench-startup-group
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; [ -z "${made_manifest:-}" ] || rm -f oclif.manifest.json' EXIT
printf 'contexts:\n  default:\n    brokers:\n      - %s\n' "$BOOTSTRAP" >"$tmp/kafkactl.yml"

kctl="node bin/run.js"
kafkactl=""
[ -n "${KAFKACTL:-}" ] && [ -x "$KAFKACTL" ] && kafkactl="$KAFKACTL -C $tmp/kafkactl.yml"
kcl=""
[ -n "${KCL:-}" ] && [ -x "$KCL" ] && kcl="$KCL --no-config-file -B $BOOTSTRAP"
java=""
[ -n "$CP" ] && java="java -cp $CP"

mkdir -p bench/results
: >bench/results/peers.ndjson
# One group: a name, then pairs of (tool, command); empty commands (a missing peer) are skipped.
group() {
  local name=$1
  shift
  local args=(-n 'node -e 0' 'node -e 0')
  while [ $# -gt 0 ]; do
    [ -n "$2" ] && args+=(-n "$1" "$2")
    shift 2
  done
  hyperfine -N --warmup "${WARMUP:-2}" --runs "${RUNS:-10}" --export-json "$tmp/r.json" "${args[@]}" >/dev/null
  node -e '
    const [name, file] = process.argv.slice(1)
    const r = require(file).results
    const floor = r[0].median
    for (const x of r) console.log(JSON.stringify({group: name, tool: x.command, medianMs: +(x.median * 1000).toFixed(1), ratio: +(x.median / floor).toFixed(2)}))
  ' "$name" "$tmp/r.json" >>bench/results/peers.ndjson
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
if [ -z "${SCALE_ONLY:-}" ]; then
group 'topics list' \
  kctl "$kctl topics list -b $BOOTSTRAP" \
  kafkactl "${kafkactl:+$kafkactl get topics}" \
  kcl "${kcl:+$kcl topic list}" \
  kafka-topics "${java:+$java org.apache.kafka.tools.TopicCommand --bootstrap-server $BOOTSTRAP --list}"
group 'topics describe T (100 partitions)' \
  kctl "$kctl topics describe $TOPIC -b $BOOTSTRAP" \
  kafkactl "${kafkactl:+$kafkactl describe topic $TOPIC}" \
  kcl "${kcl:+$kcl topic describe $TOPIC}" \
  kafka-topics "${java:+$java org.apache.kafka.tools.TopicCommand --bootstrap-server $BOOTSTRAP --describe --topic $TOPIC}"
group 'groups describe G / lag G' \
  'kctl groups describe' "$kctl groups describe $GROUP -b $BOOTSTRAP" \
  'kctl lag' "$kctl lag $GROUP -b $BOOTSTRAP" \
  kafkactl "${kafkactl:+$kafkactl describe consumer-group $GROUP}" \
  kcl "${kcl:+$kcl group describe $GROUP}" \
  kafka-consumer-groups "${java:+$java org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --bootstrap-server $BOOTSTRAP --describe --group $GROUP}"
fi
if [ -n "${SCALE:-}${SCALE_ONLY:-}" ]; then
  group 'lag --all-groups (200 groups)' \
    kctl "$kctl lag --all-groups -b $BOOTSTRAP" \
    kcl "${kcl:+$kcl group describe}" \
    kafka-consumer-groups "${java:+$java org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --bootstrap-server $BOOTSTRAP --describe --all-groups}"
  # Every partition row of every group (20,000): kctl's JSON against kcl's per-partition lag section.
  group 'per-partition lag of all groups (20,000 rows)' \
    'kctl -o json' "$kctl lag --all-groups -o json -b $BOOTSTRAP" \
    'kcl --section lag' "${kcl:+$kcl group describe --section lag}"
  # Peak memory of the same two (median of 3, GNU time).
  peak() { for _ in 1 2 3; do /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; done | sort -n | sed -n 2p; }
  if [ -x /usr/bin/time ]; then
    echo "{\"group\": \"peak RSS, per-partition lag\", \"tool\": \"kctl -o json\", \"medianMs\": null, \"ratio\": 0, \"rssMiB\": $(($(peak $kctl lag --all-groups -o json -b "$BOOTSTRAP") / 1024))}" >>bench/results/peers.ndjson
    [ -z "$kcl" ] || echo "{\"group\": \"peak RSS, per-partition lag\", \"tool\": \"kcl --section lag\", \"medianMs\": null, \"ratio\": 0, \"rssMiB\": $(($(peak $kcl group describe --section lag) / 1024))}" >>bench/results/peers.ndjson
  fi
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

node - "$load_before" "$load_after" <<'EOF'
const rows = require('fs').readFileSync('bench/results/peers.ndjson', 'utf8').trim().split('\n').map((l) => JSON.parse(l))
let last
for (const r of rows) {
  if (r.group !== last) console.log(`\n${(last = r.group)}`)
  if (r.rssMiB !== undefined) console.log(`  ${r.tool.padEnd(24)} ${String(r.rssMiB).padStart(8)} MiB peak RSS`)
  else console.log(`  ${r.tool.padEnd(24)} ${String(r.medianMs).padStart(8)} ms  ${r.ratio.toFixed(2)}x node -e 0`)
}
console.log(`\nload average before ${process.argv[2]}, after ${process.argv[3]}`)
EOF
