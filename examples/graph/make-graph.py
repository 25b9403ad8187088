#!/usr/bin/env python3
"""Turn the Debian package index (the CSV files examples/debian/make-csv.py writes) into one
polymorphic property graph in JSON lines, the shape graph exports have: one object per node or edge.

    make-graph.py [OUT_DIR]          (default: this script's directory; writes graph.jsonl)

Nodes: {"kind":"node","label":"Package"|"Maintainer"|"Tag","id":"p:NAME"|"m:NAME"|"t:TAG","props":{...}}
Edges: {"kind":"edge","type":"DEPENDS_ON"|"MAINTAINED_BY"|"TAGGED_WITH","source":ID,"target":ID,"props":{...}}

Lines are shuffled with a fixed seed, so edges often come before the nodes they join, as in real
exports (the loader must resolve references in any order). A package listed twice in the index (two
suites) is one node: the first listing wins, as in examples/debian/plan.yaml.
"""
import csv
import json
import os
import random
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
debian = os.path.join(here, "..", "debian")


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else here
    packages_csv = os.path.join(debian, "debian_packages.csv")
    depends_csv = os.path.join(debian, "debian_depends.csv")
    if not (os.path.exists(packages_csv) and os.path.exists(depends_csv)):
        subprocess.run([sys.executable, os.path.join(debian, "make-csv.py"), debian], check=True)
    lines = []
    packages, maintainers, tags = {}, set(), set()
    with open(packages_csv, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            name = row["package"]
            if name in packages:
                continue
            size = row["installed_size"]
            packages[name] = True
            lines.append({"kind": "node", "label": "Package", "id": "p:" + name,
                          "props": {"name": name, "version": row["version"] or None,
                                    "installed_size": int(size) if size.isdigit() else None,
                                    "description": row["description"] or None}})
            maintainer = row["maintainer"]
            if maintainer:
                if maintainer not in maintainers:
                    maintainers.add(maintainer)
                    lines.append({"kind": "node", "label": "Maintainer", "id": "m:" + maintainer,
                                  "props": {"name": maintainer}})
                lines.append({"kind": "edge", "type": "MAINTAINED_BY", "source": "p:" + name, "target": "m:" + maintainer})
            for tag in sorted({t.strip() for t in (row["tags"] or "").split(",") if t.strip()}):
                if tag not in tags:
                    tags.add(tag)
                    lines.append({"kind": "node", "label": "Tag", "id": "t:" + tag, "props": {"tag": tag}})
                lines.append({"kind": "edge", "type": "TAGGED_WITH", "source": "p:" + name, "target": "t:" + tag})
    with open(depends_csv, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            lines.append({"kind": "edge", "type": "DEPENDS_ON", "source": "p:" + row["package"],
                          "target": "p:" + row["depends_on"],
                          "props": {"kind": row["kind"], "constraint": row["constraint"] or None}})
    random.Random(2024).shuffle(lines)
    path = os.path.join(out_dir, "graph.jsonl")
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for obj in lines:
            out.write(json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n")
    print("%s: %d lines (%d packages, %d maintainers, %d tags)" % (path, len(lines), len(packages), len(maintainers), len(tags)),
          file=sys.stderr)


if __name__ == "__main__":
    main()
