package dev.spillway.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.spillway.cli.ExitCode;
import dev.spillway.cli.Main;
import dev.spillway.pg.Catalog;
import dev.spillway.pg.ControlSchema;
import dev.spillway.pg.DeferrableObject;
import dev.spillway.pg.QualifiedName;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Exactly-once under crashes: a child JVM loading a spill of many small segments is SIGKILLed at
 * seeded random moments (during start-up, lock, control schema and index deferral; between
 * segments; mid-COPY; around commit), resumed each time, and the final tables must equal the
 * expected ones by count and by a content checksum computed in SQL. And the loading session
 * terminated on the server mid-COPY, then resumed.
 */
@ExtendWith(PgExtension.class)
class LoadCrashTest {
  private static final int KILLS = 22;
  /** Exit status of a process killed by SIGKILL (128 + 9). */
  private static final int SIGKILLED = 137;

  @TempDir(factory = ShmTempDirFactory.class)
  Path tmp;

  @Test
  void sigkillAtRandomMomentsThenResumeLoadsEveryRowExactlyOnce(TestDatabase db) throws Exception {
    Packages data = new Packages(4000, 60_000, 21);
    Spill spill = data.write(tmp.resolve("spill"), db.schema(), 8 * 1024);
    Packages.createTables(db);
    data.createExpected(db);
    List<DeferrableObject> indexes = deferrable(db);
    try (Connection c = db.connect()) {
      new ControlSchema(db.schema()).ensure(c); // so the test can watch the progress table from the first run
    }
    String app = "crash" + UUID.randomUUID().toString().substring(0, 8);
    ChildLoad child = new ChildLoad(tmp.resolve("child.log"), List.of(spill.root().toString(),
        "--url", db.cliUrl() + "&ApplicationName=" + app, "--control-schema", db.schema(),
        "--jobs", "2", "--defer-indexes", "--quiet"));
    int segments = spill.manifest().segments().size();
    assertTrue(segments > 400, "many small segments: " + segments);

    Random random = new Random(20240501);
    int kills = 0;
    boolean finishedEarly = false;
    while (kills < KILLS) {
      long loadedBefore = progressRows(db);
      Process p = child.start();
      // kill after a seeded number of commits (so each cycle loads a bounded part, however fast the
      // machine) plus a few random milliseconds; one cycle in four earlier, at a random moment of
      // start-up, lock, control schema, deferral or the first segments
      boolean early = random.nextInt(4) == 0;
      long target = loadedBefore + 1 + random.nextInt(8);
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(early ? random.nextInt(1500) : 60_000);
      awaitProgress(db, target, deadline, p);
      if (!early) {
        Thread.sleep(random.nextInt(30)); // between segments, mid-COPY, around commit
      }
      if (!early && p.isAlive() && System.nanoTime() > deadline) {
        fail("the child loaded nothing in 60 s: " + child.log());
      }
      if (!p.isAlive()) {
        assertEquals(0, p.exitValue(), child.log());
        finishedEarly = true;
        break;
      }
      p.destroyForcibly();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the killed child exits");
      if (p.exitValue() != SIGKILLED) { // it ended on its own just before the kill
        assertEquals(0, p.exitValue(), child.log());
        finishedEarly = true;
        break;
      }
      kills++;
      awaitSessionsGone(db, app);
    }
    assertTrue(!finishedEarly && kills >= 20, "the load finished after only " + kills + " kills");
    assertTrue(progressRows(db) < segments, "the kills left work for the final run");

    Process last = child.start();
    assertTrue(last.waitFor(120, TimeUnit.SECONDS), "the final run finishes");
    assertEquals(0, last.exitValue(), child.log());
    Packages.assertLoaded(db);
    assertEquals(segments, progressRows(db));
    assertEquals(indexes, deferrable(db), "indexes and foreign keys restored");
    assertEquals("0", db.queryOne("SELECT count(*) FROM deferred_object WHERE state = 'dropped'"));
  }

