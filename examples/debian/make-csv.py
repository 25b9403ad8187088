#!/usr/bin/env python3
"""Turn the Debian package index every Debian machine has into the CSV files plan.yaml reads.

Reads the binary Packages lists under /var/lib/apt/lists (compressed lists are read through
`apt-helper cat-file`, which knows every compression apt uses); falls back to /var/lib/dpkg/status
(the installed packages) when there are no lists, e.g. before the first `apt-get update`.

Writes, into the output directory (default: this script's directory):
  debian_packages.csv  package,version,maintainer,installed_size,description,tags
  debian_depends.csv   package,depends_on,kind,constraint

The same package may appear in several lists (bookworm and bookworm-security); both rows are
written, and spillway's `on_duplicate: first` keeps the first, as a real corpus would need.
"""
import csv
import glob
import os
import subprocess
import sys

LISTS = "/var/lib/apt/lists"
APT_HELPER = "/usr/lib/apt/apt-helper"
DEP_FIELDS = [("Depends", "depends"), ("Pre-Depends", "pre-depends"),
              ("Recommends", "recommends"), ("Suggests", "suggests")]


def package_sources():
    lists = sorted(p for p in glob.glob(os.path.join(LISTS, "*_binary-*_Packages*"))
                   if not p.endswith(".diff_Index"))
    if lists:
        return lists
    return ["/var/lib/dpkg/status"]


def read_text(path):
    if path.endswith("Packages") or path.endswith("status"):
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    out = subprocess.run([APT_HELPER, "cat-file", path], check=True, capture_output=True)
    return out.stdout.decode("utf-8", errors="replace")


def stanzas(text):
    fields, last = {}, None
    for line in text.splitlines():
        if not line.strip():
            if fields:
                yield fields
            fields, last = {}, None
        elif line[0] in " \t" and last:
            fields[last] += "\n" + line.strip()
        elif ":" in line:
            last, value = line.split(":", 1)
            fields[last] = value.strip()
    if fields:
        yield fields


def relations(value):
    """'a (>= 1), b | c' -> [(a, '>= 1'), (b, ''), (c, '')]; alternatives count as dependencies."""
    for group in value.replace("\n", " ").split(","):
        for alt in group.split("|"):
            alt = alt.strip()
            if not alt:
                continue
            name, constraint = alt, ""
            if "(" in alt:
                name, rest = alt.split("(", 1)
                constraint = rest.split(")", 1)[0].strip()
            name = name.split("[", 1)[0].split("<", 1)[0].strip().split(":", 1)[0]
            if name:
                yield name, constraint


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    os.makedirs(out_dir, exist_ok=True)
    n_pkg = n_dep = 0
    with open(os.path.join(out_dir, "debian_packages.csv"), "w", newline="", encoding="utf-8") as pf, \
         open(os.path.join(out_dir, "debian_depends.csv"), "w", newline="", encoding="utf-8") as df:
        pw, dw = csv.writer(pf), csv.writer(df)
        pw.writerow(["package", "version", "maintainer", "installed_size", "description", "tags"])
        dw.writerow(["package", "depends_on", "kind", "constraint"])
        for path in package_sources():
            for st in stanzas(read_text(path)):
                pkg = st.get("Package")
                if not pkg:
                    continue
                tags = ",".join(t.strip() for t in st.get("Tag", "").replace("\n", " ").split(","))
                pw.writerow([pkg, st.get("Version", ""), st.get("Maintainer", ""),
                             st.get("Installed-Size", ""), st.get("Description", "").split("\n", 1)[0], tags])
                n_pkg += 1
                for field, kind in DEP_FIELDS:
                    for dep, constraint in relations(st.get(field, "")):
                        dw.writerow([pkg, dep, kind, constraint])
                        n_dep += 1
    print(f"wrote {n_pkg} package rows and {n_dep} dependency rows to {out_dir}", file=sys.stderr)


if __name__ == "__main__":
    main()
