#!/usr/bin/env bash
# Stage one with a 128 MiB heap over a corpus of ROWS rows with KEYS distinct natural keys, next to a
# Commons-CSV-only parse of the same file in the same run (the reference). Reports records/s of
# both, their ratio, the spill's peak RSS (/usr/bin/time -v) and that it finished.
#
#   bench/spill-memory.sh [ROWS] [KEYS] [WORK_DIR]       defaults: 10000000 5000000 /tmp/spill-bench
set -euo pipefail
export SPILLWAY_CDS="${SPILLWAY_CDS:-wait}"  # bin/spillway trains its class-data archives before the first timed run
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows="${1:-10000000}"
keys="${2:-5000000}"
work="${3:-/tmp/spill-bench}"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

mkdir -p "$work"
if [ ! -f "$work/corpus/events.csv" ] || [ "$(cat "$work/corpus/.shape" 2>/dev/null)" != "$rows $keys" ]; then
  echo "generating $rows rows with $keys distinct keys in $work/corpus ..." >&2
  python3 "$root/bench/gen_keys_corpus.py" "$work/corpus" --rows "$rows" --keys "$keys"
  echo "$rows $keys" > "$work/corpus/.shape"
fi
csv="$work/corpus/events.csv"
echo "corpus: $(du -h "$csv" | cut -f1) $csv" >&2

# build the jar once (bin/spillway would otherwise build it inside the timed run)
(cd "$root" && mvn -B -q package -DskipTests) >&2

echo "reference: Commons CSV parse only ..." >&2
mkdir -p "$work/parse-only" && javac -d "$work/parse-only" -cp "$root/target/spillway.jar" "$root/bench/CsvParseOnly.java"
ref=$(java -Xmx128m -cp "$root/target/spillway.jar:$work/parse-only" CsvParseOnly "$csv")  # compiled: not timing javac
ref_records=$(echo "$ref" | awk '{print $1}')
ref_seconds=$(echo "$ref" | awk '{print $2}')

echo "spillway spill with JAVA_OPTS=-Xmx128m ..." >&2
rm -rf "$work/out"
start=$(date +%s.%N)
status=0
JAVA_OPTS=-Xmx128m /usr/bin/time -v -o "$work/time.txt" "$root/bin/spillway" spill --quiet \
  --plan "$work/corpus/plan.yaml" --out "$work/out" > "$work/summary.txt" || status=$?
end=$(date +%s.%N)
spill_seconds=$(echo "$end - $start" | bc -l)
rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
state=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['state'])" "$work/out/manifest.json")

cat "$work/summary.txt"
awk -v r="$ref_records" -v rs="$ref_seconds" -v ss="$spill_seconds" -v rss="$rss_kb" -v st="$state" -v ex="$status" 'BEGIN {
  printf "records:                 %d\n", r
  printf "commons-csv parse only:  %.1f s, %.0f records/s\n", rs, r / rs
  printf "spillway spill -Xmx128m: %.1f s, %.0f records/s (exit %d, manifest %s)\n", ss, r / ss, ex, st
  printf "ratio parse/spill:       %.2fx (spill throughput is %.0f%% of parse-only)\n", ss / rs, 100 * rs / ss
  printf "spill peak RSS:          %.0f MiB\n", rss / 1024
}'
du -sh "$work/out/segments" "$work/out/idmap" | sed 's/^/disk: /'
