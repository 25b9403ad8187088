package dev.spillway.load;

import dev.spillway.pg.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Runs work that may rightly keep the server silent for long (recreating indexes and foreign keys,
 * ANALYZE: {@link TableFinish}) with the connection's stall timeout ({@code --stall-timeout},
 * pgjdbc's network timeout) off, and puts it back afterwards.
 */
final class Unlimited {
  private Unlimited() {}

  static <T> T run(Connection c, Supplier<T> work) {
    int before;
    try {
      before = c.getNetworkTimeout();
      c.setNetworkTimeout(Runnable::run, 0);
    } catch (SQLException e) {
      throw SqlErrors.wrap("turning the stall timeout off for a table's finishing work", e);
    }
    T result = work.get();
    try {
      c.setNetworkTimeout(Runnable::run, before);
    } catch (SQLException e) {
      throw SqlErrors.wrap("restoring the stall timeout after a table's finishing work", e);
    }
    return result;
  }
}
