package dev.spillway.spill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.segment.Manifest;
import dev.spillway.segment.ManifestTable;
import dev.spillway.segment.RowCounters;
import dev.spillway.segment.SealedSegment;
import dev.spillway.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/** Shared helpers of the stage-one tests: running a spill, loading its segments, reading its rejects. */
final class SpillTesting {
  private SpillTesting() {}

  static Path write(Path dir, String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  static SpillResult spill(Path plan, Path out) {
    return new Spill(SpillOptions.of(plan, out), SpillServices.defaults("test")).run();
  }

  static SpillResult spill(SpillOptions options) {
    return new Spill(options, SpillServices.defaults("test")).run();
  }

  /** Per table: read = written + duplicates + skipped + rejected; written = rows of its segments. */
  static void assertBalanced(Manifest manifest) {
    for (ManifestTable t : manifest.tables()) {
      RowCounters c = t.counters();
      assertEquals(c.read(), c.written() + c.duplicates() + c.skipped() + c.rejected(), "invariant of table " + t.name()
          + ": " + c);
      long rows = manifest.segmentsOf(t.name()).stream().mapToLong(SealedSegment::rows).sum();
      assertEquals(rows, c.written(), "written rows of " + t.name() + " vs its segments");
    }
  }

  static RowCounters counters(Manifest manifest, String table) {
    return manifest.table(table).orElseThrow().counters();
  }

  /** The lines of rejects.csv (header excluded), parsed. */
  static List<CSVRecord> rejects(SpillResult result) throws IOException {
    try (Reader in = Files.newBufferedReader(result.directory().rejectsFile())) {
      return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
    }
  }

  /** Loads every segment of the spill into {@code schema.table} (table = manifest name) with plain psql. */
  static void loadWithPsql(TestDatabase db, SpillResult result) throws IOException, InterruptedException {
    for (SealedSegment s : result.manifest().segments()) {
      String out = psql(db, "\\copy " + db.schema() + ".\"" + s.table() + "\" from '"
          + result.directory().root().resolve(s.file()) + "' (format binary)");
      assertEquals("COPY " + s.rows(), out.strip(), "psql output for " + s.file());
    }
  }

  /** Loads every segment with pgjdbc's CopyManager (binary COPY FROM STDIN). */
  static void loadWithCopy(TestDatabase db, SpillResult result) throws Exception {
    try (Connection c = db.connect()) {
      CopyManager copy = new CopyManager(c.unwrap(BaseConnection.class));
      for (SealedSegment s : result.manifest().segments()) {
        try (InputStream in = Files.newInputStream(result.directory().root().resolve(s.file()))) {
          long rows = copy.copyIn("COPY \"" + s.table() + "\" FROM STDIN (FORMAT binary)", in);
          assertEquals(s.rows(), rows, "rows copied from " + s.file());
        }
      }
    }
  }

  static String psql(TestDatabase db, String command) throws IOException, InterruptedException {
    URI uri = URI.create(db.jdbcUrl().substring("jdbc:".length()));
    ProcessBuilder pb = new ProcessBuilder("/usr/bin/psql", "-X", "-v", "ON_ERROR_STOP=1", "-h", uri.getHost(),
        "-p", String.valueOf(uri.getPort() < 0 ? 5432 : uri.getPort()), "-U", db.user(), "-d", uri.getPath().substring(1),
        "-c", command);
    if (!db.password().isEmpty()) {
      pb.environment().put("PGPASSWORD", db.password());
    }
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "psql finished");
    assertEquals(0, p.exitValue(), "psql failed: " + out);
    return out;
  }

  /** Rows of a query as lists of strings (null for NULL), in the query's order. */
  static List<List<String>> query(TestDatabase db, String sql) throws Exception {
    List<List<String>> rows = new ArrayList<>();
    try (Connection c = db.connect(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /** COPYs a CSV file (with header) into staging table {@code table(columns)} as Postgres itself reads it. */
  static void copyCsv(TestDatabase db, String table, String columns, Path file) throws Exception {
    try (Connection c = db.connect(); InputStream in = Files.newInputStream(file)) {
      new CopyManager(c.unwrap(BaseConnection.class)).copyIn("COPY " + table + " (" + columns
          + ") FROM STDIN (FORMAT csv, HEADER true)", in);
    }
  }
}
