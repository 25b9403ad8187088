#!/usr/bin/env bash
# Issue 11's "done means" for stage two and end to end, in one invocation, as ratios against the best
# psql script (pg_restore's order) on bench/run.sh's corpus (gen_corpus.py):
#
#   bench/run-vs-psql.sh [--rows N] [--rounds R] [--jobs J] [--url URL] [--out FILE] [--methods M,M,...]
#                        [--run-b-args 'ARGS'] [--run-b-jar JAR]
#       defaults: 1000000 source rows, 3 rounds, spillway's own --jobs default (given, --jobs J is passed
#       to spillway), postgresql://postgres@127.0.0.1:5432/test,
#       all methods (--methods psql_binary,load times stage two alone; load_j2 is load with --jobs 2;
#       run_b is run with --run-b-args added and, given --run-b-jar, that jar (SPILLWAY_JAR), e.g.
#       --methods psql_csv,run,run_b --run-b-args '--jobs 3', to compare an option or a build of run
#       with the default in one invocation)
#
# Methods, each into a fresh schema, interleaved per round (drifting load on a shared machine hits
# them alike), CHECKPOINT before each:
#   psql_csv     one psql script: the tables bare (columns, NOT NULL), \copy (FORMAT csv) of the
#                pre-resolved rows (norm/*.csv: ids already assigned, as spillway assigns them), then
#                the same primary keys, unique keys, foreign keys and indexes, then ANALYZE
#   run          spillway run --create-tables (stage one and stage two, pipelined) from the raw CSV
#   run_nopipe   the same with --no-pipeline (spill everything, then load)
#   psql_binary  the psql script with \copy (FORMAT binary) of the very segments `load` loads
#   load         spillway load --create-tables of that spill
# "The same" objects: spillway load --create-tables builds them once, untimed, into a scratch schema;
# pg_dump --section=pre-data / post-data of it is the psql scripts' DDL. Every method's tables are
# checked (row counts and a per-table md5 over all columns, in round 1) against psql_csv's.
# Prints per method the median and best wall time over the rounds (JVM start-up included for
# spillway, psql start-up for psql) and the ratios run/psql_csv and load/psql_binary
# (psql's time / ours: >= 1 means as fast as psql or faster). Not a test: figures depend on the machine.
set -euo pipefail
export SPILLWAY_CDS="${SPILLWAY_CDS:-wait}"  # bin/spillway trains its class-data archives before the first timed run
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows=1000000 rounds=3 jobs="" url="postgresql://postgres@127.0.0.1:5432/test" out="" methods_arg="" run_b_args="" run_b_jar=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --url) url="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --methods) methods_arg="$2"; shift 2 ;;
    --run-b-args) run_b_args="$2"; shift 2 ;;
    --run-b-jar) run_b_jar="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift 2 ;;
    -h|--help) sed -n '2,27p' "$0"; exit 0 ;;
    *) echo "bench/run-vs-psql.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
done
host="$(echo "$url" | sed -E 's#^[a-z]+://([^@/]*@)?([^:/?]+).*#\2#')"
port="$(echo "$url" | sed -nE 's#^[a-z]+://([^@/]*@)?[^:/?]+:([0-9]+).*#\2#p')"; port="${port:-5432}"
db="$(echo "$url" | sed -nE 's#^[a-z]+://[^/]+/([^?]+).*#\1#p')"; db="${db:-postgres}"
user="$(echo "$url" | sed -nE 's#^[a-z]+://([^:@/]+)(:[^@]*)?@.*#\1#p')"; user="${user:-postgres}"
PSQL=(psql -X -q -h "$host" -p "$port" -U "$user" -d "$db" -v ON_ERROR_STOP=1)
s="bench_rvp_$$"
work="${BENCH_WORK:-$(mktemp -d)}"
mkdir -p "$work"
log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
drop_all() {
  for x in "$s" "${s}_c" "${s}_ddl" "${s}_ddlc"; do
    "${PSQL[@]}" -c "SET client_min_messages = warning" -c "DROP SCHEMA IF EXISTS $x CASCADE" >/dev/null 2>&1 || true
  done
}
trap 'drop_all; [ -z "${BENCH_WORK:-}" ] && rm -rf "$work"' EXIT
fresh() { drop_all; "${PSQL[@]}" -c CHECKPOINT >/dev/null; }

corpus="$work/corpus-$rows"
if [ ! -f "$corpus/.done" ]; then
  log "generating $rows source rows"
  rm -rf "$corpus"
  python3 "$root/bench/gen_corpus.py" "$corpus" --rows "$rows" --schema bench >&2
  touch "$corpus/.done"
