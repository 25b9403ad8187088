package dev.spillway.api;

import dev.spillway.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;

/** What the live writer's tests share: the owner/item plan, a connection in a transaction, a lock wait. */
final class LiveFixtures {
  private LiveFixtures() {}

  /**
   * Tables {@code owner(name)} and {@code item(sku, owner_id)}; source {@code owners} emits owners,
   * source {@code items} emits items whose owner is created when missing. Written into {@code dir}.
   */
  static Plan ownerItemPlan(Path dir, TestDatabase db) throws Exception {
    Path plan = dir.resolve("plan.yaml");
    Files.writeString(plan, """
        version: 1
        schema: %s
        tables:
          owner: {columns: {id: bigint, name: text}, id: id, key: [name]}
          item: {columns: {id: bigint, sku: text, owner_id: bigint}, id: id, key: [sku]}
        sources:
          - name: owners
            emit:
              - table: owner
                values: {name: $name}
          - name: items
            emit:
              - table: item
                values: {sku: $sku, owner_id: {ref: owner, key: [$owner], missing: create}}
        """.formatted(db.schema()));
    return Plan.load(plan);
  }

  /** A new connection with autocommit off, as the live writer requires. */
  static Connection transaction(TestDatabase db) throws Exception {
    Connection c = db.connect();
    c.setAutoCommit(false);
    return c;
  }

  /** Waits until another session waits for a lock, so the order of two transactions is certain. */
  static void awaitLockWait(TestDatabase db) throws Exception {
    for (int i = 0; i < 200; i++) {
      if (!"0".equals(db.queryOne("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
          + " AND datname = current_database()"))) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no session waited for a lock");
  }
}
