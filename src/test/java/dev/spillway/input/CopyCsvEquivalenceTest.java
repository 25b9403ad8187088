package dev.spillway.input;

import static dev.spillway.input.CsvFixtures.bytes;
import static dev.spillway.input.CsvFixtures.readAll;
import static dev.spillway.input.CsvFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spillway.plan.CsvFormat;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

/**
 * The same bytes through PostgreSQL's own {@code COPY ... FROM STDIN (FORMAT csv)} and through
 * {@link CsvReader}: every field, NULL or not, must be equal.
 */
@ExtendWith(PgExtension.class)
class CopyCsvEquivalenceTest {
  @TempDir
  Path dir;

  /** LF line breaks (COPY refuses mixed ones outside quotes), no blank lines, no {@code \.} line. */
  private static final String EDGE_CASES = String.join("\n",
      "plain,\"quoted\",",
      ",\"\",\"\"\"\"",
      "\"multi",
      "line\",\"with \"\"quotes\"\" inside\",\"crlf\r\ninside\"",
      "\"a,b\",c  d,  spaced  ",
      "\"abc\"x,1,2",
      "\"\"\"\",\",\",\"NULL\"",
      "é€𝄞,\"\n\",\\N",
      ",,") + "\n";

  private static List<List<String>> copy(TestDatabase db, byte[] data, int columns, String options) throws Exception {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= columns; i++) {
      names.add("c" + i);
    }
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE copied (n serial, " + String.join(" text, ", names) + " text)");
      c.unwrap(PGConnection.class).getCopyAPI()
          .copyIn("COPY copied (" + String.join(", ", names) + ") FROM STDIN (" + options + ")", new ByteArrayInputStream(data));
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
      return rows;
    }
  }

  @Test
  void theDefaultDialectReadsNullsEmptiesQuotesAndLineBreaksLikeCopy(TestDatabase db) throws Exception {
    byte[] data = EDGE_CASES.getBytes(StandardCharsets.UTF_8);
    List<List<String>> postgres = copy(db, data, 3, "FORMAT csv");
    CsvFixtures.Result ours = readAll(write(dir, "edge.csv", data), CsvFormat.csv());
    assertEquals(List.of(), ours.malformed());
    assertEquals(8, postgres.size());
    assertEquals(postgres, ours.values());
    // record 3 spans lines 3-5 (an LF and a CRLF inside quotes), record 7 lines 8-9
    assertEquals(List.of(1L, 2L, 3L, 6L, 7L, 8L, 9L, 11L), ours.lines());
  }

  @Test
  void aNullStringHeaderAndLatin1ReadLikeCopy(TestDatabase db) throws Exception {
    byte[] data = bytes("h1,h2,h3\n", "NA,\"NA\",\n", "caf", 0xE9, ",\"\",NAN\n", "\"x\ny\",", 0xFF, ",NA\n");
    List<List<String>> postgres = copy(db, data, 3, "FORMAT csv, HEADER true, NULL 'NA', ENCODING 'LATIN1'");
    CsvFormat format = CsvFormat.csv().withHeader(true).withNullString("NA").withEncoding(StandardCharsets.ISO_8859_1);
    CsvFixtures.Result ours = readAll(write(dir, "latin1.csv", data), format);
    assertEquals(List.of("h1", "h2", "h3"), ours.header());
    assertEquals(3, postgres.size());
    assertEquals(postgres, ours.values());
  }

  @Test
  void aCustomDelimiterAndQuoteReadLikeCopy(TestDatabase db) throws Exception {
    byte[] data = "'a;b';'it''s';\n;'';x y\n'multi\nline';\"q\";'\"'\n".getBytes(StandardCharsets.UTF_8);
    List<List<String>> postgres = copy(db, data, 3, "FORMAT csv, DELIMITER ';', QUOTE ''''");
    CsvFixtures.Result ours = readAll(write(dir, "semi.csv", data), CsvFormat.csv().withDelimiter(';').withQuote('\''));
    assertEquals(3, postgres.size());
    assertEquals(postgres, ours.values());
  }

  @Test
  void postgresLoadsTheRejectsFileBackToTheSameValues(TestDatabase db) throws Exception {
    Path file = dir.resolve(RejectsWriter.FILE_NAME);
    try (RejectsWriter rejects = RejectsWriter.create(file)) {
      rejects.write("a,b.csv", 3, "package", "name", "", "empty");
      rejects.write("c.csv", 4, null, null, "x \"y\"\nz", "wrong number of fields: 2, expected 3");
      rejects.write("d.csv", 5, "t", "c", null, "missing ref package[foo]");
    }
    List<List<String>> loaded = copy(db, Files.readAllBytes(file), 6, "FORMAT csv, HEADER true");
    assertEquals(List.of(
        Arrays.asList("a,b.csv", "3", "package", "name", "", "empty"),
        Arrays.asList("c.csv", "4", null, null, "x \"y\"\nz", "wrong number of fields: 2, expected 3"),
        Arrays.asList("d.csv", "5", "t", "c", null, "missing ref package[foo]")), loaded);
  }
}