fi
tables=(package version file fragment term fragment_term)
"$root/bin/spillway" --version >/dev/null  # builds the jar outside the timed runs
spillway() { "$root/bin/spillway" "$@"; }
jobs_args=()  # empty: spillway's own default
if [ -n "$jobs" ]; then jobs_args=(--jobs "$jobs"); fi

log "spill for the load comparison, and the reference DDL"
spillway spill --plan "$corpus/plan.yaml" --out "$work/spill" --force --quiet
# run_b's launcher: bin/spillway's copy in a directory of its own, so its jar's class-data archive lives
# beside it (one launcher keeps one archive per kind: two jars through it would train before every run)
launcher_b="$root/bin/spillway"
if [ -n "$run_b_jar" ]; then
  mkdir -p "$work/run_b/bin" && cp "$root/bin/spillway" "$work/run_b/bin/spillway" && launcher_b="$work/run_b/bin/spillway"
  SPILLWAY_JAR="$run_b_jar" "$launcher_b" spill --plan "$corpus/plan.yaml" --out "$work/spill_b" --force --quiet  # trains, untimed
fi
fresh
spillway load "$work/spill" --url "$url" --schema "${s}_ddl" --control-schema "${s}_ddlc" --create-tables --quiet >/dev/null
for section in pre-data post-data; do
  pg_dump -h "$host" -p "$port" -U "$user" -d "$db" --schema-only --section=$section -n "${s}_ddl" \
    | sed -e "s/${s}_ddl/$s/g" > "$work/$section.sql"
done
grep -q 'PRIMARY KEY' "$work/post-data.sql" && grep -q 'FOREIGN KEY' "$work/post-data.sql" \
  || { echo "no keys in the reference DDL" >&2; exit 1; }
