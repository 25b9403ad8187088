package dev.spillway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.inspect.AllTypes;
import dev.spillway.pgbinary.ByteSink;
import dev.spillway.segment.Compression;
import dev.spillway.segment.Manifest;
import dev.spillway.segment.SealedSegment;
import dev.spillway.segment.SegmentFiles;
import dev.spillway.segment.SpillColumn;
import dev.spillway.segment.SpillDirectory;
import dev.spillway.segment.TestSpill;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * spill-format.md section 10: {@code cat --format csv|tsv [--header]} prints exactly what
 * PostgreSQL 15's own {@code COPY table TO STDOUT (FORMAT csv|text [, HEADER])} prints for the table
 * loaded from the same segments, under the settings the spec names. Compared byte for byte, for a
 * table of every type (with awkward text: quotes, line ends, control characters, {@code \.}) and for
 * a single-column table, where a lone {@code \.} is quoted (and only there).
 */
@ExtendWith(PgExtension.class)
class CatServerOutputTest {
  static final String SETTINGS = "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, MDY'; SET IntervalStyle = 'postgres'; "
      + "SET extra_float_digits = 1; SET bytea_output = 'hex'";

  @TempDir
  Path tmp;

  @Test
  void everyTypeIsPrintedAsTheServersCopyToPrintsIt(TestDatabase db) throws Exception {
    Manifest m = AllTypes.spill(tmp.resolve("spill"), 400, Compression.ZSTD, 32 * 1024);
    db.execute(AllTypes.createTable(AllTypes.TABLE));
    load(db, tmp.resolve("spill"), m);
    compare(db, tmp.resolve("spill"), AllTypes.TABLE, "id"); // a heap may place rows out of insertion order
  }

  @Test
  void aLoneEndOfDataMarkerIsQuotedOnlyInASingleColumnTable(TestDatabase db) throws Exception {
    List<byte[]> one = new ArrayList<>();
    List<byte[]> two = new ArrayList<>();
    String[] values = {"\\.", "a", "", null, "\\.x", "\"\\.\""};
    for (int i = 0; i < values.length; i++) {
      one.add(texts(values[i]));
      two.add(texts(values[i], values[i]));
    }
    Manifest m = TestSpill.in(tmp.resolve("marker"))
        .table("one", List.of(SpillColumn.of("\\.", "text")), one)
        .table("two", List.of(SpillColumn.of("\\.", "text"), SpillColumn.of("b", "text")), two).write();
    db.execute("CREATE TABLE one (\"\\.\" text)");
    db.execute("CREATE TABLE two (\"\\.\" text, b text)");
    load(db, tmp.resolve("marker"), m);
    compare(db, tmp.resolve("marker"), "one", null);
    compare(db, tmp.resolve("marker"), "two", null);
    CliRun single = CliRun.of("cat", tmp.resolve("marker").toString(), "--table", "one", "--header", "--limit", "1");
    assertEquals("\"\\.\"\n\"\\.\"\n", single.out(), "header and value quoted in a single-column table");
    CliRun pair = CliRun.of("cat", tmp.resolve("marker").toString(), "--table", "two", "--limit", "1");
    assertEquals("\\.,\\.\n", pair.out(), "not quoted beside another column");
  }

  /** {@code orderBy} null: the table's physical order (fine for a few rows in one page); else a query's order. */
  private static void compare(TestDatabase db, Path spill, String table, String orderBy) throws Exception {
    for (String[] format : List.of(new String[] {"csv", "csv"}, new String[] {"tsv", "text"})) {
      for (boolean header : List.of(false, true)) {
        List<String> args = new ArrayList<>(List.of("cat", spill.toString(), "--table", table, "--format", format[0]));
        if (header) {
          args.add("--header");
        }
        CliRun cat = CliRun.of(args.toArray(String[]::new));
        assertEquals(ExitCode.OK, cat.exitCode(), cat.toString());
        String source = orderBy == null ? "\"" + table + "\"" : "(SELECT * FROM \"" + table + "\" ORDER BY " + orderBy + ")";
        String server = copyOut(db, "COPY " + source + " TO STDOUT (FORMAT " + format[1] + (header ? ", HEADER" : "") + ")");
        assertTrue(server.length() > 0);
        assertEquals(server, cat.out(), table + " as " + format[0] + (header ? " with header" : "") + ": "
            + firstDifference(server, cat.out()));
      }
    }
  }

  private static String firstDifference(String expected, String actual) {
    int i = 0;
    while (i < expected.length() && i < actual.length() && expected.charAt(i) == actual.charAt(i)) {
      i++;
    }
    int from = Math.max(0, expected.lastIndexOf('\n', Math.max(0, i - 1)) + 1);
    return "first difference at char " + i + ": server [" + expected.substring(from, Math.min(expected.length(), i + 40))
        + "], cat [" + actual.substring(Math.min(from, actual.length()), Math.min(actual.length(), i + 40)) + "]";
  }

  private static void load(TestDatabase db, Path root, Manifest m) throws Exception {
    SpillDirectory dir = SpillDirectory.open(root);
    try (Connection c = db.connect()) {
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      for (SealedSegment s : m.segments()) {
        try (InputStream in = SegmentFiles.openPlain(dir, s)) {
          copy.copyIn("COPY \"" + s.table() + "\" FROM STDIN (FORMAT binary)", in);
        }
      }
    }
  }

  private static String copyOut(TestDatabase db, String sql) throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute(SETTINGS);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, out);
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  /** A tuple of text fields; null is SQL NULL. */
  private static byte[] texts(String... values) {
    ByteSink t = new ByteSink().writeShort(values.length);
    for (String v : values) {
      if (v == null) {
        t.writeInt(-1);
      } else {
        byte[] b = v.getBytes(StandardCharsets.UTF_8);
        t.writeInt(b.length).write(b);
      }
    }
    return t.toByteArray();
  }
}
