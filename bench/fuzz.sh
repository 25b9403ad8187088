#!/usr/bin/env bash
# A longer run of the hostile-input fuzz test (SpillFuzzTest), which the normal test run does for a
# few seconds: random, seeded mutations of valid segments (plain and zstd) and manifests must each
# end in a clean SpillFormatException or a correct result, never an OutOfMemoryError, a hang or a
# changed segment accepted as intact.
#
#   bench/fuzz.sh [ITERATIONS] [SEED]      defaults: 100000 iterations, seed from the clock
#
# A failure prints the seed and the iteration: rerun with the same seed to reproduce it.
set -euo pipefail
cd "$(dirname "$0")/.."
iterations="${1:-100000}"
seed="${2:-$(date +%s)}"
echo "fuzz: ${iterations} segment mutations, $((iterations / 3)) manifest mutations, seed ${seed}" >&2
mvn -B -q test -Dtest='SpillFuzzTest' -Dsurefire.failIfNoSpecifiedTests=false \
  -Dspillway.fuzz.iterations="${iterations}" -Dspillway.fuzz.seed="${seed}"
echo "fuzz: seed ${seed}: no failure" >&2
