#!/usr/bin/env python3
"""The same rows as CSV, PostgreSQL text format and JSON lines, with one spillway plan per format
(identical tables and emits), for bench/formats.sh.

    gen_formats_corpus.py OUT_DIR --rows N [--seed S]
"""
import argparse
import json
import os
import random

TABLES = """version: 1
tables:
  maintainer:
    columns: {id: bigint, name: text, email: text}
    id: id
    key: [name]
  package:
    columns: {id: bigint, name: text, version: text, maintainer_id: bigint, size: integer, description: text}
    id: id
    key: [name]
  package_tag:
    columns: {package_id: bigint, tag: text}
    key: [package_id, tag]
sources:
"""

FLAT = """  - file: packages.{ext}
    format: {{type: {type}, header: true}}
    emit:
      - table: maintainer
        values: {{name: $maintainer, email: $email}}
      - table: package
        values: {{name: $name, version: $version, maintainer_id: {{ref: maintainer, key: [$maintainer]}}, size: $size, description: $description}}
      - table: package_tag
        for_each: {{value: $tags, separator: ","}}
        values: {{package_id: {{ref: package, key: [$name]}}, tag: $_}}
"""

JSONL = """  - file: packages.jsonl
    format: {type: jsonl}
    emit:
      - table: maintainer
        values: {name: $.maintainer.name, email: $.maintainer.email}
      - table: package
        values: {name: $.name, version: $.version, maintainer_id: {ref: maintainer, key: [$.maintainer.name]}, size: $.size, description: $.description}
      - table: package_tag
        for_each: {value: $.tags}
        values: {package_id: {ref: package, key: [$.name]}, tag: $_}
"""

WORDS = "the a quick brown fox jumps over lazy dog library tool daemon parser for with and of data files".split()


def csv_field(s):
    return '"' + s.replace('"', '""') + '"' if any(c in s for c in ',"\n\r') or s == "" else s


def text_field(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--seed", type=int, default=12)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    maintainers = [("Maintainer %d" % i, "m%d@example.org" % i) for i in range(max(10, args.rows // 50))]
    header = ["name", "version", "maintainer", "email", "size", "description", "tags"]
    with open(os.path.join(args.out, "packages.csv"), "w", encoding="utf-8", newline="") as c, \
            open(os.path.join(args.out, "packages.txt"), "w", encoding="utf-8", newline="") as t, \
            open(os.path.join(args.out, "packages.jsonl"), "w", encoding="utf-8", newline="") as j:
        c.write(",".join(header) + "\n")
        t.write("\t".join(header) + "\n")
        for i in range(args.rows):
            m = maintainers[rnd.randrange(len(maintainers))]
            tags = ["tag-%d" % rnd.randrange(200) for _ in range(rnd.randrange(4))]
            desc = " ".join(rnd.choice(WORDS) for _ in range(rnd.randrange(3, 15)))
            if i % 97 == 0:
                desc += ', "quoted"\tand\\slashed'
            row = ["pkg-%d" % i, "%d.%d" % (rnd.randrange(10), rnd.randrange(30)), m[0], m[1], str(rnd.randrange(100000)),
                   desc, ",".join(tags)]
            c.write(",".join(csv_field(v) for v in row) + "\n")
            t.write("\t".join(text_field(v) for v in row) + "\n")
            j.write(json.dumps({"name": row[0], "version": row[1], "maintainer": {"name": m[0], "email": m[1]},
                                "size": int(row[4]), "description": desc, "tags": tags},
                               ensure_ascii=False, separators=(",", ":")) + "\n")
    for name, body in (("csv", FLAT.format(ext="csv", type="csv")), ("text", FLAT.format(ext="txt", type="text")),
                       ("jsonl", JSONL)):
        with open(os.path.join(args.out, "plan-%s.yaml" % name), "w", encoding="utf-8") as f:
            f.write(TABLES + body)


if __name__ == "__main__":
    main()
