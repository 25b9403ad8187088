#!/usr/bin/env bash
# Side-by-side load benchmark: spillway against Postgres's own COPY and the loaders users would
# pick instead, on the same synthetic code-index corpus, in one invocation. See bench/README.md.
#
#   bench/run.sh [--rows N] [--out bench/results] [--url postgresql://postgres@127.0.0.1:5432/test]
#                [--skip-memory] [--skip-jdbc] [--skip-pgloader]
set -euo pipefail
export SPILLWAY_CDS="${SPILLWAY_CDS:-wait}"  # bin/spillway trains its class-data archives before the first timed run
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows=5000000
out="$root/bench/results"
url="postgresql://postgres@127.0.0.1:5432/test"
skip_memory=0 skip_jdbc=0 skip_pgloader=0
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --url) url="$2"; shift 2 ;;
    --skip-memory) skip_memory=1; shift ;;
    --skip-jdbc) skip_jdbc=1; shift ;;
    --skip-pgloader) skip_pgloader=1; shift ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
done

work="${BENCH_WORK:-$root/bench/work}"
mkdir -p "$work" "$out"
results="$work/results.jsonl"
: > "$results"
host="$(echo "$url" | sed -E 's#^[a-z]+://([^@/]*@)?([^:/?]+).*#\2#')"
port="$(echo "$url" | sed -nE 's#^[a-z]+://([^@/]*@)?[^:/?]+:([0-9]+).*#\2#p')"; port="${port:-5432}"
db="$(echo "$url" | sed -nE 's#^[a-z]+://[^/]+/([^?]+).*#\1#p')"; db="${db:-postgres}"
user="$(echo "$url" | sed -nE 's#^[a-z]+://([^:@/]+)(:[^@]*)?@.*#\1#p')"; user="${user:-postgres}"
jdbc="jdbc:postgresql://$host:$port/$db"
PSQL=(psql -X -q -h "$host" -p "$port" -U "$user" -d "$db" -v ON_ERROR_STOP=1)
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time; }

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# --- the corpus ---------------------------------------------------------------------------------
corpus="$work/corpus-$rows"
if [ ! -f "$corpus/.done" ]; then
  log "generating $rows source rows into $corpus"
  rm -rf "$corpus"
  python3 "$root/bench/gen_corpus.py" "$corpus" --rows "$rows" --schema bench
  touch "$corpus/.done"
