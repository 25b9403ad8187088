package dev.spillway.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Every segment loads unmodified with plain {@code psql \copy ... (format binary)}: the server skips our header chunk. */
@ExtendWith(PgExtension.class)
class PsqlLoadTest {
  @TempDir
  Path tmp;

  @Test
  void rolledSegmentsLoadWithPlainPsqlAndHoldTheRows(TestDatabase db) throws Exception {
    db.execute("CREATE TABLE items (id bigint, name text)");
    List<Object[]> expected = new ArrayList<>();
    Random random = new Random(11);
    String[] edge = {"", "plain", "comma, \"quote\" 'apos' back\\slash", "line\nbreak\ttab", "ünïcødé 😀 漢字", null, "\\N"};
    long[] ids = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1};
    for (int i = 0; i < 400; i++) {
      long id = i < ids.length ? ids[i] : random.nextLong();
      String name = i < edge.length ? edge[i] : (random.nextInt(8) == 0 ? null : Tuples.randomText(random, 60));
      expected.add(new Object[] {id, name});
    }

    SpillDirectory dir = SpillDirectory.create(tmp.resolve("spill"));
    // The header names a table no file name could hold; the segment loads into any compatible table.
    SegmentHeader header = SegmentHeader.first("spill-psql", "we\"ird; /name", 1, Tuples.ID_NAME);
    List<SealedSegment> sealed = new ArrayList<>();
    try (SegmentWriter w = new SegmentWriter(dir, header, 4096, sealed::add)) {
      for (Object[] row : expected) {
        byte[] t = Tuples.idName((Long) row[0], (String) row[1]);
        w.append(t, 0, t.length);
      }
    }
    assertTrue(sealed.size() >= 3, "several segments: " + sealed.size());

    for (SealedSegment s : sealed) {
      String out = psql(db, "\\copy " + db.schema() + ".items from '" + dir.root().resolve(s.file()) + "' (format binary)");
      assertEquals("COPY " + s.rows(), out.strip(), "psql output for " + s.file());
    }

    List<Object[]> loaded = new ArrayList<>();
    try (Connection c = db.connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT id, name FROM items ORDER BY id")) {
      while (rs.next()) {
        loaded.add(new Object[] {rs.getLong(1), rs.getString(2)});
      }
    }
    expected.sort((a, b) -> Long.compare((Long) a[0], (Long) b[0]));
    assertEquals(expected.size(), expected.stream().map(r -> r[0]).distinct().count(), "ids are distinct: the order is total");
    assertEquals(expected.size(), loaded.size());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i)[0], loaded.get(i)[0], "id of row " + i);
      assertEquals(expected.get(i)[1], loaded.get(i)[1], "name of row " + i);
    }
    long nulls = expected.stream().filter(r -> r[1] == null).count();
    long empties = expected.stream().filter(r -> "".equals(r[1])).count();
    assertEquals(String.valueOf(nulls), db.queryOne("SELECT count(*) FROM items WHERE name IS NULL"));
    assertEquals(String.valueOf(empties), db.queryOne("SELECT count(*) FROM items WHERE name = ''"));
    assertEquals("1", db.queryOne("SELECT count(*) FROM items WHERE name = '\\N'"));
  }

  /** Why the reader insists on the trailer: the server silently loads a segment cut at a tuple boundary. */
  @Test
  void theServerAcceptsASegmentCutAtATupleBoundaryButTheReaderRefusesIt(TestDatabase db) throws Exception {
    db.execute("CREATE TABLE items (id bigint, name text)");
    SpillDirectory dir = SpillDirectory.create(tmp.resolve("cut"));
    List<SealedSegment> sealed = new ArrayList<>();
    try (SegmentWriter w = new SegmentWriter(dir, Tuples.header("items", 1), 1 << 20, sealed::add)) {
      for (int i = 0; i < 3; i++) {
        byte[] t = Tuples.idName(i, "row " + i);
        w.append(t, 0, t.length);
      }
    }
    Path file = dir.root().resolve(sealed.get(0).file());
    byte[] bytes = java.nio.file.Files.readAllBytes(file);
    Path cut = tmp.resolve("cut.pgcopy");
    java.nio.file.Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 2 - Tuples.idName(2, "row 2").length));

    assertEquals("COPY 2", psql(db, "\\copy " + db.schema() + ".items from '" + cut + "' (format binary)").strip());
    SpillFormatException e = org.junit.jupiter.api.Assertions.assertThrows(SpillFormatException.class, () -> SegmentReader.scan(cut));
    assertTrue(e.getMessage().contains("trailer"), e.getMessage());
  }

  private static String psql(TestDatabase db, String command) throws IOException, InterruptedException {
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
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "psql finished");
    assertEquals(0, p.exitValue(), "psql failed: " + out);
    return out;
  }
}
