package dev.spillway.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.pg.SpillLock;
import dev.spillway.pg.SpillLockedException;
import dev.spillway.segment.SpillFormatException;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PgExtension.class)
class LoaderTest {
  @TempDir
  Path tmp;

  private static Loader loader(TestDatabase db, LoadOptions options) {
    return new Loader(LoadDb.factory(db), options.withControlSchema(db.schema()), LoadProgress.none());
  }

  private static LoadOptions defaults(TestDatabase db) {
    return LoadOptions.defaults().withSchema(db.schema());
  }

  @Test
  void loadsEveryRowOnceAndRecordsEverySegment(TestDatabase db) throws Exception {
    Packages data = new Packages(300, 2000, 1);
    Spill spill = data.write(tmp.resolve("spill"), "ignored", 8 * 1024);
    Packages.createTables(db);
    data.createExpected(db);

    LoadSummary summary = loader(db, defaults(db)).load(spill.root());

    Packages.assertLoaded(db);
    int segments = spill.manifest().segments().size();
    assertTrue(segments >= 8, "several segments per table: " + segments);
    assertEquals(segments, summary.segmentsLoaded());
    assertEquals(0, summary.segmentsAlreadyLoaded());
    assertEquals(2300, summary.rows());
    assertEquals(db.schema(), summary.schema());
    assertEquals(300, summary.tables().get(0).rows());
    assertEquals(2000, summary.tables().get(1).rowsInserted());
    assertEquals(String.valueOf(segments), db.queryOne("SELECT count(*) FROM " + db.schema() + ".segment_progress"
        + " WHERE spill_id = '" + spill.spillId() + "'"));
    assertEquals("2", db.queryOne("SELECT count(*) FROM pg_stat_user_tables WHERE schemaname = '" + db.schema()
        + "' AND relname IN ('maintainer', 'package') AND last_analyze IS NOT NULL"), "both tables analyzed");
  }

  @Test
  void noAnalyzeLeavesTheStatisticsAlone(TestDatabase db) throws Exception {
    Spill spill = new Packages(20, 20, 12).write(tmp.resolve("spill"), db.schema(), 1 << 20);
    Packages.createTables(db);
    loader(db, defaults(db).withAnalyze(false)).load(spill.root());
    assertEquals("20", db.queryOne("SELECT count(*) FROM package"));
    assertEquals("0", db.queryOne("SELECT count(*) FROM pg_stat_user_tables WHERE schemaname = '" + db.schema()
        + "' AND last_analyze IS NOT NULL"));
  }

  @Test
  void aFlippedBitIsRefusedBeforeTheDatabaseIsTouchedAndTheLoadAfterTheFixLoadsAll(TestDatabase db) throws Exception {
    Packages data = new Packages(50, 3000, 2);
    Spill spill = data.write(tmp.resolve("spill"), db.schema(), 16 * 1024);
    Packages.createTables(db);
    data.createExpected(db);
    Path third = spill.file("package", 3);
    byte[] original = Files.readAllBytes(third);
    flipBit(third, payloadOffset(third, 5, 1), 0); // inside a text payload: the structure stays valid

    StringBuilder text = new StringBuilder();
    LoadProgress lines = new LoadProgress() { // records the events a display hears
      @Override
      public void verified(int segmentsDone, int segmentsTotal, long bytesDone, long bytesTotal) {
        text.append("verifying ").append(segmentsDone).append('/').append(segmentsTotal).append('\n');
      }

      @Override
      public void started(String spillId, long segments, long rows, long bytes, long alreadyLoaded) {
        text.append("started: ").append(rows).append(" rows\n");
      }

      @Override
      public void segmentLoaded(String table, long rows, long bytes) {
        text.append("loaded: ").append(rows).append(" rows\n");
      }

      @Override
      public void close() {}
    };
    SpillVerificationException e = assertThrows(SpillVerificationException.class,
        () -> new Loader(LoadDb.factory(db), defaults(db).withControlSchema(db.schema()), lines).load(spill.root()));
    assertTrue(e.getMessage().contains("segments/0002-00000003.pgcopy"), e.getMessage());
    assertTrue(e.getMessage().contains("CRC32C"), e.getMessage());
    assertTrue(e.getMessage().contains("nothing was loaded"), e.getMessage());
    assertEquals(third, e.file());
    assertEquals(0, LoadDb.count(db, "SELECT count(*) FROM package"), "not even the segments before it");
    assertEquals(null, db.queryOne("SELECT to_regclass('" + db.schema() + ".segment_progress')::text"), "no control table");
    assertTrue(text.toString().contains("verifying"), text.toString());
    assertTrue(!text.toString().contains("rows"), "no load progress line after a failed pre-flight: " + text);

    Files.write(third, original);
    LoadSummary loaded = loader(db, defaults(db)).load(spill.root());
    assertEquals(spill.manifest().segments().size(), loaded.segmentsLoaded());
    Packages.assertLoaded(db);
  }

