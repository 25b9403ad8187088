package dev.spillway.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.cli.ExitCode;
import dev.spillway.cli.Main;
import dev.spillway.segment.ManifestStore;
import dev.spillway.segment.ManifestTable;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The Citus layout {@code --create-tables} gives the tables: the generated statements and their
 * order (no Citus server here, so they are checked as text), the natural key left out where Citus
 * cannot enforce it, and on plain PostgreSQL the layout ignored with a warning.
 */
@ExtendWith(PgExtension.class)
class CitusTablesTest {
  @TempDir
  Path tmp;

  /**
   * tenant (reference), account (distributed by its id), event (distributed by account_id,
   * colocated with account; references tenant), listed children first to check the ordering.
   */
  private Spill spill(Path root, String schema) {
    return new SpillBuilder(root).targetSchema(schema)
        .table("tenant", List.of("id bigint", "name text"), "id", List.of("name"), Map.of())
        .table("account", List.of("id bigint", "email text", "tenant_id bigint"), "id", List.of("email"),
            Map.of("tenant_id", "tenant"))
        .table("event", List.of("account_id bigint", "tenant_id bigint", "what text"), null, List.of(),
            Map.of("account_id", "account", "tenant_id", "tenant"))
        .distribution("tenant", null, true)
        .distribution("account", "id", false)
        .distribution("event", "account_id", false)
        .row("tenant", 1L, "t1").row("account", 1L, "a@x", 1L).row("event", 1L, 1L, "login")
        .build();
  }

  @Test
  void referenceTablesFirstThenDistributedParentsBeforeColocatedChildren() {
    Spill spill = spill(tmp.resolve("spill"), "app");
    LoadPlan plan = SpillCheck.plan(spill.root(), Optional.empty());
    assertEquals(List.of(
        "SELECT create_reference_table('\"app\".\"tenant\"')",
        "SELECT create_distributed_table('\"app\".\"account\"', 'id')",
        "SELECT create_distributed_table('\"app\".\"event\"', 'account_id', colocate_with => '\"app\".\"account\"')"),
        CitusTables.statements(plan, Set.of("tenant", "account", "event")));
    assertEquals(List.of("SELECT create_distributed_table('\"app\".\"event\"', 'account_id', colocate_with =>"
        + " '\"app\".\"account\"')"), CitusTables.statements(plan, Set.of("event")), "only the tables created now");
    assertTrue(CitusTables.wanted(plan));
  }

  @Test
  void namesAreQuotedAsIdentifiersInsideStringLiterals() {
    Spill spill = new SpillBuilder(tmp.resolve("odd")).targetSchema("we'ird \"s\"")
        .table("t'1", List.of("col'x bigint"), null, List.of(), Map.of())
        .distribution("t'1", "col'x", false).row("t'1", 1L).build();
    assertEquals(List.of("SELECT create_distributed_table('\"we''ird \"\"s\"\"\".\"t''1\"', 'col''x')"),
        CitusTables.statements(SpillCheck.plan(spill.root(), Optional.empty()), Set.of("t'1")));
  }

  @Test
  void theManifestKeepsTheLayout() throws Exception {
    Spill spill = spill(tmp.resolve("spill"), "app");
    String json = java.nio.file.Files.readString(spill.dir().manifestFile());
    assertTrue(json.contains("\"distributeBy\" : \"account_id\""), json);
    assertTrue(json.contains("\"reference\" : true"), json);
    ManifestTable event = new ManifestStore(spill.dir()).read().table("event").orElseThrow();
    assertEquals("account_id", event.distributeBy());
    Spill plain = new Packages(2, 2, 1).write(tmp.resolve("plain"), "app", 1 << 20);
    String plainJson = java.nio.file.Files.readString(plain.dir().manifestFile());
    assertTrue(plainJson.contains("\"distributeBy\" : null") && plainJson.contains("\"reference\" : false"), plainJson);
    assertFalse(CitusTables.wanted(SpillCheck.plan(plain.root(), Optional.empty())));
  }

  @Test
  void onPlainPostgresTheLayoutIsIgnoredWithAWarningAndTheTablesLoad(TestDatabase db) throws Exception {
    Spill spill = spill(tmp.resolve("spill"), db.schema());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    assertEquals(ExitCode.OK, cmd.execute("load", spill.root().toString(), "--url", db.cliUrl(), "--control-schema",
        db.schema(), "--create-tables"), err.toString());
    assertTrue(err.toString().contains("the server has no citus extension: the plan's Citus layout is ignored"),
        err.toString());
    assertTrue(err.toString().contains("\"" + db.schema() + "\".\"event\" (distribute_by: account_id)"), err.toString());
    assertEquals("1", db.queryOne("SELECT count(*) FROM event"));
    // plain PostgreSQL: every key is declared, the natural key of account included
    assertEquals("account_email_key,account_pkey", db.queryOne("SELECT string_agg(conname, ',' ORDER BY conname)"
        + " FROM pg_constraint WHERE conrelid = 'account'::regclass AND contype IN ('p', 'u')"));
  }

  @Test
  void onCitusTheNaturalKeyOfATableDistributedByItsIdIsLeftToStageOne() {
    Spill spill = spill(tmp.resolve("spill"), "app");
    LoadPlan plan = SpillCheck.plan(spill.root(), Optional.empty());
    ManifestTable account = plan.manifest().table("account").orElseThrow();
    ManifestTable tenant = plan.manifest().table("tenant").orElseThrow();
    var accountDef = TableDefs.of(plan).stream().filter(t -> t.name().name().equals("account")).findFirst().orElseThrow();
    var keys = dev.spillway.pg.Ddl.afterData(accountDef, false, new java.util.HashSet<>());
    assertEquals(List.of(false, true, false), keys.stream().map(k -> CitusTables.undeclared(account, k)).toList(),
        keys.toString());
    assertFalse(keys.stream().anyMatch(k -> CitusTables.undeclared(tenant, k)), "a reference table keeps its keys");
  }
}
