package dev.spillway.load;

import dev.spillway.pg.BackendSession;
import dev.spillway.pg.CommitCheck;
import dev.spillway.pg.Ddl;
import dev.spillway.pg.ProgressTable;
import dev.spillway.pg.SegmentLoad;
import dev.spillway.pg.SqlErrors;
import dev.spillway.segment.SealedSegment;
import dev.spillway.segment.SpillDirectory;
import dev.spillway.segment.SpillFormatException;
import dev.spillway.segment.SpillIoException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.LongSupplier;

/**
 * Loads one segment exactly once, in one transaction:
 * <ol>
 *   <li>(the file's framing, row count and CRC32C were verified by {@link PreFlight} before the load
 *       began; the COPY checks its CRC32C again while streaming, and a change since is a
 *       {@link CorruptSegmentException}; a value the server's receive function refuses fails the
 *       COPY, so the transaction rolls back with nothing of the segment loaded)
 *   <li>{@code SET LOCAL synchronous_commit = off} (a commit lost in a server crash only means the
 *       segment loads again: its rows and its progress row vanish together);
 *   <li>{@code COPY ... FROM STDIN (FORMAT binary)} streamed from the file ({@link SegmentCopy}), into
 *       the target, or for {@code --on-conflict skip|update} into a staging table merged with
 *       {@link ConflictMerge};
 *   <li>check the server's row count equals the manifest's;
 *   <li>insert the progress row ({@link ProgressTable});
 *   <li>COMMIT. If the connection drops during COMMIT, {@link CommitCheck} decides on a fresh
 *       connection, by the progress row, whether it happened.
 * </ol>
 * Any failure before COMMIT rolls back. Immutable and thread-safe; each call uses the connection
 * it is given (autocommit on entry and on return) and nothing else but the commit check's own.
 */
final class SegmentTransaction {
  private final SpillDirectory dir;
  private final String spillId;
  private final SegmentCopy copy;
  private final ProgressTable progress;
  private final CommitCheck commitCheck;
  private final ConflictMode mode;
  private final LongSupplier nanoTime;

  SegmentTransaction(LoadPlan plan, SegmentCopy copy, ProgressTable progress, CommitCheck commitCheck,
      ConflictMode mode, LongSupplier nanoTime) {
    this.dir = plan.dir();
    this.spillId = plan.spillId();
    this.copy = copy;
    this.progress = progress;
    this.commitCheck = commitCheck;
    this.mode = mode;
    this.nanoTime = nanoTime;
  }

  SegmentResult load(Connection c, TablePlan table, SealedSegment segment) {
    long started = nanoTime.getAsLong();
    SegmentLoad record = table.progressRecord(spillId, segment);
    String relation = mode == ConflictMode.ERROR ? table.target().name() : ConflictMerge.STAGE_TABLE;
    BackendSession session;
    ConflictMerge.Counts counts;
    try {
      c.setAutoCommit(false);
      execute(c, "SET LOCAL synchronous_commit = off");
      session = BackendSession.of(c);
      counts = copyRows(c, table, segment);
      progress.insert(c, record);
    } catch (SQLException | RuntimeException e) {
      rollback(c, e);
      if (e instanceof SpillFormatException changed) {
        throw new CorruptSegmentException(dir.root(), table.target(), segment.file(), changed);
      }
      if (e instanceof SegmentLoadException || e instanceof IdMismatchException || e instanceof SpillIoException) {
        throw (RuntimeException) e;
      }
      throw SegmentLoadException.failed(dir.root(), table, segment, relation, mode, e);
    }
    commit(c, table, segment, record, session);
    return new SegmentResult(segment.rows(), segment.bytes(), counts.inserted(), counts.updated(), counts.skipped(),
        started, nanoTime.getAsLong());
  }

  private ConflictMerge.Counts copyRows(Connection c, TablePlan table, SealedSegment segment) throws SQLException {
    if (mode == ConflictMode.ERROR) {
      long copied = copy.copy(c, Ddl.copyFromStdinBinary(table.target(), table.columnNames()), dir, segment);
      checkCount(table, segment, copied);
      return new ConflictMerge.Counts(copied, 0, 0);
    }
    ConflictMerge merge = new ConflictMerge(mode);
    merge.createStage(c, table);
    long copied = copy.copy(c, Ddl.copyFromStdinBinary(ConflictMerge.STAGE, table.columnNames()), dir, segment);
    checkCount(table, segment, copied);
    return merge.merge(c, table, copied, segment.file());
  }

  private void checkCount(TablePlan table, SealedSegment segment, long copied) {
    if (copied != segment.rows()) {
      throw SegmentLoadException.rowCount(dir.root(), table, segment, copied);
    }
  }

  private void commit(Connection c, TablePlan table, SealedSegment segment, SegmentLoad record, BackendSession session) {
    try {
      c.commit();
      c.setAutoCommit(true);
    } catch (SQLException e) {
      if (!connectionLost(c, e)) {
        rollback(c, e);
        throw SegmentLoadException.failed(dir.root(), table, segment, table.target().name(), mode, e);
      }
      SqlErrors.reassertInterrupt(e);
      close(c, e); // whatever the decision, this session is done; the job opens a new one
      boolean committed;
      try {
        committed = commitCheck.wasCommitted(record, java.util.Optional.of(session));
      } catch (RuntimeException undecided) {
        undecided.addSuppressed(e);
        throw SegmentLoadException.undecided(dir.root(), table, segment, e, undecided);
      }
      if (!committed) {
        throw SegmentLoadException.notCommitted(dir.root(), table, segment, e);
      }
    }
  }

  private static void close(Connection c, SQLException primary) {
    try {
      c.close();
    } catch (SQLException e) {
      primary.addSuppressed(e);
    }
  }

  private static boolean connectionLost(Connection c, SQLException e) {
    try {
      return SegmentLoadException.lost(e.getSQLState()) || c.isClosed();
    } catch (SQLException ignored) {
      return true; // cannot even ask: treat as lost and let the progress row decide
    }
  }

  /** Rolls back the open transaction and restores autocommit; a failure to do so is added to {@code primary}. */
  static void rollback(Connection c, Exception primary) {
    try {
      if (!c.isClosed()) {
        c.rollback();
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      primary.addSuppressed(e);
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