  @Test
  void strayFilesInTheSegmentsDirectoryAreRefusedBeforeTheDatabaseIsTouched(TestDatabase db) throws Exception {
    Packages data = new Packages(20, 200, 3);
    Packages.createTables(db);
    Spill spill = data.write(tmp.resolve("spill"), db.schema(), 2048);
    Path segments = spill.root().resolve("segments");
    Files.writeString(segments.resolve("0002-00000099.pgcopy.tmp"), "torn");
    Files.createSymbolicLink(segments.resolve("link"), spill.file("package", 1));
    SpillVerificationException e = assertThrows(SpillVerificationException.class,
        () -> loader(db, defaults(db)).load(spill.root()));
    assertEquals(2, e.problems().size(), e.getMessage());
    assertTrue(e.getMessage().contains("0002-00000099.pgcopy.tmp"), e.getMessage());
    assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    assertEquals(null, db.queryOne("SELECT to_regclass('" + db.schema() + ".segment_progress')::text"), "no control table");
  }

  @Test
  void anIncompleteOrDamagedDirectoryIsRefusedBeforeTheDatabaseIsTouched(TestDatabase db) throws Exception {
    Packages data = new Packages(20, 200, 3);
    Packages.createTables(db);
    Spill open = new SpillBuilder(tmp.resolve("open")).targetSchema(db.schema())
        .table("maintainer", java.util.List.of("id bigint", "name text"), "id", java.util.List.of("name"), java.util.Map.of())
        .rows("maintainer", data.maintainers).buildOpen();
    IncompleteSpillException incomplete = assertThrows(IncompleteSpillException.class,
        () -> loader(db, defaults(db)).load(open.root()));
    assertTrue(incomplete.getMessage().contains("not complete (state open)"), incomplete.getMessage());

    Spill truncated = data.write(tmp.resolve("truncated"), db.schema(), 2048);
    Path last = truncated.file("package", truncated.segments("package").size());
    try (RandomAccessFile f = new RandomAccessFile(last.toFile(), "rw")) {
      f.setLength(f.length() - 1);
    }
    SpillFormatException cut = assertThrows(SpillFormatException.class, () -> loader(db, defaults(db)).load(truncated.root()));
    assertEquals(last, cut.file());
    assertTrue(cut.getMessage().contains("size: expected"), cut.getMessage());

    Spill missing = data.write(tmp.resolve("missing"), db.schema(), 2048);
    Files.delete(missing.file("maintainer", 1));
    SpillFormatException gone = assertThrows(SpillFormatException.class, () -> loader(db, defaults(db)).load(missing.root()));
    assertTrue(gone.getMessage().contains("missing"), gone.getMessage());

    assertEquals(null, db.queryOne("SELECT to_regclass('" + db.schema() + ".segment_progress')::text"), "no control table created");
    assertEquals("0", db.queryOne("SELECT (SELECT count(*) FROM maintainer) + (SELECT count(*) FROM package)"));
  }

