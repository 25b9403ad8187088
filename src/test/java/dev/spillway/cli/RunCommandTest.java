package dev.spillway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code spillway run} through {@code execute}: both stages, resume without re-spilling, zstd, refusals. */
@ExtendWith(PgExtension.class)
class RunCommandTest {
  @TempDir
  Path tmp;
  /** Standard output and error of the last {@link #run}. */
  private String out = "";
  private String err = "";

  private Path plan(TestDatabase db) throws IOException {
    return CliFixture.plan(tmp, db.schema());
  }

  private int run(String... args) {
    CliRun result = CliRun.of(args);
    out = result.out();
    err = result.err();
    return result.exitCode();
  }

  private int runPlan(TestDatabase db, Path plan, String... extra) {
    String[] base = {"run", "--plan=" + plan, "--work=" + tmp.resolve("work"), "--url=" + db.cliUrl(),
        "--create-tables", "--no-analyze", "--control-schema=" + db.schema()}; // not the shared "spillway" schema
    String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return run(args);
  }

  @Test
  void runSpillsAndLoadsThenResumesWithoutSpillingAgain(TestDatabase db) throws Exception {
    Path plan = plan(db);
    assertEquals(ExitCode.OK, runPlan(db, plan), err.toString());
    assertTrue(Long.parseLong(db.queryOne("SELECT count(*) FROM \"" + db.schema() + "\".segment_progress")) > 0,
        "progress kept in the test's own schema");
    assertEquals("1:a:1:ann,2:b:2:bob,3:c:4:ann", db.queryOne(
        "SELECT string_agg(i.id || ':' || i.code || ':' || i.qty || ':' || o.name, ',' ORDER BY i.id)"
            + " FROM item i JOIN owner o ON o.id = i.owner_id"));
    assertTrue(out.toString().contains("0 already loaded"), out.toString());

    assertEquals(ExitCode.OK, runPlan(db, plan), err.toString());
    assertTrue(err.toString().contains("holds a complete spill of " + plan + ": loading it"), err.toString());
    assertTrue(out.toString().contains("0 segments loaded, 2 already loaded"), out.toString());
    assertEquals("3", db.queryOne("SELECT count(*) FROM item"));
  }

  @Test
  void zstdSegmentsLoadLikePlainOnes(TestDatabase db) throws Exception {
    Path plan = plan(db);
    assertEquals(ExitCode.OK, runPlan(db, plan, "--compress=zstd", "--quiet"), err.toString());
    try (var files = Files.list(tmp.resolve("work").resolve("segments"))) {
      assertTrue(files.allMatch(f -> f.toString().endsWith(".pgcopy.zst")));
    }
    assertEquals("2,3", db.queryOne("SELECT (SELECT count(*) FROM owner) || ',' || (SELECT count(*) FROM item)"));
  }

  @Test
  void aCompleteSpillOfAnotherPlanIsNotLoadedByMistake(TestDatabase db) throws Exception {
    Path plan = plan(db);
    assertEquals(ExitCode.OK, runPlan(db, plan, "--quiet"), err.toString());
    Files.writeString(plan, Files.readString(plan).replace("qty: integer", "qty: bigint"));
    assertEquals(ExitCode.USAGE, runPlan(db, plan, "--quiet"));
    assertTrue(err.toString().contains("holds a complete spill of another plan"), err.toString());
  }

  /** Refused before stage one: run's early load takes the spill alone (exclusive lock, orphan sweep, --replace). */
  @Test
  void sharedIsRefusedBeforeAnythingIsSpilled(TestDatabase db) throws Exception {
    Path plan = plan(db);
    assertEquals(ExitCode.USAGE, runPlan(db, plan, "--shared", "--quiet"));
    assertTrue(err.contains("spillway run does not take --shared"), err);
    assertTrue(!Files.exists(tmp.resolve("work")), "nothing spilled");
    assertEquals("0", db.queryOne("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"));
  }
}
