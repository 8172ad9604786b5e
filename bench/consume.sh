#!/usr/bin/env bash
# Consume and produce benchmark (run by hand): kctl vs kcat (and Kafka's console consumer and
# producer when KCTL_LOCAL_DIR names a `kctl local` cluster directory: its jars are used).
# Needs kcat (Debian package) and GNU time (/usr/bin/time), and a running cluster.
# RECORDS (default 1,000,000) records of ~100 bytes in 6 partitions, lz4, written once by kcat;
# then each reader reads the whole topic to /dev/null and each writer writes the same file to a
# fresh topic. Reports user+sys CPU seconds, records per CPU second and peak RSS (median of RUNS
# by CPU): on a shared machine wall times say little, CPU times stay comparable.
# BOOTSTRAP defaults to localhost:9092.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v kcat >/dev/null || { echo "install kcat (apt-get install kcat)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "install GNU time (apt-get install time)" >&2; exit 2; }
RECORDS="${RECORDS:-1000000}"
RUNS="${RUNS:-3}"
BOOTSTRAP="${BOOTSTRAP:-localhost:9092}"
TOPIC="bench-consume-${RECORDS}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK" oclif.manifest.json' EXIT
npm run build >/dev/null
npx oclif manifest >/dev/null
CLASSPATH_KAFKA=""
if [ -n "${KCTL_LOCAL_DIR:-}" ] && [ -f "$KCTL_LOCAL_DIR/state.json" ]; then
  CLASSPATH_KAFKA="$(node -e 'console.log(require(process.argv[1]).classpath)' "$KCTL_LOCAL_DIR/state.json")"
fi
kctl() { node bin/run.js "$@" -b "$BOOTSTRAP"; }
node -e 'for (let i = 0; i < +process.argv[1]; i++) process.stdout.write(`key-${i}\t${"v".repeat(80)}-${i}\n`)' "$RECORDS" >"$WORK/records.txt"
if ! kctl topics describe "$TOPIC" >/dev/null 2>&1; then
  kctl topics create "$TOPIC" --partitions 6 --replication-factor 1 >/dev/null
  kcat -P -b "$BOOTSTRAP" -t "$TOPIC" -K $'\t' -z lz4 -l "$WORK/records.txt"
fi

# measure NAME COMMAND [fresh]: RUNS runs under GNU time, the median run (by CPU) printed. With
# "fresh", every run first gets a new 6-partition topic (created outside the timing) as TOPIC.
measure() {
  local name="$1" cmd="$2" fresh="${3:-}" i t
  : >"$WORK/times"
  for i in $(seq "$RUNS"); do
    t="$TOPIC"
    if [ -n "$fresh" ]; then
      t="bench-produce-$$-$RANDOM"
      kctl topics create "$t" --partitions 6 --replication-factor 1 >/dev/null
      echo "$t" >>"$WORK/created"
    fi
    /usr/bin/time -f '%U %S %M' -o "$WORK/one" bash -c "${cmd//TOPIC/$t}" >/dev/null
    cat "$WORK/one" >>"$WORK/times"
  done
  node -e '
const [name, file, n] = process.argv.slice(1)
const runs = require("fs").readFileSync(file, "utf8").trim().split("\n").map((l) => l.split(" ").map(Number))
  .map(([u, s, kb]) => ({u, s, cpu: u + s, kb})).sort((a, b) => a.cpu - b.cpu)
const m = runs[Math.floor(runs.length / 2)]
const rss = Math.max(...runs.map((r) => r.kb)) / 1024
console.log(`${name.padEnd(26)} user ${m.u.toFixed(2)} s  sys ${m.s.toFixed(2)} s  cpu ${m.cpu.toFixed(2)} s  ${Math.round(+n / m.cpu).toLocaleString("en").padStart(9)} records/cpu-s  peak RSS ${rss.toFixed(0)} MiB`)
' "$name" "$WORK/times" "$RECORDS"
}

echo "consume: $RECORDS records to /dev/null (median of $RUNS by CPU; peak RSS: the largest)"
measure "kctl consume -o json" "node bin/run.js consume TOPIC -b $BOOTSTRAP --output json > /dev/null"
measure "kctl consume -o raw" "node bin/run.js consume TOPIC -b $BOOTSTRAP --output raw > /dev/null"
measure "kcat -C -J" "kcat -C -b $BOOTSTRAP -t TOPIC -o beginning -e -q -J > /dev/null"
measure "kcat -C" "kcat -C -b $BOOTSTRAP -t TOPIC -o beginning -e -q > /dev/null"
if [ -n "$CLASSPATH_KAFKA" ]; then
  measure "kafka console consumer" "java -cp '$CLASSPATH_KAFKA' org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server $BOOTSTRAP --topic TOPIC --from-beginning --max-messages $RECORDS > /dev/null 2>&1"
fi

echo "produce: the same $RECORDS records from a file (lz4, acks all), each run to a fresh topic"
: >"$WORK/created"
measure "kctl produce" "node bin/run.js produce TOPIC -b $BOOTSTRAP --key-separator \$'\\t' --compression lz4 --file $WORK/records.txt" fresh
measure "kcat -P" "kcat -P -b $BOOTSTRAP -t TOPIC -K \$'\\t' -z lz4 -X acks=all -l $WORK/records.txt" fresh
if [ -n "$CLASSPATH_KAFKA" ]; then
  measure "kafka console producer" "java -cp '$CLASSPATH_KAFKA' org.apache.kafka.tools.ConsoleProducer --bootstrap-server $BOOTSTRAP --topic TOPIC --compression-codec lz4 --property parse.key=true --property key.separator=\$'\\t' < $WORK/records.txt" fresh
fi
while read -r t; do kctl topics delete "$t" --yes >/dev/null 2>&1 || true; done <"$WORK/created"
