#!/usr/bin/env bash
# Stage one's speed against a baseline build and a Commons-CSV-only parse, in one invocation:
# rounds of (parse only, spill with this tree, spill with the baseline) interleaved on the same
# bench/run.sh corpus, medians reported, and the two spills' rows checked byte for byte
# (spillway cat of every table, and the manifests' segment lists: table, sequence, rows, bytes;
# the CRC32Cs differ because each segment's header holds its spill's random id).
#
#   bench/stage-one.sh [--rows 1500000] [--rounds 3] [--baseline REF]... [--heap 128m] [--same-flags] [--out FILE]
#
# REF is a git revision of this repository (default main), built once into bench/work/baseline-SHA;
# give --baseline twice (e.g. the original and the previous commit) to get both ratios in one run.
# Wall time is the measure for this tree's second thread (parsing ahead); CPU seconds show the work.
# Each build runs with the JVM flags its own bin/spillway gives `spill` (what a user gets; a launcher
# that cannot print them, SPILLWAY_PRINT_JVM_FLAGS, passes only the common flags below);
# --same-flags runs every build with the common flags, to see what the code alone changed.
set -euo pipefail
export SPILLWAY_CDS="${SPILLWAY_CDS:-wait}"  # bin/spillway trains its class-data archives before the first timed run
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows=1500000 rounds=3 baselines=() heap=128m out="" same_flags=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --baseline) baselines+=("$2"); shift 2 ;;
    --heap) heap="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --same-flags) same_flags=1; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "bench/stage-one.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
