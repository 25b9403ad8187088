package dev.spillway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan's {@code not_null:} columns travel through the manifest to stage two: {@code run
 * --create-tables} declares exactly them NOT NULL, and stage one already rejected the NULLs (so
 * the load does not fail on them) while defaults filled others.
 */
@ExtendWith(PgExtension.class)
class NotNullCreateTablesTest {
  @TempDir
  Path tmp;

  @Test
  void notNullColumnsAreNotNullInCreatedTables(TestDatabase db) throws Exception {
    Path plan = tmp.resolve("plan.yaml");
    Files.writeString(plan, """
        version: 1
        schema: %s
        tables:
          item: {columns: {code: text, label: text, qty: integer, note: text}, not_null: [label, qty], defaults: {qty: 0}}
        sources:
          - file: items.csv
            format: {type: csv, header: true}
            emit: [{table: item, values: {code: $code, label: $label, qty: $qty, note: $note}}]
        """.formatted(db.schema()), StandardCharsets.UTF_8);
    Files.writeString(tmp.resolve("items.csv"), "code,label,qty,note\na,Apple,3,\nb,,4,x\nc,Cherry,,y\n", StandardCharsets.UTF_8);

    CliRun run = CliRun.of("run", "--plan", plan.toString(), "--work", tmp.resolve("work").toString(), "--url", db.cliUrl(),
        "--create-tables", "--quiet");
    assertTrue(run.exitCode() == 0 || run.exitCode() == 3, run.toString());
    assertEquals("label,qty", db.queryOne("SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute"
        + " WHERE attrelid = '" + db.schema() + ".item'::regclass AND attnum > 0 AND attnotnull"));
    assertEquals("a|Apple|3;c|Cherry|0", db.queryOne("SELECT string_agg(concat_ws('|', code, label, qty), ';' ORDER BY code)"
        + " FROM " + db.schema() + ".item"), "b rejected in stage one (NULL label); c's NULL qty took the default");
  }
}
