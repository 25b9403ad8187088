package dev.spillway.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.api.PipelinedRun;
import dev.spillway.spill.Spill;
import dev.spillway.spill.SpillOptions;
import dev.spillway.spill.SpillServices;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

/**
 * A pipelined run's early load creates the tables and ends an earlier load's sessions, so the final
 * load finds them created and none left, and has nothing to warn about: the warnings of the early
 * load's setup (a Citus layout ignored on plain PostgreSQL, a session terminated) must still reach
 * the user, once.
 */
@ExtendWith(PgExtension.class)
class PipelinedSetupWarningsTest {
  @TempDir
  Path tmp;

  @Test
  void theCitusLayoutIgnoredWarningOfAPipelinedRunIsHeardOnce(TestDatabase db) throws Exception {
    Path plan = writePlan(db);
    List<String> warnings = new CopyOnWriteArrayList<>();
    run(db, plan, tmp.resolve("work"), LoadProgress.warningsTo(warnings::add));

    List<String> citus = warnings.stream().filter(w -> w.contains("no citus extension")).toList();
    assertEquals(1, citus.size(), warnings.toString());
    assertTrue(citus.get(0).contains("(reference: true)") && citus.get(0).contains("(distribute_by: id)"), citus.get(0));
    assertEquals("2000", db.queryOne("SELECT count(*) FROM \"" + db.schema() + "\".account"));
  }

  /**
   * A run of a spill loaded before (the same inputs, so the same spill id: its early load finds
   * progress rows and loads nothing early) with a session of an earlier load of that spill still in
   * a transaction: the early load's sweep terminates it, and the user must hear which one, as from
   * a plain load; the final load then finds none left to name.
   */
  @Test
  void theSessionAnEarlyLoadTerminatedIsNamedInAResumedRun(TestDatabase db) throws Exception {
    Path plan = writePlan(db);
    String spillId = run(db, plan, tmp.resolve("work"), LoadProgress.none()).spilled().manifest().spillId();
    try (Connection orphan = orphan(db, spillId)) {
      int pid = orphan.unwrap(PGConnection.class).getBackendPID();
      List<String> warnings = new CopyOnWriteArrayList<>();
      PipelinedRun.Result again = run(db, plan, tmp.resolve("work-again"), LoadProgress.warningsTo(warnings::add));

      assertEquals(spillId, again.spilled().manifest().spillId(), "the same spill, resumed");
      String named = namedOnce(warnings, pid);
      assertTrue(named.endsWith("left over from an earlier load of spill " + spillId + ": terminated it"), named);
      assertThrows(SQLException.class, orphan::commit, "the orphan's session was ended");
    }
    assertEquals("2000", db.queryOne("SELECT count(*) FROM \"" + db.schema() + "\".account"));
  }

  /**
   * The same with the run stopped after stage one instead of finished (as when the caller's program
   * fails): the early load's sweep terminated the session while stage one ran, and the abort must
   * still name it.
   */
  @Test
  void anAbortedRunNamesTheSessionItsEarlyLoadTerminated(TestDatabase db) throws Exception {
    Path plan = writePlan(db);
    String spillId = run(db, plan, tmp.resolve("work"), LoadProgress.none()).spilled().manifest().spillId();
    try (Connection orphan = orphan(db, spillId)) {
      int pid = orphan.unwrap(PGConnection.class).getBackendPID();
      SpillOptions spill = spillOptions(plan, tmp.resolve("work-again"));
      PipelinedRun.Started started = pipelined(db, spill).start(Optional.of(spillId));
      new Spill(spill, started.services()).run(); // its first seal starts the early load, which sweeps
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120); // the sweep runs on the early load's worker
      while (!"0".equals(db.queryOne("SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid))) {
        assertTrue(System.nanoTime() < deadline, "the early load never ended the orphan session " + pid);
        Thread.sleep(10);
      }
      List<String> warnings = new CopyOnWriteArrayList<>();
      started.abort(new IllegalStateException("the caller's program failed"), LoadProgress.warningsTo(warnings::add));

      String named = namedOnce(warnings, pid);
      assertTrue(named.endsWith(": terminated it"), named);
    }
  }

  private static PipelinedRun.Result run(TestDatabase db, Path plan, Path work, LoadProgress progress) {
    return pipelined(db, spillOptions(plan, work)).run(progress, spilled -> { });
  }

  private static SpillOptions spillOptions(Path plan, Path work) {
    return SpillOptions.of(plan, work).withMaxSegmentBytes(8 * 1024);
  }

  private static PipelinedRun pipelined(TestDatabase db, SpillOptions spill) {
    LoadOptions load = LoadOptions.defaults().withSchema(db.schema()).withControlSchema(db.schema())
        .withCreateTables(true);
    return new PipelinedRun(spill, SpillServices.defaults("test"), LoadDb.factory(db), load, 1L << 20, true, true);
  }

  /** A session like a dead loader's worker: the spill's application_name, idle in a transaction. */
  private static Connection orphan(TestDatabase db, String spillId) throws SQLException {
    return OrphanSessionTest.orphan(db, spillId, "SELECT txid_current()");
  }

  /** The one warning naming session {@code pid}; fails unless there is exactly one. */
  private static String namedOnce(List<String> warnings, int pid) {
    List<String> named = warnings.stream().filter(w -> w.contains("session pid " + pid + " ")).toList();
    assertEquals(1, named.size(), warnings.toString());
    return named.get(0);
  }

  /** 2000 accounts of 7 tenants, a reference table and a distributed one (Citus layouts). */
  private Path writePlan(TestDatabase db) throws Exception {
    StringBuilder rows = new StringBuilder("t,a\n");
    for (int i = 0; i < 2000; i++) {
      rows.append("t").append(i % 7).append(",a").append(i).append("@x\n");
    }
    Files.writeString(tmp.resolve("e.csv"), rows);
    Path plan = tmp.resolve("plan.yaml");
    Files.writeString(plan, """
        version: 1
        schema: %s
        tables:
          tenant: {columns: {id: bigint, name: text}, id: id, key: [name], reference: true}
          account: {columns: {id: bigint, email: text, tenant_id: bigint}, id: id, key: [email], distribute_by: id}
        sources:
          - file: e.csv
            format: {header: true}
            emit:
              - {table: tenant, values: {name: $t}}
              - {table: account, values: {email: $a, tenant_id: {ref: tenant, key: [$t]}}}
        """.formatted(db.schema()));
    return plan;
  }
}
