package dev.spillway.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.cli.ExitCode;
import dev.spillway.cli.Main;
import dev.spillway.pg.ControlSchema;
import dev.spillway.segment.Manifest;
import dev.spillway.segment.ManifestStore;
import dev.spillway.segment.SpillDirectory;
import dev.spillway.segment.SpillFormatException;
import dev.spillway.segment.SpillState;
import dev.spillway.spill.CompletionCorpus;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 11 item 3: a pipelined {@code spillway run} (segments load while stage one still writes)
 * SIGKILLed at every stage, then run again, ends with the same tables as an uninterrupted run: at
 * start-up, while stage one writes and segments already load (the open manifest and committed
 * progress rows at once), while the run after that spills again (under the same spill id), during
 * the final load, and while a key or foreign key is built. The data has forward and self
 * references, so part of the item table is decided only at the end of stage one.
 */
@ExtendWith(PgExtension.class)
class RunCrashTest {
  /** Exit status of a process killed by SIGKILL (128 + 9). */
  private static final int SIGKILLED = 137;

  @TempDir(factory = ShmTempDirFactory.class)
  Path tmp;

  private static final String PLAN = """
      version: 1
      schema: %s
      tables:
        owner: {columns: {id: bigint, name: text}, id: id, key: [name]}
        item:
          columns: {id: bigint, code: text, qty: integer, owner_id: bigint, parent_id: bigint, note: text}
          id: id
          key: [code]
      sources:
        - file: items.csv
          format: {type: csv, header: true}
          emit:
            - table: owner
              values: {name: $owner}
            - table: item
              values:
                code: $code
                qty: $qty
                owner_id: {ref: owner, key: [$owner]}
                parent_id: {ref: item, key: [$parent]}
                note: $note
      """;

  @Test
  void sigkillAtEveryStageOfAPipelinedRunThenRunAgainEqualsAnUninterruptedRun(TestDatabase db) throws Exception {
    int items = 60_000;
    Random random = new Random(20261206);
    StringBuilder csv = new StringBuilder("code,qty,owner,parent,note\n");
    for (int i = 0; i < items; i++) { // parents before, after (parked until the end) and self
      csv.append("c").append(i).append(',').append(random.nextInt(1000)).append(",o").append(random.nextInt(1500))
          .append(",c").append(random.nextInt(items)).append(",note ").append(i).append(" ").append("x".repeat(120))
          .append('\n');
    }
    Files.writeString(tmp.resolve("items.csv"), csv);
    Path plan = tmp.resolve("plan.yaml");
    Files.writeString(plan, PLAN.formatted(db.schema()));

    String ref = db.schema() + "_ref";
    try {
      reference(db, plan, ref);
      killAndRunAgain(db, plan, ref, random);
    } finally {
      db.execute("DROP SCHEMA IF EXISTS \"" + ref + "\" CASCADE");
    }
  }

  /**
   * The keys, foreign keys and ANALYZE of tables complete before stage one ends are built while it
   * reads on (recorded as the final load records them): killed after that, while stage one still
   * writes, and run again, the same tables as an uninterrupted run (the resumed run builds the rest).
   */
  @Test
  void sigkillAfterEarlyKeysWhileStageOneWritesThenRunAgainEqualsAnUninterruptedRun(TestDatabase db)
      throws Exception {
    Path in = tmp.resolve("in");
    CompletionCorpus.write(in, 30_000, false);
    Path plan = in.resolve("plan.yaml");
    Files.writeString(plan, CompletionCorpus.plan(db.schema(), "", ""));
    String ref = db.schema() + "_ref";
    try {
      reference(db, plan, ref);
      try (Connection c = db.connect()) {
        new ControlSchema(db.schema()).ensure(c);
      }
      Path work = tmp.resolve("work");
      String app = "runcrash" + UUID.randomUUID().toString().substring(0, 8);
      ChildLoad child = new ChildLoad(tmp.resolve("child.log"), "run", List.of("--plan", plan.toString(),
          "--work", work.toString(), "--url", db.cliUrl() + "&ApplicationName=" + app, "--control-schema",
          db.schema(), "--create-tables", "--jobs", "2", "--segment-size", "1MiB", "--max-ahead-bytes", "1MiB",
          "--quiet"));
      List<String> kills = new ArrayList<>();
      Process p = child.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      try (Connection c = db.connect()) { // one connection: a look costs a query, not a new session
        while (p.isAlive() && System.nanoTime() < deadline && !(finishRows(c) > 0 && state(work) == SpillState.OPEN)) {
          Thread.sleep(2);
        }
      }
      String at = kill(p, child, kills, "early keys", work, db);
      assertTrue(at.startsWith("open") && finishRows(db) > 0, "killed after early keys while stage one wrote: "
          + at + ", finished tables " + finishRows(db) + "\n" + child.log());

      Process last = child.start();
      assertTrue(last.waitFor(180, TimeUnit.SECONDS), "the final run finishes");
      assertEquals(0, last.exitValue(), child.log());
      for (String table : List.of("owner", "node", "ping", "pong", "late", "mark")) {
        assertEquals(LoadDb.checksum(db, "\"" + ref + "\"." + table, "t::text"),
            LoadDb.checksum(db, "\"" + db.schema() + "\"." + table, "t::text"), table + " after kills " + kills);
      }
      assertEquals(manifest(work).segments().size(), progressRows(db), "every segment recorded once");
      assertEquals("0", db.queryOne("SELECT count(*) FROM deferred_object WHERE state <> 'restored'"));
      assertEquals(6, finishRows(db));
      assertEquals(sorted(constraints(db, ref)), sorted(constraints(db, db.schema())), "the same keys and foreign keys");
    } finally {
      db.execute("DROP SCHEMA IF EXISTS \"" + ref + "\" CASCADE");
    }
  }