  @Test
  void progressOfATableDroppedSinceIsRefusedNamingTheResetAndTheResetLoadsItAgain(TestDatabase db) throws Exception {
    Spill spill = new Packages(30, 100, 8).write(tmp.resolve("spill"), "ignored", 2048);
    String target = db.schema() + "_target";
    LoadOptions options = LoadOptions.defaults().withSchema(target).withCreateTables(true);
    try {
      loader(db, options).load(spill.root());
      assertEquals("100", db.queryOne("SELECT count(*) FROM " + target + ".package"));
      db.execute("DROP SCHEMA " + target + " CASCADE");

      StaleProgressException e = assertThrows(StaleProgressException.class, () -> loader(db, options).load(spill.root()));
      assertTrue(e.getMessage().contains("\"" + target + "\".\"package\" no longer exists"), e.getMessage());
      assertTrue(e.getMessage().contains("DELETE FROM \"" + db.schema() + "\".\"segment_progress\" WHERE spill_id = '"
          + spill.spillId() + "' AND table_name = '\"" + target + "\".\"maintainer\"'"), e.getMessage());
      assertEquals(null, db.queryOne("SELECT to_regnamespace('" + target + "')::text"), "nothing created");
      StatusReport status = new LoadStatus(LoadDb.factory(db)).read(spill.root(), java.util.Optional.of(target), db.schema());
      assertEquals(2, status.problems().size(), status.problems().toString());
      assertTrue(status.problems().get(0).contains("no longer exists"), status.problems().toString());

      String reset = e.getMessage().substring(e.getMessage().indexOf("DELETE FROM"));
      for (String sql : reset.split(";")) {
        if (!sql.isBlank()) {
          db.execute(sql);
        }
      }
      LoadSummary again = loader(db, options).load(spill.root());
      assertEquals(0, again.segmentsAlreadyLoaded());
      assertEquals("100", db.queryOne("SELECT count(*) FROM " + target + ".package"));
    } finally {
      db.execute("DROP SCHEMA IF EXISTS " + target + " CASCADE");
    }
  }

  @Test
  void aLostSpillLockStopsTheLoadBeforeTheNextSegment(TestDatabase db) throws Exception {
    Packages data = new Packages(20, 400, 9);
    Spill spill = data.write(tmp.resolve("spill"), db.schema(), 2048);
    Packages.createTables(db);
    long key = dev.spillway.pg.SpillLockKey.of(spill.spillId());
    // the first COPY into package terminates the session holding this spill's lock
    db.execute("CREATE FUNCTION kill_lock() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        + " PERFORM pg_terminate_backend(pid, 60000) FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 1"
        + " AND classid = " + (key >>> 32) + " AND objid = " + (key & 0xFFFF_FFFFL) + "; RETURN NULL; END $$");
    db.execute("CREATE TRIGGER kill_lock BEFORE INSERT ON package FOR EACH STATEMENT EXECUTE FUNCTION kill_lock()");

    dev.spillway.pg.PgException e = assertThrows(dev.spillway.pg.PgException.class,
        () -> loader(db, defaults(db)).load(spill.root()));
    assertTrue(e.getMessage().contains("advisory lock of spill " + spill.spillId()), e.getMessage());
    long packageSegments = spill.segments("package").size();
    assertTrue(packageSegments > 2);
    assertEquals("1", db.queryOne("SELECT count(*) FROM segment_progress WHERE table_name LIKE '%package%'"),
        "stopped after the segment during which the lock was lost");
  }

  @Test
  void aSecondLoaderOfTheSameSpillIsRefused(TestDatabase db) throws Exception {
    Packages data = new Packages(10, 10, 4);
    Spill spill = data.write(tmp.resolve("spill"), db.schema(), 1 << 20);
    Packages.createTables(db);
    try (SpillLock first = SpillLock.acquire(LoadDb.factory(db), spill.spillId())) {
      SpillLockedException e = assertThrows(SpillLockedException.class, () -> loader(db, defaults(db)).load(spill.root()));
      assertTrue(e.getMessage().contains("spill " + spill.spillId() + " is already being loaded"), e.getMessage());
      assertTrue(e.getMessage().contains("backend pid " + first.backendPid()), e.getMessage());
    }
    assertEquals("0", db.queryOne("SELECT count(*) FROM maintainer"));
    loader(db, defaults(db)).load(spill.root());
    assertEquals("10", db.queryOne("SELECT count(*) FROM maintainer"));
  }