  /**
   * The same with self and cyclic references and --create-tables, so the keys and foreign keys are
   * built after the data: kills at seeded moments of the data phase (table creation included),
   * then while a key or foreign key is being built; the final tables equal the expected ones and
   * every constraint exists once.
   */
  @Test
  void sigkillWhileLoadingCyclesAndWhileBuildingConstraintsThenResumeEqualsACleanLoad(TestDatabase db) throws Exception {
    Cycles data = new Cycles(60_000, 20_000, 5_000, 23);
    Spill spill = data.write(tmp.resolve("spill"), db.schema(), 64 * 1024);
    data.createExpected(db);
    try (Connection c = db.connect()) {
      new ControlSchema(db.schema()).ensure(c);
    }
    String app = "cycles" + UUID.randomUUID().toString().substring(0, 8);
    ChildLoad child = new ChildLoad(tmp.resolve("child.log"), List.of(spill.root().toString(),
        "--url", db.cliUrl() + "&ApplicationName=" + app, "--control-schema", db.schema(),
        "--create-tables", "--jobs", "2", "--quiet"));
    int segments = spill.manifest().segments().size();
    assertTrue(segments > 40, "segments: " + segments);

    Random random = new Random(20261206);
    int dataKills = 0;
    while (dataKills < 8) {
      long loadedBefore = progressRows(db);
      Process p = child.start();
      boolean early = dataKills == 0 || random.nextInt(4) == 0; // the first one during table creation or so
      long target = loadedBefore + 1 + random.nextInt(4);
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(early ? 300 + random.nextInt(1200) : 60_000);
      awaitProgress(db, target, deadline, p);
      if (!early) {
        Thread.sleep(random.nextInt(20));
      }
      if (!kill(p, child)) {
        fail("the load finished before the data kills were done: " + dataKills);
      }
      dataKills++;
      awaitSessionsGone(db, app);
    }
    int constraintKills = 0;
    for (int attempt = 0; attempt < 12 && constraintKills < 4; attempt++) {
      Process p = child.start();
      boolean building = awaitQuery(db, app, "ALTER TABLE%", p);
      Thread.sleep(random.nextInt(15));
      if (!kill(p, child)) {
        break;
      }
      if (building) {
        constraintKills++;
      }
      awaitSessionsGone(db, app);
    }
    assertTrue(constraintKills >= 2, "kills while a constraint was being built: " + constraintKills);

    Process last = child.start();
    assertTrue(last.waitFor(120, TimeUnit.SECONDS), "the final run finishes");
    assertEquals(0, last.exitValue(), child.log());
    Cycles.assertLoaded(db);
    assertEquals(segments, progressRows(db));
    assertEquals(Cycles.CREATED_CONSTRAINTS, Cycles.constraints(db));
    assertEquals("0", db.queryOne("SELECT count(*) FROM deferred_object WHERE state = 'dropped'"));
  }

  /** SIGKILLs the child; false when it had already exited by itself (successfully, or the test fails). */
  private static boolean kill(Process p, ChildLoad child) throws Exception {
    if (!p.isAlive()) {
      assertEquals(0, p.exitValue(), child.log());
      return false;
    }
    p.destroyForcibly();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the killed child exits");
    if (p.exitValue() != SIGKILLED) {
      assertEquals(0, p.exitValue(), child.log());
      return false;
    }
    return true;
  }

  /** Waits until one of the child's sessions runs a statement like {@code pattern}; false if the child exits or 60 s pass. */
  static boolean awaitQuery(TestDatabase db, String app, String pattern, Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    try (Connection c = db.connectAdmin()) {
      while (p.isAlive() && System.nanoTime() < deadline) {
        if (!"0".equals(scalar(c, "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE '" + app
            + "%' AND state = 'active' AND query LIKE '" + pattern + "'"))) {
          return true;
        }
        Thread.sleep(1);
      }
    }
    return false;
  }

