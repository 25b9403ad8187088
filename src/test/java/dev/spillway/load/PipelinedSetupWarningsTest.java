package dev.spillway.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.api.PipelinedRun;
import dev.spillway.spill.SpillOptions;
import dev.spillway.spill.SpillServices;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipelined run's early load creates the tables, so the final load finds them and has nothing to
 * warn about: the warnings of the early load's setup (a Citus layout ignored on plain PostgreSQL)
 * must still reach the user, once.
 */
@ExtendWith(PgExtension.class)
class PipelinedSetupWarningsTest {
  @TempDir
  Path tmp;

  @Test
  void theCitusLayoutIgnoredWarningOfAPipelinedRunIsHeardOnce(TestDatabase db) throws Exception {
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
    List<String> warnings = new CopyOnWriteArrayList<>();
    LoadProgress heard = new LoadProgress() {
      @Override
      public void started(String spillId, long segments, long rows, long bytes, long alreadyLoaded) {}

      @Override
      public void segmentLoaded(String table, long rows, long bytes) {}

      @Override
      public void warning(String message) {
        warnings.add(message);
      }

      @Override
      public void close() {}
    };
    LoadOptions load = LoadOptions.defaults().withSchema(db.schema()).withControlSchema(db.schema())
        .withCreateTables(true);
    new PipelinedRun(SpillOptions.of(plan, tmp.resolve("work")).withMaxSegmentBytes(8 * 1024),
        SpillServices.defaults("test"), LoadDb.factory(db), load, 1L << 20, true, true).run(heard, spilled -> { });

    List<String> citus = warnings.stream().filter(w -> w.contains("no citus extension")).toList();
    assertEquals(1, citus.size(), warnings.toString());
    assertTrue(citus.get(0).contains("(reference: true)") && citus.get(0).contains("(distribute_by: id)"), citus.get(0));
    assertEquals("2000", db.queryOne("SELECT count(*) FROM \"" + db.schema() + "\".account"));
  }
}
