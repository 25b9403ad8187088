package dev.spillway.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.pgbinary.ByteSink;
import dev.spillway.pgbinary.Codec;
import dev.spillway.pgbinary.CodecRegistry;
import dev.spillway.pgbinary.TupleEncoder;
import dev.spillway.segment.Compression;
import dev.spillway.segment.Manifest;
import dev.spillway.segment.SealedSegment;
import dev.spillway.segment.SegmentFiles;
import dev.spillway.segment.SpillColumn;
import dev.spillway.segment.SpillDirectory;
import dev.spillway.segment.TestSpill;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * {@code cat}'s text is what the segment holds, as PostgreSQL itself judges it: a table loaded from
 * {@code cat --format csv} with the server's CSV COPY (and from {@code --format tsv} with its text
 * COPY) equals the table loaded from the segments themselves with binary COPY, row for row, compared
 * as the server prints each row (so -0, NaN, json spacing and char padding count).
 */
@ExtendWith(PgExtension.class)
class CatRoundTripTest {
  /** Column, type, and text values (the type's input syntax) rows draw from; NULL is drawn besides. */
  private static final List<Object[]> COLUMNS = List.of(
      col("id", "bigint"),
      col("b", "boolean", "t", "f"),
      col("i2", "smallint", "-32768", "32767", "0"),
      col("i4", "integer", "-2147483648", "2147483647", "7"),
      col("i8", "bigint", "-9223372036854775808", "9223372036854775807", "0"),
      col("f4", "real", "NaN", "Infinity", "-Infinity", "1.5", "-0", "3.4028235e38", "1e-45", "0.1"),
      col("f8", "double precision", "NaN", "-Infinity", "0.1", "-0", "1.7976931348623157e308", "5e-324", "2.5e-10"),
      col("money", "numeric(12,2)", "1234567890.12", "-0.01", "0.00"),
      col("n", "numeric", "NaN", "123.4500", "0.00000000000000000001", "-98765432109876543210.5"),
      col("t", "text", "", "a,b", "say \"hi\"", "line\nbreak", "\\.", "\\N", "tab\there", "ünïcødé 😀 漢字",
          " spaced ", "cr\rhere", "back\\slash", "NULL"),
      col("v", "varchar(10)", "short", "", "ten chars!"),
      col("c", "char(5)", "ab", "abcde", ""),
      col("bin", "bytea", "\\x", "\\x00ff10", "\\x5c2c22"),
      col("d", "date", "2024-02-29", "infinity", "-infinity", "1999-12-31"),
      col("tm", "time", "00:00:00", "23:59:59.999999", "24:00:00", "12:30:00.5"),
      col("ts", "timestamp", "2024-05-01 12:00:00.123456", "infinity", "1970-01-01 00:00:00"),
      col("tz", "timestamptz", "2024-05-01 12:00:00+02", "-infinity", "2000-01-01 00:00:00+00"),
      col("iv", "interval", "1 year 2 mons 3 days 04:05:06.789", "-1 days", "00:00:00"),
      col("u", "uuid", "3f1d2c9e-5b7a-4e21-9c0d-8a6b5e4f3a21", "00000000-0000-0000-0000-000000000000"),
      col("j", "json", "{\"a\": [1, 2.50, \"x\"]}", "[]", "\"s,\\n\""),
      col("jb", "jsonb", "{\"b\": 1, \"a\": \"z\"}", "null", "[1, {\"k\": \"v\"}]"),
      col("ip", "inet", "192.168.0.1/24", "::1", "10.0.0.1"),
      col("tags", "text[]", "{a,\"b,c\",NULL,\"\"}", "{}", "{\"quote\\\"d\"}"),
      col("nums", "integer[]", "{1,NULL,-3}", "{}"));

  @TempDir
  Path tmp;

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void csvAndTsvLoadedByTheServerEqualTheSegmentsLoadedAsBinary(TestDatabase db) throws Exception {
    Manifest manifest = spillEverything(tmp.resolve("spill"), 300);
    SpillDirectory dir = SpillDirectory.open(tmp.resolve("spill"));
    assertTrue(manifest.segments().size() >= 3, "several segments: " + manifest.segments().size());
    for (String table : List.of("from_binary", "from_csv", "from_tsv")) {
      db.execute("CREATE TABLE " + table + " (" + COLUMNS.stream().map(c -> "\"" + c[0] + "\" " + c[1])
          .collect(Collectors.joining(", ")) + ")");
    }
    try (Connection c = db.connect()) {
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      for (SealedSegment s : manifest.segments()) {
        try (InputStream plain = SegmentFiles.openPlain(dir, s)) {
          assertEquals(s.rows(), copy.copyIn("COPY from_binary FROM STDIN (FORMAT binary)", plain), s.file());
        }
      }
      CliRun csv = CliRun.of("cat", dir.root().toString(), "--table", "everything", "-o", tmp.resolve("rows.csv").toString());
      assertEquals(ExitCode.OK, csv.exitCode(), csv.toString());
      try (Reader r = Files.newBufferedReader(tmp.resolve("rows.csv"), StandardCharsets.UTF_8)) {
        assertEquals(300, copy.copyIn("COPY from_csv FROM STDIN (FORMAT csv)", r));
      }
      CliRun tsv = CliRun.of("cat", dir.root().toString(), "--table", "everything", "--format", "tsv", "-o",
          tmp.resolve("rows.tsv").toString());
      assertEquals(ExitCode.OK, tsv.exitCode(), tsv.toString());
      try (Reader r = Files.newBufferedReader(tmp.resolve("rows.tsv"), StandardCharsets.UTF_8)) {
        assertEquals(300, copy.copyIn("COPY from_tsv FROM STDIN (FORMAT text)", r));
      }
      List<String> binary = rowsAsServerText(c, "from_binary");
      assertEquals(300, binary.size());
      assertEquals(binary, rowsAsServerText(c, "from_csv"), "CSV round trip");
      assertEquals(binary, rowsAsServerText(c, "from_tsv"), "TSV round trip");
      assertEquals("0", db.queryOne("SELECT count(*) FROM from_csv WHERE t IS NULL AND id NOT IN "
          + "(SELECT id FROM from_binary WHERE t IS NULL)"), "NULL and empty string stay apart");
    }
  }

