#!/usr/bin/env bash
# Larger than RAM, in one invocation (issue 11):
#  1. `spillway spill` of a corpus at least 3x the memory limit, unlimited and then inside a memory
#     cgroup of --limit (RSS + page cache, no swap: a machine with that much RAM), the input's page
#     cache dropped before each run; prints both times, their ratio and the peaks.
#  2. unless --skip-table: the memory table, spill at 1x, 4x and 16x of --table-rows (keys scaled
#     alike), unlimited: peak heap (GC log), peak anonymous RSS (sampled /proc/PID/status RssAnon),
#     peak RSS, id map file bytes, keys.
#
#   bench/larger-than-ram.sh [--rows 24000000] [--keys 1200000] [--limit 256M] [--heap 96m]
#                            [--table-rows 625000] [--skip-table] [--skip-limit] [--out FILE]
#
# Needs root and cgroup v1 (memory.limit_in_bytes) or v2 (memory.max) for part 1.
set -euo pipefail
export SPILLWAY_CDS="${SPILLWAY_CDS:-wait}"  # bin/spillway trains its class-data archives before the first timed run
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
args="$*"
rows=24000000 keys=1200000 limit=256M heap=96m table_rows=625000 skip_table=0 skip_limit=0 out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --keys) keys="$2"; shift 2 ;;
    --limit) limit="$2"; shift 2 ;;
    --heap) heap="$2"; shift 2 ;;
    --table-rows) table_rows="$2"; shift 2 ;;
    --skip-table) skip_table=1; shift ;;
    --skip-limit) skip_limit=1; shift ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "bench/larger-than-ram.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
