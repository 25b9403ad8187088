package dev.spillway.spill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spillway.segment.Manifest;
import dev.spillway.segment.RowCounters;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counters with issue 17's keys, each derived from the input by hand: a comment line is one record
 * read and skipped for its source and no row anywhere; skip_lines are not records; a record a
 * {@code when:} leaves out is counted nowhere for that table; a NULL in a not_null column and a
 * function that refuses its input are rejects naming the column; the tables' invariant holds.
 */
class PlanLanguageAccountingTest {
  @TempDir
  Path tmp;

  @Test
  void commentsAreSkippedRecordsAndWhenLeavesRecordsUncounted() throws Exception {
    Path plan = SpillTesting.write(tmp, "in/plan.yaml", """
        version: 1
        tables:
          node: {columns: {k: text, n: integer}, key: [k], not_null: [n]}
          edge: {columns: {k: text, pos: integer, target: text}, key: [k, pos]}
        sources:
          - file: g.txt
            format: {type: csv, delimiter: "|", comment: "--", skip_lines: 1, missing_fields: null}
            emit:
              - {table: node, when: {eq: [$1, N]}, values: {k: $2, n: {parse_int: [$3, 16]}}}
              - table: edge
                when: {eq: [$1, E]}
                for_each: {value: $3, separator: ";"}
                values: {k: $2, pos: $#, target: $_}
        """);
    SpillTesting.write(tmp, "in/g.txt", """
        kind|key|value   (skipped line, not a record)
        -- a comment
        N|a|ff
        N|b|
        E|a|x;y;x
        -- another
        N|c|zz
        X|d|ignored
        E|b
        N|a|01
        """);
    SpillResult result = SpillTesting.spill(tmp.resolve("in/plan.yaml"), tmp.resolve("out"));
    Manifest manifest = result.manifest();
    SpillTesting.assertBalanced(manifest);
    // node: a (written), b (NULL n: rejected), c (zz: rejected), a again (duplicate)
    assertEquals(new RowCounters(4, 1, 1, 0, 2), SpillTesting.counters(manifest, "node"));
    // edge: x, y, x at positions 1..3 (repeats stay distinct rows by position); b has no element: one skipped row
    assertEquals(new RowCounters(4, 3, 0, 1, 0), SpillTesting.counters(manifest, "edge"));
    // 7 data records + 2 comments read, each record once: N|a and E|a written, N|a again a duplicate, the 2 comments,
    // E|b (no element) and X|d (no emit's when: holds, so no row) skipped, N|b and N|c rejected
    assertEquals(new RowCounters(9, 2, 1, 4, 2), manifest.sources().get(0).counters());
    assertEquals(List.of("node|n|4|null value in column \"n\" violates not-null constraint (not_null)",
        "node|n|7|parse_int: 'zz' is not a base-16 integer (or is out of range)"),
        SpillTesting.rejects(result).stream().map(r -> r.get("table") + "|" + r.get("column") + "|" + r.get("line") + "|"
            + r.get("reason")).toList());
  }

  @Test
  void skippedBlankLinesAreSkippedRecordsOfTheSource() throws Exception {
    Path plan = SpillTesting.write(tmp, "in/plan.yaml", """
        version: 1
        tables:
          t: {columns: {k: text, v: text}}
        sources:
          - file: t.csv
            format: {header: true, skip_blank_lines: true}
            emit: [{table: t, values: {k: $k, v: $v}}]
        """);
    SpillTesting.write(tmp, "in/t.csv", "k,v\na,1\n\nb,2\n\n");
    SpillResult result = SpillTesting.spill(plan, tmp.resolve("out"));
    SpillTesting.assertBalanced(result.manifest());
    assertEquals(new RowCounters(2, 2, 0, 0, 0), SpillTesting.counters(result.manifest(), "t"));
    assertEquals(new RowCounters(4, 2, 0, 2, 0), result.manifest().sources().get(0).counters(), "2 records, 2 blank lines");
    assertEquals(List.of(), SpillTesting.rejects(result));
  }

  @Test
  void aFunctionFailingInWhenOrForEachRejectsTheRecordForThatEmit() throws Exception {
    Path plan = SpillTesting.write(tmp, "in/plan.yaml", """
        version: 1
        tables:
          hit: {columns: {k: text}}
          part: {columns: {k: text, n: text}}
        sources:
          - file: g.csv
            emit:
              - {table: hit, when: {eq: [{parse_int: [$2, 16]}, "255"]}, values: {k: $1}}
              - {table: part, for_each: {value: {to_date: [$3, yyyyMMdd]}, separator: "-"}, values: {k: $1, n: $_}}
        """);
    SpillTesting.write(tmp, "in/g.csv", "a,ff,20240501\nb,zz,20240502\nc,10,2024\n");
    SpillResult result = SpillTesting.spill(plan, tmp.resolve("out"));
    SpillTesting.assertBalanced(result.manifest());
    assertEquals(new RowCounters(1 + 1, 1, 0, 0, 1), SpillTesting.counters(result.manifest(), "hit"), "a holds, c does not, b fails");
    assertEquals(new RowCounters(3 * 2 + 1, 3, 0, 0, 4), SpillTesting.counters(result.manifest(), "part"),
        "b's record is rejected whole (its when: failed): its 3 part rows too; c's for_each failed: one row");
    assertEquals(List.of("hit|when|2|zz", "part|for_each|3|2024"), SpillTesting.rejects(result).stream()
        .map(r -> r.get("table") + "|" + r.get("column") + "|" + r.get("line") + "|" + r.get("raw_value")).toList());
  }

  @Test
  void aConversionFunctionsRefusedInputIsTheRawValue() throws Exception {
    // the value the failing step refused: a function's input when the function fails, the function's output when the
    // column's type refuses it
    Path plan = SpillTesting.write(tmp, "in/plan.yaml", """
        version: 1
        tables:
          day: {columns: {id: bigint, d: date}, id: id, key: [d]}
          event: {columns: {n: integer, at: timestamp, day_id: bigint}}
        sources:
          - file: e.csv
            emit:
              - {table: day, values: {d: {to_date: [$3, yyyyMMdd]}}}
              - table: event
                values: {n: {parse_int: [$1, 16]}, at: {to_timestamp: [$2, "yyyy-MM-dd HH:mm"]},
                         day_id: {ref: day, key: [{to_date: [$4, yyyyMMdd]}]}}
        """);
    SpillTesting.write(tmp, "in/e.csv", """
        ff,2024-05-01 10:00,20240501,20240501
        zz,2024-05-01 10:00,20240502,20240502
        10,tomorrow,20240503,20240503
        11,2024-05-01 10:00,2024-5-4,20240501
        12,2024-05-01 10:00,20240505,May 5
        13,2024-05-01 10:00,99999999,20240501
        """);
    SpillResult result = SpillTesting.spill(plan, tmp.resolve("out"));
    SpillTesting.assertBalanced(result.manifest());
    assertEquals(List.of("event|n|2|zz", "event|at|3|tomorrow", "day|d|4|2024-5-4", "event|day_id|5|May 5",
            "day|d|6|99999999"),
        SpillTesting.rejects(result).stream()
            .map(r -> r.get("table") + "|" + r.get("column") + "|" + r.get("line") + "|" + r.get("raw_value")).toList());
  }
}
