package dev.spillway.pg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Serializes one step of a shared load across its loaders: a session-level
 * {@code pg_advisory_lock(key)}, {@code key = }{@link SpillLockKey#of}(the step's name), taken on
 * the given connection for the length of the step and waited for without a bound (the caller
 * turns the stall timeout off). The steps: a loader's setup ({@link #setup}: tables created and
 * checked, claims recorded) and a table's start, keys and finish ({@link #table}). They record
 * what they did in the control schema, so the loader that gets the lock second finds the work
 * done. A lock whose session dies goes with it. Stateless.
 */
public final class StepLock {
  private StepLock() {}

  /** The name of the lock of a loader's setup. */
  public static String setup(String spillId) {
    return "setup " + spillId;
  }

  /** The name of the lock of a table's start, keys and finish. */
  public static String table(String spillId, QualifiedName table) {
    return "table " + spillId + " " + table.sql();
  }

  /** Runs {@code step} holding the lock {@code name}; the connection must have no open transaction. */
  public static <T> T holding(Connection c, String name, Supplier<T> step) {
    long key = SpillLockKey.of(name);
    call(c, "SELECT pg_advisory_lock(?)", key, "waiting for the other loaders' " + name);
    T result;
    try {
      result = step.get();
    } catch (RuntimeException | Error e) {
      try {
        call(c, "SELECT pg_advisory_unlock(?)", key, "releasing the lock of " + name);
      } catch (RuntimeException unlock) {
        e.addSuppressed(unlock); // the session is likely lost, and the lock with it
      }
      throw e;
    }
    call(c, "SELECT pg_advisory_unlock(?)", key, "releasing the lock of " + name);
    return result;
  }

  private static void call(Connection c, String sql, long key, String what) {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, key);
      ps.execute();
    } catch (SQLException e) {
      throw SqlErrors.wrap(what, e);
    }
  }
}
