#!/usr/bin/env bash
# Spill and load the tz database's countries, zones and zone-country links into PostgreSQL:
#   examples/tz/load.sh [URL]        (default URL: postgresql://postgres@127.0.0.1:5432/test)
# The files come from the tzdata package (/usr/share/zoneinfo, or $TZDIR). Then look at it:
#   psql URL -c 'SELECT c.name, count(*) AS zones FROM tz.zone_country zc
#        JOIN tz.country c ON c.id = zc.country_id GROUP BY c.name ORDER BY 2 DESC LIMIT 10'
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
url="${1:-postgresql://postgres@127.0.0.1:5432/test}"
# The work directory is per user: $SPILLWAY_WORK, else $XDG_CACHE_HOME/spillway/tz (~/.cache/spillway/tz).
work="${SPILLWAY_WORK:-${XDG_CACHE_HOME:-$HOME/.cache}/spillway/tz}"
(umask 077; mkdir -p "$(dirname "$work")")
echo "tz: work directory $work" >&2
tzdir="${TZDIR:-/usr/share/zoneinfo}"

for f in iso3166.tab zone1970.tab; do
  if [ ! -s "$here/$f" ]; then
    if [ ! -s "$tzdir/$f" ]; then
      echo "no $tzdir/$f: install tzdata (apt-get install tzdata) or set TZDIR" >&2
      exit 2
    fi
    ln -sf "$tzdir/$f" "$here/$f"
  fi
done
"$here/../../bin/spillway" run --plan "$here/plan.yaml" --work "$work" \
  --url "$url" --create-tables
echo "tz: loaded; look at it with:" >&2
quote() { local s=${1//\'/\'\\\'\'}; printf "'%s'" "$s"; }  # for the shell, in single quotes
echo "  psql $(quote "$url") -c $(quote 'SELECT c.name, count(*) AS zones FROM tz.zone_country zc JOIN tz.country c ON c.id = zc.country_id GROUP BY c.name ORDER BY 2 DESC LIMIT 10')" >&2
