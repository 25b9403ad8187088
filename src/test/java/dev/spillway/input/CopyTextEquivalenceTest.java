package dev.spillway.input;

import static dev.spillway.input.CsvFixtures.bytes;
import static dev.spillway.input.CsvFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.plan.CsvFormat;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

/**
 * The same bytes through PostgreSQL's own {@code COPY ... FROM STDIN (FORMAT text)} and through
 * {@link TextReader}: every field, NULL or not, must be equal; and where the server refuses the
 * input, the reader rejects exactly that line, for the same reason, and reads the lines around it.
 */
@ExtendWith(PgExtension.class)
class CopyTextEquivalenceTest {
  @TempDir
  Path dir;

  /** Valid text-format lines, 3 fields each (tab-separated); the last has no final line break. */
  private static final String EDGE_CASES = String.join("\n",
      "plain\t\\N\t",                                   // NULL, empty
      "\\\\N\t\\N\\N\tx\\N",                            // \\N is text; \N\N and x\N are not NULL
      "\\t\\n\\r\\b\\f\\v\t\\\\\t\\q\\%\\'",           // control escapes; backslash; invalid escapes stand for the char
      "\\101\\1012\\x41\\x4g\t\\x\\xZ\t\\0101\\4777",   // octal (\\477 wraps to 0x3f), hex, \\x without a digit
      "a\\\tb\tc\\\nd\te",                              // escaped delimiter; backslash-newline is a newline in the field
      "\\xc3\\xa9\\342\\202\\254\té€𝄞\t\\\\.",           // escaped bytes combine into UTF-8; \\. is not an end marker
      "  spaced  \t\"quoted\"\t,comma,",                // no trimming, no quoting
      "last\t\t\\");                                    // a lone backslash at the very end is dropped

