package dev.spillway.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.api.PipelinedRun;
import dev.spillway.spill.CompletionCorpus;
import dev.spillway.spill.SegmentWriterFactory;
import dev.spillway.spill.SpillOptions;
import dev.spillway.spill.SpillServices;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 3: in a pipelined run, the keys, foreign keys and ANALYZE of the tables stage one
 * reports complete are built while stage one still reads the later files, recorded in the control
 * schema as the final load records them (which then skips them), and the result equals an
 * unpipelined run's: a self-referencing table and a cyclic pair complete early; a table whose
 * records were parked for forward references (late) does not, until stage one has sealed the spill
 * (then every table is complete, and the early load builds the rest: no final load). Observed from
 * inside stage one: its thread waits, at mark's first seal, until the control schema shows the
 * early tables finished.
 */
@ExtendWith(PgExtension.class)
class PipelinedEarlyKeysTest {
  private static final Set<String> EARLY = Set.of("owner", "node", "ping", "pong");
  private static final List<String> TABLES = List.of("owner", "node", "ping", "pong", "late", "mark");

  @TempDir
  Path tmp;

  @Test
  void keysOfCompleteTablesAreBuiltWhileStageOneReadsOnAndTheTablesEqualAnUnpipelinedRun(TestDatabase db)
      throws Exception {
    Path in = tmp.resolve("in");
    CompletionCorpus.write(in, 3000, false);
    Path plan = in.resolve("plan.yaml");
    Files.writeString(plan, CompletionCorpus.plan(db.schema(), "", ""));
    String ref = db.schema() + "_ref";
    try {
      run(db, plan, tmp.resolve("ref"), ref, false, SpillServices.defaults("test"));

      List<String> seenInStageOne = new ArrayList<>();
      SpillServices services = SpillServices.defaults("test");
      SegmentWriterFactory writers = services.segmentWriters();
      services = services.withSegmentWriters((dir, header, max, listener) -> writers.open(dir, header, max, s -> {
        listener.sealed(s); // the manifest, then the early load
        if (s.table().equals("mark") && s.sequence() == 1) {
          seenInStageOne.addAll(awaitFinished(db, EARLY.size()));
          seenInStageOne.add("late keys pending: " + pendingKeys(db, "late"));
        }
      }));
      PipelinedRun.Result result = run(db, plan, tmp.resolve("work"), db.schema(), true, services);

      assertEquals(List.of("node", "owner", "ping", "pong", "late keys pending: 2"), seenInStageOne,
          "finished in the control schema while stage one waited at mark's first seal");
      // once stage one sealed the spill, late and mark are complete too: the early load builds their keys as well,
      // on its open connections, and no final load runs (it left late's and mark's keys to a final load)
      assertEquals(Set.copyOf(TABLES), result.loadedWhileSpilling().tablesWithEarlyKeys());
      assertEquals(0, result.loaded().segmentsAlreadyLoaded(), "no final load: every segment counted as this run's");
      assertSameTablesAndEverythingBuilt(db, ref);
      assertTrue(Long.parseLong(db.queryOne("SELECT count(*) FROM pg_stats WHERE schemaname = '" + db.schema()
          + "' AND tablename = 'node'")) > 0, "node analyzed");
    } finally {
      db.execute("DROP SCHEMA IF EXISTS \"" + ref + "\" CASCADE");
    }
  }

