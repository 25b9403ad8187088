package dev.spillway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

/** A flush that fails leaves nothing of its batch for a caller that catches and commits; earlier flushes stay. */
@ExtendWith(PgExtension.class)
class LiveWriterFailedFlushTest {
  @TempDir
  Path tmp;

  @Test
  void aFailedFlushIsRolledBackToItsSavepoint(TestDatabase db) throws Exception {
    db.execute("CREATE TABLE owner (id bigserial PRIMARY KEY, name text NOT NULL UNIQUE)");
    db.execute("CREATE TABLE item (id bigserial PRIMARY KEY, sku text NOT NULL UNIQUE, owner_id bigint)");
    Plan plan = LiveFixtures.ownerItemPlan(tmp, db);
    ExecutorService other = Executors.newSingleThreadExecutor();
    try (Connection first = db.connect(); Connection second = db.connect()) {
      first.setAutoCommit(false);
      second.setAutoCommit(false);
      try (Statement s = first.createStatement()) {
        s.execute("INSERT INTO item (sku) VALUES ('i1')"); // another application, not committed yet
      }
      Future<LiveWriteException> pending = other.submit(() -> {
        LiveWriter w = LiveWriter.open(second, plan);
        w.record("owners", Map.of("name", "earlier"));
        w.flush();
        w.record("items", Map.of("sku", "i1", "owner", "newowner"));
        // the key i1 is committed by the other transaction under its own id while this flush waits
        LiveWriteException e = assertThrows(LiveWriteException.class, w::flush);
        second.commit(); // a caller that catches and commits
        return e;
      });
      LiveFixtures.awaitLockWait(db, second);
      first.commit();
      pending.get(60, TimeUnit.SECONDS);
    } finally {
      other.shutdownNow();
    }
    assertEquals("earlier", db.queryOne("SELECT string_agg(name, ',') FROM owner"));
    assertEquals("NULL", db.queryOne("SELECT coalesce(owner_id::text, 'NULL') FROM item"));
  }
}
