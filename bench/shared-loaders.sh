#!/usr/bin/env bash
# Shared loads (issue 14): 1, 2 and 3 `spillway load --shared` processes on one spill, on this machine.
#
#   bench/shared-loaders.sh [ROWS] [MAX_SEGMENT_BYTES] [ROUNDS] [JOBS]   (defaults: 1000000 rows, 4 MiB, 3 rounds, --jobs 1)
#
# Generates a synthetic spill (bench_row: bigint, text, integer, text; primary key on id) with
# BenchSpill, then, per round, into the same table truncated in between (and a fresh control schema):
#   psql     a loop of  psql -c "\copy bench_row from 'SEGMENT' (format binary)"  (the reference of load-vs-psql.sh)
#   shared1  one   spillway load --shared --jobs JOBS
#   shared2  two   of them started at once, timed until the last exits
#   shared3  three of them
# (--no-analyze, like the psql loop.) Each run is checked: row count, one progress row per segment,
# and with 2 and 3 loaders the segments each loader loaded (from its summary line).
# Prints median and best times and the ratio of shared1's time to each (>1: faster than one loader).
# Connection: PGHOST/PGPORT/PGUSER/PGDATABASE (default 127.0.0.1:5432, postgres, test). Not a test:
# figures depend on the machine (cores shared by loaders and server alike).
set -euo pipefail
export SPILLWAY_CDS="${SPILLWAY_CDS:-wait}"  # bin/spillway trains its class-data archives before the first timed run
cd "$(dirname "$0")/.."
rows="${1:-1000000}"
segment_bytes="${2:-4194304}"
rounds="${3:-3}"
jobs="${4:-1}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}" PGDATABASE="${PGDATABASE:-test}"
schema="bench_shared_$$"
work="$(mktemp -d)"
trap 'rm -rf "$work"; psql -qX -c "SET client_min_messages = warning" -c "DROP SCHEMA IF EXISTS $schema CASCADE" -c "DROP SCHEMA IF EXISTS ${schema}_ctl CASCADE" >/dev/null 2>&1 || true' EXIT

mvn -B -q -o test-compile >&2
bin/spillway --version >/dev/null  # builds target/spillway.jar outside the timed runs
cp="target/test-classes:target/spillway.jar" # the shaded jar has every runtime dependency BenchSpill needs

segments=$(java -cp "$cp" dev.spillway.load.BenchSpill "$work/spill" "$rows" "$segment_bytes" "$schema")
bytes=$(du -sb "$work/spill/segments" | cut -f1)
echo "spill: $rows rows, $segments segments, $((bytes / 1048576)) MiB, $(nproc) cores, --jobs $jobs per loader" >&2
psql -qX -v ON_ERROR_STOP=1 <<SQL
CREATE SCHEMA $schema;
CREATE TABLE $schema.bench_row (id bigint PRIMARY KEY, name text, category integer, note text);
SQL

now() { date +%s.%N; }
reset() {
  psql -qX -v ON_ERROR_STOP=1 -c "TRUNCATE $schema.bench_row" -c "SET client_min_messages = warning" \
    -c "DROP SCHEMA IF EXISTS ${schema}_ctl CASCADE" -c "CHECKPOINT" >/dev/null
}
check() {
  n=$(psql -qAtX -c "SELECT count(*) FROM $schema.bench_row")
  [ "$n" = "$rows" ] || { echo "expected $rows rows, found $n" >&2; exit 1; }
  if [ "$1" != psql ]; then
    p=$(psql -qAtX -c "SELECT count(*) || '/' || count(DISTINCT segment_seq) FROM ${schema}_ctl.segment_progress")
    [ "$p" = "$segments/$segments" ] || { echo "expected $segments progress rows, found $p" >&2; exit 1; }
  fi
}
psql_loop() {
  for f in "$work"/spill/segments/*.pgcopy; do
    psql -qX -v ON_ERROR_STOP=1 -c "\\copy $schema.bench_row from '$f' (format binary)" >/dev/null
  done
}
shared() { # N loaders at once; each one's summary line says how many segments it loaded
  local pids=() i
  for i in $(seq 1 "$1"); do
    bin/spillway load "$work/spill" --url "postgresql://$PGUSER@$PGHOST:$PGPORT/$PGDATABASE" \
      --control-schema "${schema}_ctl" --no-analyze --shared --jobs "$jobs" >"$work/loader$i.out" 2>/dev/null &
    pids+=($!)
  done
  for i in "${pids[@]}"; do wait "$i"; done
  split=""
  for i in $(seq 1 "$1"); do
    split="$split $(grep -o '[0-9]* segments loaded' "$work/loader$i.out" | cut -d' ' -f1)"
  done
}
declare -A times
run() {
  local name="$1"; shift
  reset
  split=""
  local start; start=$(now)
  "$@"
  local took; took=$(echo "$(now) - $start" | bc -l)
  check "$name"
  times[$name]="${times[$name]:-} $took"
  printf 'round %d %-8s %6.2f s%s\n' "$round" "$name" "$took" "${split:+   segments per loader:$split}" >&2
}
median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
best() { tr ' ' '\n' <<<"$1" | grep . | sort -g | head -n1; }

methods="psql shared1 shared2 shared3"
for round in $(seq 1 "$rounds"); do
  run psql psql_loop
  run shared1 shared 1
  run shared2 shared 2
  run shared3 shared 3
done

echo "command: bench/shared-loaders.sh $rows $segment_bytes $rounds $jobs   ($segments segments, $((bytes / 1048576)) MiB, $(nproc) cores, $rounds rounds)"
base=$(median "${times[shared1]}")
base_best=$(best "${times[shared1]}")
printf '%-10s %10s %12s %10s   %10s %12s %10s\n' method median-s rows/s vs-shared1 best-s rows/s vs-shared1
for m in $methods; do
  s=$(median "${times[$m]}")
  b=$(best "${times[$m]}")
  printf '%-10s %10.2f %12.0f %10.2f   %10.2f %12.0f %10.2f\n' "$m" "$s" "$(echo "$rows / $s" | bc -l)" \
    "$(echo "$base / $s" | bc -l)" "$b" "$(echo "$rows / $b" | bc -l)" "$(echo "$base_best / $b" | bc -l)"
done
