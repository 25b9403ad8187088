#!/usr/bin/env bash
# Write the Debian package index as one polymorphic property graph (graph.jsonl) and load it:
#   examples/graph/load.sh [URL]        (default URL: postgresql://postgres@127.0.0.1:5432/test)
# Then look at it:
#   psql URL -c 'SELECT t.tag, count(*) FROM graph.tagged_with w
#        JOIN graph.tag t ON t.id = w.tag_id GROUP BY t.tag ORDER BY 2 DESC LIMIT 10'
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
url="${1:-postgresql://postgres@127.0.0.1:5432/test}"
# The work directory is per user: $SPILLWAY_WORK, else $XDG_CACHE_HOME/spillway/graph (~/.cache/spillway/graph).
work="${SPILLWAY_WORK:-${XDG_CACHE_HOME:-$HOME/.cache}/spillway/graph}"
(umask 077; mkdir -p "$(dirname "$work")")
echo "graph: work directory $work" >&2

if [ ! -s "$here/graph.jsonl" ]; then
  python3 "$here/make-graph.py" "$here"
fi
"$here/../../bin/spillway" run --plan "$here/plan.yaml" --work "$work" \
  --url "$url" --create-tables
echo "graph: loaded; look at it with:" >&2
quote() { local s=${1//\'/\'\\\'\'}; printf "'%s'" "$s"; }  # for the shell, in single quotes
echo "  psql $(quote "$url") -c $(quote 'SELECT t.tag, count(*) FROM graph.tagged_with w JOIN graph.tag t ON t.id = w.tag_id GROUP BY t.tag ORDER BY 2 DESC LIMIT 10')" >&2
