#!/usr/bin/env python3
"""Corpus for bench/spill-memory.sh: many rows, many distinct natural keys.

  gen_keys_corpus.py OUT_DIR --rows N --keys K

Writes OUT_DIR/events.csv (header user,country,amount,day; N rows) and OUT_DIR/plan.yaml. Row i
names user "user-<(i * 7919) mod K>", so every one of the K users appears N/K times, first
appearances spread over the first K rows. Deterministic, no randomness (cheap to generate).
"""
import argparse
import os

PLAN = """version: 1
schema: bench
tables:
  app_user:
    columns: {id: bigint, name: text, country: text}
    id: id
    key: [name]
  event:
    columns: {id: bigint, user_id: bigint, amount: integer, day: date}
    id: id
sources:
  - file: events.csv
    format: {type: csv, header: true}
    emit:
      - table: app_user
        values: {name: $user, country: $country}
      - table: event
        values: {user_id: {ref: app_user, key: [$user]}, amount: $amount, day: $day}
"""

COUNTRIES = ["de", "fr", "us", "jp", "br", "in", "ng", "\"United Kingdom, The\""]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--keys", type=int, required=True)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "plan.yaml"), "w") as f:
        f.write(PLAN)
    with open(os.path.join(a.out, "events.csv"), "w", buffering=1 << 20) as f:
        f.write("user,country,amount,day\n")
        lines = []
        for i in range(a.rows):
            u = (i * 7919) % a.keys
            lines.append("user-%d,%s,%d,2024-%02d-%02d\n" % (u, COUNTRIES[u % 8], (i * 31) % 100000, 1 + i % 12, 1 + i % 28))
            if len(lines) == 100000:
                f.write("".join(lines))
                lines = []
        f.write("".join(lines))


if __name__ == "__main__":
    main()