work="${BENCH_WORK:-$root/bench/work}"
mkdir -p "$work"
log() { printf '[stage-one %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

corpus="$work/corpus-$rows"
if [ ! -f "$corpus/.done" ]; then
  log "generating $rows source rows into $corpus"
  rm -rf "$corpus"; python3 "$root/bench/gen_corpus.py" "$corpus" --rows "$rows" --schema bench >/dev/null
  touch "$corpus/.done"
fi
records=0
for f in "$corpus"/raw/*.csv; do records=$((records + $(wc -l < "$f") - 1)); done

(cd "$root" && mvn -B -q package -DskipTests) >&2
jar_new="$work/stage-one-new.jar"
cp "$root/target/spillway.jar" "$jar_new"  # a rebuild during the runs does not change what is measured
[ ${#baselines[@]} -gt 0 ] || baselines=(main)
shas=()
for baseline in "${baselines[@]}"; do
  sha=$(git -C "$root" rev-parse --short "$baseline")
  shas+=("$sha")
  base_dir="$work/baseline-$sha"
  if [ ! -f "$base_dir/target/spillway.jar" ]; then
    log "building the baseline $baseline ($sha) in $base_dir"
    rm -rf "$base_dir"; mkdir -p "$base_dir"
    git -C "$root" archive "$sha" | tar -x -C "$base_dir"
    (cd "$base_dir" && mvn -B -q package -DskipTests) >&2
  fi
done
flags=(--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-exports=java.base/sun.nio.ch=ALL-UNNAMED --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED -Dchronicle.analytics.disable=true
  -Dchronicle.announcer.disable=true)
launcher_flags() {  # launcher_flags TREE JAR: the JVM flags TREE/bin/spillway gives spill of JAR, space-separated
  if [ -z "$same_flags" ] && grep -q SPILLWAY_PRINT_JVM_FLAGS "$1/bin/spillway" 2>/dev/null; then
    # a launcher that records a class-data archive on a subcommand's first run does it now, untimed
    SPILLWAY_JAR="$2" "$1/bin/spillway" spill --quiet --force --plan "$corpus/plan.yaml" --out "$work/stage-one-warm-up" >/dev/null
    SPILLWAY_JAR="$2" SPILLWAY_PRINT_JVM_FLAGS=1 "$1/bin/spillway" spill | tr '\n' ' '
  else
    echo "${flags[*]}"
  fi
}
declare -A run_flags
run_flags[new]=$(launcher_flags "$root" "$jar_new")
for sha in "${shas[@]}"; do run_flags[$sha]=$(launcher_flags "$work/baseline-$sha" "$work/baseline-$sha/target/spillway.jar"); done

# the parse-only reference runs compiled (java's source-file mode would time javac too)
mkdir -p "$work/parse-only" && javac -d "$work/parse-only" -cp "$jar_new" "$root/bench/CsvParseOnly.java"
results="$work/stage-one.tsv"
: > "$results"
timed() {  # timed NAME CMD...: appends NAME wall_seconds peak_rss_kb cpu_seconds (user + system)
  local name="$1"; shift
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -f "%M %U %S" -o "$work/$name.rss" "$@" > "$work/$name.out" 2> "$work/$name.err" \
    || { log "FAILED: $name"; tail -5 "$work/$name.err" >&2; exit 1; }
  t1=$(date +%s.%N)
  local rss user sys
  read -r rss user sys < <(tail -1 "$work/$name.rss")
  printf '%s\t%s\t%s\t%s\n' "$name" "$(echo "$t1 - $t0" | bc -l)" "$rss" "$(echo "$user + $sys" | bc -l)" >> "$results"
}
for r in $(seq 1 "$rounds"); do
  log "round $r/$rounds"
  timed parse java "-Xmx$heap" -cp "$jar_new:$work/parse-only" CsvParseOnly "$corpus"/raw/*.csv
  # shellcheck disable=SC2086
  timed spill_new java ${run_flags[new]} "-Xmx$heap" -jar "$jar_new" spill --quiet --force --plan "$corpus/plan.yaml" \
    --out "$work/stage-one-new"
  for sha in "${shas[@]}"; do
    # shellcheck disable=SC2086
    timed "spill_base_$sha" java ${run_flags[$sha]} "-Xmx$heap" -jar "$work/baseline-$sha/target/spillway.jar" spill --quiet --force \
      --plan "$corpus/plan.yaml" --out "$work/stage-one-base-$sha"
  done
done

check=""
segs() { python3 -c "import json,sys; m=json.load(open(sys.argv[1])); print([(s['table'],s['sequence'],s['rows'],s['bytes']) for s in m['segments']])" "$1/manifest.json"; }
for sha in "${shas[@]}"; do
  for t in package version file fragment term fragment_term; do
    a=$(java "${flags[@]}" -jar "$jar_new" cat "$work/stage-one-new" --table "$t" | md5sum)
    b=$(java "${flags[@]}" -jar "$work/baseline-$sha/target/spillway.jar" cat "$work/stage-one-base-$sha" --table "$t" | md5sum)
    [ "$a" = "$b" ] || check="$check; DIFFERENT rows in table $t from $sha"
  done
  [ "$(segs "$work/stage-one-new")" = "$(segs "$work/stage-one-base-$sha")" ] || check="$check; DIFFERENT segment lists from $sha"
done
[ -n "$check" ] || check="same rows in every table (spillway cat) and same segment list as every baseline"
extra_flags() {  # the flags of $1 that are not common to every launcher
  local f out=""
  for f in $1; do [[ " ${flags[*]} " == *" $f "* ]] || out="$out $f"; done
  if [ -n "$out" ]; then echo "${out# }"; else echo none; fi
}
flags_note="JVM flags beyond the common ones (each build's own launcher$([ -z "$same_flags" ] || echo ": not used, --same-flags")): this tree: $(extra_flags "${run_flags[new]}")"
for i in "${!shas[@]}"; do flags_note="$flags_note; ${baselines[$i]}: $(extra_flags "${run_flags[${shas[$i]}]}")"; done
check="$check. $flags_note"

report=$(python3 - "$results" "$records" "$rows" "$rounds" "$heap" "$check" "${baselines[*]}" "${shas[*]}" <<'PY'
import statistics, sys
path, records, rows, rounds, heap, check, refs, shas = sys.argv[1:]
records = int(records)
refs, shas = refs.split(), shas.split()
runs = {}
for line in open(path):
    name, sec, rss, cpu = line.split("\t")
    runs.setdefault(name, []).append((float(sec), int(rss), float(cpu)))
med = {k: statistics.median(s for s, _, _ in v) for k, v in runs.items()}
cpu = {k: statistics.median(c for _, _, c in v) for k, v in runs.items()}
rss = {k: max(r for _, r, _ in v) for k, v in runs.items()}
print(f"{records:,} source records (bench/run.sh corpus, --rows {rows}), -Xmx{heap}, {rounds} interleaved rounds, medians;"
      " JVM start included. Wall time is what a user waits for and what the second (parsing) thread shortens;"
      " CPU = user + system seconds of the process (all threads, JIT and GC included) is the work done.\n")
print("| run | median wall s | records per wall s | all rounds wall s | median CPU s | records per CPU s | peak RSS MiB |")
print("|---|---:|---:|---|---:|---:|---:|")
labels = [("parse", "Commons CSV parse only (CsvParseOnly.java)")]
labels += [(f"spill_base_{sha}", f"spillway spill, baseline {ref} ({sha})") for ref, sha in zip(refs, shas)]
labels += [("spill_new", "spillway spill, this tree")]
for k, label in labels:
    v = runs[k]
    print(f"| {label} | {med[k]:.1f} | {records / med[k]:,.0f} | {', '.join('%.1f' % s for s, _, _ in v)} | {cpu[k]:.1f} | {records / cpu[k]:,.0f} | {rss[k] / 1024:.0f} |")
print()
for ref, sha in zip(refs, shas):
    b = f"spill_base_{sha}"
    print(f"- this tree vs {ref} ({sha}): **{med[b] / med['spill_new']:.2f}x** records per wall second, {cpu[b] / cpu['spill_new']:.2f}x records per CPU second")
print(f"- this tree vs the Commons-CSV-only parse: spill takes **{med['spill_new'] / med['parse']:.2f}x** the parse's wall time, {cpu['spill_new'] / cpu['parse']:.2f}x its CPU"
      + "".join(f"; {ref}: {med['spill_base_' + sha] / med['parse']:.2f}x wall, {cpu['spill_base_' + sha] / cpu['parse']:.2f}x CPU" for ref, sha in zip(refs, shas)))
print(f"- output check: {check}")
PY
)
echo "$report"
if [ -n "$out" ]; then
  { echo "# bench/stage-one.sh --rows $rows --rounds $rounds$(printf ' --baseline %s' "${baselines[@]}") --heap $heap ($(date -u +%Y-%m-%d), $(nproc) cores, $(hostname -s))"
    echo; echo "Machine shared with other engineers' builds and tests (load average $(cut -d' ' -f1-3 /proc/loadavg) at the end): compare ratios, not absolute times."
    echo; echo "$report"; } > "$out"
  log "wrote $out"
fi
