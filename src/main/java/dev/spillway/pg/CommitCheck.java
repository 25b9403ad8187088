package dev.spillway.pg;

import static com.google.common.base.Preconditions.checkArgument;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * Decides, after the connection dropped while a segment's COMMIT was in flight, whether that
 * transaction committed: by the progress row, read on a fresh connection, never by guessing.
 *
 * <p>The old server session may outlive the client's socket. Given its identity ({@link BackendSession}:
 * pid and backend_start, read in the transaction before sending COMMIT, so a pid reused by an
 * unrelated session is never waited for or terminated), the check first waits until that
 * session can no longer change the answer: gone, or {@code idle} (its COMMIT finished either way).
 * A session {@code idle in transaction} never received the COMMIT and no one can send it any more,
 * so it is terminated (rolled back) first. Still {@code active} after {@code maxWait}: no decision,
 * a {@link PgException}. Immutable and thread-safe; each call uses a connection of its own.
 */
public final class CommitCheck {
  private final ConnectionFactory factory;
  private final ProgressTable progress;
  /** How long to wait for the old session to finish. */
  private final Duration maxWait;
  /** Pause between looks at the old session. */
  private final Duration pollInterval;

  public CommitCheck(ConnectionFactory factory, ProgressTable progress, Duration maxWait, Duration pollInterval) {
    checkArgument(!maxWait.isNegative(), "maxWait < 0: %s", maxWait);
    checkArgument(!pollInterval.isNegative() && !pollInterval.isZero(), "pollInterval <= 0: %s", pollInterval);
    this.factory = factory;
    this.progress = progress;
    this.maxWait = maxWait;
    this.pollInterval = pollInterval;
  }

  /**
   * @param lostSession the session whose COMMIT went unanswered (pid and start: a reused pid is
   *                    never taken for it), if known
   * @return true if the segment is committed (its progress row exists), false if it is not and
   *     must be loaded again
   * @throws PgException if a progress row exists but records another crc32c, row or byte count
   *     (the spill changed under the same id), or the old session stays busy past {@code maxWait}
   */
  public boolean wasCommitted(SegmentLoad segment, Optional<BackendSession> lostSession) {
    try (Connection c = factory.open()) {
      if (lostSession.isPresent()) {
        awaitSettled(c, lostSession.get(), segment);
      }
      Optional<ProgressRow> row = progress.find(c, segment.spillId(), segment.tableName(), segment.segmentSeq());
      if (row.isEmpty()) {
        return false;
      }
      SegmentLoad recorded = row.get().segment();
      if (!recorded.equals(segment)) {
        throw new PgException(segment.describe() + " is recorded as loaded at " + row.get().loadedAt()
            + " with crc32c " + recorded.crc32c() + ", " + recorded.rowCount() + " rows, " + recorded.byteCount()
            + " bytes, but the segment has crc32c " + segment.crc32c() + ", " + segment.rowCount() + " rows, "
            + segment.byteCount() + " bytes");
      }
      return true;
    } catch (SQLException e) {
      throw SqlErrors.wrap("deciding whether " + segment.describe() + " was committed", e);
    }
  }

  private void awaitSettled(Connection c, BackendSession session, SegmentLoad segment) throws SQLException {
    int pid = session.pid();
    long deadline = System.nanoTime() + maxWait.toNanos();
    while (true) {
      Optional<String> state = Optional.ofNullable(session.state(c));
      if (state.isEmpty() || state.get().equals("idle")) {
        return;
      }
      if (state.get().startsWith("idle in transaction")) {
        session.terminate(c);
      } else if (System.nanoTime() > deadline) {
        throw new PgException("cannot decide whether " + segment.describe() + " was committed: backend pid " + pid
            + " of the lost connection is still '" + state.get() + "' after " + maxWait.toMillis() + " ms");
      }
      try {
        Thread.sleep(pollInterval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PgException("interrupted while waiting for backend pid " + pid + " to settle " + segment.describe(), null, e);
      }
    }
  }
}
