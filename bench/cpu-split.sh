#!/usr/bin/env bash
# Where a command's CPU goes: the command's own processes versus the local PostgreSQL server's.
#
#   bench/cpu-split.sh [--pgdata DIR] -- COMMAND [ARG...]
#       default --pgdata: the one cluster under /var/lib/postgresql/*/main
#
# Prints one line: wall seconds, the command's CPU seconds (user + system of it and its children)
# and the server's CPU seconds over the same span (every postgres process of the cluster, live ones
# and the backends that ended meanwhile, as the postmaster's reaped-children times count them;
# background writers included). Needs read access to the server's /proc entries (root, or the
# postgres user). On a machine with N cores, (command + server) / N is a floor under the wall time
# of anything that must do the same work. Not a test: a reading of this machine.
set -euo pipefail
pgdata=""
while [ $# -gt 0 ]; do
  case "$1" in
    --pgdata) pgdata="$2"; shift 2 ;;
    --) shift; break ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || { echo "bench/cpu-split.sh: no command given (see --help)" >&2; exit 2; }
if [ -z "$pgdata" ]; then
  pgdata="$(ls -d /var/lib/postgresql/*/main 2>/dev/null | head -1)"
fi
[ -r "$pgdata/postmaster.pid" ] || { echo "bench/cpu-split.sh: no readable postmaster.pid under '$pgdata' (--pgdata)" >&2; exit 2; }
postmaster="$(head -1 "$pgdata/postmaster.pid")"
ticks="$(getconf CLK_TCK)"
# Server CPU ticks so far: the postmaster's own and reaped children's, plus every live child's.
server_ticks() {
  local total pid
  total="$(awk '{print $14 + $15 + $16 + $17}' "/proc/$postmaster/stat")"
  for pid in $(pgrep -P "$postmaster"); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
before="$(server_ticks)"
start="$(date +%s.%N)"
times_file="$(mktemp)"
trap 'rm -f "$times_file"' EXIT
status=0
/usr/bin/time -f '%U %S' -o "$times_file" "$@" || status=$?
end="$(date +%s.%N)"
sleep 0.2  # ended backends are reaped by the postmaster
after="$(server_ticks)"
read -r user sys < "$times_file"
python3 - "$start" "$end" "$user" "$sys" "$before" "$after" "$ticks" <<'PY'
import sys
start, end, user, sys_, before, after, ticks = sys.argv[1:]
wall = float(end) - float(start)
command = float(user) + float(sys_)
server = (int(after) - int(before)) / int(ticks)
print(f"wall {wall:.2f} s  command cpu {command:.2f} s  server cpu {server:.2f} s  total cpu {command + server:.2f} s")
PY
exit "$status"