  private static List<String> sorted(String constraints) {
    return java.util.Arrays.stream(constraints.split("; ")).sorted().toList();
  }

  private static long finishRows(TestDatabase db) throws SQLException {
    return LoadDb.count(db, "SELECT count(*) FROM table_finish");
  }

  private static long finishRows(Connection c) throws SQLException {
    return Long.parseLong(LoadCrashTest.scalar(c, "SELECT count(*) FROM table_finish"));
  }

  /** An uninterrupted, unpipelined run into schema {@code ref}. */
  private void reference(TestDatabase db, Path plan, String ref) {
    StringWriter err = new StringWriter();
    CommandLine cmd = Main.commandLine();
    cmd.setErr(new PrintWriter(err));
    cmd.setOut(new PrintWriter(new StringWriter()));
    assertEquals(ExitCode.OK, cmd.execute("run", "--plan", plan.toString(),
        "--work", tmp.resolve("work-ref").toString(),
        "--url", db.cliUrl(), "--schema", ref, "--control-schema", ref, "--create-tables", "--no-pipeline",
        "--segment-size", "1MiB", "--quiet"), err.toString());
  }

  private void killAndRunAgain(TestDatabase db, Path plan, String ref, Random random) throws Exception {
    try (Connection c = db.connect()) {
      new ControlSchema(db.schema()).ensure(c); // so the test can watch the progress table from the first run
    }
    Path work = tmp.resolve("work");
    String app = "runcrash" + UUID.randomUUID().toString().substring(0, 8);
    ChildLoad child = new ChildLoad(tmp.resolve("child.log"), "run", List.of("--plan", plan.toString(),
        "--work", work.toString(), "--url", db.cliUrl() + "&ApplicationName=" + app, "--control-schema", db.schema(),
        "--create-tables", "--jobs", "2", "--segment-size", "1MiB", "--max-ahead-bytes", "2MiB", "--quiet"));
    List<String> kills = new ArrayList<>();

    // 1. at start-up, or in the first moments of stage one
    Process p = child.start();
    Thread.sleep(300 + random.nextInt(700));
    kill(p, child, kills, "start-up", work, db);

    // 2. while stage one writes and its first segments are already committed
    p = child.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    try (Connection c = db.connect()) {
      while (p.isAlive() && System.nanoTime() < deadline && !(progressRows(c) > 0 && state(work) == SpillState.OPEN)) {
        Thread.sleep(2);
      }
    }
    Thread.sleep(random.nextInt(30));
    String during = kill(p, child, kills, "pipelined", work, db);
    assertTrue(during.startsWith("open") && !during.endsWith(" 0"),
        "killed while stage one wrote and segments were loaded: " + during + "\n" + child.log());
    String spillId = manifest(work).spillId();

    // 3. while the next run spills again (nothing new loads before its stage one ends): a moment after it began,
    // seen as the manifest the killed run left open removed or made again. Not a fixed time after the start: the
    // start-up may take longer than that on a loaded machine, and on a fast one the whole re-spill and the load
    // of every segment may be over by then, leaving the next step no segment to kill the final load in
    Instant leftOpen = manifest(work).createdAt();
    p = child.start();
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (p.isAlive() && System.nanoTime() < deadline && !spillingAgain(work, leftOpen)) {
      Thread.sleep(2);
    }
    Thread.sleep(random.nextInt(500));
    kill(p, child, kills, "re-spill", work, db);

    // 4. during the final load: the spill is complete and more segments commit
    long before = progressRows(db);
    p = child.start();
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    try (Connection c = db.connect()) { // the final load of what is left may take well under a second: look quickly
      while (p.isAlive() && System.nanoTime() < deadline
          && !(state(work) == SpillState.COMPLETE && progressRows(c) > before)) {
        Thread.sleep(2);
      }
    }
    kill(p, child, kills, "final load", work, db);
    assertEquals(spillId, manifest(work).spillId(), "spilled again under the same id: " + kills);

    // 5. while a key or foreign key is built after the data
    for (int attempt = 0; attempt < 4; attempt++) {
      p = child.start();
      boolean building = LoadCrashTest.awaitQuery(db, app, "ALTER TABLE%", p);
      if (!p.isAlive()) {
        assertEquals(0, p.exitValue(), child.log());
        break;
      }
      kill(p, child, kills, building ? "constraint" : "other", work, db);
      if (building) {
        break;
      }
    }

    Process last = child.start();
    assertTrue(last.waitFor(180, TimeUnit.SECONDS), "the final run finishes");
    assertEquals(0, last.exitValue(), child.log());
    for (String table : List.of("owner", "item")) {
      assertEquals(LoadDb.checksum(db, "\"" + ref + "\"." + table, "t.id"),
          LoadDb.checksum(db, "\"" + db.schema() + "\"." + table, "t.id"), table + " after kills " + kills);
    }
    assertEquals(manifest(work).segments().size(), progressRows(db), "every segment recorded once");
    assertEquals("0", db.queryOne("SELECT count(*) FROM deferred_object WHERE state <> 'restored'"));
    assertEquals(constraints(db, ref), constraints(db, db.schema()), "the same keys and foreign keys");
  }

