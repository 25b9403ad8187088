package dev.spillway.pg;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes every commit so far durable: segments commit with {@code synchronous_commit = off}, so the
 * server acknowledges them before their WAL is flushed, and a server crash in the next moments
 * would lose them (their progress rows with them: they would simply load again, but only if the
 * loader runs again). Before a load reports success, one transaction with
 * {@code synchronous_commit = on} that writes WAL (a transactional logical message, which any role
 * may emit and which also takes a transaction id) commits: its commit record is flushed to disk,
 * and with it all WAL before it, which holds every earlier commit of any session. (A transaction
 * that wrote no WAL is never flushed at commit, so {@code txid_current()} alone would not do.) Set
 * {@code LOCAL}, so it holds even when the role or database defaults to {@code off}.
 */
public final class DurableFlush {
  private DurableFlush() {}

  /**
   * @return the server's WAL flush position afterwards ({@code pg_current_wal_flush_lsn()}), at or
   *     after every commit acknowledged before the call
   */
  public static String flush(Connection c) {
    try {
      Jdbc.inTransaction(c, () -> {
        try (Statement s = c.createStatement()) {
          s.execute("SET LOCAL synchronous_commit = on");
          // WAL of its own (a commit that wrote none is not flushed, whatever synchronous_commit says), and an xid
          s.execute("SELECT pg_catalog.pg_logical_emit_message(true, 'spillway', 'durable')");
        }
        return null;
      });
      return flushLsn(c);
    } catch (SQLException e) {
      throw SqlErrors.wrap("flushing the load's commits to disk (synchronous_commit = on)", e);
    }
  }

  private static String flushLsn(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_catalog.pg_current_wal_flush_lsn()::text")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
