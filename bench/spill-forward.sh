#!/usr/bin/env bash
# The cost of resolving forward refs: stage one with a 128 MiB heap (as bench/spill-memory.sh) over
# the SAME input files read in two orders, in one invocation:
#   backward: users.csv first, then events.csv (every event's ref finds its user: nothing parked)
#   forward:  events.csv first, then users.csv (every event's ref points forward: every event parked,
#             decided by the resolution pass)
# plus a self-referencing chain nodes.csv read as written (node i -> node i+1: every ref forward) and
# reversed (node i -> node i-1: every ref backward). Reports wall time, peak RSS and the ratio
# forward / backward of each pair; both runs must write the same number of rows.
#
#   bench/spill-forward.sh [EVENTS] [USERS] [WORK_DIR]       defaults: 2000000 500000 /tmp/spill-forward
set -euo pipefail
export SPILLWAY_CDS="${SPILLWAY_CDS:-wait}"  # bin/spillway trains its class-data archives before the first timed run
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
events="${1:-2000000}"
users="${2:-500000}"
work="${3:-/tmp/spill-forward}"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
mkdir -p "$work"

python3 - "$work" "$events" "$users" <<'PY'
import os, random, sys
work, events, users = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(9)
with open(os.path.join(work, "users.csv"), "w") as f:
    f.write("user,name\n")
    for u in range(users):
        f.write(f"u{u},User {u}\n")
with open(os.path.join(work, "events.csv"), "w") as f:
    f.write("event,user,amount\n")
    for e in range(events):
        f.write(f"e{e},u{rnd.randrange(users)},{rnd.randrange(1000)}\n")
n = events
with open(os.path.join(work, "nodes-forward.csv"), "w") as f:
    f.write("name,next\n")
    for i in range(n):
        f.write(f"n{i},{'n' + str(i + 1) if i + 1 < n else ''}\n")
with open(os.path.join(work, "nodes-backward.csv"), "w") as f:
    f.write("name,next\n")
    for i in range(n - 1, -1, -1):
        f.write(f"n{i},{'n' + str(i + 1) if i + 1 < n else ''}\n")
tables = """version: 1
tables:
  app_user: {columns: {id: bigint, name: text, display: text}, id: id, key: [name]}
  event: {columns: {id: bigint, name: text, user_id: bigint, amount: integer}, id: id, key: [name]}
  node: {columns: {id: bigint, name: text, next_id: bigint}, id: id, key: [name]}
sources:
"""
users_src = """  - file: users.csv
    format: {type: csv, header: true}
    emit: [{table: app_user, values: {name: $user, display: $name}}]
"""
events_src = """  - file: events.csv
    format: {type: csv, header: true}
    emit: [{table: event, values: {name: $event, user_id: {ref: app_user, key: [$user]}, amount: $amount}}]
"""
def nodes(f):
    return f"""  - file: {f}
    format: {{type: csv, header: true}}
    emit: [{{table: node, values: {{name: $name, next_id: {{ref: node, key: [$next]}}}}}}]
"""
plans = {"events-backward": tables + users_src + events_src, "events-forward": tables + events_src + users_src,
         "nodes-backward": tables + nodes("nodes-backward.csv"), "nodes-forward": tables + nodes("nodes-forward.csv")}
for name, text in plans.items():
    with open(os.path.join(work, name + ".yaml"), "w") as f:
        f.write(text)
PY
echo "corpus: $(du -ch "$work"/*.csv | tail -1 | cut -f1) in $work" >&2
(cd "$root" && mvn -B -q package -DskipTests) >&2

declare -A secs rss written
for run in events-backward events-forward nodes-backward nodes-forward; do
  echo "spillway spill -Xmx128m $run ..." >&2
  rm -rf "$work/out-$run"
  start=$(date +%s.%N)
  JAVA_OPTS=-Xmx128m /usr/bin/time -v -o "$work/time-$run.txt" "$root/bin/spillway" spill --quiet \
    --plan "$work/$run.yaml" --out "$work/out-$run" > "$work/summary-$run.txt"
  end=$(date +%s.%N)
  secs[$run]=$(echo "$end - $start" | bc -l)
  rss[$run]=$(awk -F': ' '/Maximum resident set size/ {print int($2 / 1024)}' "$work/time-$run.txt")
  written[$run]=$(python3 -c "import json,sys; m=json.load(open(sys.argv[1])); assert m['state']=='complete'; print(sum(t['counters']['written'] for t in m['tables']))" "$work/out-$run/manifest.json")
  test -z "$(ls -A "$work/out-$run/idmap/parked" 2>/dev/null)" || { echo "parked records left in $run" >&2; exit 1; }
done
printf "| run | wall s | rows written | peak RSS MiB | forward / backward |\n|---|---:|---:|---:|---:|\n"
for pair in events nodes; do
  b=${secs[$pair-backward]}; f=${secs[$pair-forward]}
  [ "${written[$pair-backward]}" = "${written[$pair-forward]}" ] || { echo "$pair: rows written differ" >&2; exit 1; }
  printf "| %s-backward | %.1f | %s | %s | |\n" "$pair" "$b" "${written[$pair-backward]}" "${rss[$pair-backward]}"
  printf "| %s-forward | %.1f | %s | %s | %.2fx |\n" "$pair" "$f" "${written[$pair-forward]}" "${rss[$pair-forward]}" "$(echo "$f / $b" | bc -l)"
done
