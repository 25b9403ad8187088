#!/usr/bin/env bash
# Write the Debian package index as one polymorphic property graph (graph.jsonl) and load it:
#   examples/graph/load.sh [URL]        (default URL: postgresql://postgres@127.0.0.1:5432/test)
# Then look at it:
#   psql -h 127.0.0.1 -U postgres test -c 'SELECT t.tag, count(*) FROM graph.tagged_with w
#        JOIN graph.tag t ON t.id = w.tag_id GROUP BY t.tag ORDER BY 2 DESC LIMIT 10'
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
url="${1:-postgresql://postgres@127.0.0.1:5432/test}"
work="${SPILLWAY_WORK:-${TMPDIR:-/tmp}/spillway-graph}"

if [ ! -s "$here/graph.jsonl" ]; then
  python3 "$here/make-graph.py" "$here"
fi
exec "$here/../../bin/spillway" run --plan "$here/plan.yaml" --work "$work" \
  --url "$url" --create-tables
