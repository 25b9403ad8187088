#!/usr/bin/env bash
# Stage two throughput against plain psql, on the same segments in the same run.
#
#   bench/load-vs-psql.sh [ROWS] [MAX_SEGMENT_BYTES] [ROUNDS]   (defaults: 3000000 rows, 16 MiB segments, 3 rounds)
#   bench/load-vs-psql.sh --create-tables [ROWS] [MAX_SEGMENT_BYTES] [ROUNDS]
#
# --create-tables: constraints after the data, against pg_restore's order done by hand in psql. The
# spill has bench_group (id, name; key name; ROWS/100 rows) and bench_row (id, name, category, note,
# group_id -> bench_group; key name); each method starts from an empty database schema:
#   psql     one psql script: bare tables (id and key columns NOT NULL), \copy (format binary) of
#            every segment, then primary keys, unique keys, the foreign key, ANALYZE
#   psql_j2  the same with the \copy commands split over two psql sessions running at once
#   jobs1    spillway load --create-tables --jobs 1   (same objects, same order, same ANALYZE)
#   jobs2    spillway load --create-tables --jobs 2
#   inline2  spillway load --jobs 2 into tables created beforehand with their keys and foreign key
#            (what --create-tables did before constraints came after the data)
# and checks each result: row counts and the 5 constraints.
#
# Generates a synthetic spill (bench_row: bigint, text, integer, text; primary key on id) with
# BenchSpill, then loads it three or four ways into a fresh table, truncating in between:
#   psql     a loop of  psql -c "\copy bench_row from 'SEGMENT' (format binary)"  (one transaction each)
#   psql/sc  the same with PGOPTIONS='-c synchronous_commit=off' (what spillway uses inside its transactions)
#   jobs=1   spillway load --jobs 1
#   jobs=2   spillway load --jobs 2
# Each round runs the four methods in turn (interleaved, so drifting load on a shared machine hits
# them alike). Prints, per method, the median and the best (least disturbed) time over the rounds,
# rows/s at each, and the ratios of psql's time to the method's (>1 means faster than the psql loop). Connection: PGHOST/PGPORT/PGUSER/PGDATABASE
# (default 127.0.0.1:5432, postgres, test). Not a test: figures depend on the machine.
set -euo pipefail
export SPILLWAY_CDS="${SPILLWAY_CDS:-wait}"  # bin/spillway trains its class-data archives before the first timed run
cd "$(dirname "$0")/.."
create=""
if [ "${1:-}" = "--create-tables" ]; then
  create=1
  shift
fi
rows="${1:-3000000}"
segment_bytes="${2:-16777216}"
rounds="${3:-3}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}" PGDATABASE="${PGDATABASE:-test}"
schema="bench_load_$$"
work="$(mktemp -d)"
trap 'rm -rf "$work"; psql -qX -c "SET client_min_messages = warning" -c "DROP SCHEMA IF EXISTS $schema CASCADE" -c "DROP SCHEMA IF EXISTS ${schema}_ctl CASCADE" >/dev/null 2>&1 || true' EXIT

mvn -B -q test-compile >&2
mvn -B -q dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >&2
cp="target/classes:target/test-classes:$(cat "$work/cp.txt")"
bin/spillway --version >/dev/null  # builds target/spillway.jar outside the timed runs

# BenchSpill writes segments only (no Chronicle Map): it needs no JVM flags.
segments=$(java -cp "$cp" dev.spillway.load.BenchSpill "$work/spill" "$rows" "$segment_bytes" "$schema" ${create:+keys})
bytes=$(du -sb "$work/spill/segments" | cut -f1)
echo "spill: $rows rows, $segments segments, $((bytes / 1048576)) MiB, $(nproc) cores${create:+, --create-tables}" >&2

