package dev.spillway.pg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A server session's identity: its backend pid and when it started ({@code pg_stat_activity
 * .backend_start}, in microseconds since the epoch). A pid alone is reused by a later, unrelated
 * session once the first ends; pid and start together never are.
 *
 * @param pid               backend process id
 * @param backendStartMicros backend_start in microseconds since 1970-01-01 UTC
 */
public record BackendSession(int pid, long backendStartMicros) {
  /** SQL expression for {@code backend_start} in microseconds (of {@code pg_stat_activity} rows). */
  static final String START_MICROS = "(extract(epoch FROM backend_start) * 1000000)::bigint";

  /** The session of {@code c}. */
  public static BackendSession of(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pid, " + START_MICROS
        + " FROM pg_catalog.pg_stat_activity WHERE pid = pg_backend_pid()")) {
      if (!rs.next()) {
        throw new SQLException("the session's own row is missing from pg_stat_activity");
      }
      return new BackendSession(rs.getInt(1), rs.getLong(2));
    }
  }

  /** The session's state, null when it is gone (a reused pid is another session: gone). */
  String state(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(state, 'unknown') FROM pg_catalog.pg_stat_activity"
        + " WHERE pid = ? AND " + START_MICROS + " = ?")) {
      ps.setInt(1, pid);
      ps.setLong(2, backendStartMicros);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /**
   * Terminates the session if it is still this one (pid and start in one statement, so a reused
   * pid is never signalled). @return whether a session was signalled
   */
  boolean terminate(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_catalog.pg_stat_activity"
        + " WHERE pid = ? AND " + START_MICROS + " = ?")) {
      ps.setInt(1, pid);
      ps.setLong(2, backendStartMicros);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  @Override
  public String toString() {
    return "backend pid " + pid;
  }
}
