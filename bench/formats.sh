#!/usr/bin/env bash
# Stage one's throughput per input format on the same rows: `spillway spill` of one corpus written
# as CSV (the reference), as PostgreSQL text format and as JSON lines, same tables and emits, rounds
# interleaved in one invocation; reports the median seconds per format, records/s, the ratio to CSV,
# and checks that every format wrote the same row counts.
#
#   bench/formats.sh [ROWS] [ROUNDS] [WORK_DIR]      defaults: 1000000 3 /tmp/formats-bench
set -euo pipefail
export SPILLWAY_CDS="${SPILLWAY_CDS:-wait}"  # bin/spillway trains its class-data archives before the first timed run
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows="${1:-1000000}"
rounds="${2:-3}"
work="${3:-/tmp/formats-bench}"

mkdir -p "$work"
if [ ! -f "$work/corpus/packages.jsonl" ] || [ "$(cat "$work/corpus/.rows" 2>/dev/null)" != "$rows" ]; then
  echo "generating $rows rows in $work/corpus ..." >&2
  python3 "$root/bench/gen_formats_corpus.py" "$work/corpus" --rows "$rows"
  echo "$rows" > "$work/corpus/.rows"
fi
(cd "$root" && mvn -B -q package -DskipTests) >&2

declare -A times
for round in $(seq 1 "$rounds"); do
  for format in csv text jsonl; do
    rm -rf "$work/out-$format"
    start=$(date +%s.%N)
    "$root/bin/spillway" spill --quiet --plan "$work/corpus/plan-$format.yaml" --out "$work/out-$format" > /dev/null
    end=$(date +%s.%N)
    times[$format]="${times[$format]:-} $(echo "$end - $start" | bc -l)"
    echo "round $round $format: $(echo "$end - $start" | bc -l | cut -c1-6) s" >&2
  done
done

counts() {
  python3 -c "import json,sys; m=json.load(open(sys.argv[1])); print(' '.join('%s=%d' % (t['name'], t['counters']['written']) for t in m['tables']))" "$1/manifest.json"
}
reference_counts=$(counts "$work/out-csv")
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
csv_median=$(echo "${times[csv]}" | median)

echo "| format | input MiB | median s ($rounds rounds) | records/s | vs csv (throughput) | rows written | check |"
echo "|---|---:|---:|---:|---:|---|---|"
for format in csv text jsonl; do
  file=$(case $format in csv) echo packages.csv;; text) echo packages.txt;; jsonl) echo packages.jsonl;; esac)
  mib=$(du -m "$work/corpus/$file" | cut -f1)
  m=$(echo "${times[$format]}" | median)
  c=$(counts "$work/out-$format")
  check=$([ "$c" = "$reference_counts" ] && echo ok || echo "DIFFERS")
  awk -v f="$format" -v mib="$mib" -v m="$m" -v r="$rows" -v cm="$csv_median" -v c="$c" -v ck="$check" \
    'BEGIN { printf "| %s | %d | %.1f | %.0f | %.2fx | %s | %s |\n", f, mib, m, r / m, cm / m, c, ck }'
done
