package dev.spillway.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.cli.ExitCode;
import dev.spillway.cli.Main;
import dev.spillway.pg.ControlSchema;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code spillway load --shared}: three loader processes (child JVMs) on one spill, one of them
 * SIGKILLed midway and started again; the final tables equal a clean single-process load of the
 * same spill into another schema (EXCEPT ALL both ways), each segment has exactly one progress
 * row, and more than one loader did part of the work.
 */
@ExtendWith(PgExtension.class)
class SharedLoadTest {
  /** Exit status of a process killed by SIGKILL (128 + 9). */
  private static final int SIGKILLED = 137;
  private static final Pattern SUMMARY = Pattern.compile(": (\\d+) segments loaded, (\\d+) already loaded");

  @TempDir(factory = ShmTempDirFactory.class)
  Path tmp;

  /** Existing tables with a foreign key checked during the load: parents first across the loaders. */
  @Test
  void threeSharedLoadersOneKilledAndRestartedEqualASingleLoad(TestDatabase db) throws Exception {
    Packages data = new Packages(4000, 60_000, 31);
    Spill spill = data.write(tmp.resolve("spill"), db.schema(), 8 * 1024);
    String clean = cleanSchema(db);
    Packages.createTables(db);
    createPackagesIn(db, clean);
    runThreeLoadersAndCompare(db, spill, clean, List.of("maintainer", "package"), List.of());
  }

  /**
   * Tables created bare, with self and cyclic references, keys and foreign keys built after the
   * data: each built exactly once, by one of the loaders.
   */
  @Test
  void threeSharedLoadersCreatingTablesBuildEachConstraintOnce(TestDatabase db) throws Exception {
    Cycles data = new Cycles(60_000, 20_000, 5_000, 37);
    Spill spill = data.write(tmp.resolve("spill"), db.schema(), 16 * 1024);
    String clean = cleanSchema(db);
    runThreeLoadersAndCompare(db, spill, clean, tables(db, spill), List.of("--create-tables"));
    assertEquals(Cycles.CREATED_CONSTRAINTS, Cycles.constraints(db));
    assertEquals("0", db.queryOne("SELECT count(*) FROM deferred_object WHERE state = 'dropped'"));
    assertEquals(String.valueOf(tables(db, spill).size()), db.queryOne("SELECT count(*) FROM table_finish WHERE"
        + " table_name LIKE '\"" + db.schema() + "\".%'"), "each table finished once");
  }

  private void runThreeLoadersAndCompare(TestDatabase db, Spill spill, String clean, List<String> tables,
      List<String> extra) throws Exception {
    try {
      runAndCompare(db, spill, clean, tables, extra);
    } finally {
      db.execute("DROP SCHEMA " + clean + " CASCADE");
    }
  }