  @Test
  void theLoadingSessionTerminatedMidCopyFailsCleanlyAndTheResumeCompletes(TestDatabase db) throws Exception {
    Packages data = new Packages(1000, 150_000, 22);
    Spill spill = data.write(tmp.resolve("spill"), db.schema(), 2L << 20);
    Packages.createTables(db);
    data.createExpected(db);
    String app = "terminate" + UUID.randomUUID().toString().substring(0, 8);
    String[] args = {"load", spill.root().toString(), "--url", db.cliUrl() + "&ApplicationName=" + app,
        "--control-schema", db.schema(), "--quiet", "--jobs", "1"}; // one COPY at a time: exactly one to terminate

    CompletableFuture<Integer> terminated = CompletableFuture.supplyAsync(() -> {
      try (Connection c = db.connectAdmin()) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
          String sql = "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '"
              + dev.spillway.pg.SpillSessions.applicationName(app, "load", spill.spillId())
              + "' AND state = 'active' AND query LIKE 'COPY \"%\".\"package\"%'";
          String n = scalar(c, sql);
          if (!"0".equals(n)) {
            return Integer.parseInt(n);
          }
          Thread.sleep(2);
        }
        return 0;
      } catch (SQLException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    StringWriter err = new StringWriter();
    CommandLine cmd = Main.commandLine();
    cmd.setErr(new PrintWriter(err));
    cmd.setOut(new PrintWriter(new StringWriter()));
    int exit = cmd.execute(args);

    assertEquals(1, terminated.get(), "one COPY session terminated");
    assertEquals(ExitCode.DATABASE, exit, err.toString());
    assertTrue(err.toString().contains("of table \"" + db.schema() + "\".\"package\""), err.toString());
    assertTrue(err.toString().contains("run the same command again to resume"), err.toString());
    long loaded = progressRows(db);
    assertTrue(loaded < spill.manifest().segments().size(), "stopped part-way: " + loaded);

    StringWriter err2 = new StringWriter();
    CommandLine again = Main.commandLine();
    again.setErr(new PrintWriter(err2));
    again.setOut(new PrintWriter(new StringWriter()));
    assertEquals(ExitCode.OK, again.execute(args), err2.toString());
    Packages.assertLoaded(db);
    assertEquals(spill.manifest().segments().size(), progressRows(db));
  }

  private static long progressRows(TestDatabase db) throws SQLException {
    return LoadDb.count(db, "SELECT count(*) FROM segment_progress");
  }

  /** Waits until {@code target} segments are recorded, the deadline passes or the child exits. */
  private static void awaitProgress(TestDatabase db, long target, long deadlineNanos, Process p) throws Exception {
    try (Connection c = db.connect()) {
      while (p.isAlive() && System.nanoTime() < deadlineNanos
          && Long.parseLong(scalar(c, "SELECT count(*) FROM segment_progress")) < target) {
        Thread.sleep(2);
      }
    }
  }

  /**
   * Waits until the server has ended every session of the killed child (it notices the closed sockets
   * when it next reads or writes them: a backend busy building an index finishes that first).
   */
  private static void awaitSessionsGone(TestDatabase db, String app) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    try (Connection c = db.connectAdmin()) {
      while (!"0".equals(scalar(c, "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE '" + app + "%'"))) {
        assertTrue(System.nanoTime() < deadline, "sessions of the killed child linger");
        Thread.sleep(5);
      }
    }
  }

  private static List<DeferrableObject> deferrable(TestDatabase db) throws SQLException {
    try (Connection c = db.connect()) {
      List<DeferrableObject> out = new java.util.ArrayList<>(new Catalog(c).deferrableObjects(QualifiedName.of(db.schema(), "maintainer")));
      out.addAll(new Catalog(c).deferrableObjects(QualifiedName.of(db.schema(), "package")));
      return out;
    }
  }

  static String scalar(Connection c, String sql) throws SQLException {
    try (var s = c.createStatement(); var rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }
}