segment_count=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["segments"]))' "$work/spill/manifest.json")
segment_mib=$(( $(du -sb "$work/spill/segments" | cut -f1) / 1048576 ))
raw_mib=$(( $(cat "$corpus"/raw/*.csv | wc -c) / 1048576 ))

{
  cat "$work/pre-data.sql"
  for t in "${tables[@]}"; do echo "\\copy $s.$t from '$corpus/norm/$t.csv' (format csv)"; done
  cat "$work/post-data.sql"
  for t in "${tables[@]}"; do echo "ANALYZE $s.$t;"; done
} > "$work/psql_csv.sql"
{
  cat "$work/pre-data.sql"
  python3 - "$work/spill" "$s" <<'PY'
import json, os, sys
spill, schema = sys.argv[1], sys.argv[2]
m = json.load(open(os.path.join(spill, "manifest.json")))
order = {t["name"]: i for i, t in enumerate(m["tables"])}  # load order: parents first
for seg in sorted(m["segments"], key=lambda x: (order[x["table"]], x["sequence"])):
    t = next(x for x in m["tables"] if x["name"] == seg["table"])
    cols = ", ".join('"%s"' % c["name"] for c in t["columns"])
    print("\\copy %s.%s (%s) from '%s' (format binary)" % (schema, seg["table"], cols, os.path.join(spill, seg["file"])))
PY
  cat "$work/post-data.sql"
  for t in "${tables[@]}"; do echo "ANALYZE $s.$t;"; done
} > "$work/psql_binary.sql"

checksum() {
  "${PSQL[@]}" -Atc "SELECT string_agg(h, ' ' ORDER BY n) FROM (
    SELECT 'package' n, count(*) || ':' || md5(string_agg(t::text, ',' ORDER BY t.id)) h FROM $s.package t UNION ALL
    SELECT 'version', count(*) || ':' || md5(string_agg(t::text, ',' ORDER BY t.id)) FROM $s.version t UNION ALL
    SELECT 'file', count(*) || ':' || md5(string_agg(t::text, ',' ORDER BY t.id)) FROM $s.file t UNION ALL
    SELECT 'fragment', count(*) || ':' || md5(string_agg(t::text, ',' ORDER BY t.id)) FROM $s.fragment t UNION ALL
    SELECT 'term', count(*) || ':' || md5(string_agg(t::text, ',' ORDER BY t.id)) FROM $s.term t UNION ALL
    SELECT 'fragment_term', count(*) || ':' || md5(string_agg(t::text, ',' ORDER BY t.fragment_id, t.term_id))
      FROM $s.fragment_term t) x"
}
objects() {
  "${PSQL[@]}" -Atc "SELECT count(*) FROM pg_constraint WHERE connamespace = '$s'::regnamespace" \
    -c "SELECT count(*) FROM pg_indexes WHERE schemaname = '$s'"
}

method() {  # method NAME: runs it once into a fresh $s, prints wall seconds
  local name="$1" t0 t1
  fresh
  t0=$(date +%s.%N)
  case "$name" in
    psql_csv) nice -n 10 "${PSQL[@]}" -f "$work/psql_csv.sql" >/dev/null ;;
    psql_binary) nice -n 10 "${PSQL[@]}" -f "$work/psql_binary.sql" >/dev/null ;;
    run) nice -n 10 "$root/bin/spillway" run --plan "$corpus/plan.yaml" --work "$work/run" --force --quiet --url "$url" \
      --schema "$s" --control-schema "${s}_c" --create-tables "${jobs_args[@]}" ;;
    run_b) SPILLWAY_JAR="${run_b_jar:-${SPILLWAY_JAR:-}}" nice -n 10 "$launcher_b" run --plan "$corpus/plan.yaml" --work "$work/run" --force --quiet --url "$url" \
      --schema "$s" --control-schema "${s}_c" --create-tables "${jobs_args[@]}" $run_b_args ;;
    run_nopipe) nice -n 10 "$root/bin/spillway" run --plan "$corpus/plan.yaml" --work "$work/run" --force --quiet \
      --url "$url" --schema "$s" --control-schema "${s}_c" --create-tables "${jobs_args[@]}" --no-pipeline ;;
    load) nice -n 10 "$root/bin/spillway" load "$work/spill" --quiet --url "$url" --schema "$s" --control-schema "${s}_c" \
      --create-tables "${jobs_args[@]}" >/dev/null ;;
    load_j2) nice -n 10 "$root/bin/spillway" load "$work/spill" --quiet --url "$url" --schema "$s" --control-schema "${s}_c" \
      --create-tables --jobs 2 >/dev/null ;;
  esac || { echo "bench: method $name failed (exit $?)" >&2; return 1; }
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc
}

methods=(psql_csv run run_nopipe psql_binary load)
if [ -n "$methods_arg" ]; then IFS=, read -r -a methods <<< "$methods_arg"; fi
results="$work/times.txt"; : > "$results"
log "corpus: raw CSV $raw_mib MiB; spill: $segment_count segments, $segment_mib MiB; $(nproc) cores; --jobs ${jobs:-default}"
reference=""
for round in $(seq 1 "$rounds"); do
  for m in "${methods[@]}"; do
    secs=$(method "$m") || exit 1
    log "round $round $m $secs s"
    echo "$m $secs" >> "$results"
    if [ "$round" = 1 ]; then
      sum="$(checksum) objects $(objects | tr '\n' ' ')"
      if [ -z "$reference" ]; then reference="$sum"; fi
      [ "$sum" = "$reference" ] || { echo "$m loaded other tables than psql_csv: $sum vs $reference" >&2; exit 1; }
    fi
  done
done
log "every method's tables equal psql_csv's: $reference"

report="$(python3 - "$results" <<PY
import statistics, sys
times = {}
for line in open(sys.argv[1]):
    m, s = line.split()
    times.setdefault(m, []).append(float(s))
print("command: bench/run-vs-psql.sh --rows $rows --rounds $rounds${jobs:+ --jobs $jobs}${methods_arg:+ --methods $methods_arg}${run_b_args:+ --run-b-args '$run_b_args'}${run_b_jar:+ --run-b-jar $run_b_jar}   (raw CSV $raw_mib MiB; $segment_count segments, $segment_mib MiB; $(nproc) cores)")
print("%-12s %10s %10s %s" % ("method", "median-s", "best-s", "all"))
for m in ["psql_csv", "run", "run_b", "run_nopipe", "psql_binary", "load", "load_j2"]:
    if m not in times:
        continue
    t = times[m]
    print("%-12s %10.2f %10.2f %s" % (m, statistics.median(t), min(t), " ".join("%.2f" % x for x in t)))
def ratio(ref, ours):
    if ref not in times or ours not in times:
        return "-"
    return "%.2fx (median) %.2fx (best)" % (statistics.median(times[ref]) / statistics.median(times[ours]),
                                          min(times[ref]) / min(times[ours]))
print("run        vs psql_csv:    " + ratio("psql_csv", "run"))
print("run_b      vs psql_csv:    " + ratio("psql_csv", "run_b"))
print("run_nopipe vs psql_csv:    " + ratio("psql_csv", "run_nopipe"))
print("load       vs psql_binary: " + ratio("psql_binary", "load"))
print("load_j2    vs psql_binary: " + ratio("psql_binary", "load_j2"))
PY
)"
echo "$report"
if [ -n "$out" ]; then echo "$report" > "$out"; fi