  private static Copied copy(TestDatabase db, byte[] data, int columns, String options) throws Exception {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= columns; i++) {
      names.add("c" + i);
    }
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS copied");
      s.execute("CREATE TABLE copied (n serial, " + String.join(" text, ", names) + " text)");
      try {
        c.unwrap(PGConnection.class).getCopyAPI()
            .copyIn("COPY copied (" + String.join(", ", names) + ") FROM STDIN (" + options + ")", new ByteArrayInputStream(data));
      } catch (SQLException e) {
        return new Copied(List.of(), e.getMessage());
      }
      List<List<String>> rows = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT " + String.join(", ", names) + " FROM copied ORDER BY n")) {
        while (rs.next()) {
          String[] row = new String[columns];
          for (int i = 0; i < columns; i++) {
            row[i] = rs.getString(i + 1);
          }
          rows.add(Arrays.asList(row));
        }
      }
      return new Copied(rows, null);
    }
  }

  /** What the server loaded, or its error. */
  private record Copied(List<List<String>> rows, String error) {}

  @Test
  void escapesNullsAndEmbeddedDelimitersReadLikeCopy(TestDatabase db) throws Exception {
    byte[] data = EDGE_CASES.getBytes(StandardCharsets.UTF_8);
    Copied postgres = copy(db, data, 3, "FORMAT text");
    assertEquals(null, postgres.error());
    SourceFixtures.Result ours = SourceFixtures.readAll(write(dir, "edge.txt", data), CsvFormat.text());
    assertEquals(List.of(), ours.malformed());
    assertEquals(8, postgres.rows().size());
    assertEquals(postgres.rows(), ours.values());
    assertEquals(Arrays.asList("plain", null, ""), ours.values().get(0));
    assertEquals(List.of("\\N", "NN", "xN"), ours.values().get(1));
    assertEquals(List.of("a\tb", "c\nd", "e"), ours.values().get(4));
    // record 5 spans lines 5-6 (backslash-newline)
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 7L, 8L, 9L), ours.lines());
  }

  @Test
  void theEndMarkerEndsTheDataAnywhereInALineAndWhatFollowsIsReported(TestDatabase db) throws Exception {
    byte[] midLine = "a\tb\n c\td\\.\nnever\tread\n".getBytes(StandardCharsets.UTF_8);
    Copied postgres = copy(db, midLine, 2, "FORMAT text");
    SourceFixtures.Result ours = SourceFixtures.readAll(write(dir, "mid.txt", midLine), CsvFormat.text());
    assertEquals(List.of(List.of("a", "b"), List.of(" c", "d")), postgres.rows());
    assertEquals(postgres.rows(), ours.values());
    assertEquals(1, ours.malformed().size(), "the line after the marker is not dropped silently");
    assertEquals(3, ours.malformed().get(0).line());
    assertEquals("1 line(s) after the end-of-copy marker \\. on line 2 are not read (COPY does not read them either)",
        ours.malformed().get(0).reason());

    byte[] ownLine = "a\tb\r\n\\.\r\n".getBytes(StandardCharsets.UTF_8);
    Copied crlf = copy(db, ownLine, 2, "FORMAT text");
    SourceFixtures.Result oursCrlf = SourceFixtures.readAll(write(dir, "crlf.txt", ownLine), CsvFormat.text());
    assertEquals(List.of(List.of("a", "b")), crlf.rows());
    assertEquals(crlf.rows(), oursCrlf.values());
    assertEquals(List.of(), oursCrlf.malformed());
  }

  @Test
  void whatTheServerRefusesIsOneRejectedLineAndTheNextLineGoesOn(TestDatabase db) throws Exception {
    // {bad line (LF file), the server's error, our reason}
    String[][] cases = {
        {"x\\.y\t1\t2", "end-of-copy marker corrupt", "end-of-copy marker corrupt"},
        {"\\0\t1\t2", "invalid byte sequence for encoding \"UTF8\": 0x00", "invalid byte sequence for encoding \"UTF8\": 0x00"},
        {"\\xff\t1\t2", "invalid byte sequence for encoding \"UTF8\": 0xff", "invalid UTF-8"},
        {"\\303\\050\t1\t2", "invalid byte sequence for encoding \"UTF8\": 0xc3 0x28", "invalid UTF-8"},
        {"a\t1", "missing data for column \"c3\"", "wrong number of fields: 2, expected 3"},
        {"a\t1\t2\t3", "extra data after last expected column", "wrong number of fields: 4, expected 3"},
        {"a\r\t1\t2", "literal carriage return found in data", "literal carriage return found in data"},
    };
    for (String[] c : cases) {
      byte[] data = ("ok\t1\t2\n" + c[0] + "\nnext\t3\t4\n").getBytes(StandardCharsets.UTF_8);
      Copied postgres = copy(db, data, 3, "FORMAT text");
      assertTrue(postgres.error() != null && postgres.error().contains(c[1]), c[0] + ": " + postgres.error());
      SourceFixtures.Result ours = SourceFixtures.readAll(write(dir, "bad.txt", data), CsvFormat.text());
      assertEquals(List.of(List.of("ok", "1", "2"), List.of("next", "3", "4")), ours.values(), c[0]);
      assertEquals(List.of(2L), ours.malformed().stream().map(MalformedRecord::line).toList(), c[0]);
      assertTrue(ours.reasons().get(0).startsWith(c[2]), c[0] + ": " + ours.reasons());
    }
    byte[] mixed = "ok\t1\t2\r\nbad\t1\t2\nnext\t3\t4\r\n".getBytes(StandardCharsets.UTF_8);
    Copied postgres = copy(db, mixed, 3, "FORMAT text");
    assertTrue(postgres.error().contains("literal newline found in data"), postgres.error());
    SourceFixtures.Result ours = SourceFixtures.readAll(write(dir, "mixed.txt", mixed), CsvFormat.text());
    assertEquals(List.of(List.of("ok", "1", "2"), List.of("next", "3", "4")), ours.values());
    assertEquals(List.of("literal newline found in data"), ours.reasons());
  }

  @Test
  void aHeaderANullStringADelimiterAndLatin1ReadLikeCopy(TestDatabase db) throws Exception {
    // escapes stand for bytes of the server encoding (UTF-8), not the file's, as in COPY
    byte[] data = bytes("h1|h2|h3\n", "NA|\\NA|\n", "caf", 0xE9, "|\\xc3\\xa9\\|x|NAN\n", "\\N|a\\\\b|NA\n");
    Copied postgres = copy(db, data, 3, "FORMAT text, HEADER true, NULL 'NA', DELIMITER '|', ENCODING 'LATIN1'");
    CsvFormat format = CsvFormat.text().withHeader(true).withNullString("NA").withDelimiter('|')
        .withEncoding(StandardCharsets.ISO_8859_1);
    SourceFixtures.Result ours = SourceFixtures.readAll(write(dir, "latin1.txt", data), format);
    assertEquals(List.of("h1", "h2", "h3"), ours.header());
    assertEquals(3, postgres.rows().size());
    assertEquals(postgres.rows(), ours.values());
    assertEquals(Arrays.asList(null, "NA", ""), ours.values().get(0));
    assertEquals(Arrays.asList("café", "é|x", "NAN"), ours.values().get(1));

    byte[] latin1Escape = bytes("a|\\xe9\n", "b|c\n");
    Copied refused = copy(db, latin1Escape, 2, "FORMAT text, DELIMITER '|', ENCODING 'LATIN1'");
    assertTrue(refused.error().contains("invalid byte sequence for encoding \"UTF8\": 0xe9"), refused.error());
    SourceFixtures.Result oursRefused = SourceFixtures.readAll(write(dir, "latin1esc.txt", latin1Escape),
        CsvFormat.text().withDelimiter('|').withEncoding(StandardCharsets.ISO_8859_1));
    assertEquals(List.of(List.of("b", "c")), oursRefused.values());
    assertEquals(List.of("invalid UTF-8"), oursRefused.reasons());
  }

  @Test
  void aTooLongLineIsRejectedAndTheNextOneRead() {
    Path file = write(dir, "long.txt", "a\tb\n" + "x".repeat(500) + "\t1\nc\td\n");
    SourceFixtures.Result ours = SourceFixtures.readAll(file, CsvFormat.text().withMaxRecordChars(100));
    assertEquals(List.of(List.of("a", "b"), List.of("c", "d")), ours.values());
    assertEquals(List.of("record longer than 100 bytes (max_record_chars)"), ours.reasons());
    assertEquals(100, ours.malformed().get(0).rawText().length());
  }

  @Test
  void skipLinesCommentsAndRaggedRecordsFollowTheFormatRules() {
    Path file = write(dir, "rules.txt", "exported by tool\n\n# a comment\ta\tb\nh1\th2\th3\na\tb\tc\n#x\n"
        + "short\t1\nlong\t1\t2\t3\n");
    CsvFormat format = CsvFormat.text().withHeader(true).withRules(new dev.spillway.plan.RecordRules("#", 2,
        dev.spillway.plan.RecordRules.MissingFields.NULL, dev.spillway.plan.RecordRules.ExtraFields.IGNORE));
    List<MalformedRecord> malformed = new ArrayList<>();
    try (TextReader reader = TextReader.open(InputFiles.filesOnly().open(file, false), format, 0, malformed::add)) {
      assertEquals(List.of("h1", "h2", "h3"), reader.header());
      List<List<String>> values = new ArrayList<>();
      for (SourceRecord r; (r = reader.next()) != null; ) {
        values.add(Arrays.asList(r.value(0), r.value(1), r.value(2)));
      }
      assertEquals(List.of(List.of("a", "b", "c"), Arrays.asList("short", "1", null), List.of("long", "1", "2")), values);
      assertEquals(2, reader.commentRecordsSkipped());
    }
    assertEquals(List.of(), malformed);
  }

  @Test
  void anUnreadableHeaderFailsTheFile() {
    Path file = write(dir, "h.txt", bytes("a\\0\tb\n1\t2\n"));
    InputException e = assertThrows(InputException.class,
        () -> SourceFixtures.readAll(file, CsvFormat.text().withHeader(true)));
    assertTrue(e.getMessage().contains("line 1: cannot read the header line: invalid byte sequence"), e.getMessage());
  }
}
