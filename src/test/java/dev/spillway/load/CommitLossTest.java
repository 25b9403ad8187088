package dev.spillway.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.pg.CommitCheck;
import dev.spillway.pg.ConnectionFactory;
import dev.spillway.pg.ControlSchema;
import dev.spillway.pg.ProgressTable;
import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

/**
 * The connection drops while COMMIT is in flight: the progress row, read on a fresh connection,
 * decides whether the segment is loaded. Simulated with a connection whose commit() fails after
 * (ack lost) or before (session gone) the server committed.
 */
@ExtendWith(PgExtension.class)
class CommitLossTest {
  @TempDir
  Path tmp;

  /** A commit that does something, then fails like a dropped connection. */
  @FunctionalInterface
  private interface Commit {
    void run(Connection real) throws SQLException;
  }

  private static Connection failingCommit(Connection real, Commit commit) {
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          if (method.getName().equals("commit")) {
            commit.run(real);
            return null;
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Test
  void aCommitWhoseAnswerWasLostCountsAsLoadedAndOneThatNeverArrivedDoesNot(TestDatabase db) throws Exception {
    db.execute("CREATE TABLE item (id bigint PRIMARY KEY, note text)");
    Spill spill = new SpillBuilder(tmp.resolve("spill")).targetSchema(db.schema()).maxSegmentBytes(600)
        .table("item", List.of("id bigint", "note text"), "id", List.of(), Map.of())
        .rows("item", LoadFeaturesTest.rows(60, i -> new Object[] {(long) i, "note " + i})).build();
    LoadPlan plan = SpillCheck.plan(spill.root(), Optional.empty());
    TablePlan table = plan.tables().get(0);
    assertTrue(table.segments().size() >= 2);
    ControlSchema control = new ControlSchema(db.schema());
    ConnectionFactory factory = LoadDb.factory(db);
    try (Connection c = factory.open()) {
      control.ensure(c);
    }
    ProgressTable progress = new ProgressTable(control);
    SegmentTransaction tx = new SegmentTransaction(plan,
        new SegmentCopy(4096), progress, new CommitCheck(factory, progress, Duration.ofSeconds(10), Duration.ofMillis(20)),
        ConflictMode.ERROR, System::nanoTime);
    long firstRows = table.segments().get(0).rows();

    try (Connection real = factory.open()) {
      Connection ackLost = failingCommit(real, r -> {
        r.commit();
        r.close();
        throw new SQLException("An I/O error occurred while sending to the backend.", "08006");
      });
      SegmentResult result = tx.load(ackLost, table, table.segments().get(0));
      assertEquals(firstRows, result.rows());
    }
    assertEquals(String.valueOf(firstRows), db.queryOne("SELECT count(*) FROM item"));
    assertEquals("1", db.queryOne("SELECT count(*) FROM segment_progress"));

    try (Connection real = factory.open(); Connection admin = db.connectAdmin()) {
      int pid = real.unwrap(PGConnection.class).getBackendPID();
      Connection sessionGone = failingCommit(real, r -> {
        try (var s = admin.createStatement()) {
          s.execute("SELECT pg_terminate_backend(" + pid + ")");
        }
        r.commit();
      });
      SegmentLoadException e = assertThrows(SegmentLoadException.class, () -> tx.load(sessionGone, table, table.segments().get(1)));
      assertTrue(e.getMessage().contains("connection was lost during COMMIT"), e.getMessage());
      assertTrue(e.getMessage().contains("the segment was not committed"), e.getMessage());
      assertEquals("segments/0001-00000002.pgcopy", e.segmentFile());
    }
    assertEquals(String.valueOf(firstRows), db.queryOne("SELECT count(*) FROM item"));
    assertEquals("1", db.queryOne("SELECT count(*) FROM segment_progress"));
  }
}