  @Test
  void aDirectoryThatChangedUnderTheSameSpillIdIsRefusedInsteadOfResumed(TestDatabase db) throws Exception {
    Packages.createTables(db);
    Spill first = new Packages(30, 30, 10).write(tmp.resolve("first"), db.schema(), 512);
    loader(db, defaults(db)).load(first.root());
    Spill second = new SpillBuilder(tmp.resolve("second")).spillId(first.spillId()).targetSchema(db.schema())
        .maxSegmentBytes(512).table("maintainer", java.util.List.of("id bigint", "name text"), "id",
            java.util.List.of("name"), java.util.Map.of())
        .rows("maintainer", LoadFeaturesTest.rows(30, i -> new Object[] {(long) i + 100, "other " + i})).build();

    ProgressMismatchException e = assertThrows(ProgressMismatchException.class, () -> loader(db, defaults(db)).load(second.root()));
    assertTrue(e.getMessage().contains("spill directory " + second.root() + " does not match"), e.getMessage());
    assertTrue(e.getMessage().contains("segment 1 of \"" + db.schema() + "\".\"maintainer\""), e.getMessage());
    assertEquals("30", db.queryOne("SELECT count(*) FROM maintainer"), "nothing more loaded");

    StatusReport status = new LoadStatus(LoadDb.factory(db)).read(second.root(), java.util.Optional.empty(), db.schema());
    assertTrue(!status.problems().isEmpty(), "status reports what load refuses");
    assertTrue(status.problems().get(0).contains("segment 1 of \"" + db.schema() + "\".\"maintainer\""), status.problems().toString());
    assertTrue(!status.loaded());
    assertTrue(dev.spillway.cli.StatusText.render(status).contains("problem: spill directory " + second.root() + " does not match"),
        dev.spillway.cli.StatusText.render(status));
  }

  @Test
  void aMissingTableIsNamedWithTheOptionThatCreatesIt(TestDatabase db) throws Exception {
    Spill spill = new Packages(5, 5, 11).write(tmp.resolve("spill"), db.schema(), 1 << 20);
    dev.spillway.pg.TableMismatchException e = assertThrows(dev.spillway.pg.TableMismatchException.class,
        () -> loader(db, defaults(db)).load(spill.root()));
    assertTrue(e.getMessage().contains("table \"" + db.schema() + "\".\"maintainer\" does not match the spill: table does"
        + " not exist (create it, or pass --create-tables"), e.getMessage());
    loader(db, defaults(db).withCreateTables(true)).load(spill.root());
    assertEquals("5", db.queryOne("SELECT count(*) FROM package"));
  }

  /** File offset of the first payload byte of field {@code field} (0-based) of tuple {@code tuple} (1-based). */
  static long payloadOffset(Path file, int tuple, int field) {
    try (dev.spillway.segment.SegmentReader reader = dev.spillway.segment.SegmentReader.open(file)) {
      dev.spillway.segment.RawTuple raw = new dev.spillway.segment.RawTuple();
      for (int i = 0; i < tuple; i++) {
        assertTrue(reader.next(raw), "segment has tuple " + tuple);
      }
      assertTrue(raw.payloadLength(field) > 0, "field has a payload");
      return reader.position() - raw.sizeBytes() + raw.payloadOffset(field);
    }
  }

  static void flipBit(Path file, long offset, int bit) throws Exception {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(offset);
      int b = f.read();
      f.seek(offset);
      f.write(b ^ (1 << bit));
    }
  }
}
