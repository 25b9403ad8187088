package dev.spillway.pg;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spillway.testing.PgExtension;
import dev.spillway.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;

@ExtendWith(PgExtension.class)
class CommitCheckTest {
  private static final String TABLE = QualifiedName.of("s", "t").sql();

  private static CommitCheck check(TestDatabase db, ControlSchema control, Duration maxWait) {
    return new CommitCheck(TestConnections.factory(db), new ProgressTable(control), maxWait, Duration.ofMillis(20));
  }

  @Test
  void committedAndAbsentSegments(TestDatabase db) throws Exception {
    ControlSchema control = new ControlSchema(db.schema());
    SegmentLoad s = new SegmentLoad("spill", TABLE, 7, 123, 10, 100);
    try (Connection c = TestConnections.factory(db).open()) {
      control.ensure(c);
      BackendSession pid = BackendSession.of(c);
      c.setAutoCommit(false);
      new ProgressTable(control).insert(c, s);
      c.commit();
      assertTrue(check(db, control, Duration.ofSeconds(5)).wasCommitted(s, Optional.of(pid)), "idle old session: decided");
    }
    assertTrue(check(db, control, Duration.ZERO).wasCommitted(s, Optional.empty()));
    assertFalse(check(db, control, Duration.ZERO).wasCommitted(new SegmentLoad("spill", TABLE, 8, 1, 1, 1), Optional.empty()));
  }

  @Test
  void aCommitThatNeverArrivedIsRolledBackAndReportedAsNotCommitted(TestDatabase db) throws Exception {
    ControlSchema control = new ControlSchema(db.schema());
    SegmentLoad s = new SegmentLoad("spill", TABLE, 1, 5, 5, 5);
    try (Connection setup = db.connectAdmin()) {
      control.ensure(setup);
    }
    Connection lost = TestConnections.factory(db).open();
    BackendSession pid = BackendSession.of(lost);
    lost.setAutoCommit(false);
    new ProgressTable(control).insert(lost, s); // the session now sits "idle in transaction", COMMIT never sent
    assertFalse(check(db, control, Duration.ofSeconds(5)).wasCommitted(s, Optional.of(pid)));
    assertThrows(SQLException.class, lost::commit, "the orphaned session was terminated");
    lost.close();
    assertFalse(check(db, control, Duration.ZERO).wasCommitted(s, Optional.empty()), "its row never became visible");
  }

  @Test
  void aBusyOldSessionMeansNoDecision(TestDatabase db) throws Exception {
    ControlSchema control = new ControlSchema(db.schema());
    SegmentLoad s = new SegmentLoad("spill", TABLE, 1, 5, 5, 5);
    try (Connection busy = TestConnections.factory(db).open()) {
      control.ensure(busy);
      BackendSession pid = BackendSession.of(busy);
      CompletableFuture<Void> sleeping = CompletableFuture.runAsync(() -> {
        try {
          TestConnections.execute(busy, "SELECT pg_sleep(300)"); // busy until cancelled below
        } catch (SQLException e) {
          // cancelled below
        }
      });
      try (Connection watcher = db.connectAdmin()) { // until the server shows it busy (the thread may be slow to start)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!"active".equals(TestConnections.queryOne(watcher, "SELECT state FROM pg_stat_activity WHERE pid = "
            + pid.pid()))) {
          assertTrue(System.nanoTime() < deadline, "the busy session never became active");
          Thread.sleep(10);
        }
      }
      PgException e = assertThrows(PgException.class,
          () -> check(db, control, Duration.ofMillis(200)).wasCommitted(s, Optional.of(pid)));
      assertTrue(e.getMessage().contains("backend pid " + pid.pid() + " of the lost connection is still 'active'"), e.getMessage());
      busy.unwrap(PGConnection.class).cancelQuery();
      sleeping.get(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void aProgressRowWithOtherFactsIsAnError(TestDatabase db) throws Exception {
    ControlSchema control = new ControlSchema(db.schema());
    try (Connection c = db.connectAdmin()) {
      control.ensure(c);
      c.setAutoCommit(false);
      new ProgressTable(control).insert(c, new SegmentLoad("spill", TABLE, 2, 111, 10, 100));
      c.commit();
    }
    PgException e = assertThrows(PgException.class, () -> check(db, control, Duration.ZERO)
        .wasCommitted(new SegmentLoad("spill", TABLE, 2, 222, 10, 100), Optional.empty()));
    assertTrue(e.getMessage().contains("crc32c 111") && e.getMessage().contains("crc32c 222"), e.getMessage());
  }

  @Test
  void aReusedPidIsNeverTakenForTheLostSession(TestDatabase db) throws Exception {
    ControlSchema control = new ControlSchema(db.schema());
    SegmentLoad s = new SegmentLoad("spill", TABLE, 3, 5, 5, 5);
    try (Connection setup = db.connectAdmin()) {
      control.ensure(setup);
    }
    try (Connection unrelated = TestConnections.factory(db).open()) {
      BackendSession now = BackendSession.of(unrelated);
      unrelated.setAutoCommit(false);
      TestConnections.execute(unrelated, "SELECT 1"); // "idle in transaction", as a lost COMMIT's session would be
      BackendSession earlier = new BackendSession(now.pid(), now.backendStartMicros() - 1); // same pid, older session
      assertFalse(check(db, control, Duration.ofSeconds(5)).wasCommitted(s, Optional.of(earlier)));
      TestConnections.execute(unrelated, "SELECT 2"); // still alive: not terminated for a session it is not
      unrelated.rollback();
    }
  }
}
