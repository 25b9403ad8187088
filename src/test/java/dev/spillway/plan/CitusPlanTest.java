package dev.spillway.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code distribute_by:} and {@code reference:}, and the Citus rules the validator checks, one test per rule. */
class CitusPlanTest {
  @TempDir
  Path dir;

  /** tenant (reference) <- account (distributed by id) <- event (no id or key, distributed by account_id). */
  private static String plan(String tenant, String account, String event) {
    return """
        version: 1
        tables:
          tenant: {columns: {id: bigint, name: text}, id: id, key: [name]%s}
          account: {columns: {id: bigint, email: text, tenant_id: bigint}, id: id, key: [email], not_null: [tenant_id]%s}
          event: {columns: {account_id: bigint, tenant_id: bigint, what: text}, not_null: [account_id, tenant_id]%s}
        sources:
          - file: e.csv
            format: {header: true}
            emit:
              - {table: tenant, values: {name: $t}}
              - {table: account, values: {email: $a, tenant_id: {ref: tenant, key: [$t]}}}
              - table: event
                values: {account_id: {ref: account, key: [$a]}, tenant_id: {ref: tenant, key: [$t]}, what: $w}
        """.formatted(tenant, account, event);
  }

  private static final String VALID_TENANT = ", reference: true";
  private static final String VALID_ACCOUNT = ", distribute_by: id";
  private static final String VALID_EVENT = ", distribute_by: account_id";

  private List<String> problems(String tenant, String account, String event) {
    return PlanFixtures.problems(dir, plan(tenant, account, event));
  }

  @Test
  void aValidCitusPlanCarriesEachTablesLayout() {
    Plan p = PlanFixtures.parse(dir, plan(VALID_TENANT, VALID_ACCOUNT, VALID_EVENT));
    assertEquals(Distribution.referenceTable(), p.table("tenant").distribution());
    assertEquals(Distribution.by("id"), p.table("account").distribution());
    assertEquals(Distribution.by("account_id"), p.table("event").distribution());
    assertEquals(Distribution.LOCAL, PlanFixtures.parse(dir, plan("", "", "")).table("event").distribution(),
        "without the keys: plain tables");
  }

  @Test
  void distributeByAnUnknownColumn() {
    assertEquals(List.of("tables.event.distribute_by: unknown column 'acount_id' (did you mean 'account_id'?); table"
        + " 'event' has account_id, tenant_id, what"), problems(VALID_TENANT, VALID_ACCOUNT, ", distribute_by: acount_id"));
  }

  @Test
  void distributedAndReferenceAtOnce() {
    assertEquals(List.of("tables.event.reference: table 'event' is distributed by 'account_id' and a reference table:"
        + " choose one (a reference table is copied whole to every node, a distributed one is split by its distribution"
        + " column)"), problems(VALID_TENANT, VALID_ACCOUNT, VALID_EVENT + ", reference: true"));
  }

  @Test
  void referenceMustBeABoolean() {
    assertEquals(List.of("tables.tenant.reference: expected true or false, got 'yes please'"),
        problems(", reference: yes please", VALID_ACCOUNT, VALID_EVENT));
  }

  @Test
  void colocatedDistributionColumnsHaveOneType() {
    String plan = plan(VALID_TENANT, VALID_ACCOUNT, VALID_EVENT).replace("{account_id: bigint,", "{account_id: integer,");
    assertEquals(List.of("tables.event.distribute_by: table 'event' is colocated with 'account' through the foreign key"
        + " event.account_id -> account, but Citus colocates only distribution columns of one type: 'account_id' is"
        + " integer and 'account.id' is bigint; declare both the same type"), PlanFixtures.problems(dir, plan));
  }

