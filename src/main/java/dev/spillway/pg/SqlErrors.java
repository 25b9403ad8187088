package dev.spillway.pg;

import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.sql.SQLException;

/**
 * Turns a {@link SQLException} into a {@link PgException} that names what was being done, keeps the
 * SQLState and the cause, and re-asserts the thread's interrupt flag when the failure was an
 * interruption (so a cancelled load stops instead of carrying on with the next segment).
 */
public final class SqlErrors {
  private SqlErrors() {}

  /**
   * @param operation what was being done, e.g. {@code "reading the columns of \"s\".\"t\""}
   * @return the wrapped exception, for the caller to throw
   */
  public static PgException wrap(String operation, SQLException e) {
    reassertInterrupt(e);
    return new PgException(operation + ": " + describe(e), e.getSQLState(), e);
  }

  /**
   * One line: {@code "<message>[ DETAIL: <detail>][ HINT: <hint>] (SQLState 23505)"}. For a server
   * error the server's own message, detail and hint, each once (pgjdbc's message repeats them on
   * {@code Detail:}/{@code Where:} lines; the context is left out); otherwise the driver's message
   * with line breaks folded. The SQLState part is left out when there is none.
   */
  public static String describe(SQLException e) {
    String message;
    org.postgresql.util.ServerErrorMessage server = e instanceof org.postgresql.util.PSQLException p
        ? p.getServerErrorMessage() : null;
    if (server != null && server.getMessage() != null) {
      StringBuilder m = new StringBuilder(server.getMessage());
      if (server.getDetail() != null) {
        m.append(" DETAIL: ").append(server.getDetail());
      }
      if (server.getHint() != null) {
        m.append(" HINT: ").append(server.getHint());
      }
      message = m.toString();
    } else {
      message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    message = message.replaceAll("\\s*\\R\\s*", " ");
    ConnectionStalledException stall = stallIn(e);
    if (stall != null && !message.contains(stall.getMessage())) {
      message = message + ": " + stall.getMessage();
    }
    return e.getSQLState() == null ? message : message + " (SQLState " + e.getSQLState() + ")";
  }

  /** The stall in {@code t}'s cause chain, if the failure was one. */
  public static ConnectionStalledException stallIn(Throwable t) {
    int depth = 0;
    for (Throwable c = t; c != null && depth < 50; depth++) {
      if (c instanceof ConnectionStalledException s) {
        return s;
      }
      c = c.getCause() == c ? null : c.getCause();
    }
    return null;
  }

  /**
   * Sets the current thread's interrupt flag if {@code t}'s cause chain (including chained
   * {@link SQLException#getNextException()}s) holds an interruption. A socket timeout is not one.
   *
   * @return whether an interruption was found
   */
  public static boolean reassertInterrupt(Throwable t) {
    if (isInterruption(t)) {
      Thread.currentThread().interrupt();
      return true;
    }
    return false;
  }

  static boolean isInterruption(Throwable t) {
    int depth = 0;
    for (Throwable c = t; c != null && depth < 50; depth++) {
      if (c instanceof InterruptedException || c instanceof ClosedByInterruptException
          || (c instanceof InterruptedIOException && !(c instanceof SocketTimeoutException))) {
        return true;
      }
      if (c instanceof SQLException sql && sql.getNextException() != null && isInterruption(sql.getNextException())) {
        return true;
      }
      c = c.getCause() == c ? null : c.getCause();
    }
    return false;
  }
}
