package dev.spillway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two transactions writing the same new key: a parent created by {@code missing: create} takes the
 * id the other transaction committed first; an emitted row whose key another transaction committed
 * first under another id fails the flush instead of leaving its children pointing at no row.
 */
@ExtendWith(PgExtension.class)
class LiveWriterConcurrencyTest {
  @TempDir
  Path tmp;

  private Plan plan(TestDatabase db) throws Exception {
    db.execute("CREATE TABLE owner (id bigserial PRIMARY KEY, name text NOT NULL UNIQUE)");
    db.execute("CREATE TABLE item (id bigserial PRIMARY KEY, sku text NOT NULL UNIQUE, owner_id bigint)");
    return LiveFixtures.ownerItemPlan(tmp, db);
  }

  @Test
  void aCreatedParentThatAnotherTransactionCommittedFirstTakesItsId(TestDatabase db) throws Exception {
    Plan plan = plan(db);
    ExecutorService other = Executors.newSingleThreadExecutor();
    try (Connection first = LiveFixtures.transaction(db); Connection second = LiveFixtures.transaction(db)) {
      LiveWriter w1 = LiveWriter.open(first, plan);
      w1.record("owners", Map.of("name", "zed"));
      w1.flush(); // zed inserted, not committed

      Future<LiveResult> pending = other.submit(() -> {
        try (LiveWriter w2 = LiveWriter.open(second, plan)) {
          w2.record("items", Map.of("sku", "i1", "owner", "zed")); // zed is not visible: created, waits on first
          LiveResult r = w2.flush();
          second.commit();
          return r;
        }
      });
      LiveFixtures.awaitLockWait(db, second);
      first.commit();
      LiveResult result = pending.get(60, TimeUnit.SECONDS);

      assertEquals(new LiveResult.TableCounts(0, 0, 0, 0, 0), result.tables().get("owner"), "zed was not inserted twice");
      assertEquals("zed", db.queryOne("SELECT o.name FROM item i JOIN owner o ON o.id = i.owner_id"));
      assertEquals("1", db.queryOne("SELECT count(*) FROM owner"));
    } finally {
      other.shutdownNow();
    }
  }

  @Test
  void anEmittedKeyThatAnotherTransactionCommittedFirstFailsTheFlush(TestDatabase db) throws Exception {
    Plan plan = plan(db);
    ExecutorService other = Executors.newSingleThreadExecutor();
    try (Connection first = LiveFixtures.transaction(db); Connection second = LiveFixtures.transaction(db)) {
      LiveWriter w1 = LiveWriter.open(first, plan);
      w1.record("owners", Map.of("name", "zed"));
      w1.flush();

      Future<LiveWriteException> pending = other.submit(() -> {
        LiveWriter w2 = LiveWriter.open(second, plan);
        w2.record("owners", Map.of("name", "zed"));
        w2.record("items", Map.of("sku", "i1", "owner", "zed"));
        LiveWriteException e = assertThrows(LiveWriteException.class, w2::flush);
        second.rollback();
        return e;
      });
      LiveFixtures.awaitLockWait(db, second);
      first.commit();
      LiveWriteException e = pending.get(60, TimeUnit.SECONDS);

      assertTrue(e.getMessage().contains("another transaction wrote the key first"), e.getMessage());
      assertEquals("1", db.queryOne("SELECT count(*) FROM owner"));
      assertEquals("0", db.queryOne("SELECT count(*) FROM item"));
    } finally {
      other.shutdownNow();
    }
  }
}
