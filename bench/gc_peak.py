#!/usr/bin/env python3
"""Peak heap in MiB from a unified JVM GC log (-Xlog:gc): the largest 'before' of 'A->B(C)'."""
import re
import sys

peak = 0.0
unit = {"K": 1 / 1024, "M": 1.0, "G": 1024.0}
for line in open(sys.argv[1], errors="replace"):
    for before, u in re.findall(r"(\d+)([KMG])->\d+[KMG]\(\d+[KMG]\)", line):
        peak = max(peak, int(before) * unit[u])
print(f"{peak:.1f}")
