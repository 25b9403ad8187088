#!/usr/bin/env python3
"""Synthetic code-index corpus for bench/run.sh: packages -> versions -> files -> fragments, a term
dimension with a Zipf-like skew, and a fragment_term link table.

  gen_corpus.py OUT_DIR --rows N [--seed S]

N is the number of source rows (fragments.csv + fragment_terms.csv). Writes:
  raw/fragments.csv        package,version,path,hash,line_start,line_end,snippet    (natural keys only)
  raw/fragment_terms.csv   hash,term
  plan.yaml                the spillway plan over raw/
  norm/<table>.csv         the same rows with ids already resolved, as spillway assigns them
                           (sequential from 1 in order of first appearance): the input of the
                           reference loaders (psql \\copy, pgloader, JDBC batched INSERT)
  schema.sql               CREATE TABLE statements for the reference loaders
Deterministic for a given seed.
"""
import argparse
import csv
import hashlib
import os
import random

PLAN = """version: 1
schema: {schema}
tables:
  package:
    columns: {{id: bigint, name: text}}
    id: id
    key: [name]
  version:
    columns: {{id: bigint, package_id: bigint, version: text}}
    id: id
    key: [package_id, version]
  file:
    columns: {{id: bigint, version_id: bigint, path: text}}
    id: id
    key: [version_id, path]
  fragment:
    columns: {{id: bigint, file_id: bigint, hash: text, line_start: integer, line_end: integer, snippet: text}}
    id: id
    key: [hash]
  term:
    columns: {{id: bigint, text: text}}
    id: id
    key: [text]
  fragment_term:
    columns: {{fragment_id: bigint, term_id: bigint}}
    key: [fragment_id, term_id]
sources:
  - file: raw/fragments.csv
    format: {{type: csv, header: true}}
    emit:
      - table: package
        values: {{name: $package}}
      - table: version
        values: {{package_id: {{ref: package, key: [$package]}}, version: $version}}
      - table: file
        values:
          version_id: {{ref: version, key: [{{ref: package, key: [$package]}}, $version]}}
          path: $path
      - table: fragment
        values:
          file_id: {{ref: file, key: [{{ref: version, key: [{{ref: package, key: [$package]}}, $version]}}, $path]}}
          hash: $hash
          line_start: $line_start
          line_end: $line_end
          snippet: $snippet
  - file: raw/fragment_terms.csv
    format: {{type: csv, header: true}}
    emit:
      - table: term
        values: {{text: $term}}
      - table: fragment_term
        values:
          fragment_id: {{ref: fragment, key: [$hash]}}
          term_id: {{ref: term, key: [$term]}}
"""

SCHEMA = """CREATE TABLE package (id bigint PRIMARY KEY, name text UNIQUE);
CREATE TABLE version (id bigint PRIMARY KEY, package_id bigint REFERENCES package(id), version text, UNIQUE (package_id, version));
CREATE TABLE file (id bigint PRIMARY KEY, version_id bigint REFERENCES version(id), path text, UNIQUE (version_id, path));
CREATE TABLE fragment (id bigint PRIMARY KEY, file_id bigint REFERENCES file(id), hash text UNIQUE, line_start integer, line_end integer, snippet text);
CREATE TABLE term (id bigint PRIMARY KEY, text text UNIQUE);
CREATE TABLE fragment_term (fragment_id bigint REFERENCES fragment(id), term_id bigint REFERENCES term(id), UNIQUE (fragment_id, term_id));
"""

WORDS = ("get set list map parse read write open close buffer stream node tree graph key value id "
         "index load spill segment table column row field type codec plan source sink error").split()


class Ids:
    """Natural key -> id, sequential from 1 in first-appearance order (what spillway assigns)."""

    def __init__(self):
        self.ids = {}

    def get(self, key):
        i = self.ids.get(key)
        if i is None:
            i = len(self.ids) + 1
            self.ids[key] = i
            return i, True
        return i, False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--rows", type=int, default=5_000_000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--schema", default="bench")
    ap.add_argument("--terms-per-fragment", type=int, default=4)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    fragments = max(1, a.rows // (1 + a.terms_per_fragment))
    n_terms = max(10, fragments // 4)
    for d in ("raw", "norm"):
        os.makedirs(os.path.join(a.out, d), exist_ok=True)
    with open(os.path.join(a.out, "plan.yaml"), "w") as f:
        f.write(PLAN.format(schema=a.schema))
    with open(os.path.join(a.out, "schema.sql"), "w") as f:
        f.write(SCHEMA)

    pkg, ver, fil, frag, term = Ids(), Ids(), Ids(), Ids(), Ids()
    open_norm = lambda t: open(os.path.join(a.out, "norm", t + ".csv"), "w", newline="")
    files = {t: open_norm(t) for t in ("package", "version", "file", "fragment", "term", "fragment_term")}
    w = {t: csv.writer(f) for t, f in files.items()}
    # Zipf-like term ranks: weight 1/rank, sampled through a cumulative table.
    weights = [1.0 / r for r in range(1, n_terms + 1)]
    cum, s = [], 0.0
    for x in weights:
        s += x
        cum.append(s)
    import bisect

    with open(os.path.join(a.out, "raw", "fragments.csv"), "w", newline="") as ff, \
         open(os.path.join(a.out, "raw", "fragment_terms.csv"), "w", newline="") as tf:
        fw, tw = csv.writer(ff), csv.writer(tf)
        fw.writerow(["package", "version", "path", "hash", "line_start", "line_end", "snippet"])
        tw.writerow(["hash", "term"])
        n_pkg = max(1, fragments // 2000)
        for i in range(fragments):
            p = f"pkg-{rnd.randrange(n_pkg):06d}"
            v = f"1.{rnd.randrange(5)}.{rnd.randrange(3)}"
            path = f"src/{rnd.choice(WORDS)}/{rnd.choice(WORDS)}_{rnd.randrange(5)}.py"
            h = hashlib.blake2b(f"{a.seed}:{i}".encode(), digest_size=12).hexdigest()
            ls = rnd.randrange(1, 5000)
            le = ls + rnd.randrange(1, 80)
            snippet = " ".join(rnd.choice(WORDS) for _ in range(rnd.randrange(3, 12)))
            fw.writerow([p, v, path, h, ls, le, snippet])
            pid, new = pkg.get(p)
            if new:
                w["package"].writerow([pid, p])
            vid, new = ver.get((pid, v))
            if new:
                w["version"].writerow([vid, pid, v])
            fid, new = fil.get((vid, path))
            if new:
                w["file"].writerow([fid, vid, path])
            frid, _ = frag.get(h)
            w["fragment"].writerow([frid, fid, h, ls, le, snippet])
            linked = set()  # a fragment's terms are emitted together: dedup of links is per fragment
            for _ in range(a.terms_per_fragment):
                t = f"t{bisect.bisect_left(cum, rnd.random() * s)}"
                tw.writerow([h, t])
                tid, new = term.get(t)
                if new:
                    w["term"].writerow([tid, t])
                if tid not in linked:
                    linked.add(tid)
                    w["fragment_term"].writerow([frid, tid])
    for f in files.values():
        f.close()
    print(f"{fragments} fragments, {fragments * a.terms_per_fragment} fragment_term rows, "
          f"{len(pkg.ids)} packages, {len(ver.ids)} versions, {len(fil.ids)} files, {len(term.ids)} terms")


if __name__ == "__main__":
    main()
