package dev.spillway.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.pg.ConnectionFactory;
import dev.spillway.pg.SpillLock;
import dev.spillway.segment.Manifest;
import dev.spillway.segment.SealedSegment;
import dev.spillway.segment.SpillColumn;
import dev.spillway.segment.TestSpill;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 3: loading segments while stage one writes them. Backpressure: the sealing thread
 * waits while more than {@code maxAheadBytes} of sealed segments are not loaded, and goes on as
 * soon as they are; segments of a table whose foreign keys are checked during the load wait for
 * the final load and do not hold stage one back.
 */
@ExtendWith(PgExtension.class)
class EarlyLoadTest {
  @TempDir
  Path tmp;

  private static final List<SpillColumn> COLUMNS =
      List.of(SpillColumn.of("id", "bigint"), SpillColumn.of("name", "text"));

  private static List<byte[]> rows(long from, int count) {
    List<byte[]> out = new ArrayList<>();
    for (long id = from; id < from + count; id++) {
      out.add(TestSpill.idName(id, "name " + id + " ".repeat(100)));
    }
    return out;
  }

  private static LoadOptions options(TestDatabase db) {
    return LoadOptions.defaults().withSchema(db.schema()).withControlSchema(db.schema());
  }

  @Test
  void stageOneWaitsWhileTooMuchIsUnloadedAndGoesOnOnceItLoads(TestDatabase db) throws Exception {
    Manifest m = TestSpill.in(tmp.resolve("spill")).maxSegmentBytes(16 * 1024).open()
        .table("t", COLUMNS, rows(1, 600)).write();
    List<SealedSegment> segments = m.segmentsOf("t");
    assertTrue(segments.size() >= 3, "segments: " + segments.size());
    db.execute("CREATE TABLE t (id bigint PRIMARY KEY, name text)");
    long oneSegment = segments.get(0).bytes();

    EarlyLoad load = new EarlyLoad(LoadDb.factory(db), options(db), tmp.resolve("spill"), oneSegment);
    try (Connection blocker = db.connect()) {
      blocker.setAutoCommit(false);
      blocker.createStatement().execute("LOCK TABLE t IN ACCESS EXCLUSIVE MODE"); // the COPY waits
      load.sealed(segments.get(0)); // exactly the limit ahead: goes on
      AtomicReference<Throwable> failed = new AtomicReference<>();
      Thread stageOne = new Thread(() -> {
        try {
          load.sealed(segments.get(1));
        } catch (Throwable t) {
          failed.set(t);
        }
      });
      stageOne.start();
      // once the second segment is counted (its thread may be slow to start), stage one must stay waiting
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (load.aheadBytes() != oneSegment + segments.get(1).bytes() && stageOne.isAlive()
          && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertEquals(oneSegment + segments.get(1).bytes(), load.aheadBytes(), "both segments sealed and unloaded");
      stageOne.join(TimeUnit.SECONDS.toMillis(2));
      assertTrue(stageOne.isAlive(), "stage one must wait while two segments are unloaded: " + failed.get());
      assertEquals(oneSegment + segments.get(1).bytes(), load.aheadBytes());
      blocker.rollback(); // the load goes on: the first segment commits, stage one with it
      stageOne.join(TimeUnit.SECONDS.toMillis(60));
      assertTrue(!stageOne.isAlive() && failed.get() == null, "stage one went on: " + failed.get());
    }
    for (SealedSegment s : segments.subList(2, segments.size())) {
      load.sealed(s);
    }
    EarlyLoadSummary summary = load.finish();
    assertEquals(segments.size(), summary.segments());
    assertEquals(600, summary.rows());
    assertEquals(0, load.aheadBytes());
    assertEquals("600", db.queryOne("SELECT count(*) FROM t"));
    assertEquals(String.valueOf(segments.size()), db.queryOne("SELECT count(*) FROM segment_progress"));
  }

  @Test
  void segmentsOfATableWithCheckedForeignKeysWaitForTheFinalLoadWithoutHoldingStageOneBack(TestDatabase db)
      throws Exception {
    Manifest m = TestSpill.in(tmp.resolve("spill")).maxSegmentBytes(16 * 1024).open()
        .table("parent", COLUMNS, rows(1, 100)).table("child", COLUMNS, rows(1, 300)).write();
    db.execute("CREATE TABLE parent (id bigint PRIMARY KEY, name text)");
    db.execute("CREATE TABLE child (id bigint REFERENCES parent (id), name text)");

    EarlyLoad load = new EarlyLoad(LoadDb.factory(db), options(db).withJobs(2), tmp.resolve("spill"), 0);
    for (SealedSegment s : m.segmentsOf("child")) {
      load.sealed(s); // limit 0: returns once the segment is loaded or known to wait
    }
    for (SealedSegment s : m.segmentsOf("parent")) {
      load.sealed(s);
    }
    load.tableComplete("child");
    load.tableComplete("parent");
    EarlyLoadSummary summary = load.finish();
    assertEquals(m.segmentsOf("parent").size(), summary.segments());
    assertEquals("100", db.queryOne("SELECT count(*) FROM parent"));
    assertEquals("0", db.queryOne("SELECT count(*) FROM child"));
    assertEquals(0, load.aheadBytes());
    // complete, yet only the table whose segments all loaded early is finished early: the child is the final load's
    assertEquals(java.util.Set.of("parent"), load.finishedTables());
    assertEquals(java.util.Set.of("parent"), summary.tablesWithEarlyKeys());
    assertEquals("1", db.queryOne("SELECT count(*) FROM table_finish"));
    assertTrue(load.wholeLoad(m, LoadProgress.none()).isEmpty(), "the child is left: the final load must run");
  }

  /**
   * An early load that did the whole load flushes its commits on the lock's session and does not
   * wait for the server to end its sessions (no final load follows): no connection opens after its
   * last table is finished (two did: one to watch the sessions end, one for the flush).
   */
  @Test
  void aWholeEarlyLoadOpensNoConnectionAfterItsLastTableIsFinished(TestDatabase db) throws Exception {
    Manifest m = TestSpill.in(tmp.resolve("spill")).maxSegmentBytes(16 * 1024).open()
        .table("t", COLUMNS, rows(1, 300)).write();
    db.execute("CREATE TABLE t (id bigint PRIMARY KEY, name text)");
    CountingDriver driver = new CountingDriver();
    ConnectionFactory factory = new ConnectionFactory(LoadDb.factory(db).options(), driver);
    EarlyLoad load = new EarlyLoad(factory, options(db).withJobs(2), tmp.resolve("spill"), Long.MAX_VALUE);
    for (SealedSegment s : m.segmentsOf("t")) {
      load.sealed(s);
    }
    load.tableComplete("t");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!load.finishedTables().contains("t") && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(java.util.Set.of("t"), load.finishedTables());
    int before = driver.opened();

    load.finish(m);
    java.util.Optional<LoadSummary> whole = load.wholeLoad(m, LoadProgress.none());

    assertTrue(whole.isPresent(), "every segment loaded and the table finished: no final load");
    assertEquals(before, driver.opened(), "connections opened after the last table was finished");
    assertEquals("300", db.queryOne("SELECT count(*) FROM t"));
    // the lock is released: a load of the same spill takes it at once
    SpillLock.acquire(factory, m.spillId()).close();
  }
}