fi
tables=(package version file fragment term fragment_term)
expected_rows=0
for t in "${tables[@]}"; do expected_rows=$((expected_rows + $(wc -l < "$corpus/norm/$t.csv"))); done
raw_bytes=$(cat "$corpus"/raw/*.csv | wc -c)
norm_bytes=$(cat "$corpus"/norm/*.csv | wc -c)
log "corpus: $expected_rows target rows; raw CSV $raw_bytes bytes, normalized CSV $norm_bytes bytes"

log "building the jar"
"$root/bin/spillway" --version >/dev/null

fresh_schema() {  # fresh_schema NAME: empty schema with the benchmark's tables, constraints included
  "${PSQL[@]}" -c "DROP SCHEMA IF EXISTS $1 CASCADE" -c "CREATE SCHEMA $1" >/dev/null 2>&1
  "${PSQL[@]}" -c "SET search_path TO $1" -f "$corpus/schema.sql" >/dev/null
}
checkpoint() { "${PSQL[@]}" -c CHECKPOINT >/dev/null; }

# timed NAME INPUT_BYTES SCHEMA CMD...: runs CMD under /usr/bin/time -v, records wall seconds,
# peak RSS, peak heap (from a GC log when the command is a JVM given $GC_LOG) and checks the rows.
timed() {
  local name="$1" bytes="$2" schema="$3"; shift 3
  log "run: $name"
  local t0 t1
  t0=$(date +%s.%N)
  if ! /usr/bin/time -v -o "$work/$name.time" "$@" > "$work/$name.out" 2> "$work/$name.err"; then
    log "FAILED: $name (see $work/$name.err)"; tail -5 "$work/$name.err" >&2
    printf '{"name":"%s","failed":true}\n' "$name" >> "$results"
    return 0
  fi
  t1=$(date +%s.%N)
  local rss loaded=0 checksum=""
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/$name.time")
  if [ -n "$schema" ]; then
    for t in "${tables[@]}"; do
      loaded=$((loaded + $("${PSQL[@]}" -Atc "SELECT count(*) FROM $schema.$t")))
    done
    checksum=$("${PSQL[@]}" -Atc "SELECT md5(string_agg(h, '' ORDER BY h)) FROM (
      SELECT md5(string_agg(t::text, ',' ORDER BY t.id)) h FROM $schema.package t UNION ALL
      SELECT md5(string_agg(t::text, ',' ORDER BY t.id)) FROM $schema.version t UNION ALL
      SELECT md5(string_agg(t::text, ',' ORDER BY t.id)) FROM $schema.file t UNION ALL
      SELECT md5(string_agg(t::text, ',' ORDER BY t.id)) FROM $schema.fragment t UNION ALL
      SELECT md5(string_agg(t::text, ',' ORDER BY t.id)) FROM $schema.term t UNION ALL
      SELECT md5(string_agg(t::text, ',' ORDER BY t.fragment_id, t.term_id)) FROM $schema.fragment_term t) s")
  fi
  if [ -n "$schema" ] && [ -z "$checksum" ]; then checksum="(no rows)"; fi  # still checked: shows as MISMATCH
  local heap=""
  if [ -n "${GC_LOG:-}" ] && [ -f "$GC_LOG" ]; then
    heap=$(python3 "$root/bench/gc_peak.py" "$GC_LOG")
  fi
  python3 - "$name" "$t0" "$t1" "$bytes" "$loaded" "$expected_rows" "${rss:-0}" "${heap:-}" "$checksum" "$*" >> "$results" <<'PY'
import json, sys
name, t0, t1, nbytes, loaded, expected, rss, heap, checksum, cmd = sys.argv[1:]
print(json.dumps({"name": name, "seconds": float(t1) - float(t0), "bytes": int(nbytes), "rows": int(loaded),
                  "checked": bool(checksum),
                  "expected_rows": int(expected), "rss_kb": int(rss), "heap_mb": float(heap) if heap else None,
                  "checksum": checksum or None, "command": cmd}))
PY
}

spill_dir="$work/spill"
export JAVA_OPTS_BASE="-Xmx512m"

# 1. spillway run (both stages), then the two stages separately.
fresh_schema bench_run; checkpoint
GC_LOG="$work/run.gc" JAVA_OPTS="$JAVA_OPTS_BASE -Xlog:gc:file=$work/run.gc" \
  timed spillway_run "$raw_bytes" bench_run \
  "$root/bin/spillway" run --plan "$corpus/plan.yaml" --work "$work/spill-run" --force --quiet --url "$url" --schema bench_run
checkpoint
GC_LOG="$work/spill.gc" JAVA_OPTS="$JAVA_OPTS_BASE -Xlog:gc:file=$work/spill.gc" \
  timed spillway_spill "$raw_bytes" "" \
  "$root/bin/spillway" spill --plan "$corpus/plan.yaml" --out "$spill_dir" --force --quiet
segment_bytes=$(cat "$spill_dir"/segments/* | wc -c)
fresh_schema bench_stages; checkpoint
GC_LOG="$work/load.gc" JAVA_OPTS="$JAVA_OPTS_BASE -Xlog:gc:file=$work/load.gc" \
  timed spillway_load "$segment_bytes" bench_stages \
  "$root/bin/spillway" load "$spill_dir" --quiet --url "$url" --schema bench_stages
fresh_schema bench_jobs2; checkpoint
timed spillway_load_jobs2 "$segment_bytes" bench_jobs2 \
  "$root/bin/spillway" load "$spill_dir" --quiet --jobs 2 --url "$url" --schema bench_jobs2

fresh_schema bench_defer; checkpoint
timed spillway_load_defer "$segment_bytes" bench_defer \
  "$root/bin/spillway" load "$spill_dir" --quiet --defer-indexes --url "$url" --schema bench_defer

# 2. psql \copy (FORMAT csv) of the pre-normalized CSV: a CSV loader's best case.
copy_script="$work/copy_csv.sql"
: > "$copy_script"
for t in "${tables[@]}"; do echo "\\copy bench_csv.$t from '$corpus/norm/$t.csv' (format csv)" >> "$copy_script"; done
fresh_schema bench_csv; checkpoint
timed psql_copy_csv "$norm_bytes" bench_csv "${PSQL[@]}" -f "$copy_script"

# 3. The server reading spillway's own segments: COPY ... FROM 'file' (FORMAT binary).
srv="${TMPDIR:-/tmp}/spillway-bench-segments"
rm -rf "$srv"; mkdir -p "$srv"; cp "$spill_dir"/segments/*.pgcopy "$srv"/; chmod 755 "$srv"; chmod 644 "$srv"/*
python3 - "$spill_dir/manifest.json" "$srv" > "$work/copy_binary.sql" <<'PY'
import json, os, sys
m = json.load(open(sys.argv[1]))
order = {t["name"]: i for i, t in enumerate(m["tables"])}  # tables are in load order: parents first
for s in sorted(m["segments"], key=lambda s: (order[s["table"]], s["sequence"])):
    t = next(x for x in m["tables"] if x["name"] == s["table"])
    cols = ", ".join('"%s"' % c["name"] for c in t["columns"])
    print("COPY bench_srv.%s (%s) FROM '%s' (FORMAT binary);" % (s["table"], cols, os.path.join(sys.argv[2], os.path.basename(s["file"]))))
PY
fresh_schema bench_srv; checkpoint
timed server_copy_binary "$segment_bytes" bench_srv "${PSQL[@]}" -f "$work/copy_binary.sql"

# 4. pgloader on the pre-normalized CSV, when it is installed.
if [ "$skip_pgloader" = 0 ] && command -v pgloader >/dev/null; then
  pgl="$work/pgloader.load"
  : > "$pgl"
  for t in "${tables[@]}"; do
    cat >> "$pgl" <<PGL
LOAD CSV FROM '$corpus/norm/$t.csv'
  INTO postgresql://$user@$host:$port/$db TARGET TABLE bench_pgl.$t
  WITH fields optionally enclosed by '"', fields escaped by double-quote, fields terminated by ',';
PGL
  done
  fresh_schema bench_pgl; checkpoint
  timed pgloader_csv "$norm_bytes" bench_pgl pgloader --no-ssl-cert-verification "$pgl"
else
  log "pgloader not installed (apt-get install pgloader) or skipped: run 4 left out"
fi

# 5. JDBC batched INSERT with reWriteBatchedInserts=true.
if [ "$skip_jdbc" = 0 ]; then
  fresh_schema bench_jdbc; checkpoint
  timed jdbc_batch_insert "$norm_bytes" bench_jdbc java -Xmx512m -cp "$root/target/spillway.jar" \
    "$root/bench/JdbcBatchInsert.java" "$jdbc" bench_jdbc "$corpus/norm" "${tables[@]}"
fi

# Memory flatness: the same spill at 1x, 4x and 16x under the same -Xmx.
if [ "$skip_memory" = 0 ]; then
  for mult in 1 4 16; do
    n=$((rows * mult / 16))
    c="$work/corpus-$n"
    [ -f "$c/.done" ] || { rm -rf "$c"; python3 "$root/bench/gen_corpus.py" "$c" --rows "$n" --schema bench >/dev/null; touch "$c/.done"; }
    GC_LOG="$work/mem$mult.gc" JAVA_OPTS="-Xmx128m -Xlog:gc:file=$work/mem$mult.gc" \
      timed "memory_spill_${mult}x" "$(cat "$c"/raw/*.csv | wc -c)" "" \
      "$root/bin/spillway" spill --plan "$c/plan.yaml" --out "$work/spill-mem" --force --quiet
  done
fi

report="$out/$(date +%Y-%m-%d)-$(hostname -s).md"
python3 "$root/bench/report.py" "$results" "$report" "$rows" "$host" "$port" "$user" "$db" "$root/bench/README.md" "$root/README.md"
log "wrote $report"
