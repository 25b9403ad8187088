package dev.spillway.input;

import static dev.spillway.input.CsvFixtures.readAll;
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
 * A line break of another style than the file's first one, outside quotes, is where COPY fails the
 * whole file ({@code unquoted carriage return found in data}); here that record is rejected with
 * COPY's reason at its line, reading goes on at its proper line break, and the line numbers after
 * it do not shift. A bare CR used to end the record: {@code 1,foo\rbar} loaded (1,'foo').
 */
@ExtendWith(PgExtension.class)
class CopyLineBreakStyleTest {
  @TempDir
  Path dir;

  @Test
  void aBareCrInAnLfFileIsOneRejectedRecordAsCopyRefusesIt(TestDatabase db) throws Exception {
    assertRejected(db, "k,v\n1,foo\rbar\n2,x\n3,\"q\rq\"\n", "unquoted carriage return found in data",
        List.of(List.of("2", "x"), List.of("3", "q\rq")), List.of(3L, 4L), "1,\"foo\rbar\"");
  }

  @Test
  void aBareLfInACrlfFileIsOneRejectedRecordAsCopyRefusesIt(TestDatabase db) throws Exception {
    assertRejected(db, "k,v\r\n1,foo\nbar\r\n2,x\r\n", "unquoted newline found in data",
        List.of(List.of("2", "x")), List.of(4L), "1,\"foo\nbar\"");
  }

  @Test
  void anLfInACrFileIsOneRejectedRecordAsCopyRefusesIt(TestDatabase db) throws Exception {
    assertRejected(db, "k,v\r1,foo\nbar\r2,x\r", "unquoted newline found in data",
        List.of(List.of("2", "x")), List.of(3L), "1,\"foo\nbar\"");
  }

  @Test
  void anUnendedLastLineIsARecordWhenTheFirstLineBreakWasInsideQuotes(TestDatabase db) throws Exception {
    // Excel's shape: LF inside a cell, CRLF between rows, no final line break; and the reverse
    for (String text : List.of("\"x\ny\",1\r\n2,3", "\"x\ry\",1\n2,3", "\"x\r\ny\",1\n2,3", "\"x\ny\",1\r2,3")) {
      try (Connection c = db.connect()) {
        CopyVerdict copy = CopyVerdict.of(c, text.getBytes(StandardCharsets.UTF_8), 2, "FORMAT csv");
        assertEquals(2, copy.rows().size(), text + ": " + copy.error());
        CsvFixtures.Result ours = readAll(write(dir, "unended.csv", text), CsvFormat.csv());
        assertEquals(copy.rows(), ours.values(), text);
        assertEquals(List.of(), ours.malformed(), text);
      }
    }
  }

  private void assertRejected(TestDatabase db, String text, String copyError, List<List<String>> rows, List<Long> lines,
      String rawText) throws Exception {
    try (Connection c = db.connect()) {
      CopyVerdict copy = CopyVerdict.of(c, text.getBytes(StandardCharsets.UTF_8), 2, "FORMAT csv, HEADER");
      assertTrue(copy.failed() && copy.error().contains(copyError), String.valueOf(copy.error()));
    }
    Path file = write(dir, "mixed.csv", text);
    CsvFixtures.Result ours = readAll(file, CsvFormat.csv().withHeader(true));
    assertEquals(rows, ours.values());
    assertEquals(lines, ours.lines());
    assertEquals(1, ours.malformed().size(), ours.malformed().toString());
    MalformedRecord reject = ours.malformed().get(0);
    assertEquals(file, reject.file());
    assertEquals(2L, reject.line());
    assertEquals(rawText, reject.rawText());
    assertTrue(reject.reason().startsWith(copyError), reject.reason());
  }
}
