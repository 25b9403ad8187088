#!/usr/bin/env bash
# Spill and load the Debian package index into PostgreSQL:
#   examples/debian/load.sh [URL]        (default URL: postgresql://postgres@127.0.0.1:5432/test)
# Then look at it:
#   psql -h 127.0.0.1 -U postgres test -c 'SELECT p.name, count(*) AS rdepends FROM debian.dependency d
#        JOIN debian.package p ON p.id = d.depends_on_id GROUP BY p.name ORDER BY 2 DESC LIMIT 10'
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
url="${1:-postgresql://postgres@127.0.0.1:5432/test}"
work="${SPILLWAY_WORK:-${TMPDIR:-/tmp}/spillway-debian}"

if [ ! -s "$here/debian_packages.csv" ] || [ ! -s "$here/debian_depends.csv" ]; then
  python3 "$here/make-csv.py" "$here"
fi
exec "$here/../../bin/spillway" run --plan "$here/plan.yaml" --work "$work" \
  --url "$url" --create-tables
