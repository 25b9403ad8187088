#!/usr/bin/env bash
# Spill and load the Debian package index into PostgreSQL:
#   examples/debian/load.sh [URL]        (default URL: postgresql://postgres@127.0.0.1:5432/test)
# Then look at it:
#   psql URL -c 'SELECT p.name, count(*) AS rdepends FROM debian.dependency d
#        JOIN debian.package p ON p.id = d.depends_on_id GROUP BY p.name ORDER BY 2 DESC LIMIT 10'
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
url="${1:-postgresql://postgres@127.0.0.1:5432/test}"
# The work directory is per user: $SPILLWAY_WORK, else $XDG_CACHE_HOME/spillway/debian (~/.cache/spillway/debian).
work="${SPILLWAY_WORK:-${XDG_CACHE_HOME:-$HOME/.cache}/spillway/debian}"
(umask 077; mkdir -p "$(dirname "$work")")
echo "debian: work directory $work" >&2

if [ ! -s "$here/debian_packages.csv" ] || [ ! -s "$here/debian_depends.csv" ]; then
  python3 "$here/make-csv.py" "$here"
fi
"$here/../../bin/spillway" run --plan "$here/plan.yaml" --work "$work" \
  --url "$url" --create-tables
echo "debian: loaded; look at it with:" >&2
quote() { local s=${1//\'/\'\\\'\'}; printf "'%s'" "$s"; }  # for the shell, in single quotes
echo "  psql $(quote "$url") -c $(quote 'SELECT p.name, count(*) AS rdepends FROM debian.dependency d JOIN debian.package p ON p.id = d.depends_on_id GROUP BY p.name ORDER BY 2 DESC LIMIT 10')" >&2
