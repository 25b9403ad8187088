package dev.spillway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@link Spillway#run} through the public API only: the same records give the same tables as
 * {@link Spillway#spill} + {@link Spillway#load}; segments load while the program writes;
 * {@code record()} waits while the load is held up and goes on when it is released; a failure of
 * the background load is thrown from {@code record()} or {@code finish()}; {@code close()} without
 * {@code finish()}; a rerun with the same run id loads only what the first run did not.
 */
@ExtendWith(PgExtension.class)
class RunWriterTest {
  /** Upper bound on any wait for something that must happen; never how long something takes. */
  private static final long TIMEOUT_MILLIS = 60_000;
  private static final int PEOPLE = 3000;

  @TempDir
  Path tmp;

  /** team(id, name, founded) and person(id, name, team_id, mentor_id): refs forward, backward and to itself. */
  private static Plan plan(String schema) {
    return Plan.builder().schema(schema)
        .table("team", t -> t.column("id", "bigint").column("name", "text").column("founded", "integer").id("id").key("name"))
        .table("person", t -> t.column("id", "bigint").column("name", "text").column("team_id", "bigint")
            .column("mentor_id", "bigint").column("score", "numeric(8,2)").id("id").key("name"))
        .source("teams", s -> s.emit("team", e -> e.value("name", "$1").value("founded", "$2")))
        .source("founders", s -> s.emit("person", e -> e.value("name", "$name").ref("team_id", "team", "$team")))
        .source("people", s -> s.emit("person", e -> e.value("name", "$name").ref("team_id", "team", "$team")
            .ref("mentor_id", "person", "$mentor").value("score", "$score")))
        .build();
  }

  /** Where records go: a {@link SpillWriter}'s or a {@link RunWriter}'s record methods. */
  private record Sink(BiConsumer<String, Map<String, ?>> maps, BiConsumer<String, List<?>> lists) {
    void record(String source, Map<String, ?> fields) {
      maps.accept(source, fields);
    }

    void record(String source, List<?> fields) {
      lists.accept(source, fields);
    }
  }

  /**
   * Teams 0..9, ten founders (people without mentor), then the people, then teams 10..12. A
   * person's mentor is a founder, except: every 100th (the 5th of 100) is its own mentor, every
   * 50th (the 7th of 50) has the next person, not yet written; every 500th (the 3rd of 500) is in
   * one of the teams that come at the end. Those records wait for the end (no other record refers
   * to them); the others are written, and loaded, at once.
   */
  private static void records(Sink w) {
    for (int t = 0; t < 10; t++) {
      w.record("teams", List.of("team " + t, 1900 + t));
    }
    for (int f = 0; f < 10; f++) {
      w.record("founders", Map.of("name", "founder " + f, "team", "team " + f));
    }
    for (int i = 0; i < PEOPLE; i++) {
      String mentor = i % 100 == 5 ? "person " + i : i % 50 == 7 ? "person " + (i + 1) : "founder " + i % 10;
      int team = i % 500 == 3 ? 10 + i / 500 % 3 : i % 10;
      w.record("people", Map.of("name", "person " + i, "team", "team " + team, "mentor", mentor,
          "score", i % 7 == 0 ? "12.50" : java.math.BigDecimal.valueOf(i, 2)));
    }
    for (int t = 10; t < 13; t++) {
      w.record("teams", List.of("team " + t, String.valueOf(1900 + t)));
    }
  }

  private static Sink sink(RunWriter w) {
    return new Sink(w::record, w::record);
  }

  private static Sink sink(SpillWriter w) {
    return new Sink(w::record, w::record);
  }

  private static LoadSettings load(TestDatabase db) {
    return LoadSettings.defaults().createTables(true).controlSchema(db.schema());
  }

  @Test
  void runEqualsSpillThenLoadAndLoadsWhileWriting(TestDatabase db) throws Exception {
    String other = db.schema() + "_s";
    db.execute("CREATE SCHEMA " + other);
    try {
      Path spillDir = tmp.resolve("spill");
      try (SpillWriter w = Spillway.spill(plan(db.schema()), spillDir, SpillSettings.defaults())) {
        records(sink(w));
        w.finish();
      }
      LoadResult loaded = Spillway.load(spillDir, db.cliUrl(), load(db).schema(other).controlSchema(other));

      RunResult result;
      try (RunWriter w = Spillway.run(plan(db.schema()), tmp.resolve("work"), db.cliUrl(),
          RunSettings.defaults().spill(SpillSettings.defaults().maxSegmentBytes(4096)).load(load(db)))) {
        records(sink(w));
        await(() -> count(db, "SELECT count(*) FROM " + db.schema() + ".segment_progress") > 0,
            "a progress row before finish()");
        assertTrue(count(db, "SELECT count(*) FROM " + db.schema() + ".person") > 0, "rows loaded before finish()");
        result = w.finish();
      }
      assertTrue(result.segmentsLoadedWhileWriting() > 0, result.toString());
      assertEquals(PEOPLE + 10, result.spill().table("person").written());
      assertEquals(PEOPLE + 10, result.load().table("person").rows());
      assertEquals(13, result.load().table("team").rows());
      assertEquals(loaded.rows(), result.load().rows());
      assertEquals(result.load().segmentsLoaded(), count(db, "SELECT count(*) FROM " + db.schema()
          + ".segment_progress WHERE spill_id = '" + result.spill().spillId() + "'"), "a progress row per segment");
      for (String table : List.of("team", "person")) {
        String a = "SELECT * FROM " + db.schema() + "." + table;
        String b = "SELECT * FROM " + other + "." + table;
        assertEquals(0, count(db, "SELECT count(*) FROM ((" + a + ") EXCEPT ALL (" + b + ")) x"), table + ": run only");
        assertEquals(0, count(db, "SELECT count(*) FROM ((" + b + ") EXCEPT ALL (" + a + ")) x"), table + ": spill only");
      }
      assertEquals(PEOPLE, count(db, "SELECT count(*) FROM " + db.schema() + ".person p JOIN " + db.schema()
          + ".person m ON m.id = p.mentor_id JOIN " + db.schema() + ".team t ON t.id = p.team_id"), "every ref resolved");
    } finally {
      db.execute("DROP SCHEMA " + other + " CASCADE");
    }
  }

  @Test
  void recordWaitsWhileTheLoadIsHeldUpAndGoesOnWhenReleased(TestDatabase db) throws Exception {
    db.execute("CREATE TABLE item (n bigint, body text)");
    int total = 2000;
    AtomicLong written = new AtomicLong();
    AtomicReference<Thread> writerThread = new AtomicReference<>();
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try (Connection holder = db.connect()) {
      holder.setAutoCommit(false);
      try (Statement s = holder.createStatement()) {
        s.execute("LOCK TABLE item IN ACCESS EXCLUSIVE MODE");
      }
      Future<RunResult> run = executor.submit(() -> {
        writerThread.set(Thread.currentThread());
        try (RunWriter w = Spillway.run(Plan.builder().schema(db.schema())
                .table("item", t -> t.column("n", "bigint").column("body", "text").key("n"))
                .source("items", s -> s.emit("item", e -> e.value("n", "$1").value("body", "$2"))).build(),
            tmp.resolve("work"), db.cliUrl(), RunSettings.defaults().maxAheadBytes(1)
                .spill(SpillSettings.defaults().maxSegmentBytes(2048)).load(LoadSettings.defaults().controlSchema(db.schema())))) {
          for (long n = 0; n < total; n++) {
            w.record("items", List.of(n, "item number " + n));
            written.incrementAndGet();
          }
          return w.finish();
        }
      });
      await(() -> writerThread.get() != null && writerThread.get().getState() == Thread.State.WAITING,
          "the writer waits");
      await(() -> count(db, "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace ns"
          + " ON ns.oid = c.relnamespace WHERE NOT l.granted AND c.relname = 'item' AND ns.nspname = '" + db.schema() + "'") > 0,
          "the load waits for the table lock");
      assertFalse(run.isDone(), "the run goes on while the load is held up");
      long whileHeld = written.get();
      assertTrue(whileHeld < total, "record() blocked after " + whileHeld + " of " + total + " records");
      assertEquals(0, count(db, "SELECT count(*) FROM " + db.schema() + ".segment_progress"), "nothing loaded yet");
      holder.rollback(); // releases the lock
      RunResult result = run.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
      assertEquals(total, written.get());
      assertEquals(total, result.load().rows());
      assertTrue(result.segmentsLoadedWhileWriting() > 0, result.toString());
      assertEquals(total, count(db, "SELECT count(DISTINCT n) FROM " + db.schema() + ".item"));
      assertEquals(total, count(db, "SELECT count(*) FROM " + db.schema() + ".item"));
    } finally {
      executor.shutdownNow();
      assertTrue(executor.awaitTermination(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
    }
  }

  @Test
  void aFailureOfTheLoadIsThrownFromRecord(TestDatabase db) throws Exception {
    db.execute("CREATE TABLE item (n bigint CHECK (n <> 5), body text)"); // the first segment cannot load
    Path work = tmp.resolve("work");
    RuntimeException thrown = null;
    try (RunWriter w = Spillway.run(itemPlan(db), work, db.cliUrl(), RunSettings.defaults().maxAheadBytes(1)
        .spill(SpillSettings.defaults().maxSegmentBytes(1024)).load(LoadSettings.defaults().controlSchema(db.schema())))) {
      for (long n = 0; n < 1_000_000 && thrown == null; n++) {
        try {
          w.record("items", List.of(n, "item " + n));
        } catch (RuntimeException e) {
          thrown = e;
        }
      }
      assertNotNull(thrown, "record() threw the load's failure");
      RuntimeException failure = thrown;
      IllegalStateException after = assertThrows(IllegalStateException.class, () -> w.record("items", List.of(0L, "x")));
      assertSame(failure, after.getCause());
      assertSame(failure, assertThrows(IllegalStateException.class, w::finish).getCause());
    }
    assertTrue(thrown.toString().contains("item_n_check"), thrown.toString());
    assertTrue(Files.readString(work.resolve("manifest.json")).contains("\"open\""), "spill left open");
    assertEquals(0, count(db, "SELECT count(*) FROM " + db.schema() + ".item"));
  }

  @Test
  void throughADataSourceALoadFailureIsThrownFromFinishAndLoadingTheSpillResumes(TestDatabase db) throws Exception {
    Path work = tmp.resolve("work");
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(db.jdbcUrl());
    ds.setUser(db.user());
    ds.setPassword(db.password());
    try (RunWriter w = Spillway.run(itemPlan(db), work, ds,
        RunSettings.defaults().load(LoadSettings.defaults().controlSchema(db.schema())))) { // no table, no createTables
      for (long n = 0; n < 10; n++) {
        w.record("items", List.of(n, "item " + n));
      }
      RuntimeException thrown = assertThrows(RuntimeException.class, w::finish);
      assertTrue(thrown.toString().contains("item"), thrown.toString());
    }
    LoadResult resumed = Spillway.load(work, db.cliUrl(), load(db));
    assertEquals(10, resumed.rows());
    assertEquals(10, count(db, "SELECT count(*) FROM " + db.schema() + ".item"));
  }

  @Test
  void closeWithoutFinishLeavesTheSpillOpenAndStopsTheLoad(TestDatabase db) throws Exception {
    Path work = tmp.resolve("work");
    AtomicReference<String> spillId = new AtomicReference<>();
    RuntimeException thrown = assertThrows(RuntimeException.class, () -> {
      try (RunWriter w = Spillway.run(plan(db.schema()), work, db.cliUrl(),
          RunSettings.defaults().spill(SpillSettings.defaults().maxSegmentBytes(4096)).load(load(db)))) {
        records(sink(w));
        await(() -> count(db, "SELECT count(*) FROM " + db.schema() + ".segment_progress") > 0, "a segment loaded");
        spillId.set(spillIdOf(work));
        throw new RuntimeException("the program failed half way");
      }
    });
    assertEquals("the program failed half way", thrown.getMessage());
    assertTrue(Files.readString(work.resolve("manifest.json")).contains("\"open\""), "spill left open");
    // the connections are closed; the server ends their backends a moment later
    await(() -> count(db, "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE '%" + spillId.get() + "%'") == 0,
        "the load's sessions ended");
    long loaded = count(db, "SELECT count(*) FROM " + db.schema() + ".segment_progress");
    RuntimeException refused = assertThrows(RuntimeException.class, () -> Spillway.load(work, db.cliUrl(), load(db)));
    assertTrue(refused.getMessage().contains("is not complete (state open)"), refused.getMessage());
    assertEquals(loaded, count(db, "SELECT count(*) FROM " + db.schema() + ".segment_progress"), "nothing loaded after close");
  }

  @Test
  void aRerunWithTheSameRunIdLoadsOnlyWhatTheFailedRunDidNot(TestDatabase db) throws Exception {
    Path work = tmp.resolve("work");
    RunSettings settings = RunSettings.defaults().runId("nightly-1").spill(SpillSettings.defaults().maxSegmentBytes(4096))
        .load(load(db));
    failAfterASegmentLoaded(db, work, settings);
    long loadedBefore = count(db, "SELECT count(*) FROM " + db.schema() + ".segment_progress");
    assertTrue(count(db, "SELECT count(*) FROM " + db.schema() + ".person") > 0, "the failed run loaded rows");

    RunResult rerun;
    try (RunWriter w = Spillway.run(plan(db.schema()), work, db.cliUrl(), settings)) {
      records(sink(w));
      rerun = w.finish();
    }
    assertEquals(loadedBefore, rerun.load().segmentsAlreadyLoaded());
    assertEquals(PEOPLE + 10, count(db, "SELECT count(*) FROM " + db.schema() + ".person"), "each person once");
    assertEquals(PEOPLE + 10, count(db, "SELECT count(DISTINCT name) FROM " + db.schema() + ".person"));
    assertEquals(13, count(db, "SELECT count(*) FROM " + db.schema() + ".team"));

    // another run id: another spill, whose load refuses the rows of the first (OtherSpills.REFUSE)
    RuntimeException refused = assertThrows(RuntimeException.class, () -> {
      try (RunWriter w = Spillway.run(plan(db.schema()), work, db.cliUrl(), settings.runId("nightly-2"))) {
        records(sink(w));
        w.finish();
      }
    });
    assertTrue(refused.getMessage().contains("hold the rows of another spill"), refused.getMessage());
    assertEquals(PEOPLE + 10, count(db, "SELECT count(*) FROM " + db.schema() + ".person"), "each person once");
  }

  @Test
  void aRerunWithTheSameRunIdButOtherRecordsIsRefusedNotLoadedTwice(TestDatabase db) throws Exception {
    Path work = tmp.resolve("work");
    RunSettings settings = RunSettings.defaults().runId("r").spill(SpillSettings.defaults().maxSegmentBytes(4096))
        .load(load(db));
    failAfterASegmentLoaded(db, work, settings);
    long rows = count(db, "SELECT count(*) FROM " + db.schema() + ".person");
    RuntimeException refused = assertThrows(RuntimeException.class, () -> {
      try (RunWriter w = Spillway.run(plan(db.schema()), work, db.cliUrl(), settings)) {
        w.record("teams", List.of("team -1", 1899)); // one more team: ids, and the first segment, differ
        records(sink(w));
        w.finish();
      }
    });
    assertTrue(refused.getMessage().contains("does not match what"), refused.getMessage());
    assertEquals(rows, count(db, "SELECT count(*) FROM " + db.schema() + ".person"), "nothing loaded by the rerun");
  }

  /** A run of every record that fails (the program throws) once one of its segments is loaded. */
  private static void failAfterASegmentLoaded(TestDatabase db, Path work, RunSettings settings) {
    assertThrows(IllegalStateException.class, () -> {
      try (RunWriter w = Spillway.run(plan(db.schema()), work, db.cliUrl(), settings)) {
        records(sink(w));
        await(() -> count(db, "SELECT count(*) FROM " + db.schema() + ".segment_progress") > 0, "a segment loaded");
        throw new IllegalStateException("killed");
      }
    });
  }

  private static Plan itemPlan(TestDatabase db) {
    return Plan.builder().schema(db.schema())
        .table("item", t -> t.column("n", "bigint").column("body", "text").key("n"))
        .source("items", s -> s.emit("item", e -> e.value("n", "$1").value("body", "$2"))).build();
  }

  private static String spillIdOf(Path work) throws Exception {
    Matcher m = Pattern.compile("\"spillId\"\\s*:\\s*\"([^\"]+)\"").matcher(Files.readString(work.resolve("manifest.json")));
    assertTrue(m.find(), "manifest names its spill id");
    return m.group(1);
  }

  private static long count(TestDatabase db, String sql) {
    try {
      return Long.parseLong(db.queryOne(sql));
    } catch (java.sql.SQLException e) {
      if ("42P01".equals(e.getSQLState())) {
        return 0; // the table is not there yet
      }
      throw new IllegalStateException(sql, e);
    }
  }

  /** Polls {@code condition} until it holds; fails after {@link #TIMEOUT_MILLIS}. */
  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MILLIS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting until " + what);
      }
      Thread.sleep(10);
    }
  }
}
