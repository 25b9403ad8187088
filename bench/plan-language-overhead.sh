#!/usr/bin/env bash
# Stage one throughput of a plan that uses none of issue 17's plan language (functions, when:,
# comment/skip_lines/missing_fields/extra_fields, not_null/defaults), built from this tree and from
# a base commit (default: the merge base with main), in one invocation, runs interleaved
# (base, this, base, this, ...) so machine load hits both alike. Reports each run's wall and CPU
# (user + system) seconds, the medians of each build and their ratio (CPU time is the steadier
# figure on a shared machine); then, for information, this build on the same corpus
# with a plan that uses functions, a when: condition, not_null and a default.
#
#   bench/plan-language-overhead.sh [ROWS] [KEYS] [RUNS] [WORK_DIR]   defaults: 1000000 500000 3 /tmp/plan-language-bench
#   BASE=<commit> to compare against another commit.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows="${1:-1000000}"
keys="${2:-500000}"
runs="${3:-3}"
work="${4:-/tmp/plan-language-bench}"
base="${BASE:-$(git -C "$root" merge-base HEAD main)}"

mkdir -p "$work"
if [ ! -f "$work/corpus/events.csv" ] || [ "$(cat "$work/corpus/.shape" 2>/dev/null)" != "$rows $keys" ]; then
  echo "generating $rows rows with $keys distinct keys in $work/corpus ..." >&2
  python3 "$root/bench/gen_keys_corpus.py" "$work/corpus" --rows "$rows" --keys "$keys"
  echo "$rows $keys" > "$work/corpus/.shape"
fi
sed -e 's/values: {name: \$user, country: \$country}/values: {name: {trim: $user}, country: {lower: $country}}/' \
  "$work/corpus/plan.yaml" > "$work/corpus/plan-functions.yaml"
python3 - "$work/corpus/plan-functions.yaml" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
s = s.replace("    columns: {id: bigint, name: text, country: text}\n", "    columns: {id: bigint, name: text, country: text}\n    not_null: [name]\n")
s = s.replace("      - table: event\n", "      - table: event\n        when: {not_null: $user}\n")
s = s.replace("    columns: {id: bigint, user_id: bigint, amount: integer, day: date}\n",
              "    columns: {id: bigint, user_id: bigint, amount: integer, day: date}\n    defaults: {amount: 0}\n")
open(p, "w").write(s)
PY

echo "building this tree and base $base ..." >&2
(cd "$root" && mvn -B -q -o package -DskipTests) >&2
cp "$root/target/spillway.jar" "$work/this.jar"
rm -rf "$work/base-src" && mkdir -p "$work/base-src"
git -C "$root" archive "$base" | tar -x -C "$work/base-src"
(cd "$work/base-src" && mvn -B -q -o package -DskipTests) >&2
cp "$work/base-src/target/spillway.jar" "$work/base.jar"

flags=(--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-exports=java.base/sun.nio.ch=ALL-UNNAMED --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED
  -Dchronicle.analytics.disable=true -Dchronicle.announcer.disable=true -Xmx256m)

# prints the wall seconds and the CPU seconds (user + system) one spill takes
spill() {
  local jar="$1" plan="$2"
  rm -rf "$work/out"
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "%U %S" -o "$work/cpu.txt" java "${flags[@]}" -jar "$jar" spill --quiet --plan "$plan" --out "$work/out" > /dev/null
  end=$(date +%s.%N)
  echo "$(echo "$end - $start" | bc -l) $(awk '{print $1 + $2}' "$work/cpu.txt")"
}

: > "$work/runs.txt"
for i in $(seq 1 "$runs"); do
  echo "base $(spill "$work/base.jar" "$work/corpus/plan.yaml")" >> "$work/runs.txt"
  echo "this $(spill "$work/this.jar" "$work/corpus/plan.yaml")" >> "$work/runs.txt"
done
echo "functions $(spill "$work/this.jar" "$work/corpus/plan-functions.yaml")" >> "$work/runs.txt"

python3 - "$work/runs.txt" "$rows" "$base" <<'PY'
import statistics, sys
runs = [l.split() for l in open(sys.argv[1])]
rows = int(sys.argv[2])
wall, cpu = {}, {}
for name, w, c in runs:
    wall.setdefault(name, []).append(float(w))
    cpu.setdefault(name, []).append(float(c))
print("records: %d; runs in order (wall s / cpu s): %s" % (rows, ", ".join("%s %.1f/%.1f" % (n, float(w), float(c)) for n, w, c in runs)))
mw = {n: statistics.median(v) for n, v in wall.items()}
mc = {n: statistics.median(v) for n, v in cpu.items()}
for n in ("base", "this", "functions"):
    print("%-10s median wall %.1f s (%.0f records/s), median cpu %.1f s (%.0f records per cpu-s)" % (n, mw[n], rows / mw[n], mc[n], rows / mc[n]))
print("throughput this/base, plan without the new keys: %.3f by cpu time, %.3f by wall time" % (mc["base"] / mc["this"], mw["base"] / mw["this"]))
print("throughput functions/this (informative):          %.3f by cpu time, %.3f by wall time" % (mc["this"] / mc["functions"], mw["this"] / mw["functions"]))
print("base commit: %s" % sys.argv[3])
PY
