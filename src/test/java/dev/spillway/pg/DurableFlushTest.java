package dev.spillway.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Issue 10, item 4: after the flush, the WAL is on disk past every commit made with synchronous_commit off. */
@ExtendWith(PgExtension.class)
class DurableFlushTest {
  @Test
  void anAsynchronousCommitIsOnDiskAfterTheFlushEvenWhenTheSessionDefaultsToOff(TestDatabase db) throws Exception {
    db.execute("CREATE TABLE t (x int)");
    try (Connection c = db.connect()) {
      TestConnections.execute(c, "SET synchronous_commit = off"); // as a role or database default would
      c.setAutoCommit(false);
      TestConnections.execute(c, "INSERT INTO t SELECT generate_series(1, 1000)");
      c.commit();
      c.setAutoCommit(true);
      String afterCommit = TestConnections.queryOne(c, "SELECT pg_current_wal_insert_lsn()::text");
      String flushed = DurableFlush.flush(c);
      assertEquals("t", TestConnections.queryOne(c, "SELECT '" + flushed + "'::pg_lsn >= '" + afterCommit + "'::pg_lsn"),
          "flushed to " + flushed + ", the commit was at or before " + afterCommit);
      assertEquals("off", TestConnections.queryOne(c, "SHOW synchronous_commit"), "only the flush's own transaction");
    }
  }
}