  @Test
  void whenEveryTableIsCompleteEarlyTheRunNeedsNoFinalLoadAndEqualsAnUnpipelinedRun(TestDatabase db) throws Exception {
    Path in = tmp.resolve("in");
    CompletionCorpus.write(in, 3000, false, false); // late rows reference earlier ones: nothing parks
    Path plan = in.resolve("plan.yaml");
    Files.writeString(plan, CompletionCorpus.plan(db.schema(), "", ""));
    String ref = db.schema() + "_ref";
    try {
      run(db, plan, tmp.resolve("ref"), ref, false, SpillServices.defaults("test"));
      PipelinedRun.Result result = run(db, plan, tmp.resolve("work"), db.schema(), true, SpillServices.defaults("test"));

      assertEquals(Set.copyOf(TABLES), result.loadedWhileSpilling().tablesWithEarlyKeys());
      long segments = result.spilled().manifest().segments().size();
      assertEquals(segments, result.loaded().segmentsLoaded(), "every segment counted as this run's");
      assertEquals(0, result.loaded().segmentsAlreadyLoaded());
      assertEquals(result.spilled().manifest().segments().stream().mapToLong(s -> s.rows()).sum(),
          result.loaded().rows());
      assertEquals(String.valueOf(segments), db.queryOne("SELECT count(*) FROM segment_progress"));
      assertSameTablesAndEverythingBuilt(db, ref);
    } finally {
      db.execute("DROP SCHEMA IF EXISTS \"" + ref + "\" CASCADE");
    }
  }

  private PipelinedRun.Result run(TestDatabase db, Path plan, Path work, String schema, boolean pipelined,
      SpillServices services) {
    LoadOptions load = LoadOptions.defaults().withSchema(schema).withControlSchema(schema).withCreateTables(true)
        .withJobs(2);
    return new PipelinedRun(SpillOptions.of(plan, work).withMaxSegmentBytes(64 * 1024), services,
        LoadDb.factory(db), load, 1L << 20, pipelined, true).run(LoadProgress.none(), spilled -> { });
  }

  /** The run's tables equal the reference run's, with the same keys and foreign keys, nothing left pending. */
  private static void assertSameTablesAndEverythingBuilt(TestDatabase db, String ref) throws Exception {
    for (String table : TABLES) {
      assertEquals(LoadDb.checksum(db, "\"" + ref + "\"." + table, "t::text"),
          LoadDb.checksum(db, "\"" + db.schema() + "\"." + table, "t::text"), table);
    }
    assertEquals(constraints(db, ref), constraints(db, db.schema()), "the same keys and foreign keys");
    assertEquals("0", db.queryOne("SELECT count(*) FROM deferred_object WHERE state <> 'restored'"));
    assertEquals("6", db.queryOne("SELECT count(*) FROM table_finish"));
  }

  /** Waits (at most a minute) until {@code tables} tables have a finish row; returns their names, sorted. */
  private static List<String> awaitFinished(TestDatabase db, int tables) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    try {
      while (true) {
        // the early load creates its control tables on its own thread: until it has, nothing is finished
        String names = db.queryOne("SELECT to_regclass('table_finish') IS NOT NULL").equals("t")
            ? db.queryOne("SELECT string_agg(replace(split_part(table_name, '.', 2), '\"', ''), ',')"
                + " FROM table_finish")
            : null;
        List<String> finished = names == null ? List.of() : List.of(names.split(",")).stream().sorted().toList();
        if (finished.size() >= tables || System.nanoTime() > deadline) {
          return finished;
        }
        Thread.sleep(10);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String pendingKeys(TestDatabase db, String table) {
    try {
      return db.queryOne("SELECT count(*) FROM deferred_object WHERE state <> 'restored' AND kind = 'key'"
          + " AND table_name LIKE '%\"" + table + "\"'");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The schema's constraints, schema names removed, sorted. */
  private static List<String> constraints(TestDatabase db, String schema) throws SQLException {
    String all = db.queryOne("SELECT string_agg(conrelid::regclass::text || ' ' || contype::text || ' '"
        + " || pg_get_constraintdef(oid), '; ' ORDER BY contype, pg_get_constraintdef(oid)) FROM pg_constraint"
        + " WHERE connamespace = '\"" + schema + "\"'::regnamespace").replace("\"" + schema + "\".", "")
        .replace(schema + ".", "");
    return java.util.Arrays.stream(all.split("; ")).sorted().toList();
  }
}
