package dev.spillway.input;

import static dev.spillway.input.CsvFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Blank lines as COPY reads them (finding C): one empty field, so a record of a one-column file
 * (NULL, or the empty string under another null string) and {@code missing data for column} in a
 * file of more columns, where the reader rejects that line, naming it, and reads on. CSV and text.
 */
@ExtendWith(PgExtension.class)
class CopyBlankLinesTest {
  @TempDir
  Path dir;

  @Test
  void aBlankLineInAFileOfTwoColumnsIsRejectedWhereCopyRefusesIt(TestDatabase db) throws Exception {
    try (Connection c = db.connect()) {
      String csv = "k,v\r\n1,a\r\n\r\n2,b\r\n\r\n3,c\r\n";
      CopyVerdict copy = CopyVerdict.of(c, csv.getBytes(StandardCharsets.UTF_8), 2, "FORMAT csv, HEADER");
      assertTrue(copy.failed() && copy.error().contains("missing data for column \"c2\""), String.valueOf(copy.error()));
      SourceFixtures.Result ours = SourceFixtures.readAll(write(dir, "two.csv", csv), CsvFormat.csv().withHeader(true));
      assertEquals(List.of(List.of("1", "a"), List.of("2", "b"), List.of("3", "c")), ours.values());
      assertEquals(List.of(3L, 5L), ours.malformed().stream().map(MalformedRecord::line).toList());
      assertEquals(List.of("blank line: wrong number of fields: 1, expected 2", "blank line: wrong number of fields: 1, "
          + "expected 2"), ours.reasons());

      String text = "1\ta\n\n2\tb\n";
      copy = CopyVerdict.of(c, text.getBytes(StandardCharsets.UTF_8), 2, "FORMAT text");
      assertTrue(copy.failed() && copy.error().contains("missing data for column \"c2\""), String.valueOf(copy.error()));
      ours = SourceFixtures.readAll(write(dir, "two.txt", text), CsvFormat.text());
      assertEquals(List.of(List.of("1", "a"), List.of("2", "b")), ours.values());
      assertEquals(List.of(2L), ours.malformed().stream().map(MalformedRecord::line).toList());
      assertEquals(List.of("blank line: wrong number of fields: 1, expected 2 (as in line 1, the first record)"), ours.reasons());
    }
  }

  @Test
  void aBlankLineInAOneColumnFileIsTheRowCopyLoads(TestDatabase db) throws Exception {
    try (Connection c = db.connect()) {
      String data = "h\nx\n\n\"\"\ny\n";
      assertSame(c, data, "FORMAT csv, HEADER", CsvFormat.csv().withHeader(true), "one.csv");
      assertSame(c, data, "FORMAT csv, HEADER, NULL 'NA'", CsvFormat.csv().withHeader(true).withNullString("NA"), "na.csv");
      assertSame(c, "h\nx\n\n\\N\ny\n", "FORMAT text, HEADER", CsvFormat.text().withHeader(true), "one.txt");
    }
  }

  private void assertSame(Connection c, String data, String copyOptions, CsvFormat format, String name) throws Exception {
    CopyVerdict copy = CopyVerdict.of(c, data.getBytes(StandardCharsets.UTF_8), 1, copyOptions);
    SourceFixtures.Result ours = SourceFixtures.readAll(write(dir, name, data), format);
    assertEquals(null, copy.error(), name);
    assertEquals(List.of(), ours.malformed(), name);
    assertEquals(copy.rows(), ours.values(), name);
  }
}
