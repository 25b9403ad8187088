package dev.spillway.input;

import static dev.spillway.input.CsvFixtures.readAll;
import static dev.spillway.input.CsvFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.spillway.plan.CsvFormat;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one place the CSV reader knowingly departs from the server's COPY: an unquoted line {@code \.}
 * alone. PostgreSQL 15's {@code COPY ... (FORMAT csv)} takes it as the end of the data and ignores
 * every line after it, without an error; spillway reads it as data, so nothing after it is dropped
 * unseen. This test pins both halves, so a server that changes its rule shows up here.
 */
@ExtendWith(PgExtension.class)
class CopyEndMarkerTest {
  @TempDir
  Path dir;

  @Test
  void aLineOfBackslashDotIsDataHereWhereCopyStopsQuietly(TestDatabase db) throws Exception {
    String text = "v\na\n\\.\nb\n";
    try (Connection c = db.connect()) {
      CopyVerdict copy = CopyVerdict.of(c, text.getBytes(StandardCharsets.UTF_8), 1, "FORMAT csv, HEADER");
      assertFalse(copy.failed(), String.valueOf(copy.error()));
      assertEquals(List.of(List.of("a")), copy.rows(), "COPY stops at \\. and drops b without an error");
    }
    CsvFixtures.Result ours = readAll(write(dir, "marker.csv", text), CsvFormat.csv().withHeader(true));
    assertEquals(List.of(List.of("a"), List.of("\\."), List.of("b")), ours.values());
    assertEquals(List.of(), ours.malformed());
  }

  @Test
  void aQuotedBackslashDotIsDataForBoth(TestDatabase db) throws Exception {
    String text = "v\na\n\"\\.\"\nb\n";
    try (Connection c = db.connect()) {
      CopyVerdict copy = CopyVerdict.of(c, text.getBytes(StandardCharsets.UTF_8), 1, "FORMAT csv, HEADER");
      assertEquals(List.of(List.of("a"), List.of("\\."), List.of("b")), copy.rows());
    }
    CsvFixtures.Result ours = readAll(write(dir, "quoted.csv", text), CsvFormat.csv().withHeader(true));
    assertEquals(List.of(List.of("a"), List.of("\\."), List.of("b")), ours.values());
  }
}
