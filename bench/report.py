#!/usr/bin/env python3
"""Turn bench/run.sh's results.jsonl into bench/results/<date>-<host>.md and refresh the table
between the <!-- bench:begin --> and <!-- bench:end --> markers of the READMEs given."""
import datetime
import json
import os
import platform
import re
import subprocess
import sys

results_file, report_file, rows, host, port, user, db = sys.argv[1:8]
readmes = sys.argv[8:]
runs = [json.loads(line) for line in open(results_file) if line.strip()]
by_name = {r["name"]: r for r in runs}


def psql(sql):
    try:
        return subprocess.run(["psql", "-X", "-Atq", "-h", host, "-p", port, "-U", user, "-d", db, "-c", sql],
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError) as e:
        return f"(unavailable: {e})"


def rate(r):
    return r["rows"] / r["seconds"] if r.get("seconds") else 0.0


LABELS = {
    "spillway_run": "spillway run (spill + load)",
    "spillway_spill": "spillway spill (stage one only)",
    "spillway_load": "spillway load --jobs 1 (stage two only)",
    "spillway_load_jobs2": "spillway load --jobs 2",
    "spillway_load_defer": "spillway load --defer-indexes (FKs and secondary indexes rebuilt after)",
    "psql_copy_csv": "psql \\copy (FORMAT csv), ids pre-resolved",
    "server_copy_binary": "server COPY FROM file (FORMAT binary) of spillway's segments",
    "pgloader_csv": "pgloader, ids pre-resolved CSV",
    "jdbc_batch_insert": "JDBC batched INSERT (reWriteBatchedInserts)",
}
ref_csv = by_name.get("psql_copy_csv")
ref_bin = by_name.get("server_copy_binary")
table = ["| run | wall s | rows | rows/s | MB/s (own input) | vs psql csv | vs server binary COPY | peak RSS MiB | peak heap MiB | check |",
         "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
checksums = {r.get("checksum") for r in runs if r.get("checksum")}
reference_sum = (ref_csv or {}).get("checksum")
for r in runs:
    if r["name"].startswith("memory_"):
        continue
    if r.get("failed"):
        table.append(f"| {LABELS.get(r['name'], r['name'])} | failed | | | | | | | | |")
        continue
    rows_ok = r["rows"] == r["expected_rows"] if r.get("checked") else None
    check = "" if rows_ok is None else ("ok" if rows_ok and (not reference_sum or r["checksum"] == reference_sum) else "MISMATCH")
    mbs = r["bytes"] / 1e6 / r["seconds"]
    rel = lambda ref: f"{(ref['seconds'] / r['seconds']):.2f}x" if ref and not ref.get("failed") and r.get("checked") else ""
    table.append("| %s | %.1f | %s | %s | %.1f | %s | %s | %.0f | %s | %s |" % (
        LABELS.get(r["name"], r["name"]), r["seconds"], f"{r['rows']:,}" if r.get("checked") else "-",
        f"{rate(r):,.0f}" if r.get("checked") else "-", mbs, rel(ref_csv), rel(ref_bin), r["rss_kb"] / 1024,
        "" if r.get("heap_mb") is None else f"{r['heap_mb']:.0f}", check))

mem = ["| corpus | source rows | wall s | peak heap MiB (-Xmx128m) | peak RSS MiB |", "|---|---:|---:|---:|---:|"]
for r in runs:
    if r["name"].startswith("memory_") and not r.get("failed"):
        mult = r["name"].split("_")[-1]
        mem.append("| %s | %s | %.1f | %s | %.0f |" % (mult, f"{int(rows) * int(mult[:-1]) // 16:,}", r["seconds"],
                                                      "" if r.get("heap_mb") is None else f"{r['heap_mb']:.0f}", r["rss_kb"] / 1024))

mem_total = "unknown"
try:
    mem_total = "%.0f GiB" % (int(open("/proc/meminfo").readline().split()[1]) / 1024 / 1024)
except OSError:
    pass
settings = psql("SELECT string_agg(name || '=' || setting || coalesce(unit, ''), ', ' ORDER BY name) FROM pg_settings "
                "WHERE name IN ('shared_buffers','max_wal_size','synchronous_commit','wal_level','fsync','checkpoint_timeout',"
                "'maintenance_work_mem','work_mem','full_page_writes')")
now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
doc = [f"# spillway benchmark, {now}", "",
       f"Machine: {platform.node()}, {os.cpu_count()} cores, {mem_total} memory, {platform.platform()}.",
       f"PostgreSQL: {psql('SHOW server_version')} on {host}:{port}; {settings}.",
       f"Corpus: `bench/gen_corpus.py --rows {rows}` (code-index shape: packages -> versions -> files -> fragments, "
       "Zipf-skewed terms, fragment_term links). Every run loads into fresh tables with the same primary keys, unique "
       "constraints and foreign keys, with a CHECKPOINT before it. Ratios are the reference's wall time over the run's "
       "(above 1 = faster than the reference). `check` = row count and content checksum equal to the psql CSV run.",
       "", "Command: `bench/run.sh --rows %s`" % rows, "", *table, "",
       "## Memory flatness (`spillway spill`, same -Xmx at 1x, 4x, 16x)", "", *mem, "",
       "## Commands", ""]
for r in runs:
    if not r.get("failed"):
        doc.append(f"- {r['name']}: `{r['command']}`")
os.makedirs(os.path.dirname(report_file), exist_ok=True)
with open(report_file, "w") as f:
    f.write("\n".join(doc) + "\n")

for readme in readmes:
    if os.path.exists(readme):
        link = os.path.relpath(os.path.abspath(report_file), os.path.dirname(os.path.abspath(readme)))
        block = "\n".join([f"Latest: [{os.path.basename(report_file)}]({link}) "
                           f"({rows} source rows, {os.cpu_count()} cores)", "", *table, "", *mem])
        text = open(readme).read()
        new = re.sub(r"<!-- bench:begin -->.*<!-- bench:end -->", lambda _: f"<!-- bench:begin -->\n{block}\n<!-- bench:end -->",
                     text, flags=re.S)
        open(readme, "w").write(new)
print("\n".join(table))
print()
print("\n".join(mem))
