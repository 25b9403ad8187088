package dev.spillway.spill;

import static dev.spillway.spill.SpillTesting.assertBalanced;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.input.InputException;
import dev.spillway.segment.RowCounters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regressions on input that used to abort the whole run: a record past the length bound, an empty
 * file with a header format, a headerless file whose first record is short.
 */
class InputEdgesTest {
  @TempDir
  Path tmp;

  private final List<String> warnings = new ArrayList<>();

  private SpillResult spill(String planYaml) throws Exception {
    Path plan = SpillTesting.write(tmp, "in/plan.yaml", planYaml);
    return new Spill(SpillOptions.of(plan, tmp.resolve("out")), SpillServices.defaults("test").withWarnings(warnings::add))
        .run();
  }

  private static List<List<Object>> rows(SpillResult result, String table) {
    return SegmentRows.read(result, table).stream().map(Arrays::asList).toList();
  }

  /** Regression (A5): one record past max_record_chars ended its file, silently dropping every later record. */
  @Test
  void aRecordPastMaxRecordCharsIsRejectedAloneAndTheFileGoesOn() throws Exception {
    SpillTesting.write(tmp, "in/a.csv", "code\nx1\n\"" + "z".repeat(50_000) + "\"\nx3\nx4\n");
    SpillTesting.write(tmp, "in/b.csv", "code\ny1\n");
    SpillResult result = spill(LONG_RECORDS_PLAN);
    assertEquals(List.of(List.of("x1"), List.of("x3"), List.of("x4"), List.of("y1")), rows(result, "item"));
    List<CSVRecord> rejects = SpillTesting.rejects(result);
    assertEquals(1, rejects.size());
    assertEquals("3", rejects.get(0).get("line"));
    assertEquals("record longer than 1000 characters (max_record_chars)", rejects.get(0).get("reason"));
    assertTrue(rejects.get(0).get("raw_value").startsWith("\"zzz"), rejects.get(0).get("raw_value"));
    assertEquals(new RowCounters(4, 3, 0, 0, 1), result.manifest().sources().get(0).counters());
    assertBalanced(result.manifest());
  }

  /** A quote never closed within max_record_chars leaves the rest of its file unread: the run fails, naming it. */
  @Test
  void aRunawayQuotePastMaxRecordCharsFailsTheRunNamingFileAndLine() throws Exception {
    SpillTesting.write(tmp, "in/a.csv", "code\nx1\n\"" + "z".repeat(50_000) + "\nx3\nx4\n");
    InputException e = assertThrows(InputException.class, () -> spill(LONG_RECORDS_PLAN));
    assertEquals(tmp.resolve("in/a.csv"), e.file());
    assertEquals(3, e.line());
    assertTrue(e.getMessage().contains("no closing quote within max_record_chars (1000 characters), so lines 3 to 5 "
        + "(the end of the file) cannot be read as records"), e.getMessage());
  }

  private static final String LONG_RECORDS_PLAN = """
      version: 1
      tables:
        item: {columns: {code: text}}
      sources:
        - file: "*.csv"
          format: {type: csv, header: true, max_record_chars: 1000}
          emit: [{table: item, values: {code: $code}}]
      """;

  @Test
  void anEmptyFileWithAHeaderFormatIsZeroRecordsAndAWarning() throws Exception {
    SpillTesting.write(tmp, "in/a.csv", "");
    SpillTesting.write(tmp, "in/b.csv", "code\ny1\n");
    SpillResult result = spill("""
        version: 1
        tables:
          item: {columns: {code: text}}
        sources:
          - file: "*.csv"
            format: {type: csv, header: true}
            emit: [{table: item, values: {code: $code}}]
        """);
    assertEquals(List.of(List.of("y1")), rows(result, "item"));
    assertEquals(List.of("a.csv is empty (not even a header line): read as zero records"), warnings);
    assertEquals(RowCounters.ZERO, result.manifest().sources().get(0).counters());
  }

  @Test
  void aHeaderlessFileWhoseFirstRecordIsShortRejectsThatRecordNotTheRun() throws Exception {
    SpillTesting.write(tmp, "in/a.csv", "1,2\n3,4,5\n6,7,8\n");
    SpillResult result = spill("""
        version: 1
        tables:
          item: {columns: {a: integer, c: integer}}
        sources:
          - file: a.csv
            emit: [{table: item, values: {a: $1, c: $3}}]
        """);
    assertEquals(List.of(List.of(3, 5), List.of(6, 8)), rows(result, "item"));
    assertEquals("wrong number of fields: 2, expected 3 (the plan reads $3)",
        SpillTesting.rejects(result).get(0).get("reason"));
  }
}
