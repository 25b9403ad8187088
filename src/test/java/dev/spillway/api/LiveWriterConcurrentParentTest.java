package dev.spillway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code missing: create} parent that another transaction inserts, not yet committed, when a
 * flush wants to create it: the flush waits for it and uses the other transaction's row and id.
 */
@ExtendWith(PgExtension.class)
class LiveWriterConcurrentParentTest {
  @TempDir
  Path tmp;

  private void createdParentCommittedByAnotherTransaction(TestDatabase db, String idColumn) throws Exception {
    db.execute("CREATE TABLE owner (id " + idColumn + " PRIMARY KEY, name text NOT NULL UNIQUE)");
    db.execute("CREATE TABLE item (id " + idColumn + " PRIMARY KEY, sku text NOT NULL UNIQUE, owner_id bigint)");
    Plan plan = LiveFixtures.ownerItemPlan(tmp, db);
    ExecutorService other = Executors.newSingleThreadExecutor();
    try (Connection first = LiveFixtures.transaction(db); Connection second = LiveFixtures.transaction(db)) {
      try (Statement s = first.createStatement()) {
        s.execute("INSERT INTO owner (id, name) VALUES (1000, 'zed')"); // another application, not committed
      }
      Future<LiveResult> pending = other.submit(() -> {
        try (LiveWriter w = LiveWriter.open(second, plan)) {
          w.record("items", Map.of("sku", "i1", "owner", "zed"));
          LiveResult r = w.flush();
          second.commit();
          return r;
        }
      });
      LiveFixtures.awaitLockWait(db, second);
      first.commit();
      pending.get(60, TimeUnit.SECONDS);
    } finally {
      other.shutdownNow();
    }
    assertEquals("1000", db.queryOne("SELECT owner_id::text FROM item WHERE sku = 'i1'"));
    assertEquals("1", db.queryOne("SELECT count(*) FROM owner"));
  }

  @Test
  void withoutSequence(TestDatabase db) throws Exception {
    createdParentCommittedByAnotherTransaction(db, "bigint");
  }

  @Test
  void withSequence(TestDatabase db) throws Exception {
    createdParentCommittedByAnotherTransaction(db, "bigserial");
  }
}