work="${BENCH_WORK:-$root/bench/work}"
mkdir -p "$work"
log() { printf '[larger-than-ram %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
(cd "$root" && mvn -B -q package -DskipTests) >&2
jar="$work/larger-than-ram.jar"
cp "$root/target/spillway.jar" "$jar"  # a rebuild during the runs does not change what is measured
flags=(--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-exports=java.base/sun.nio.ch=ALL-UNNAMED --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED -Dchronicle.analytics.disable=true
  -Dchronicle.announcer.disable=true)
report="$work/larger-than-ram.md"
: > "$report"
say() { echo "$*" | tee -a "$report"; }

corpus() {  # corpus ROWS KEYS -> prints its directory, generating it once
  local c="$work/keys-$1-$2"
  if [ ! -f "$c/.done" ]; then
    log "generating $1 rows with $2 distinct keys in $c"
    rm -rf "$c"; python3 "$root/bench/gen_keys_corpus.py" "$c" --rows "$1" --keys "$2"; touch "$c/.done"
  fi
  echo "$c"
}
drop_cache() {  # drop_cache FILE: evict its clean pages, so a run reads it from disk
  python3 -c "import os,sys; fd=os.open(sys.argv[1], os.O_RDONLY); os.fsync(fd); os.posix_fadvise(fd,0,0,os.POSIX_FADV_DONTNEED)" "$1"
}
bytes() { numfmt --from=iec "$1"; }

# run NAME CGROUP_DIR CORPUS: spills CORPUS (in CGROUP_DIR unless empty); sets secs, rss_kb, anon_kb, majflt, heap_mb
run() {
  local name="$1" cg="$2" c="$3" outdir="$work/ltr-out"
  rm -rf "$outdir"; drop_cache "$c/events.csv"; sync
  local gc="$work/$name.gc"
  local t0; t0=$(date +%s.%N)
  /usr/bin/time -v -o "$work/$name.time" sh -c '[ -z "$1" ] || echo $$ > "$1/cgroup.procs"; shift; exec "$@"' sh "$cg" \
    java "${flags[@]}" "-Xmx$heap" "-Xlog:gc:file=$gc" -jar "$jar" spill --quiet --plan "$c/plan.yaml" --out "$outdir" \
    > "$work/$name.out" 2> "$work/$name.err" &
  local tpid=$! jpid="" peak_anon=0 a
  while kill -0 "$tpid" 2>/dev/null; do
    [ -n "$jpid" ] || jpid=$(pgrep -P "$tpid" java || true)
    if [ -n "$jpid" ] && a=$(awk '/^RssAnon/ {print $2}' "/proc/$jpid/status" 2>/dev/null) && [ -n "$a" ]; then
      [ "$a" -gt "$peak_anon" ] && peak_anon=$a
    fi
    sleep 0.2
  done
  wait "$tpid" || { log "FAILED: $name"; tail -5 "$work/$name.err" >&2; exit 1; }
  secs=$(echo "$(date +%s.%N) - $t0" | bc -l)
  rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/$name.time")
  majflt=$(awk -F': ' '/Major \(requiring I\/O\) page faults/ {print $2}' "$work/$name.time")
  anon_kb=$peak_anon
  heap_mb=$(python3 "$root/bench/gc_peak.py" "$gc")
  map_bytes=$(du -sb "$outdir/idmap" | cut -f1)
  map_alloc=$(du -sB1 "$outdir/idmap" | cut -f1)
  seg_bytes=$(du -sb "$outdir/segments" | cut -f1)
  map_keys=$(python3 -c "import json,sys; m=json.load(open(sys.argv[1])); print(next(t['counters']['written'] for t in m['tables'] if t['name']=='app_user'))" "$outdir/manifest.json")
}

if [ "$skip_limit" = 0 ]; then
  c=$(corpus "$rows" "$keys")
  input=$(stat -c %s "$c/events.csv")
  lim=$(bytes "$limit")
  [ "$input" -ge $((3 * lim)) ] || log "warning: the input ($input bytes) is less than 3x the limit ($lim bytes)"
  cgv1=/sys/fs/cgroup/memory
  if [ -f "$cgv1/memory.limit_in_bytes" ]; then
    cg="$cgv1/spillway-bench-$$"; mkdir "$cg"
    echo "$lim" > "$cg/memory.limit_in_bytes"
    [ ! -f "$cg/memory.memsw.limit_in_bytes" ] || echo "$lim" > "$cg/memory.memsw.limit_in_bytes"
    peak_file="$cg/memory.max_usage_in_bytes"
  else
    cg="/sys/fs/cgroup/spillway-bench-$$"; mkdir "$cg"
    echo "$lim" > "$cg/memory.max"; echo 0 > "$cg/memory.swap.max"
    peak_file="$cg/memory.peak"
  fi
  trap 'rmdir "$cg" 2>/dev/null || true' EXIT
  say "## Larger than RAM: $rows rows, $keys distinct keys, input $((input / 1048576)) MiB = $(awk -v a="$input" -v b="$lim" 'BEGIN {printf "%.1f", a / b}')x the $limit limit, -Xmx$heap"
  say ""
  say "| run | wall s | records/s | peak RSS MiB | peak anon RSS MiB | peak cgroup MiB (RSS + page cache) | major faults | id map file MiB | keys |"
  say "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  run unlimited "" "$c"
  free_secs=$secs
  say "| unlimited | $(printf %.1f "$secs") | $(echo "$rows / $secs" | bc) | $((rss_kb / 1024)) | $((anon_kb / 1024)) | - | $majflt | $((map_bytes / 1048576)) | $map_keys |"
  run limited "$cg" "$c"
  peak=$(cat "$peak_file")
  say "| in a $limit memory cgroup | $(printf %.1f "$secs") | $(echo "$rows / $secs" | bc) | $((rss_kb / 1024)) | $((anon_kb / 1024)) | $((peak / 1048576)) | $majflt | $((map_bytes / 1048576)) | $map_keys |"
  say ""
  say "limited / unlimited speed: **$(awk -v a="$free_secs" -v b="$secs" 'BEGIN {printf "%.2f", a / b}')x** (target >= 0.7x); segments $((seg_bytes / 1048576)) MiB"
  say ""
fi

if [ "$skip_table" = 0 ]; then
  say "## Memory table: spill at 1x / 4x / 16x, -Xmx$heap, no limit"
  say ""
  say "| corpus | rows | keys | input MiB | wall s | peak heap MiB | peak anon RSS MiB | peak RSS MiB | id map file MiB (allocated) |"
  say "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  for mult in 1 4 16; do
    n=$((table_rows * mult)) k=$((table_rows * mult / 2))
    c=$(corpus "$n" "$k")
    run "table${mult}x" "" "$c"
    say "| ${mult}x | $n | $map_keys | $(( $(stat -c %s "$c/events.csv") / 1048576 )) | $(printf %.1f "$secs") | $heap_mb | $((anon_kb / 1024)) | $((rss_kb / 1024)) | $((map_bytes / 1048576)) ($((map_alloc / 1048576))) |"
  done
fi
rm -rf "$work/ltr-out"
if [ -n "$out" ]; then
  { echo "# bench/larger-than-ram.sh $args ($(date -u +%Y-%m-%d), $(nproc) cores, $(hostname -s))"
    echo; echo "Machine shared by 6 engineers' builds and tests on 2 cores (load average $(cut -d' ' -f1-3 /proc/loadavg) at the end): times are noisy; ratios are within one invocation."
    echo; cat "$report"; } > "$out"
  log "wrote $out"
fi