  private void runAndCompare(TestDatabase db, Spill spill, String clean, List<String> tables, List<String> extra)
      throws Exception {
    try (Connection c = db.connect()) {
      new ControlSchema(db.schema()).ensure(c);
    }
    List<String> cleanArgs = new ArrayList<>(List.of("load", spill.root().toString(), "--url", db.cliUrl(),
        "--control-schema", db.schema(), "--schema", clean, "--quiet"));
    cleanArgs.addAll(extra);
    assertEquals(ExitCode.OK, execute(cleanArgs), "the clean single-process load");

    String app = "shared" + UUID.randomUUID().toString().substring(0, 8);
    List<String> args = new ArrayList<>(List.of(spill.root().toString(), "--url", db.cliUrl() + "&ApplicationName="
        + app, "--control-schema", db.schema(), "--shared", "--jobs", "2"));
    args.addAll(extra);
    int segments = spill.manifest().segments().size();
    List<ChildLoad> children = new ArrayList<>();
    List<Process> running = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      children.add(new ChildLoad(tmp.resolve("loader" + i + ".log"), args));
    }
    for (int i = 0; i < 3; i++) {
      running.add(children.get(i).start());
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    long killedAt;
    try (Connection c = db.connect()) {
      while ((killedAt = progressRows(c, db.schema())) < segments / 3) {
        assertTrue(System.nanoTime() < deadline && running.get(1).isAlive(), "loader 1 loaded nothing: "
            + children.get(1).log());
        Thread.sleep(2);
      }
    }
    running.get(1).destroyForcibly(); // SIGKILL
    assertTrue(running.get(1).waitFor(30, TimeUnit.SECONDS));
    assertEquals(SIGKILLED, running.get(1).exitValue(), children.get(1).log());
    assertTrue(killedAt < segments, "killed midway: " + killedAt + " of " + segments);
    running.set(1, children.get(3).start()); // the killed loader started again

    long loadedBySurvivors = 0;
    int loadersThatLoaded = 0;
    for (int i = 0; i < 3; i++) {
      ChildLoad child = children.get(i == 1 ? 3 : i);
      assertTrue(running.get(i).waitFor(180, TimeUnit.SECONDS), "loader " + i + " finishes: " + child.log());
      assertEquals(0, running.get(i).exitValue(), child.log());
      Matcher m = SUMMARY.matcher(child.log());
      assertTrue(m.find(), child.log());
      long loaded = Long.parseLong(m.group(1));
      loadedBySurvivors += loaded;
      loadersThatLoaded += loaded > 0 ? 1 : 0;
    }
    assertTrue(loadersThatLoaded >= 2, "the work was shared: " + loadersThatLoaded + " loaders loaded segments");
    assertTrue(loadedBySurvivors <= segments, loadedBySurvivors + " > " + segments);

    for (String table : tables) {
      String a = "\"" + db.schema() + "\".\"" + table + "\"";
      String b = "\"" + clean + "\".\"" + table + "\"";
      assertEquals("0", db.queryOne("SELECT count(*) FROM ((SELECT * FROM " + a + " EXCEPT ALL SELECT * FROM " + b
          + ") UNION ALL (SELECT * FROM " + b + " EXCEPT ALL SELECT * FROM " + a + ")) d"), table);
      assertTrue(Long.parseLong(db.queryOne("SELECT count(*) FROM " + a)) > 0, table);
    }
    try (Connection c = db.connect()) {
      assertEquals(segments, progressRows(c, db.schema()), "one progress row per segment");
    }
    assertEquals("0", db.queryOne("SELECT count(*) FROM (SELECT table_name, segment_seq FROM segment_progress"
        + " GROUP BY 1, 2 HAVING count(*) > 1) d"), "no segment loaded twice");
    assertEquals(String.valueOf(segments), db.queryOne("SELECT count(*) FROM segment_progress p JOIN segment_claim c"
        + " USING (spill_id, table_name, segment_seq) WHERE table_name LIKE '\"" + db.schema() + "\".%'"),
        "every claim is a loaded segment");
  }

  private static String cleanSchema(TestDatabase db) throws SQLException {
    String clean = db.schema() + "_clean";
    db.execute("CREATE SCHEMA " + clean);
    return clean;
  }

  private static void createPackagesIn(TestDatabase db, String schema) throws SQLException {
    db.execute("CREATE TABLE " + schema + ".maintainer (id bigint PRIMARY KEY, name text UNIQUE)");
    db.execute("CREATE TABLE " + schema + ".package (id bigint PRIMARY KEY, name text UNIQUE, maintainer_id bigint"
        + " REFERENCES " + schema + ".maintainer (id), version integer)");
  }

  private static List<String> tables(TestDatabase db, Spill spill) {
    return spill.manifest().tables().stream().map(t -> t.name()).toList();
  }

  private static long progressRows(Connection c, String schema) throws SQLException {
    try (var s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM \"" + schema
        + "\".segment_progress WHERE table_name LIKE '\"" + schema + "\".%'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static int execute(List<String> args) {
    StringWriter err = new StringWriter();
    CommandLine cmd = Main.commandLine();
    cmd.setErr(new PrintWriter(err));
    cmd.setOut(new PrintWriter(new StringWriter()));
    int exit = cmd.execute(args.toArray(String[]::new));
    if (exit != ExitCode.OK) {
      System.err.println(err);
    }
    return exit;
  }
}
