package dev.spillway.api;

import dev.spillway.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;

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

  /**
   * Waits (at most a minute) until the session of {@code waiter}, used by another thread, waits for
   * a lock, so the order of two transactions is certain. That session's own pid: another session
   * waiting for a lock (one a killed process left, say) says nothing about this one.
   */
  static void awaitLockWait(TestDatabase db, Connection waiter) throws Exception {
    int pid = waiter.unwrap(PGConnection.class).getBackendPID();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while ("0".equals(db.queryOne("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
        + " AND pid = " + pid))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("session " + pid + " never waited for a lock");
      }
      Thread.sleep(20);
    }
  }
}
