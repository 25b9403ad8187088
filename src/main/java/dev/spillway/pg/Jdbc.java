package dev.spillway.pg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Small JDBC helpers shared by the package: run work in one transaction, run with a
 * {@code pg_catalog}-only search_path (so {@code pg_get_indexdef} and friends qualify every name),
 * and bind parameters.
 */
final class Jdbc {
  private Jdbc() {}

  /** Work that may throw {@link SQLException}. */
  @FunctionalInterface
  interface SqlWork<T> {
    T run() throws SQLException;
  }

  /**
   * Runs {@code work} in a transaction of its own and commits; rolls back on any failure. Call it
   * on a connection with no transaction open; its autocommit mode is restored afterwards.
   */
  static <T> T inTransaction(Connection c, SqlWork<T> work) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    T result;
    try {
      result = work.run();
      c.commit();
    } catch (SQLException | RuntimeException | Error e) {
      rollback(c, e);
      restoreAutoCommit(c, autoCommit, e);
      throw e;
    }
    c.setAutoCommit(autoCommit);
    return result;
  }

  /** Restores autocommit after a failure; a failure to do so is suppressed into {@code primary}. */
  private static void restoreAutoCommit(Connection c, boolean autoCommit, Throwable primary) {
    try {
      if (!c.isClosed()) {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      primary.addSuppressed(e);
    }
  }

  /**
   * Runs {@code work} with {@code search_path = pg_catalog}, restoring the session's previous value
   * afterwards. Catalog functions then schema-qualify every relation they print.
   */
  static <T> T withCatalogSearchPath(Connection c, SqlWork<T> work) throws SQLException {
    String previous;
    try (var s = c.createStatement(); var rs = s.executeQuery("SELECT current_setting('search_path')")) {
      rs.next();
      previous = rs.getString(1);
    }
    setSearchPath(c, "pg_catalog");
    T result;
    try {
      result = work.run();
    } catch (SQLException | RuntimeException | Error e) {
      try {
        setSearchPath(c, previous); // fails too in an aborted transaction: the caller's rollback resets it
      } catch (SQLException restore) {
        e.addSuppressed(restore);
      }
      throw e;
    }
    setSearchPath(c, previous);
    return result;
  }

  private static void setSearchPath(Connection c, String value) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT set_config('search_path', ?, false)")) {
      ps.setString(1, value);
      ps.execute();
    }
  }

  static void bind(PreparedStatement ps, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      ps.setObject(i + 1, values[i]);
    }
  }

  /**
   * Rolls back after {@code primary}; a failure to roll back (a broken connection) is added to it
   * as suppressed, never thrown in its place.
   */
  static void rollback(Connection c, Throwable primary) {
    try {
      if (!c.isClosed()) {
        c.rollback();
      }
    } catch (SQLException e) {
      primary.addSuppressed(e);
    }
  }
}