now() { date +%s.%N; }
if [ -z "$create" ]; then
psql -qX -v ON_ERROR_STOP=1 <<SQL
CREATE SCHEMA $schema;
CREATE TABLE $schema.bench_row (id bigint PRIMARY KEY, name text, category integer, note text);
SQL
reset() {
  psql -qX -v ON_ERROR_STOP=1 -c "TRUNCATE $schema.bench_row" -c "SET client_min_messages = warning" -c "DROP SCHEMA IF EXISTS ${schema}_ctl CASCADE" -c "CHECKPOINT" >/dev/null
}
check() {
  n=$(psql -qAtX -c "SELECT count(*) FROM $schema.bench_row")
  [ "$n" = "$rows" ] || { echo "expected $rows rows, found $n" >&2; exit 1; }
}
else
groups=$(( rows / 100 > 0 ? rows / 100 : 1 ))
reset() {
  psql -qX -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning" -c "DROP SCHEMA IF EXISTS $schema CASCADE" \
    -c "DROP SCHEMA IF EXISTS ${schema}_ctl CASCADE" -c "CHECKPOINT" >/dev/null
}
check() {
  n=$(psql -qAtX -c "SELECT (SELECT count(*) FROM $schema.bench_row) || '/' || (SELECT count(*) FROM $schema.bench_group)
    || '/' || (SELECT count(*) FROM pg_constraint WHERE connamespace = '$schema'::regnamespace AND contype IN ('p', 'u', 'f'))")
  [ "$n" = "$rows/$groups/5" ] || { echo "expected $rows/$groups/5 rows/groups/constraints, found $n" >&2; exit 1; }
}
bare_tables() {
  cat <<SQL
CREATE SCHEMA $schema;
CREATE TABLE $schema.bench_group (id bigint NOT NULL, name text NOT NULL);
CREATE TABLE $schema.bench_row (id bigint NOT NULL, name text NOT NULL, category integer, note text, group_id bigint);
SQL
}
copies() { # the \copy commands of the segments whose names match $1
  for f in "$work"/spill/segments/$1; do
    case "$f" in */0001-*) t=bench_group ;; *) t=bench_row ;; esac
    echo "\\copy $schema.$t from '$f' (format binary)"
  done
}
post_data() {
  cat <<SQL
ALTER TABLE $schema.bench_group ADD PRIMARY KEY (id);
ALTER TABLE $schema.bench_group ADD UNIQUE (name);
ALTER TABLE $schema.bench_row ADD PRIMARY KEY (id);
ALTER TABLE $schema.bench_row ADD UNIQUE (name);
ALTER TABLE $schema.bench_row ADD FOREIGN KEY (group_id) REFERENCES $schema.bench_group (id);
ANALYZE $schema.bench_group;
ANALYZE $schema.bench_row;
SQL
}
inline_tables() {
  psql -qX -v ON_ERROR_STOP=1 >/dev/null <<SQL
CREATE SCHEMA $schema;
CREATE TABLE $schema.bench_group (id bigint PRIMARY KEY, name text NOT NULL UNIQUE);
CREATE TABLE $schema.bench_row (id bigint PRIMARY KEY, name text NOT NULL UNIQUE, category integer, note text,
  group_id bigint REFERENCES $schema.bench_group (id));
SQL
}
spillway_inline() {
  inline_tables
  bin/spillway load "$work/spill" --url "postgresql://$PGUSER@$PGHOST:$PGPORT/$PGDATABASE" \
    --control-schema "${schema}_ctl" --quiet "$@"
}
psql_restore() {
  { bare_tables; copies '*.pgcopy'; post_data; } | psql -qX -v ON_ERROR_STOP=1 >/dev/null
}
psql_restore_j2() {
  bare_tables | psql -qX -v ON_ERROR_STOP=1 >/dev/null
  copies '*.pgcopy' | awk 'NR % 2 == 1' | psql -qX -v ON_ERROR_STOP=1 >/dev/null &
  local other=$!
  copies '*.pgcopy' | awk 'NR % 2 == 0' | psql -qX -v ON_ERROR_STOP=1 >/dev/null
  wait "$other"
  post_data | psql -qX -v ON_ERROR_STOP=1 >/dev/null
}
fi
psql_loop() {
  for f in "$work"/spill/segments/*.pgcopy; do
    psql -qX -v ON_ERROR_STOP=1 -c "\\copy $schema.bench_row from '$f' (format binary)" >/dev/null
  done
}
spillway_load() {
  if [ -n "$create" ]; then # ANALYZE like the reference script
    set -- --create-tables "$@"
  else
    set -- --no-analyze "$@"
  fi
  bin/spillway load "$work/spill" --url "postgresql://$PGUSER@$PGHOST:$PGPORT/$PGDATABASE" \
    --control-schema "${schema}_ctl" --quiet "$@"
}
declare -A times
run() {
  local name="$1"; shift
  reset
  local start; start=$(now)
  "$@"
  local took; took=$(echo "$(now) - $start" | bc -l)
  check
  times[$name]="${times[$name]:-} $took"
  printf 'round %d %-8s %6.2f s\n' "$round" "$name" "$took" >&2
}
median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
best() { tr ' ' '\n' <<<"$1" | grep . | sort -g | head -n1; }

if [ -n "$create" ]; then
  methods="psql psql_j2 jobs1 jobs2 inline2"
  for round in $(seq 1 "$rounds"); do
    run psql psql_restore
    run psql_j2 psql_restore_j2
    run jobs1 spillway_load --jobs 1
    run jobs2 spillway_load --jobs 2
    run inline2 spillway_inline --jobs 2
  done
else
  methods="psql psql_sc jobs1 jobs2"
  for round in $(seq 1 "$rounds"); do
    run psql psql_loop
    PGOPTIONS='-c synchronous_commit=off' run psql_sc psql_loop
    run jobs1 spillway_load --jobs 1
    run jobs2 spillway_load --jobs 2
  done
fi

echo "command: bench/load-vs-psql.sh ${create:+--create-tables }$rows $segment_bytes $rounds   ($segments segments, $((bytes / 1048576)) MiB, $(nproc) cores, $rounds rounds)"
base=$(median "${times[psql]}")
base_best=$(best "${times[psql]}")
printf '%-10s %10s %12s %8s   %10s %12s %8s\n' method median-s rows/s vs-psql best-s rows/s vs-psql
for m in $methods; do
  s=$(median "${times[$m]}")
  b=$(best "${times[$m]}")
  printf '%-10s %10.2f %12.0f %8.2f   %10.2f %12.0f %8.2f\n' "$m" "$s" "$(echo "$rows / $s" | bc -l)" \
    "$(echo "$base / $s" | bc -l)" "$b" "$(echo "$rows / $b" | bc -l)" "$(echo "$base_best / $b" | bc -l)"
done
