package dev.spillway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Issue 10, item 14: a safe widening (varchar(n) into text) loads; an unsafe one is refused before anything is created. */
@ExtendWith(PgExtension.class)
class WideningTest {
  @TempDir
  Path tmp;

  private static final String PLAN = """
      version: 1
      schema: %s
      tables:
        event: {columns: {code: varchar(10), qty: %s}}
        other: {columns: {name: text}}
      sources:
        - file: events.csv
          format: {type: csv, header: true}
          emit:
            - table: event
              values: {code: $code, qty: $qty}
            - table: other
              values: {name: $code}
      """;

  private CliRun run(TestDatabase db, String qtyType) throws Exception {
    Files.writeString(tmp.resolve("plan.yaml"), PLAN.formatted(db.schema(), qtyType));
    Files.writeString(tmp.resolve("events.csv"), "code,qty\na,1\nb,2\n");
    return CliRun.of("run", "--plan=" + tmp.resolve("plan.yaml"), "--work=" + tmp.resolve("work-" + qtyType),
        "--url=" + db.cliUrl(), "--create-tables", "--no-analyze", "--control-schema=" + db.schema(), "--quiet");
  }

  @Test
  void varcharIntoTextLoads(TestDatabase db) throws Exception {
    db.execute("CREATE TABLE event (code text, qty integer)");
    CliRun r = run(db, "integer");
    assertEquals(ExitCode.OK, r.exitCode(), r.err());
    assertEquals("a,b", db.queryOne("SELECT string_agg(code, ',' ORDER BY code) FROM event"));
  }

  @Test
  void smallintIntoIntegerIsRefusedAndNothingIsCreated(TestDatabase db) throws Exception {
    db.execute("CREATE TABLE event (code text, qty integer)");
    CliRun r = run(db, "smallint");
    assertEquals(ExitCode.DATABASE, r.exitCode(), r.err());
    assertTrue(r.err().contains("\"qty\": the spill has type smallint, the table has integer"), r.err());
    assertEquals(null, db.queryOne("SELECT to_regclass('" + db.schema() + ".other')::text"), "--create-tables undone");
  }
}