  @Test
  void csvStdoutWithHeaderAndJsonLinesAreTyped(TestDatabase db) throws Exception {
    spillEverything(tmp.resolve("spill"), 40);
    CliRun csv = CliRun.of("cat", tmp.resolve("spill").toString(), "--table", "everything", "--header", "--limit", "3");
    assertEquals(ExitCode.OK, csv.exitCode(), csv.toString());
    assertTrue(csv.out().startsWith("id,b,i2,i4,i8,f4,f8,money,n,t,v,c,bin,d,tm,ts,tz,iv,u,j,jb,ip,tags,nums\n0,"), csv.out());

    db.execute("CREATE TABLE h (" + COLUMNS.stream().map(c -> "\"" + c[0] + "\" " + c[1]).collect(Collectors.joining(", ")) + ")");
    try (Connection c = db.connect()) {
      assertEquals(3, c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY h FROM STDIN (FORMAT csv, HEADER)",
          new java.io.StringReader(csv.out())));
    }

    CliRun jsonl = CliRun.of("cat", tmp.resolve("spill").toString(), "--table", "everything", "--format", "jsonl", "--row", "2");
    assertEquals(ExitCode.OK, jsonl.exitCode(), jsonl.toString());
    assertEquals(1, jsonl.out().lines().count(), jsonl.out());
    JsonNode row = json.readTree(jsonl.out());
    assertEquals(COLUMNS.size(), row.size());
    assertTrue(row.get("id").isIntegralNumber());
    assertEquals(1, row.get("id").longValue(), "--row 2 is the second row, id 1");
    assertTrue(row.get("b").isBoolean() || row.get("b").isNull(), row.toString());
    assertTrue(row.get("i8").isIntegralNumber() || row.get("i8").isNull(), row.toString());
    assertTrue(row.get("n").isTextual() || row.get("n").isNull(), row.toString());
  }

  @Test
  void binaryOutputIsThePlainSegmentAndLoads(TestDatabase db) throws Exception {
    Manifest manifest = spillEverything(tmp.resolve("spill"), 120);
    SpillDirectory dir = SpillDirectory.open(tmp.resolve("spill"));
    SealedSegment s = manifest.segments().get(1);
    Path out = tmp.resolve("seg.pgcopy");
    CliRun run = CliRun.of("cat", dir.root().resolve(s.file()).toString(), "--format", "binary", "-o", out.toString());
    assertEquals(ExitCode.OK, run.exitCode(), run.toString());
    byte[] plain;
    try (InputStream in = SegmentFiles.openPlain(dir, s)) {
      plain = in.readAllBytes();
    }
    assertArrayEquals(plain, Files.readAllBytes(out), "a zstd segment decompressed");
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));

    db.execute("CREATE TABLE one (" + COLUMNS.stream().map(c -> "\"" + c[0] + "\" " + c[1]).collect(Collectors.joining(", ")) + ")");
    CliRun row = CliRun.of("cat", dir.root().toString(), "--table", "everything", "--format", "binary", "--row", "77", "-o",
        tmp.resolve("row.pgcopy").toString());
    assertEquals(ExitCode.OK, row.exitCode(), row.toString());
    try (Connection c = db.connect(); InputStream in = Files.newInputStream(tmp.resolve("row.pgcopy"))) {
      assertEquals(1, c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY one FROM STDIN (FORMAT binary)", in));
    }
    assertEquals("76", db.queryOne("SELECT id FROM one"));
  }

  // ---- fixture ----

  private static Object[] col(String name, String type, String... values) {
    return new Object[] {name, type, values};
  }

  /** Spills table "everything": id 0..rows-1, then each column a seeded value of its list or NULL; zstd, small segments. */
  static Manifest spillEverything(Path root, int rows) {
    CodecRegistry registry = CodecRegistry.standard();
    List<SpillColumn> columns = COLUMNS.stream().map(c -> SpillColumn.of((String) c[0], (String) c[1])).toList();
    Codec[] codecs = columns.stream().map(c -> registry.codecFor(c.type())).toArray(Codec[]::new);
    TupleEncoder encoder = new TupleEncoder(codecs);
    Random random = new Random(42);
    List<byte[]> tuples = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      Object[] values = new Object[codecs.length];
      values[0] = (long) r;
      for (int i = 1; i < codecs.length; i++) {
        String[] choices = (String[]) COLUMNS.get(i)[2];
        int pick = random.nextInt(choices.length + 1);
        values[i] = pick == choices.length ? null : codecs[i].parse(choices[pick]);
      }
      ByteSink sink = new ByteSink();
      encoder.encode(values, sink);
      tuples.add(sink.toByteArray());
    }
    return TestSpill.in(root).compression(Compression.ZSTD).maxSegmentBytes(16 * 1024).table("everything", columns, tuples)
        .write();
  }

  private static List<String> rowsAsServerText(Connection c, String table) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT t::text FROM " + table + " t ORDER BY id")) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }
}
