package dev.spillway.pg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The server sessions of one spill's loads, found by their {@code application_name}, which holds
 * the spill id ({@link #applicationName}). Used after taking the spill's lock: any other session
 * with the id is then left over from an earlier load whose process died or lost its network (a
 * worker still {@code active} in a COPY, or {@code idle in transaction}, holding row locks the
 * new load would wait on). A session that is plain {@code idle} holds no row or transaction lock;
 * it counts only while it holds an advisory lock (session-level, such as a step lock): an idle
 * connection of an application's pool that once served a load keeps the name but nothing the load
 * could wait on, and is never one of {@link #others}. Immutable and thread-safe.
 */
public final class SpillSessions {
  /** PostgreSQL keeps this many bytes of an application_name (NAMEDATALEN - 1). */
  static final int MAX_APPLICATION_NAME_BYTES = 63;

  /**
   * A session of the spill.
   *
   * @param session       pid and start
   * @param state         pg_stat_activity.state ("active", "idle in transaction", ...)
   * @param startedAt     backend_start as text
   * @param applicationName its application_name
   */
  public record Session(BackendSession session, String state, String startedAt, String applicationName) {}

  private SpillSessions() {}

  /**
   * {@code base + " " + role + " " + spillId}, with {@code base} shortened so that the whole fits
   * the server's limit and the spill id is never cut off.
   */
  public static String applicationName(String base, String role, String spillId) {
    String tail = " " + role + " " + spillId;
    int room = MAX_APPLICATION_NAME_BYTES - tail.length();
    String head = base;
    while (head.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > Math.max(0, room) && !head.isEmpty()) {
      head = head.substring(0, head.length() - 1);
    }
    return head + tail;
  }

  /**
   * The sessions in this database whose application_name holds {@code spillId}, but for {@code ownPids}
   * and for sessions in state {@code idle} that hold no advisory lock (nothing a load could wait on).
   */
  public static List<Session> others(Connection c, String spillId, Collection<Integer> ownPids) {
    String sql = "SELECT pid, " + BackendSession.START_MICROS + ", coalesce(state, 'unknown'), backend_start::text,"
        + " application_name FROM pg_catalog.pg_stat_activity WHERE datname = current_database()"
        + " AND pid <> pg_backend_pid() AND strpos(application_name, ?) > 0"
        + " AND (state IS DISTINCT FROM 'idle' OR EXISTS (SELECT 1 FROM pg_catalog.pg_locks l"
        + " WHERE l.pid = pg_stat_activity.pid AND l.locktype = 'advisory'))"
        + " ORDER BY pid";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, spillId);
      List<Session> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (!ownPids.contains(rs.getInt(1))) {
            out.add(new Session(new BackendSession(rs.getInt(1), rs.getLong(2)), rs.getString(3), rs.getString(4),
                rs.getString(5)));
          }
        }
      }
      return out;
    } catch (SQLException e) {
      throw SqlErrors.wrap("looking for sessions left over from an earlier load of spill " + spillId, e);
    }
  }

  /** Whether the session is still there (same pid, same start). */
  public static boolean alive(Connection c, BackendSession s) {
    try {
      return s.state(c) != null;
    } catch (SQLException e) {
      throw SqlErrors.wrap("looking at " + s, e);
    }
  }

  /**
   * Asks the server to end the session ({@code pg_terminate_backend}); false when the role may not
   * (it needs to be the session's role or hold pg_signal_backend) or the session is gone.
   */
  public static boolean terminate(Connection c, BackendSession s) {
    try {
      return s.terminate(c);
    } catch (SQLException e) {
      if ("42501".equals(e.getSQLState())) {
        return false;
      }
      throw SqlErrors.wrap("terminating " + s, e);
    }
  }
}