  /**
   * SIGKILLs the child, records "STATE ROWS" (manifest state, progress rows) under {@code stage}; returns it.
   * Both are read once the child is dead, so they are what it left (a look before the kill would let the
   * child go on, or end, between that look and the kill).
   */
  private static String kill(Process p, ChildLoad child, List<String> kills, String stage, Path work, TestDatabase db)
      throws Exception {
    assertTrue(p.isAlive(), "the run ended before the kill at " + stage + " (kills so far " + kills + "): "
        + child.log());
    p.destroyForcibly();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the killed child exits");
    assertEquals(SIGKILLED, p.exitValue(), "killed at " + stage + ": " + child.log());
    SpillState state = state(work);
    String at = (state == null ? "none" : state.jsonName()) + " " + progressRows(db);
    kills.add(stage + ": " + at);
    awaitSessionsGone(db, child);
    return at;
  }

  private static Manifest manifest(Path work) {
    return new ManifestStore(SpillDirectory.open(work)).read();
  }

  /** The manifest's state, or null when there was none when it was read ({@link #current}). */
  private static SpillState state(Path work) {
    Manifest m = current(work);
    return m == null ? null : m.state();
  }

  /** Whether a child spills again: the manifest that was made at {@code leftOpen} is gone or made again. */
  private static boolean spillingAgain(Path work, Instant leftOpen) {
    Manifest m = current(work);
    return m == null || !m.createdAt().equals(leftOpen);
  }

  /**
   * The manifest, or null when there was none when it was read, while a child may be writing it. The
   * work directory, once made, stays (a spill again deletes its contents only), so a look for it
   * comes first; the manifest inside may be removed and made again by a child spilling again, so
   * neither a look before its read nor one after tells: the read's own cause does. Its content
   * only ({@link ManifestStore#readContent}): {@link ManifestStore#read} also looks at each listed
   * segment file, which a child spilling again deletes, in any order, while the read looks.
   */
  private static Manifest current(Path work) {
    if (!Files.isDirectory(work)) {
      return null; // the first run has not made it yet
    }
    try {
      return new ManifestStore(SpillDirectory.open(work)).readContent();
    } catch (SpillFormatException e) {
      if (e.getCause() instanceof NoSuchFileException) {
        return null;
      }
      throw e;
    }
  }

  private static String constraints(TestDatabase db, String schema) throws SQLException {
    return db.queryOne("SELECT string_agg(conrelid::regclass::text || ' ' || contype::text || ' '"
        + " || pg_get_constraintdef(oid), '; ' ORDER BY contype, pg_get_constraintdef(oid), conrelid::regclass::text) FROM pg_constraint"
        + " WHERE connamespace = '\"" + schema + "\"'::regnamespace").replace("\"" + schema + "\".", "")
        .replace(schema + ".", "");
  }

  private static long progressRows(TestDatabase db) throws SQLException {
    return LoadDb.count(db, "SELECT count(*) FROM segment_progress");
  }

  private static long progressRows(Connection c) throws SQLException {
    return Long.parseLong(LoadCrashTest.scalar(c, "SELECT count(*) FROM segment_progress"));
  }

  /**
   * Waits until the server has ended every session of the killed child (a backend notices the closed
   * socket only when it next reads or writes it: one busy building a key finishes that first).
   */
  private static void awaitSessionsGone(TestDatabase db, ChildLoad child) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    try (Connection c = db.connectAdmin()) {
      while (!"0".equals(LoadCrashTest.scalar(c,
          "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'runcrash%'"))) {
        assertTrue(System.nanoTime() < deadline, "sessions of the killed child linger: " + child.log());
        Thread.sleep(5);
      }
    }
  }
}