  /** Citus refuses a NULL distribution column value during COPY: only id, key: and not_null: columns qualify. */
  @Test
  void theDistributionColumnMustNeverBeNull() {
    String plan = plan(VALID_TENANT, VALID_ACCOUNT, ", distribute_by: what").replace("not_null: [account_id, tenant_id], ", "");
    assertEquals(List.of("tables.event.distribute_by: table 'event' is distributed by 'what', which may be NULL: Citus"
        + " refuses a row whose distribution column is NULL during COPY, so the load would fail at that row. Add 'what'"
        + " to not_null: (rows without it go to rejects.csv), or distribute by the id column or a key: column",
        "tables.event.distribute_by: table 'event' is distributed by 'what', so the foreign key event.account_id ->"
        + " account must go to a reference table or join the two tables on their distribution columns: distribute"
        + " 'event' by 'account_id' and 'account' by its id column 'id', or make 'account' a reference table"),
        PlanFixtures.problems(dir, plan));
    assertEquals(Distribution.by("account_id"), PlanFixtures.parse(dir, plan(VALID_TENANT, VALID_ACCOUNT, VALID_EVENT)
        .replace("not_null: [account_id, tenant_id]", "not_null: [account_id]")).table("event").distribution(),
        "a not_null: column qualifies");
  }

  @Test
  void thePrimaryKeyMustContainTheDistributionColumn() {
    assertEquals(List.of("tables.account.distribute_by: table 'account' is distributed by 'tenant_id', but its primary"
        + " key (the id column 'id') does not include it: Citus enforces a unique key only when it contains the"
        + " distribution column. Distribute by 'id', or remove id:",
        "tables.account.distribute_by: table 'account' is distributed by 'tenant_id', but its natural key [email] does"
        + " not include it: Citus enforces a unique key only when it contains the distribution column. Add 'tenant_id'"
        + " to key:, or distribute by the id column (then the natural key is not declared on Citus and stage one alone"
        + " keeps it unique within the spill)",
        "tables.event.distribute_by: table 'event' is distributed by 'account_id', so the foreign key event.account_id"
        + " -> account must go to a reference table or join the two tables on their distribution columns: distribute"
        + " 'event' by 'account_id' and 'account' by its id column 'id', or make 'account' a reference table"),
        problems(VALID_TENANT, ", distribute_by: tenant_id", VALID_EVENT));
  }

  @Test
  void aForeignKeyFromADistributedTableToAPlainTable() {
    assertEquals(List.of("tables.account.distribute_by: table 'account' is distributed by 'id', so the foreign key"
        + " account.tenant_id -> tenant must go to a reference table or join the two tables on their distribution"
        + " columns: 'tenant' is neither distributed nor a reference table; mark it reference: true, or distribute it"
        + " by its id column and 'account' by 'tenant_id'",
        "tables.event.distribute_by: table 'event' is distributed by 'account_id', so the foreign key event.tenant_id"
        + " -> tenant must go to a reference table or join the two tables on their distribution columns: 'tenant' is"
        + " neither distributed nor a reference table; mark it reference: true, or distribute it by its id column and"
        + " 'event' by 'tenant_id'"),
        problems("", VALID_ACCOUNT, VALID_EVENT));
  }

  @Test
  void aForeignKeyNotOnTheDistributionColumns() {
    assertEquals(List.of("tables.event.distribute_by: table 'event' is distributed by 'tenant_id', so the foreign key"
        + " event.account_id -> account must go to a reference table or join the two tables on their distribution"
        + " columns: distribute 'event' by 'account_id' and 'account' by its id column 'id', or make 'account' a"
        + " reference table"), problems(VALID_TENANT, VALID_ACCOUNT, ", distribute_by: tenant_id"));
  }

  @Test
  void aReferenceTableReferencesOnlyReferenceTables() {
    assertEquals(List.of("tables.account.reference: 'account' is a reference table, so the foreign key"
        + " account.tenant_id -> tenant must go to a reference table too (Citus): mark 'tenant' reference: true",
        "tables.event.reference: 'event' is a reference table, so the foreign key event.tenant_id -> tenant must go to a"
        + " reference table too (Citus): mark 'tenant' reference: true"),
        problems("", ", reference: true", ", reference: true"));
  }

  @Test
  void aPlainTableMayNotReferenceADistributedOne() {
    assertEquals(List.of("tables.event: table 'event' is neither distributed nor a reference table, and Citus refuses"
        + " the foreign key event.account_id -> account, which is distributed: distribute 'event' by 'account_id'"
        + " (colocated with 'account'), or mark it reference: true"), problems(VALID_TENANT, VALID_ACCOUNT, ""));
  }
}
