package dev.spillway.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.inspect.AllTypes;
import dev.spillway.segment.Compression;
import dev.spillway.segment.Manifest;
import dev.spillway.segment.SealedSegment;
import dev.spillway.segment.SegmentFiles;
import dev.spillway.segment.SpillDirectory;
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
  @TempDir
  Path tmp;

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void csvAndTsvLoadedByTheServerEqualTheSegmentsLoadedAsBinary(TestDatabase db) throws Exception {
    Manifest manifest = spillEverything(tmp.resolve("spill"), 300);
    SpillDirectory dir = SpillDirectory.open(tmp.resolve("spill"));
    assertTrue(manifest.segments().size() >= 3, "several segments: " + manifest.segments().size());
    for (String table : List.of("from_binary", "from_csv", "from_tsv")) {
      db.execute(AllTypes.createTable(table));
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

    db.execute(AllTypes.createTable("h"));
    try (Connection c = db.connect()) {
      assertEquals(3, c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY h FROM STDIN (FORMAT csv, HEADER)",
          new java.io.StringReader(csv.out())));
    }

    CliRun jsonl = CliRun.of("cat", tmp.resolve("spill").toString(), "--table", "everything", "--format", "jsonl", "--row", "2");
    assertEquals(ExitCode.OK, jsonl.exitCode(), jsonl.toString());
    assertEquals(1, jsonl.out().lines().count(), jsonl.out());
    JsonNode row = json.readTree(jsonl.out());
    assertEquals(AllTypes.columns().size(), row.size());
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

    db.execute(AllTypes.createTable("one"));
    CliRun row = CliRun.of("cat", dir.root().toString(), "--table", "everything", "--format", "binary", "--row", "77", "-o",
        tmp.resolve("row.pgcopy").toString());
    assertEquals(ExitCode.OK, row.exitCode(), row.toString());
    try (Connection c = db.connect(); InputStream in = Files.newInputStream(tmp.resolve("row.pgcopy"))) {
      assertEquals(1, c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY one FROM STDIN (FORMAT binary)", in));
    }
    assertEquals("76", db.queryOne("SELECT id FROM one"));
  }

  private static Manifest spillEverything(Path root, int rows) {
    return AllTypes.spill(root, rows, Compression.ZSTD, 16 * 1024);
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
