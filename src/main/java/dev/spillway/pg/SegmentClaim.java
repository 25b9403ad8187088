package dev.spillway.pg;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The claims of a shared load ({@code --shared}) in the control schema's {@code segment_claim}
 * table: one row per segment of the spill, inserted by every loader before it loads
 * ({@link #seed}, idempotent). A loader claims a segment by locking its row in the transaction that
 * then loads it and inserts its progress row: a claim is a row lock and nothing else, so it ends
 * with that transaction, or with its session when the loader dies, and needs no cleanup.
 *
 * <p>{@link #next} picks the lowest segment of a table that has no progress row, locking its row,
 * either skipping rows other loaders hold ({@code FOR UPDATE SKIP LOCKED}) or waiting for the
 * lowest one ({@code FOR UPDATE}). Its snapshot is taken when the statement starts, so the segment
 * it returns may have been committed by another loader just before the lock was granted:
 * {@link #loaded} asks again with a fresh snapshot (READ COMMITTED takes one per statement), and
 * the caller, finding it loaded, rolls back and asks for the next. Exactly-once does not rest on
 * the claims alone: the progress row's primary key refuses a second load of a segment whatever
 * happens. Immutable and thread-safe; each call uses the connection given.
 */
public final class SegmentClaim {
  /** How {@link #next} treats rows other transactions hold. */
  public enum Wait {
    /** Skip them: a free segment, or none. */
    SKIP_LOCKED,
    /** Wait for the lowest unloaded segment, whoever holds it. */
    WAIT
  }

  private final QualifiedName claims;
  private final QualifiedName progress;
  /**
   * {@code " AND NOT EXISTS (...)"}: the claim row aliased {@code c} has no progress row, its
   * segment is not committed by any loader. Appended to a WHERE clause on {@code claims c}.
   */
  private final String noProgressRow;

  public SegmentClaim(ControlSchema control) {
    this.claims = control.claimTable();
    this.progress = control.progressTable();
    this.noProgressRow = " AND NOT EXISTS (SELECT 1 FROM " + progress.sql() + " p WHERE p.spill_id = c.spill_id"
        + " AND p.table_name = c.table_name AND p.segment_seq = c.segment_seq)";
  }

  /** The statement {@link #next} runs. */
  public String nextSql(Wait wait) {
    return "SELECT c.segment_seq FROM " + claims.sql() + " c WHERE c.spill_id = ? AND c.table_name = ?"
        + noProgressRow + " ORDER BY c.segment_seq LIMIT 1 FOR UPDATE OF c"
        + (wait == Wait.SKIP_LOCKED ? " SKIP LOCKED" : "");
  }

  /**
   * Inserts the claim rows of the given segments (those missing), in one committed transaction.
   *
   * @param tableNames target tables as {@link QualifiedName#sql()}, one per segment
   * @param sequences  the segments' sequence numbers, in the same order
   */
  public void seed(Connection c, String spillId, List<String> tableNames, List<Long> sequences) {
    String sql = "INSERT INTO " + claims.sql() + " (spill_id, table_name, segment_seq)"
        + " SELECT ?, u.t, u.s FROM unnest(?::text[], ?::bigint[]) AS u(t, s) ON CONFLICT DO NOTHING";
    try {
      Jdbc.inTransaction(c, () -> {
        Array names = c.createArrayOf("text", tableNames.toArray());
        Array seqs = c.createArrayOf("bigint", sequences.toArray());
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          ps.setString(1, spillId);
          ps.setArray(2, names);
          ps.setArray(3, seqs);
          ps.executeUpdate();
        }
        return null;
      });
    } catch (SQLException e) {
      throw SqlErrors.wrap("recording the " + sequences.size() + " segments of spill " + spillId + " in " + claims, e);
    }
  }

  /**
   * In the connection's open transaction: locks and returns the lowest segment of the table with no
   * progress row, or empty when there is none (or, with {@link Wait#SKIP_LOCKED}, none free).
   */
  public OptionalLong next(Connection c, String spillId, String tableName, Wait wait) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(nextSql(wait))) {
      ps.setString(1, spillId);
      ps.setString(2, tableName);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
      }
    }
  }

  /**
   * Who holds the lowest unloaded segment of the table: found through the claim row's {@code xmax}
   * (the locking transaction) and that transaction's lock in {@code pg_locks}. A line naming the
   * segment, backend pid, application_name, client address, state and since when, and the
   * {@code pg_terminate_backend} call that ends the claim; empty when no session holds it now.
   */
  public Optional<String> holder(Connection c, String spillId, String tableName) throws SQLException {
    String sql = "SELECT c.segment_seq, a.pid, a.application_name, host(a.client_addr), a.client_port, a.state,"
        + " a.state_change::text FROM " + claims.sql() + " c JOIN pg_catalog.pg_locks l ON l.locktype = 'transactionid'"
        + " AND l.mode = 'ExclusiveLock' AND l.granted AND l.transactionid = c.xmax"
        + " LEFT JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid WHERE c.spill_id = ? AND c.table_name = ?"
        + noProgressRow + " ORDER BY c.segment_seq LIMIT 1";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, spillId);
      ps.setString(2, tableName);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || rs.getObject(2) == null) {
          return Optional.empty();
        }
        int pid = rs.getInt(2);
        return Optional.of("segment " + rs.getLong(1) + " of " + tableName + " (spill " + spillId
            + ") is claimed by backend pid " + pid
            + (rs.getString(3) == null ? "" : ", application_name \"" + rs.getString(3) + "\"")
            + (rs.getString(4) == null ? "" : ", client " + rs.getString(4) + ":" + rs.getInt(5))
            + (rs.getString(6) == null ? "" : ", " + rs.getString(6) + " since " + rs.getString(7))
            + "; if that loader's machine is gone, its session ends once the server's TCP keepalives notice"
            + " (about a minute for a shared loader), or end it now with SELECT pg_terminate_backend(" + pid + ")");
      }
    }
  }

  /** Whether the segment has a progress row, seen with a fresh snapshot. */
  public boolean loaded(Connection c, String spillId, String tableName, long segmentSeq) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM " + progress.sql()
        + " WHERE spill_id = ? AND table_name = ? AND segment_seq = ?)")) {
      ps.setString(1, spillId);
      ps.setString(2, tableName);
      ps.setLong(3, segmentSeq);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /** Segments of the table with a claim row and no progress row: 0 once every loader's work on it is committed. */
  public long unloaded(Connection c, String spillId, String tableName) {
    try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + claims.sql() + " c WHERE c.spill_id = ?"
        + " AND c.table_name = ?" + noProgressRow)) {
      ps.setString(1, spillId);
      ps.setString(2, tableName);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw SqlErrors.wrap("counting the segments of " + tableName + " (spill " + spillId + ") not yet loaded", e);
    }
  }
}
